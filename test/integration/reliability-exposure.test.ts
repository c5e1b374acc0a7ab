import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readEnv } from "../../src/config.js";
import { instanceFromEnv } from "../../src/neo4j/local-server.js";
import { cliEnv, REPO_ROOT, runCli } from "../support/cli.js";
import { graphState, testDriver } from "../support/graph.js";
import { findSecrets, scanRepository } from "../support/secrets.js";
import { startServe, type ServeProcess } from "../support/serve.js";
import { accepts, externalAddresses, isLoopback, listeningAddresses } from "../support/sockets.js";

/**
 * Secrets and exposure: no password in the repository but the documented local-only default;
 * Neo4j and the API listen on loopback by default; the API cannot write; no log line, message
 * or response carries a password.
 */

/** The documented local-only default, from .env.example, which must also be the configuration's default. */
function documentedDefault(): string {
  const line = readFileSync(join(REPO_ROOT, ".env.example"), "utf8").match(/^NEO4J_PASSWORD=(.+)$/m);
  expect(line, ".env.example documents NEO4J_PASSWORD").not.toBeNull();
  return line![1]!.trim();
}

describe("no password in the repository", () => {
  it("finds a planted password in every form it looks for, and lets references and the default pass", () => {
    // Put together here, so that this file itself holds no password.
    const fake = ["hunter2", "hunter2"].join("");
    const planted = [
      ["src/x.ts", `const password = "${fake}";`],
      ["src/x.ts", `neo4j.auth.basic("neo4j", "${fake}")`],
      ["src/x.ts", `const uri = "bolt://neo4j:${fake}@db.example.org:7687";`],
      [".env", `NEO4J_PASSWORD=${fake}`],
      ["docker-compose.yml", `      NEO4J_AUTH: neo4j/\${NEO4J_PASSWORD:-${fake}}`],
      ["config.yaml", `  api_key: ${fake}`],
      ["src/x.ts", `const key = "AKIA${"A".repeat(16)}";`],
    ];
    for (const [file, text] of planted) expect(findSecrets(file!, text!, ["sanad-local-only"]).length, text).toBe(1);
    const harmless = [
      ["src/x.ts", "password: env.NEO4J_PASSWORD,"],
      ["src/x.ts", "password: string;"],
      [".env.example", "NEO4J_PASSWORD=sanad-local-only"],
      ["docker-compose.yml", "      NEO4J_PASSWORD: ${NEO4J_PASSWORD:-sanad-local-only}"],
      ["src/x.ts", 'neo4j.auth.basic(t.username, t.password)'],
    ];
    for (const [file, text] of harmless) expect(findSecrets(file!, text!, ["sanad-local-only"]), text).toEqual([]);
  });

  it("has none in any file git would commit, except the documented local-only default", () => {
    const allowed = documentedDefault();
    expect(allowed).toBe("sanad-local-only");
    expect(readEnv({}).NEO4J_PASSWORD).toBe(allowed);
    const { files, findings } = scanRepository(REPO_ROOT, [allowed]);
    expect(files).toBeGreaterThan(50);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.value}`)).toEqual([]);
  });

  it("documents every connection variable in .env.example and keeps .env out of git", async () => {
    const example = readFileSync(join(REPO_ROOT, ".env.example"), "utf8");
    for (const name of ["NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "PORT"]) expect(example).toMatch(new RegExp(`^#? ?${name}=`, "m"));
    const { execFileSync } = await import("node:child_process");
    expect(execFileSync("git", ["check-ignore", ".env"], { cwd: REPO_ROOT, encoding: "utf8" }).trim()).toBe(".env");
  });
});

/** The project-managed instance serving `boltPort`, if the tests' Neo4j is one. */
function managedInstanceDir(boltPort: number): string | undefined {
  const home = join(instanceFromEnv(readEnv()).home, "instances");
  if (!existsSync(home)) return undefined;
  return readdirSync(home)
    .map((name) => join(home, name))
    .find((dir) => {
      const conf = join(dir, "conf", "neo4j.conf");
      return existsSync(conf) && readFileSync(conf, "utf8").includes(`server.bolt.listen_address=127.0.0.1:${boltPort}\n`);
    });
}

async function expectLoopbackOnly(port: number) {
  const addresses = listeningAddresses(port);
  if (addresses !== undefined) {
    expect(addresses.length, `something listens on ${port}`).toBeGreaterThan(0);
    expect(addresses.filter((a) => !isLoopback(a)), `port ${port} bound to ${addresses.join(", ")}`).toEqual([]);
  }
  for (const address of externalAddresses()) expect(await accepts(address, port), `${address}:${port}`).toBe(false);
}

