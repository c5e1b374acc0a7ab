import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../src/config.js";
import { startApi, type RunningApi } from "../../src/serve/api/server.js";
import { start, stop, target } from "../../src/neo4j/local-server.js";
import { seedProject } from "../../src/ingest/pipeline/seed-project.js";
import { writeSyntheticArticles } from "../support/articles.js";
import { cliEnv, runCli, spawnCli, STACK_FRAME, waitFor } from "../support/cli.js";
import { faultDriver, faultInstance, killNeo4j, runningTransactions, wipe } from "../support/fault-neo4j.js";
import { graphState, type GraphState } from "../support/graph.js";

/**
 * Faults against a Neo4j of these tests' own (faultInstance), which they kill and restart, never
 * the shared test server: two seeds at once; Neo4j SIGKILLed in the middle of a load while the
 * API runs. The tests run in order and hand the graph on.
 */

const instance = faultInstance();
const env = cliEnv(target(instance));
/** Enough articles for a load transaction of a few seconds, so that it can be caught in the middle. */
const ARTICLES = 150;

let driver: Driver;
let work: string;
/** The graph one clean seed gives. */
let seeded: GraphState;

beforeAll(async () => {
  await start(instance);
  driver = faultDriver(instance);
  work = await mkdtemp(join(tmpdir(), "sanad-faults-"));
});

afterAll(async () => {
  await driver?.close();
  await stop(instance);
  if (work) await rm(work, { recursive: true, force: true });
});

async function duplicateIds(): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `MATCH (n) WHERE n.id IS NOT NULL
     WITH head(labels(n)) AS label, n.id AS id, count(*) AS copies WHERE copies > 1
     RETURN label + ':' + id AS duplicate`,
  );
  return records.map((r) => r.get("duplicate") as string);
}

describe("the same seed run twice at once, from two processes", () => {
  it("leaves no duplicate node and the graph of one clean seed; a loser would fail cleanly", { timeout: 120_000 }, async () => {
    // The worst case: no constraints yet, so both runs also race to create them.
    await wipe(driver, { schema: true });
    const [a, b] = await Promise.all([runCli("seed", [], env), runCli("seed", [], env)]);
    for (const r of [a, b]) {
      if (r.code === 0) expect(r.stdout).toMatch(/^Seeded 1 source\(s\): lusail-qatar-coalition-2020/m);
      else {
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/^Neo4j refused the request \(Neo\.[A-Za-z.]+\): /m);
        expect(r.stderr).not.toMatch(STACK_FRAME);
      }
    }
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toContain(0);
    expect(await duplicateIds()).toEqual([]);
    const { records } = await driver.executeQuery("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names");
    expect((records[0]!.get("names") as string[]).sort()).toEqual(["claim_id", "entity_id", "mention_id", "quote_id", "source_id"]);
    const raced = await graphState(driver);

    await wipe(driver);
    await seedProject(driver);
    seeded = await graphState(driver);
    expect(raced).toEqual(seeded);
  });
});

interface GraphQLReply {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: string[]; extensions?: { code?: string } }[] };
}

describe("Neo4j SIGKILLed in the middle of a load, under a running API", () => {
  let apiDriver: Driver;
  let api: RunningApi;
  let site: string;
  let files: string[];
  let afterCrash: GraphState;

  beforeAll(async () => {
    apiDriver = faultDriver(instance);
    api = await startApi({ driver: apiDriver, env: readEnv({ LOG_LEVEL: "silent" }), port: 0 });
    site = api.url.replace(/\/graphql$/, "");
    files = await writeSyntheticArticles(join(work, "articles"), ARTICLES);
  });

  afterAll(async () => {
    await api?.close();
    await apiDriver?.close();
  });

  const ask = async (query: string): Promise<GraphQLReply> => {
    const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    return { status: res.status, body: (await res.json()) as GraphQLReply["body"] };
  };
  const qatar = `{ entity(id: "qatar") { id nameEn } }`;

  it("the API answers 503 while Neo4j is down, and serves again after its restart without one of its own", { timeout: 180_000 }, async () => {
    expect(await graphState(driver)).toEqual(seeded);
    expect((await fetch(`${site}/ready`)).status).toBe(200);
    expect((await ask(qatar)).body.data).toEqual({ entity: { id: "qatar", nameEn: "Qatar" } });

    const ingest = spawnCli("ingest", files, env);
    // The load's one transaction, writing mentions: sources and entities written, nothing committed.
    const tx = await waitFor(
      "the load's transaction to write mentions",
      async () => (await runningTransactions(driver)).find((t) => /MERGE \(\w+:Mention\b/.test(t.query)),
      120_000,
      20,
    );
    expect(ingest.child.exitCode).toBeNull();
    // The machine goes down: the database first, then the client that would retry.
    await killNeo4j(instance);
    ingest.child.kill("SIGKILL");
    const killed = await ingest.done;
    expect(killed.stdout, `transaction ${tx.id} was running ${tx.query}`).not.toMatch(/^Seeded/m);

    const [health, ready, down, command] = await Promise.all([
      fetch(`${site}/health`),
      fetch(`${site}/ready`),
      ask(qatar),
      runCli("ingest", [files[0]!], env),
    ]);
    expect(health.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "unavailable", reason: "Neo4j is not reachable" });
    expect(down.status).toBe(503);
    expect(down.body.errors).toHaveLength(1);
    expect(down.body.errors?.[0]).toMatchObject({
      message: "The graph database is not reachable right now; try again shortly.",
      path: ["entity"],
      extensions: { code: "SERVICE_UNAVAILABLE" },
    });
    expect(JSON.stringify(down.body)).not.toMatch(/bolt:|127\.0\.0\.1|\.(js|ts):\d+/);
    // A command run meanwhile says so and exits 1.
    expect(command.code).toBe(1);
    expect(command.stderr).toMatch(/^Cannot reach Neo4j: /m);
    expect(command.stderr).not.toMatch(STACK_FRAME);

    await start(instance);
    await waitFor("/ready to answer 200", async () => ((await fetch(`${site}/ready`)).status === 200 ? true : undefined), 60_000, 250);
    const back = await ask(qatar);
    expect(back.status).toBe(200);
    expect(back.body.data).toEqual({ entity: { id: "qatar", nameEn: "Qatar" } });
    afterCrash = await graphState(driver);
  });

  it("the graph after the restart is the old one or the new one, never a mix", { timeout: 120_000 }, async () => {
    expect(afterCrash).toBeDefined();
    // The new graph, for comparison: the same ingest, left to finish.
    const finished = await runCli("ingest", files, env);
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toMatch(new RegExp(`^Seeded ${ARTICLES} source\\(s\\)`, "m"));
    const loaded = await graphState(driver);
    expect(loaded.checksum).not.toBe(seeded.checksum);
    expect(loaded.counts.nodes).toBeGreaterThan(seeded.counts.nodes);
    const sources = await ask("{ sourcesConnection { totalCount } }");
    expect(sources.body.data).toEqual({ sourcesConnection: { totalCount: ARTICLES + 1 } });

    expect([seeded.checksum, loaded.checksum]).toContain(afterCrash.checksum);
    // Killed in the middle of a statement, the transaction cannot have committed: the old graph, exactly.
    expect(afterCrash).toEqual(seeded);
  });
});
