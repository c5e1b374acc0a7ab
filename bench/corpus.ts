import { join } from "node:path";
import { generateCorpus, type SyntheticArticle } from "./corpus/index.js";
import { buildNameIndex, type NameIndex } from "../src/ingest/extract/index.js";
import type { SourceGraph } from "../src/model/graph.js";
import { InputError } from "../src/model/problem.js";
import type { GazetteerEntry } from "../src/model/seed-files.js";
import { buildSourceGraph } from "../src/ingest/pipeline/stages.js";
import { buildSeedGraphs, SEED_DIR } from "../src/ingest/pipeline/seed-project.js";
import { resolveFacts, sha256Hex } from "../src/ingest/resolve/index.js";
import { readGazetteer } from "../src/ingest/read/index.js";
import { spread, type Spread } from "./stats.js";

/**
 * The benchmark's corpus: the seed article, then synthetic articles (src/corpus) in its style. A
 * graph of N articles is the seed article plus the first N − 1 synthetic ones, so every size
 * holds the one before it.
 */

export interface Corpus {
  gazetteer: GazetteerEntry[];
  names: NameIndex;
  synthetic: SyntheticArticle[];
  /** Seed article first, then the synthetic articles in order. */
  graphs: SourceGraph[];
}

/** The pure pipeline for one synthetic article: resolve its facts, then parse → extract → resolve → validate. */
export function buildSynthetic(article: SyntheticArticle, names: NameIndex): SourceGraph {
  const { resolved, problems } = resolveFacts(article.facts, article.text, { file: article.meta.id, article: article.meta.id });
  if (problems.length > 0) throw new InputError(problems);
  const input = { meta: article.meta, text: article.text, sha256: sha256Hex(article.text), file: article.meta.id };
  return buildSourceGraph(input, names, resolved, { trusted: true }).graph;
}

export async function prepareCorpus(articles: number): Promise<Corpus> {
  const gazetteer = (await readGazetteer(join(SEED_DIR, "gazetteer.yaml"))).value.entities;
  const names = buildNameIndex(gazetteer);
  const seed = (await buildSeedGraphs()).map((b) => b.graph);
  const synthetic = generateCorpus(gazetteer, { count: Math.max(0, articles - seed.length) });
  return { gazetteer, names, synthetic, graphs: [...seed, ...synthetic.map((a) => buildSynthetic(a, names))] };
}

export interface ExtractionResult {
  articles: number;
  megabytes: number;
  /** Articles per second of CPU time of this (single-threaded) process: the rate on one core. */
  perCoreSecond: Spread;
  /** Articles per second of wall time, which a busy machine lowers. */
  perWallSecond: Spread;
  megabytesPerCoreSecond: Spread;
}

/** Runs the pipeline over the articles `runs` times (after a warm-up), timing CPU and wall clock; no I/O inside. */
export function extractionBench(corpus: Pick<Corpus, "names" | "synthetic">, runs: number): ExtractionResult {
  const { names, synthetic } = corpus;
  const megabytes = synthetic.reduce((n, a) => n + Buffer.byteLength(a.text, "utf8"), 0) / 1e6;
  const once = () => {
    for (const a of synthetic) buildSynthetic(a, names);
  };
  once();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    once();
    const used = process.cpuUsage(cpu0);
    wall.push((performance.now() - wall0) / 1000);
    cpu.push((used.user + used.system) / 1e6);
  }
  return {
    articles: synthetic.length,
    megabytes,
    perCoreSecond: spread(cpu.map((s) => synthetic.length / s)),
    perWallSecond: spread(wall.map((s) => synthetic.length / s)),
    megabytesPerCoreSecond: spread(cpu.map((s) => megabytes / s)),
  };
}
