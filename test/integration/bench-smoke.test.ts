import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERIES } from "../../bench/queries.js";
import { renderReport, targetChecks } from "../../bench/report.js";
import { runBench, SMOKE, writeReport, type BenchResults } from "../../bench/run.js";
import { start, stop, target } from "../../src/neo4j/local-server.js";
import { faultDriver, ownInstance } from "../support/fault-neo4j.js";

/**
 * The benchmark in smoke mode (tiny sizes), so its code cannot rot. Nothing here asserts a
 * timing: only that every part ran, measured something, and wrote its report. The benchmark
 * wipes its database, so it gets a Neo4j of its own (TEST_BENCH_NEO4J_* move it) and runs beside
 * the other files instead of between the writers.
 */

const instance = ownInstance("BENCH", "bench-smoke", { bolt: 7727, http: 7728 });
let driver: Driver;

beforeAll(async () => {
  await start(instance);
  driver = faultDriver(instance);
}, 120_000);

afterAll(async () => {
  await driver?.close();
  await stop(instance);
});

describe("npm run bench:smoke", () => {
  it("runs extraction, load, queries and memory, checks answers, and writes the report and the plot", async () => {
    const results: BenchResults = await runBench({ smoke: true, target: target(instance), log: () => undefined });

    expect(results.config).toEqual(SMOKE);
    expect(results.extraction.articles).toBe(SMOKE.extractionArticles);
    expect(results.extraction.perCoreSecond.runs).toHaveLength(SMOKE.extractionRuns);
    expect(results.accuracy.articles).toBe(SMOKE.extractionArticles);
    expect(results.accuracy.scores.mentions.truth).toBeGreaterThan(100);

    // Streaming ingest: both thread counts measured in every run, and the command's own summary read back.
    expect(results.ingest!.workers.ratio.runs).toHaveLength(SMOKE.workerRuns);
    expect(results.ingest!.workers.two.median).toBeGreaterThan(0);
    expect(results.ingest!.endToEnd.articles).toBe(SMOKE.ingestArticles);
    expect(results.ingest!.endToEnd.elements).toBeGreaterThan(1000);
    expect(results.ingest!.endToEnd.peakRssMiB).toBeGreaterThan(20);

    const [load] = results.load;
    expect(load!.articles).toBe(12);
    expect(load!.sameShape).toBe(true);
    expect(load!.loader.runs).toHaveLength(SMOKE.loadRuns);
    expect(load!.elements).toBeGreaterThan(1000);
    expect(load!.naiveSubset).toBe(SMOKE.naiveSubset);
    expect(load!.ratioToUnwind.median).toBeGreaterThan(0);

    expect(results.queries.map((q) => q.articles)).toEqual([1, 12]);
    for (const size of results.queries) {
      expect(size.rows.map((r) => r.query)).toEqual(QUERIES.map((q) => q.name));
      for (const row of size.rows) {
        expect(row.answerChars, row.query).toBeGreaterThan(20);
        expect(row.graphql.throughput.median, row.query).toBeGreaterThan(0);
        expect(row.cypher.throughput.median, row.query).toBeGreaterThan(0);
      }
      expect(size.apiRss.peakMiB).toBeGreaterThan(20);
      expect(size.longestClaimText!.chars).toBeGreaterThan(0);
      expect(size.longestClaimText!.bytes).toBeGreaterThanOrEqual(size.longestClaimText!.chars);
    }
    expect(results.nameLookup!.map((n) => n.entities)).toEqual(SMOKE.entitySizes);
    for (const { row } of results.nameLookup!) {
      expect(row.query).toBe("entitiesByName");
      expect(row.answerChars).toBeGreaterThan(20);
      expect(row.graphql.throughput.median).toBeGreaterThan(0);
    }
    const entities = await driver.executeQuery("MATCH (e:Entity) RETURN count(e) AS n");
    expect(Number(entities.records[0]!.get("n"))).toBe(SMOKE.entitySizes.at(-1));

    const dir = mkdtempSync(join(tmpdir(), "sanad-bench-smoke-"));
    const written = writeReport(results, join(dir, "BENCHMARKS.md"), renderReport);
    const markdown = readFileSync(written.markdown, "utf8");
    expect(markdown).toContain("## Targets");
    expect(markdown).toContain("smoke mode");
    expect(markdown).toContain(`(at most ${SMOKE.naiveStatements} statements)`);
    for (const q of QUERIES) expect(markdown).toContain(`| ${q.name} |`);
    const svg = readFileSync(written.plot, "utf8");
    expect(svg.match(/<polyline/g)).toHaveLength(QUERIES.length * 2);
    const targets = targetChecks(results).map((t) => t.target);
    expect(targets).toContain("extraction ≥ 500 articles/s on one core");
    expect(targets).toContain("longest Claim.text ≤ 4 KB at 12 articles");
    expect(targets).toContain(`entitiesByName: GraphQL p50 at ${SMOKE.entitySizes[1]} entities ≤ 1.5× at ${SMOKE.entitySizes[0]}`);
    expect(markdown).toContain("### entitiesByName against the number of entities");
  }, 240_000);
});
