import { availableParallelism } from "node:os";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Readable } from "node:stream";
import type { Driver } from "neo4j-driver";
import { Piscina } from "piscina";
import { fold } from "../../lexicon/arabic.js";
import type { SourceGraph } from "../../model/graph.js";
import { formatProblem, InputError, type Problem } from "../../model/problem.js";
import { countGraph, emptyCounts, ensureSchema, loadGraphs, writeBookmarks, type GraphCounts, type WriteCounts } from "../load/run.js";
import { ArticleDigest, defaultCheckpointPath, readCheckpoint, removeCheckpoint, runIdentity, writeCheckpoint, type Checkpoint } from "./checkpoint.js";
import type { ExtractOutcome, ExtractTask } from "./extract-worker.js";
import { articleItems, STDIN, type ArticleItem } from "./inputs.js";
import { orderedMap } from "./ordered.js";

/**
 * Streaming ingest: articles are read one at a time (inputs.ts), extracted in worker threads
 * (extract-worker.ts), and come back in input order to one writer, which commits them in
 * transactions of `batchSize` sources and records each commit in a checkpoint (checkpoint.ts).
 * Memory holds about two batches of articles, whatever the size of the input.
 *
 * A broken article (unreadable, not the schema, failing validation): with `keepGoing` it is
 * reported with its location and skipped. Without it, writing stops before the transaction that
 * would hold it: the batches committed before it stay (each whole, and in the checkpoint, so that
 * the run resumes there once the input is fixed), nothing after it is written, and the rest of
 * the input is still checked so that one run reports every mistake. An input of at most one batch
 * is thus all or nothing, as before streaming.
 */

/** Sources per transaction by default (see SOURCES_PER_TRANSACTION in seed-project.ts for the ceiling). */
export const DEFAULT_BATCH_SIZE = 200;

export interface Writer {
  driver: Driver;
  database?: string;
  close(): Promise<void>;
}

export interface StreamIngestOptions {
  /** Article files, directories, NDJSON files, or "-" for NDJSON on standard input. */
  inputs: readonly string[];
  meta?: string;
  gazetteerPath: string;
  batchSize?: number;
  /** Extraction threads; default the number of cores. */
  workers?: number;
  keepGoing?: boolean;
  /** Default: defaultCheckpointPath of the run. */
  checkpointPath?: string;
  /** Start from the first article, whatever the checkpoint says. */
  restart?: boolean;
  /** Names the database written to, for the run's identity (a checkpoint is only good for its database). */
  database: string;
  stdin?: Readable;
  /** Opens the connection, at the first write: a run whose first batch is broken never connects. */
  open: () => Promise<Writer>;
  /** Counting the graph at the end reads every node: off for the benchmark. */
  countGraphAfter?: boolean;
  onProgress?: (done: number) => void;
  /** Warnings, and the problems of each skipped article (with keepGoing). */
  onProblem?: (problem: Problem) => void;
  onSkipped?: (location: string, problems: readonly Problem[]) => void;
}

export interface StreamIngestReport {
  /** The first sources written, for the summary. */
  sources: string[];
  /** Sources written by this run. */
  sourceCount: number;
  /** Articles handled by this run (written or skipped). */
  articles: number;
  /** Articles the checkpoint said were done, not read again. */
  resumed: number;
  skipped: number;
  transactions: number;
  writes: WriteCounts;
  graph?: GraphCounts;
  /** The bookmarks of the writes, for a reader of a cluster (see writeBookmarks). */
  bookmarks: string[];
  millis: number;
  workers: number;
  /** Peak resident memory of the process (all threads), MiB. */
  peakRssMiB: number;
  checkpointPath: string;
}

/** The run stopped at broken input: `committed` articles (from the first on) are written and checkpointed. */
export class IngestStopped extends InputError {
  constructor(problems: Problem[], readonly committed: number, readonly checkpointPath: string) {
    super(problems);
    this.name = "IngestStopped";
  }
}

const SAMPLE_IDS = 10;

/** The worker file beside this one: .ts when run through tsx, .js once built. */
const WORKER = new URL(`./extract-worker${import.meta.url.slice(import.meta.url.lastIndexOf("."))}`, import.meta.url).href;

/**
 * A thread inherits the process's loader options; run from TypeScript by anything other than tsx
 * (a test runner), the worker file needs tsx registered to load.
 */
const WORKER_EXEC_ARGV = WORKER.endsWith(".ts") && !process.execArgv.some((a) => a.includes("tsx")) ? [...process.execArgv, "--import", "tsx"] : process.execArgv;

export function extractionPool(workers: number): Piscina<ExtractTask, ExtractOutcome> {
  // Threads start at once and live for the run: each builds its name index once.
  return new Piscina({ filename: WORKER, minThreads: workers, maxThreads: workers, idleTimeout: 60_000, execArgv: WORKER_EXEC_ARGV });
}