describe("loopback by default", () => {
  it("Neo4j: the configuration listens on 127.0.0.1, and so does the tests' server", async () => {
    const template = readFileSync(join(REPO_ROOT, "neo4j/conf/neo4j.conf"), "utf8");
    expect(template).toMatch(/^server\.default_listen_address=127\.0\.0\.1$/m);
    for (const m of template.matchAll(/^server\.\w+\.listen_address=(.*)$/gm)) expect(m[1]).toMatch(/^127\.0\.0\.1:/);

    const bolt = Number(new URL(inject("neo4j").uri).port);
    const instance = managedInstanceDir(bolt);
    // A container or NEO4J_URI server is not this project's to configure; the project-managed one is.
    if (instance === undefined) return;
    const conf = readFileSync(join(instance, "conf", "neo4j.conf"), "utf8");
    const http = Number(/^server\.http\.listen_address=127\.0\.0\.1:(\d+)$/m.exec(conf)?.[1]);
    expect(conf).not.toMatch(/^server\.\w+\.listen_address=(?!127\.0\.0\.1:)/m);
    await expectLoopbackOnly(bolt);
    await expectLoopbackOnly(http);
  });
});

describe("the API, and what the commands and the API print", () => {
  const target = () => inject("neo4j");
  /** A wrong password no one has: it must not come back in any output. */
  const canary = `canary-${randomBytes(12).toString("hex")}`;
  let driver: Driver;
  let api: ServeProcess;
  let wrong: ServeProcess;

  beforeAll(async () => {
    driver = testDriver();
    // HOST left out: the default must be loopback. Debug logging: the most the API ever prints.
    [api, wrong] = await Promise.all([
      startServe(cliEnv(target(), { LOG_LEVEL: "trace" })),
      startServe(cliEnv({ ...target(), password: canary }, { LOG_LEVEL: "trace" }), { waitUntilReady: false }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([api?.stop(), wrong?.stop()]);
    await driver?.close();
  });

  it("listens on 127.0.0.1 when HOST is not set", async () => {
    expect(readEnv({}).HOST).toBe("127.0.0.1");
    expect(new URL(api.url).hostname).toBe("127.0.0.1");
    await expectLoopbackOnly(Number(new URL(api.url).port));
  });

  it("is read-only: no Mutation type, and a mutation is refused", async () => {
    const ask = async (query: string) => {
      const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
    };
    const before = await graphState(driver);
    expect((await ask("{ __schema { mutationType { name } subscriptionType { name } } }")).body.data).toEqual({
      __schema: { mutationType: null, subscriptionType: null },
    });
    for (const mutation of ["mutation { deleteEntities { nodesDeleted } }", 'mutation { createEntities(input: [{id: "x"}]) { entities { id } } }']) {
      const r = await ask(mutation);
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0]?.message).toMatch(/read-only/);
    }
    expect(await graphState(driver)).toEqual(before);
  });

  it("never prints a password: commands and the API, with the right one and with a wrong one", async () => {
    const password = target().password;
    const before = await graphState(driver);
    // The API, working and failing: a query, a refused one, readiness; then without access.
    const asked = await Promise.all([
      fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ entity(id: "qatar") { id } }` }) }),
      fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ nope }" }) }),
      fetch(`${api.site}/ready`),
      fetch(`${wrong.site}/ready`),
      fetch(wrong.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ entity(id: "qatar") { id } }` }) }),
    ]);
    expect(asked.map((r) => r.status)).toEqual([200, 400, 200, 503, 503]);
    const replies = await Promise.all(asked.map((r) => r.text()));
    // The commands, working and failing.
    const [seeded, refused] = await Promise.all([
      runCli("seed", [], cliEnv(target())),
      runCli("seed", [], cliEnv({ ...target(), password: canary })),
    ]);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Cannot reach Neo4j: .*authentication failure/im);
    expect(await graphState(driver)).toEqual(before);

    const [apiExit, wrongExit] = await Promise.all([api.stop(), wrong.stop()]);
    // SIGTERM: a clean shutdown, not a kill half-way through it.
    expect([apiExit.code, wrongExit.code]).toEqual([0, 0]);
    const printed = [seeded, refused, apiExit, wrongExit].flatMap((r) => [r.stdout, r.stderr]);
    expect(printed.join("").length).toBeGreaterThan(0);
    for (const text of [...printed, ...replies]) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(canary);
    }
    // Neo4j's own logs, for the server the tests use when it is project-managed.
    const instance = managedInstanceDir(Number(new URL(target().uri).port));
    if (instance === undefined) return;
    for (const log of readdirSync(join(instance, "logs"))) {
      const text = readFileSync(join(instance, "logs", log), "utf8");
      expect(text, log).not.toContain(canary);
      expect(text, log).not.toContain(password);
    }
  });
});
