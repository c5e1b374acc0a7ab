import { createServer } from "node:net";
import { spawnCli, waitFor, type CliResult, type RunningCli } from "./cli.js";

/** `npm run serve` as a separate process, as users run it: its own event loop, its own logs. */

export interface ServeProcess {
  /** The GraphQL endpoint it printed, e.g. http://127.0.0.1:4123/graphql. */
  url: string;
  /** The same without /graphql, for /health, /ready and the rest. */
  site: string;
  cli: RunningCli;
  /** SIGTERM, then its exit. */
  stop(): Promise<CliResult>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Starts the API on a free port with `env` (see cliEnv) and, unless told not to, waits until it answers /ready. */
export async function startServe(env: NodeJS.ProcessEnv, { waitUntilReady = true } = {}): Promise<ServeProcess> {
  const cli = spawnCli("serve", [], { ...env, PORT: String(await freePort()) });
  const url = await waitFor(
    "the API to print its URL",
    async () => {
      if (cli.child.exitCode !== null) throw new Error(`serve exited with ${cli.child.exitCode}:\n${cli.output().stderr}`);
      return /^GraphQL API\s+(\S+)/m.exec(cli.output().stdout)?.[1];
    },
    60_000,
  );
  const site = url.replace(/\/graphql$/, "");
  if (waitUntilReady) await waitFor("the API to be ready", async () => ((await fetch(`${site}/ready`)).status === 200 ? true : undefined), 60_000, 200);
  return {
    url,
    site,
    cli,
    stop: async () => {
      cli.child.kill("SIGTERM");
      return cli.done;
    },
  };
}
