import { spawn, type ChildProcess } from "node:child_process";
import type { Neo4jTarget } from "../../src/config.js";
import { REPO_ROOT } from "../../src/paths.js";

/** The project's commands run as a user runs them (compiled, as `npm start` runs): a child process, its own environment, its exit code. */

export { REPO_ROOT };

export type Cli = "seed" | "ingest" | "serve" | "start" | "review";

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  child: ChildProcess;
  /** Everything written so far to stdout and stderr. */
  output(): { stdout: string; stderr: string };
  /** Resolves when the process has exited. */
  done: Promise<CliResult>;
}

/**
 * The environment a command gets: the parent's, minus every Neo4j and API setting that could
 * point it elsewhere and the test runner's own (NODE_ENV=test changes how libraries behave, e.g.
 * Apollo's signal handling), plus the target's connection.
 */
export function cliEnv(target: Neo4jTarget, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(NEO4J_|SANAD_|TEST_NEO4J_|TEST_FAULTS_|VITEST|NODE_ENV$|PORT$|HOST$|LOG_LEVEL$)/.test(k)),
  );
  return {
    ...inherited,
    NEO4J_URI: target.uri,
    NEO4J_USERNAME: target.username,
    NEO4J_PASSWORD: target.password,
    ...(target.database ? { NEO4J_DATABASE: target.database } : {}),
    ...extra,
  };
}

/** `stdin`: what the command reads on standard input (none by default). */
export function spawnCli(cli: Cli, args: readonly string[], env: NodeJS.ProcessEnv, stdin?: string | Buffer): RunningCli {
  // The compiled commands, as `npm start` runs them; test/global-setup.ts builds dist/ when stale.
  const child = spawn(process.execPath, ["--enable-source-maps", `dist/cli/${cli}.js`, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (stdin !== undefined) child.stdin!.end(stdin);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const done = new Promise<CliResult>((ok, fail) => {
    child.once("error", fail);
    child.once("close", (code, signal) => ok({ code, signal, stdout, stderr }));
  });
  return { child, output: () => ({ stdout, stderr }), done };
}

export function runCli(cli: Cli, args: readonly string[], env: NodeJS.ProcessEnv, stdin?: string | Buffer): Promise<CliResult> {
  return spawnCli(cli, args, env, stdin).done;
}

/** A Node stack frame ("    at f (file.ts:1:2)"): users get messages, not traces. */
export const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