async function fileSha(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

interface Numbered {
  item: ArticleItem;
  /** Digest of the fingerprints of every article up to and including this one. */
  digest: string;
}

/** The articles after the `resume.articles` the checkpoint covers, checking that the input still begins with them. */
async function* numbered(items: AsyncIterable<ArticleItem>, resume: Checkpoint | undefined): AsyncGenerator<Numbered> {
  const digest = new ArticleDigest();
  let n = 0;
  for await (const item of items) {
    const d = digest.add(item.fingerprint);
    n++;
    if (resume && n <= resume.articles) {
      if (n === resume.articles && d !== resume.digest) throw new Error(`the input's first ${n} articles are not those of the checkpointed run; pass --restart to start over`);
      continue;
    }
    yield { item, digest: d };
  }
  if (resume && n < resume.articles) throw new Error(`the input has ${n} articles, fewer than the ${resume.articles} the checkpoint says were written; pass --restart to start over`);
}

export async function ingestStream(options: StreamIngestOptions): Promise<StreamIngestReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const workers = options.workers ?? availableParallelism();
  if (!(batchSize >= 1 && workers >= 1)) throw new Error("the batch size and the number of workers are at least 1");
  const inputs = options.inputs.map((i) => (i === STDIN ? i : resolve(i)));
  const run = runIdentity({
    inputs,
    meta: options.meta && resolve(options.meta),
    gazetteer: await fileSha(options.gazetteerPath).catch(() => options.gazetteerPath),
    database: options.database,
  });
  const checkpointPath = options.checkpointPath ?? defaultCheckpointPath(run);
  if (options.restart) await removeCheckpoint(checkpointPath);
  const resume = await readCheckpoint(checkpointPath);
  if (resume && resume.run !== run) throw new Error(`${checkpointPath} is the checkpoint of another run (other inputs, gazetteer or database); pass --restart to start over`);

  const pool = extractionPool(workers);
  const extract = async ({ item, digest }: Numbered): Promise<ExtractOutcome & Numbered> => {
    const outcome = item.kind === "broken" ? { problems: item.problems, candidates: 0 } : await pool.run({ item, gazetteerPath: options.gazetteerPath });
    return { ...outcome, item, digest };
  };
  const items = articleItems(options.inputs, { ...(options.meta && { meta: options.meta }), ...(options.stdin && { stdin: options.stdin }) });

  let writer: Writer | undefined;
  const writes = emptyCounts();
  const sample: string[] = [];
  const errors = new Map<string, Problem>();
  const seen = new Set<string>();
  let batch: SourceGraph[] = [];
  let handled = 0;
  let lastDigest = resume?.digest ?? "";
  let committed = resume?.articles ?? 0;
  let sourcesWritten = resume?.sources ?? 0;
  let sourceCount = 0;
  let skipped = 0;
  let transactions = 0;

  const flush = async () => {
    if (batch.length > 0) {
      if (!writer) {
        writer = await options.open();
        await ensureSchema(writer.driver, writer.database);
      }
      const counts = await loadGraphs(writer.driver, batch, fold, writer.database);
      for (const k of Object.keys(writes) as (keyof WriteCounts)[]) writes[k] += counts[k];
      transactions++;
      sourceCount += batch.length;
      sourcesWritten += batch.length;
      for (const g of batch) if (sample.length < SAMPLE_IDS) sample.push(g.source.id);
      batch = [];
    }
    committed = (resume?.articles ?? 0) + handled;
    await writeCheckpoint(checkpointPath, { version: 1, run, inputs, articles: committed, digest: lastDigest, sources: sourcesWritten, updatedAt: new Date().toISOString() });
  };

  try {
    for await (const done of orderedMap(numbered(items, resume), extract, Math.max(4 * workers, batchSize))) {
      const failed = done.problems.filter((p) => p.severity === "error");
      for (const p of done.problems.filter((x) => x.severity === "warning")) {
        // One warning about a shared file (the gazetteer) comes with every article: shown once.
        const key = formatProblem(p);
        if (!seen.has(key)) {
          seen.add(key);
          options.onProblem?.(p);
        }
      }
      if (failed.length > 0 && options.keepGoing) {
        skipped++;
        options.onSkipped?.(done.item.location, failed);
      } else if (failed.length > 0) {
        for (const p of failed) errors.set(formatProblem(p), p);
      } else if (errors.size === 0 && done.graph) {
        batch.push(done.graph);
      }
      if (errors.size > 0) {
        batch = [];
        continue;
      }
      handled++;
      lastDigest = done.digest;
      if (batch.length >= batchSize) await flush();
      options.onProgress?.((resume?.articles ?? 0) + handled);
    }
    if (errors.size > 0) throw new IngestStopped([...errors.values()], committed, checkpointPath);
    await flush();
    await removeCheckpoint(checkpointPath);
    const graph = writer && (options.countGraphAfter ?? true) ? await countGraph(writer.driver, writer.database) : undefined;
    return {
      sources: sample,
      sourceCount,
      articles: handled,
      resumed: resume?.articles ?? 0,
      skipped,
      transactions,
      writes,
      ...(graph && { graph }),
      bookmarks: writer ? await writeBookmarks(writer.driver) : [],
      millis: performance.now() - started,
      workers,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      checkpointPath,
    };
  } finally {
    await pool.destroy();
    await writer?.close();
  }
}
