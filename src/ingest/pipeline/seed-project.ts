import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { countGraph, emptyCounts, ensureSchema, loadGraphs, writeBookmarks, type GraphCounts, type WriteCounts } from "../load/run.js";
import type { SourceGraph } from "../../model/graph.js";
import { InputError, problemAt, type Problem } from "../../model/problem.js";
import { SEED_DIR } from "../../paths.js";
import { readEnv, type Env } from "../../config.js";
import type { ArticleSources } from "../read/index.js";
import { fold } from "../../lexicon/arabic.js";
import type { BuiltSource } from "./build.js";
import { runArticles, warningsOrThrow } from "./stages.js";

/** The I/O edge of seeding: read seed/, run the article stages for every article, load once. */

// The CLIs and benchmarks name the default seed folder through this module.
export { SEED_DIR };

/** The seed folder the commands read (and `review` writes): SANAD_SEED_DIR, else the repository's seed/. */
export function configuredSeedDir(env: Pick<Env, "SANAD_SEED_DIR"> = readEnv()): string {
  return env.SANAD_SEED_DIR ?? SEED_DIR;
}

export interface SeedReport {
  sources: string[];
  writes: WriteCounts;
  graph: GraphCounts;
  millis: number;
  /** Where the writes ended: a reader that waits for these bookmarks sees them (X-Neo4j-Bookmark). */
  bookmarks: string[];
}

/**
 * Builds the graph of each article (ARTICLE_STAGES, no writes); the problems of all files are
 * reported together, so one run shows every mistake, in an InputError when any is an error.
 * Warnings go to `onWarning`.
 */
export async function buildArticles(
  articles: readonly Omit<ArticleSources, "gazetteerPath">[],
  gazetteerPath: string,
  onProgress?: (done: number, total: number, built: BuiltSource) => void,
  onWarning?: (problem: Problem) => void,
): Promise<BuiltSource[]> {
  const built: BuiltSource[] = [];
  const run = await runArticles(
    articles.map((a) => ({ ...a, gazetteerPath })),
    undefined,
    (work) => {
      built.push(work.built!);
      onProgress?.(built.length, articles.length, work.built!);
    },
  );
  warningsOrThrow(run.problems).forEach((p) => onWarning?.(p));
  return built;
}

/** Every article of a seed folder: one per *.meta.yaml, with seed/gazetteer.yaml. */
export async function buildSeedGraphs(seedDir = SEED_DIR, onWarning?: (problem: Problem) => void): Promise<BuiltSource[]> {
  const metaFiles = (await readdir(seedDir)).filter((f) => f.endsWith(".meta.yaml")).sort();
  if (metaFiles.length === 0) throw new InputError([problemAt("read:folder", seedDir, undefined, "no *.meta.yaml article in this folder")]);
  return buildArticles(metaFiles.map((f) => ({ metaPath: join(seedDir, f) })), join(seedDir, "gazetteer.yaml"), undefined, onWarning);
}

/**
 * Sources per transaction: each batch is atomic. One transaction of ~1,000 articles exceeds the
 * server's transaction memory (db.memory.transaction.total.max, 512m in neo4j/conf/neo4j.conf).
 */
export const SOURCES_PER_TRANSACTION = 200;

export async function loadSourceGraphs(
  driver: Driver,
  graphs: readonly SourceGraph[],
  database?: string,
): Promise<SeedReport> {
  const started = performance.now();
  await ensureSchema(driver, database);
  const writes = emptyCounts();
  for (let i = 0; i < graphs.length; i += SOURCES_PER_TRANSACTION) {
    const batch = await loadGraphs(driver, graphs.slice(i, i + SOURCES_PER_TRANSACTION), fold, database);
    for (const k of Object.keys(writes) as (keyof WriteCounts)[]) writes[k] += batch[k];
  }
  const millis = performance.now() - started;
  return { sources: graphs.map((g) => g.source.id), writes, graph: await countGraph(driver, database), millis, bookmarks: await writeBookmarks(driver) };
}

export async function seedProject(
  driver: Driver,
  options: { seedDir?: string; database?: string; onWarning?: (problem: Problem) => void } = {},
): Promise<SeedReport> {
  const started = performance.now();
  const built = await buildSeedGraphs(options.seedDir, options.onWarning);
  const report = await loadSourceGraphs(driver, built.map((b) => b.graph), options.database);
  return { ...report, millis: performance.now() - started };
}
