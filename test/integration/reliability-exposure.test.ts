import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readEnv } from "../../src/config.js";
import { cliEnv, runCli } from "../support/cli.js";
import { graphState, testDriver } from "../support/graph.js";
import { startServe, type ServeProcess } from "../support/serve.js";
import { accepts, externalAddresses, isLoopback, listeningAddresses } from "../support/sockets.js";

/**
 * Exposure of the running servers: Neo4j and the API listen on loopback by default; the API
 * cannot write; no log line, message or response carries a password. What the repository holds
 * (no password, a loopback configuration) is checked in test/unit/repository.test.ts.
 */

async function expectLoopbackOnly(port: number) {
  const addresses = listeningAddresses(port);
  if (addresses !== undefined) {
    expect(addresses.length, `something listens on ${port}`).toBeGreaterThan(0);
    expect(addresses.filter((a) => !isLoopback(a)), `port ${port} bound to ${addresses.join(", ")}`).toEqual([]);
  }
  for (const address of externalAddresses()) expect(await accepts(address, port), `${address}:${port}`).toBe(false);
}

/**
 * The server's instance folder when the global setup runs the project-managed one; a container or
 * NEO4J_URI server is not this project's to configure, so those runs check the API only.
 */
const instanceDir = inject("neo4jInstanceDir");

describe.runIf(instanceDir !== null)("the project-managed Neo4j the tests use", () => {
  it("listens on 127.0.0.1 only, as its configuration says", async () => {
    const conf = readFileSync(join(instanceDir!, "conf", "neo4j.conf"), "utf8");
    const bolt = Number(new URL(inject("neo4j").uri).port);
    expect(conf).toContain(`\nserver.bolt.listen_address=127.0.0.1:${bolt}\n`);
    const http = Number(/^server\.http\.listen_address=127\.0\.0\.1:(\d+)$/m.exec(conf)?.[1]);
    expect(http).toBeGreaterThan(0);
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
  });

  it.runIf(instanceDir !== null)("Neo4j's own logs hold neither password after a refused login", async () => {
    const refused = neo4j.driver(target().uri, neo4j.auth.basic(target().username, canary));
    await expect(refused.verifyConnectivity()).rejects.toThrow(/authentication failure/i);
    await refused.close();
    const logs = readdirSync(join(instanceDir!, "logs"));
    expect(logs).toContain("neo4j.log");
    for (const log of logs) {
      const text = readFileSync(join(instanceDir!, "logs", log), "utf8");
      expect(text, log).not.toContain(canary);
      expect(text, log).not.toContain(target().password);
    }
  });
});
