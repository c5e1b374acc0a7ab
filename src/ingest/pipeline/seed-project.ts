import { readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Driver } from "neo4j-driver";
import { buildNameIndex, type NameIndex } from "../extract/index.js";
import { countGraph, emptyCounts, ensureSchema, loadGraphs, type GraphCounts, type WriteCounts } from "../load/run.js";
import type { SourceGraph } from "../../model/graph.js";
import { InputError, type Problem } from "../../model/problem.js";
import type { GazetteerEntry } from "../../model/seed-files.js";
import { loadSeedArticle, type ArticleSources } from "../read/index.js";
import { fold } from "../../lexicon/arabic.js";
import { buildSourceGraph, type BuiltSource } from "./build.js";

/** The I/O edge of seeding: read seed/, run the pure pipeline for every article, load once. */

export const SEED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../seed");

export interface SeedReport {
  sources: string[];
  writes: WriteCounts;
  graph: GraphCounts;
  millis: number;
}

/**
 * Builds the graph of each article (pure stages, no writes); the problems of all files are
 * reported together, so one run shows every mistake.
 */
export async function buildArticles(
  articles: readonly Omit<ArticleSources, "gazetteerPath">[],
  gazetteerPath: string,
  onProgress?: (done: number, total: number, built: BuiltSource) => void,
): Promise<BuiltSource[]> {
  const problems: Problem[] = [];
  const built: BuiltSource[] = [];
  let names: { entries: GazetteerEntry[]; index: NameIndex } | undefined;
  for (const sources of articles) {
    try {
      const seed = await loadSeedArticle({ ...sources, gazetteerPath });
      const entries = seed.gazetteer.value.entities;
      names ??= { entries, index: buildNameIndex(entries) };
      const one = buildSourceGraph(
        { meta: seed.meta, text: seed.article.text, sha256: seed.article.sha256, file: seed.article.file },
        names.index,
        seed.resolved,
        { trusted: seed.facts !== undefined },
      );
      built.push(one);
      onProgress?.(built.length, articles.length, one);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return built;
}

/** Every article of a seed folder: one per *.meta.yaml, with seed/gazetteer.yaml. */
export async function buildSeedGraphs(seedDir = SEED_DIR): Promise<BuiltSource[]> {
  const metaFiles = (await readdir(seedDir)).filter((f) => f.endsWith(".meta.yaml")).sort();
  if (metaFiles.length === 0) throw new InputError([{ file: seedDir, message: "no *.meta.yaml article in this folder" }]);
  return buildArticles(metaFiles.map((f) => ({ metaPath: join(seedDir, f) })), join(seedDir, "gazetteer.yaml"));
}

/** Writes the graphs in one transaction after creating constraints and indexes. */
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
  return { sources: graphs.map((g) => g.source.id), writes, graph: await countGraph(driver, database), millis };
}

export async function seedProject(driver: Driver, options: { seedDir?: string; database?: string } = {}): Promise<SeedReport> {
  const started = performance.now();
  const built = await buildSeedGraphs(options.seedDir);
  const report = await loadSourceGraphs(driver, built.map((b) => b.graph), options.database);
  return { ...report, millis: performance.now() - started };
}
