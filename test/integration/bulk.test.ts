import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareCorpus } from "../../bench/corpus.js";
import { bulkImportLocal, BulkImportError, listShards, writeShards } from "../../src/ingest/bulk/index.js";
import { SCHEMA_STATEMENTS } from "../../src/ingest/load/constraints.js";
import { loadGraphs } from "../../src/ingest/load/run.js";
import { fold } from "../../src/lexicon/arabic.js";
import type { SourceGraph } from "../../src/model/graph.js";
import { graphChecksum } from "../../src/neo4j/checksum.js";
import { stop } from "../../src/neo4j/local-server.js";
import { faultDriver, ownInstance, wipe } from "../support/fault-neo4j.js";

/**
 * The bulk backfill (npm run ingest -- --bulk) against the transactional loader on the same
 * articles: the seed article and synthetic ones, shared entities and claims spread over several
 * shards and several transactions. It needs a Neo4j of its own, which it stops and imports into
 * (TEST_BULK_NEO4J_* move it): one server start, since the import goes into a fresh instance.
 */

const ARTICLES = 90;
const SHARD = 30;
const PER_TRANSACTION = 25;

const o = ownInstance("BULK", "bulk", { bolt: 7725, http: 7726 });
let graphs: SourceGraph[];
let out: string;
let driver: Driver | undefined;

beforeAll(async () => {
  graphs = (await prepareCorpus(ARTICLES)).graphs;
  out = mkdtempSync(join(tmpdir(), "sanad-bulk-test-"));
  await stop(o);
  // An empty database (the system database and its password stay): the import needs no server
  // start before it, only after.
  const data = join(o.home, "instances", o.name, "data");
  for (const dir of ["databases", "transactions"]) rmSync(join(data, dir, "neo4j"), { recursive: true, force: true });
});

afterAll(async () => {
  await driver?.close();
  await stop(o);
  rmSync(out, { recursive: true, force: true });
});

describe("bulk backfill", () => {
  it("imports shards into an empty database: the same graph as the transactional loader's, and the schema", async () => {
    expect(writeShards(out, graphs, fold, "part", SHARD)).toEqual(["part-0001", "part-0002", "part-0003"]);
    expect(listShards(out)).toHaveLength(3);

    const report = await bulkImportLocal(o, out);
    expect(report.sources).toBe(ARTICLES);
    driver = faultDriver(o);
    const bulk = await graphChecksum(driver);
    expect(bulk.nodes).toBeGreaterThan(5000);

    const { records: indexes } = await driver.executeQuery("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN collect(name) AS names");
    const created = SCHEMA_STATEMENTS.map((s) => /^CREATE (?:\w+ )*?(?:INDEX|CONSTRAINT) (\w+)/.exec(s)?.[1]).filter((n) => n !== undefined);
    expect((indexes[0]!.get("names") as string[]).sort()).toEqual(expect.arrayContaining(created));

    // What the merge has to get right is there: claims cited by several sources, entities with no alias.
    const { records } = await driver.executeQuery(
      `CALL () { MATCH (c:Claim)-[:EVIDENCE]->(m:Mention) WITH c, count(DISTINCT m.sourceId) AS sources WHERE sources > 1 RETURN count(c) AS shared }
       CALL () { MATCH (e:Entity) WHERE e.aliases = [] RETURN count(e) AS noAlias }
       RETURN shared, noAlias`,
    );
    expect(Number(records[0]!.get("shared"))).toBeGreaterThan(10);
    expect(Number(records[0]!.get("noAlias"))).toBeGreaterThan(0);

    await wipe(driver);
    for (let i = 0; i < graphs.length; i += PER_TRANSACTION) await loadGraphs(driver, graphs.slice(i, i + PER_TRANSACTION), fold);
    const transactional = await graphChecksum(driver);
    expect(transactional).toEqual(bulk);
  }, 900_000);

  it("refuses a database that holds a graph, and leaves it as it was", async () => {
    driver ??= faultDriver(o);
    const before = await graphChecksum(driver);
    await expect(bulkImportLocal(o, out)).rejects.toThrow(BulkImportError);
    await expect(bulkImportLocal(o, out)).rejects.toThrow(/holds [\d,]+ nodes/);
    expect(await graphChecksum(driver)).toEqual(before);
  });
});
