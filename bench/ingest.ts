import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import type { Neo4jTarget } from "../src/config.js";
import { generateArticle, writeNdjsonCorpus } from "./corpus/index.js";
import type { GazetteerEntry } from "../src/model/seed-files.js";
import { SEED_DIR } from "../src/ingest/pipeline/seed-project.js";
import { extractionPool } from "../src/ingest/stream/ingest.js";
import { REPO_ROOT } from "../src/paths.js";
import { countElements, wipe } from "./neo4j.js";
import { spread, type Spread } from "./stats.js";

/**
 * The streaming ingest (src/ingest/stream) measured two ways. Worker scaling: the same synthetic
 * articles through the extraction pool with one thread and with two, alternating, in the same
 * process. End to end: `npm run ingest` as a child process over an NDJSON corpus into an emptied
 * database, with the time, rate and peak RSS it reports for itself (all its threads).
 */

export interface WorkerScaling {
  articles: number;
  /** Articles per second of wall time with one and two extraction threads, per run. */
  one: Spread;
  two: Spread;
  /** Per run: two threads' rate over one thread's, measured back to back. */
  ratio: Spread;
  loadBefore: number[];
  loadAfter: number[];
}

export interface EndToEnd {
  articles: number;
  workers: number;
  batchSize: number;
  seconds: number;
  articlesPerSecond: number;
  /** Nodes plus relationships in the database afterwards, and per second of the run. */
  elements: number;
  elementsPerSecond: number;
  peakRssMiB: number;
  corpusMegabytes: number;
  loadBefore: number[];
  loadAfter: number[];
}

export interface IngestBench {
  workers: WorkerScaling;
  endToEnd: EndToEnd;
}

/** Extraction throughput with 1 and 2 threads: `runs` pairs, alternating which goes first. */
export async function workerScaling(gazetteer: readonly GazetteerEntry[], articles: number, runs: number): Promise<WorkerScaling> {
  const loadBefore = loadavg();
  const items = Array.from({ length: articles }, (_, i) => {
    const { text, meta } = generateArticle(i, gazetteer);
    return { kind: "inline" as const, location: meta.id, text, meta, fingerprint: meta.id };
  });
  const gazetteerPath = join(SEED_DIR, "gazetteer.yaml");
  const pools = { 1: extractionPool(1), 2: extractionPool(2) };
  const rate = async (workers: 1 | 2) => {
    const started = performance.now();
    await Promise.all(items.map((item) => pools[workers].run({ item, gazetteerPath })));
    return articles / ((performance.now() - started) / 1000);
  };
  try {
    // Warm-up: every thread loads the gazetteer, its name index and the tagger, and JIT-compiles.
    await rate(1);
    await rate(2);
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < runs; r++) {
      if (r % 2 === 0) {
        one.push(await rate(1));
        two.push(await rate(2));
      } else {
        two.push(await rate(2));
        one.push(await rate(1));
      }
    }
    return { articles, one: spread(one), two: spread(two), ratio: spread(two.map((t, i) => t / one[i]!)), loadBefore, loadAfter: loadavg() };
  } finally {
    await pools[1].destroy();
    await pools[2].destroy();
  }
}

/** `npm run ingest` over `articles` synthetic articles as NDJSON, into the emptied database of `target`. */
export async function endToEnd(
  driver: Driver,
  target: Neo4jTarget,
  gazetteer: readonly GazetteerEntry[],
  articles: number,
  log: (line: string) => void,
): Promise<EndToEnd> {
  const dir = await mkdtemp(join(tmpdir(), "sanad-bench-ingest-"));
  try {
    const corpus = join(dir, "corpus.ndjson");
    log(`  writing ${articles.toLocaleString("en-US")} articles as NDJSON`);
    await writeNdjsonCorpus(corpus, gazetteer, { count: articles });
    const { size } = await stat(corpus);
    await wipe(driver, target.database);
    const loadBefore = loadavg();
    log("  npm run ingest");
    const stdout = await ingestCli([corpus, "--checkpoint", join(dir, "checkpoint.json")], target, log);
    const summary = /^Ingested (\d+) article\(s\) in ([\d.]+) s \([\d.]+ articles\/s, (\d+) extraction worker\(s\), \d+ transaction\(s\), peak RSS (\d+) MiB\)/m.exec(stdout);
    if (!summary) throw new Error(`no summary in the ingest's output:\n${stdout}`);
    const seconds = Number(summary[2]);
    const c = await countElements(driver, target.database);
    return {
      articles: Number(summary[1]),
      workers: Number(summary[3]),
      batchSize: 200,
      seconds,
      articlesPerSecond: Number(summary[1]) / seconds,
      elements: c.nodes + c.relationships,
      elementsPerSecond: (c.nodes + c.relationships) / seconds,
      peakRssMiB: Number(summary[4]),
      corpusMegabytes: size / 1e6,
      loadBefore,
      loadAfter: loadavg(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the ingest command as users do; its progress lines go to the log. */
function ingestCli(args: readonly string[], target: Neo4jTarget, log: (line: string) => void): Promise<string> {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NEO4J_"))),
    NEO4J_URI: target.uri,
    NEO4J_USERNAME: target.username,
    NEO4J_PASSWORD: target.password,
    ...(target.database ? { NEO4J_DATABASE: target.database } : {}),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/ingest.ts", ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
    for (const line of s.split("\n").filter((l) => l.startsWith("ingest: "))) log(`  ${line}`);
  });
  return new Promise((ok, fail) => {
    child.once("error", fail);
    child.once("close", (code) => (code === 0 ? ok(stdout) : fail(new Error(`npm run ingest exited with ${code}:\n${stderr.slice(-4000)}`))));
  });
}

/** Both measurements; the end-to-end run empties the database first. */
export async function ingestBench(
  driver: Driver,
  target: Neo4jTarget,
  gazetteer: readonly GazetteerEntry[],
  sizes: { workerArticles: number; workerRuns: number; ingestArticles: number },
  log: (line: string) => void,
): Promise<IngestBench> {
  log(`extraction with 1 and 2 worker threads: ${sizes.workerArticles} articles, ${sizes.workerRuns} runs each`);
  const workers = await workerScaling(gazetteer, sizes.workerArticles, sizes.workerRuns);
  log(`streaming ingest of ${sizes.ingestArticles.toLocaleString("en-US")} articles, end to end`);
  return { workers, endToEnd: await endToEnd(driver, target, gazetteer, sizes.ingestArticles, log) };
}
