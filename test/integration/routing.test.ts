import { fileURLToPath } from "node:url";
import neo4j, { Neo4jError, type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Neo4jTarget } from "../../src/config.js";
import { removeSources } from "../../src/ingest/load/run.js";
import { openDriver } from "../../src/neo4j/driver-config.js";
import type { RunningApi } from "../../src/serve/api/server.js";
import { BOOKMARK_HEADER, pipelinedExecution } from "../../src/serve/api/execution.js";
import { startTestApi } from "../api/support.js";
import { cliEnv, runCli } from "../support/cli.js";
import { graphState, type GraphState } from "../support/graph.js";
import { holdWriterLock } from "../support/writer-lock.js";

/**
 * Cluster-ready access against the tests' single server, through a neo4j:// (routing) URI: the
 * driver gets its routing table from the server, the API's statements go as read transactions,
 * `npm run ingest` writes through the same kind of URI and prints its bookmarks, and the API,
 * given them in X-Neo4j-Bookmark, reads those writes. On one server every read sees every write
 * anyway; what this shows is that the bookmarks reach Neo4j (a forged one is refused), which on a
 * cluster makes a follower wait until it has applied them.
 */

holdWriterLock();

const ARTICLE = fileURLToPath(new URL("../fixtures/routing/routing-check.meta.yaml", import.meta.url));
const SOURCE_ID = "test-routing-check";

/** The tests' server through a routing URI: bolt://host:port becomes neo4j://host:port (bolt+s → neo4j+s). */
function routingTarget(): Neo4jTarget {
  const target = inject("neo4j");
  return { ...target, uri: target.uri.replace(/^bolt(\+s|\+ssc)?:/, "neo4j$1:") };
}

let target: Neo4jTarget;
let driver: Driver;
let api: RunningApi;
let before: GraphState;

beforeAll(async () => {
  target = routingTarget();
  driver = openDriver(target, { quiet: true });
  before = await graphState(driver);
  api = await startTestApi(driver);
});
afterAll(async () => {
  await api?.close();
  await removeSources(driver, [SOURCE_ID]);
  // The article leaves nothing behind: the shared graph is as the other files expect it.
  expect(await graphState(driver)).toEqual(before);
  await driver.close();
});

describe("a neo4j:// URI on a single server", () => {
  it("routes reads and writes to the server, from the routing table it hands out", async () => {
    expect(target.uri).toMatch(/^neo4j(\+s|\+ssc)?:\/\//);
    const seed = target.uri.replace(/^[^:]+:\/\//, "");
    for (const routing of [neo4j.routing.READ, neo4j.routing.WRITE]) {
      const { records, summary } = await driver.executeQuery("RETURN 1 AS one", {}, { routing });
      expect(Number(records[0]!.get("one"))).toBe(1);
      expect(summary.server.address).toBe(seed);
    }
  });

  it("runs the API's statements as read transactions: Neo4j refuses a write through them", async () => {
    const session = (pipelinedExecution(driver) as Driver).session();
    const write = session.executeRead((tx) => tx.run("CREATE (:RoutingProbe) RETURN 1"));
    await expect(write).rejects.toSatisfy((e) => e instanceof Neo4jError && e.code === "Neo.ClientError.Statement.AccessMode");
    const { records } = await driver.executeQuery("MATCH (n:RoutingProbe) RETURN count(n) AS n");
    expect(Number(records[0]!.get("n"))).toBe(0);
  });
});

describe("reading one's own writes", () => {
  let bookmarks: string;

  beforeAll(async () => {
    const ingest = await runCli("ingest", [ARTICLE], cliEnv(target));
    expect(ingest.code, ingest.stderr).toBe(0);
    bookmarks = /^X-Neo4j-Bookmark: (.+)$/m.exec(ingest.stdout)?.[1] ?? "";
  });

  it("npm run ingest through neo4j:// prints the bookmarks of its writes", () => {
    expect(bookmarks).not.toBe("");
  });

  it("the API, through neo4j:// and given those bookmarks, answers with the article just written", async () => {
    const res = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", [BOOKMARK_HEADER]: bookmarks },
      body: JSON.stringify({ query: `{ sources(where: { id: { eq: "${SOURCE_ID}" } }) { id title publisher } }` }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: { sources: [{ id: SOURCE_ID, title: "قطر تؤكد التزامها بالتحالف الدولي", publisher: "Test Wire" }] },
    });
  });

  it("passes the bookmarks to Neo4j: one it did not issue is refused with 400", async () => {
    const res = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", [BOOKMARK_HEADER]: "not-a-bookmark" },
      body: JSON.stringify({ query: "{ entity(id: \"qatar\") { id } }" }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0]!.message).toMatch(/X-Neo4j-Bookmark/);
  });
});
