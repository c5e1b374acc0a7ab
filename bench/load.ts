import type { Driver } from "neo4j-driver";
import { countGraph, ensureSchema, loadGraphs, type GraphCounts } from "../src/ingest/load/run.js";
import type { SourceGraph } from "../src/model/graph.js";
import { fold } from "../src/lexicon/arabic.js";
import { baselineRows, naiveLoad, unwindLoad } from "./baselines.js";
import { countElements, wipe } from "./neo4j.js";

/**
 * Load benchmark: the loader against the hand-written UNWIND baseline and the naive one, each
 * from an empty database with the schema in place, in the same run. The rate is the nodes plus
 * relationships in the database afterwards over the wall time of the writes.
 */

/**
 * Sources per loadGraphs call (one transaction each). A transaction holds its whole state in
 * Neo4j's memory, capped by db.memory.transaction.total.max (512 MiB in neo4j/conf/neo4j.conf):
 * 1,000 synthetic articles (≈ 150,000 nodes and relationships) exceed it at commit, 500 fit.
 */
export const SOURCES_PER_TRANSACTION = 500;

export interface LoadRun {
  seconds: number;
  elements: number;
  rate: number;
}

async function timed(driver: Driver, write: () => Promise<void>): Promise<LoadRun> {
  await wipe(driver);
  await ensureSchema(driver);
  const started = performance.now();
  await write();
  const seconds = (performance.now() - started) / 1000;
  const c = await countElements(driver);
  const elements = c.nodes + c.relationships;
  return { seconds, elements, rate: elements / seconds };
}

export async function loaderRun(driver: Driver, graphs: readonly SourceGraph[], perTransaction = SOURCES_PER_TRANSACTION): Promise<LoadRun> {
  return timed(driver, async () => {
    for (let i = 0; i < graphs.length; i += perTransaction) await loadGraphs(driver, graphs.slice(i, i + perTransaction), fold);
  });
}

export async function unwindRun(driver: Driver, graphs: readonly SourceGraph[]): Promise<LoadRun> {
  const rows = baselineRows(graphs, fold);
  return timed(driver, () => unwindLoad(driver, rows));
}

/** The naive baseline on the first `subset` sources (at most `statements` of them); its rate stands for the whole corpus. */
export async function naiveRun(driver: Driver, graphs: readonly SourceGraph[], subset: number, statements?: number): Promise<LoadRun & { subset: number }> {
  const rows = baselineRows(graphs.slice(0, subset), fold);
  return { ...(await timed(driver, () => naiveLoad(driver, rows, undefined, statements))), subset: Math.min(subset, graphs.length) };
}

/** Labels and relationship types with their counts, to show the loader and the baseline wrote the same graph. */
export async function shape(driver: Driver): Promise<GraphCounts> {
  return countGraph(driver);
}
