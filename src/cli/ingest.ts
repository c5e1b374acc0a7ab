import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { readEnv } from "../config.js";
import { formatProblem } from "../model/problem.js";
import { buildArticles, configuredSeedDir } from "../ingest/pipeline/seed-project.js";
import { countArticles } from "../ingest/stream/inputs.js";
import { DEFAULT_BATCH_SIZE, ingestStream } from "../ingest/stream/ingest.js";
import { startProgress } from "../ingest/stream/progress.js";
import { connect, targetFromEnv } from "../neo4j/connect.js";
import { bulkNeedsArticles, isBulk, runBulk, type BulkOptions } from "./bulk.js";
import { fail, printIngestReport, warn } from "./output.js";

/**
 * `npm run ingest -- <input...>`: adds articles to the graph. An input is an article text or its
 * *.meta.yaml (a text with a <stem>.meta.yaml beside it uses that), a directory tree of them, an
 * NDJSON file (*.ndjson, *.jsonl), or "-" for NDJSON on standard input. The articles stream
 * through src/ingest/stream: extracted in worker threads, written in transactions of
 * --batch-size sources, each recorded in a checkpoint so that a run that stopped resumes. With
 * --bulk, an empty database is backfilled through neo4j-admin's import instead (src/cli/bulk.ts),
 * from article files.
 */

const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} is a whole number ≥ 1`);
  return n;
};

export interface StreamOptions {
  meta?: string;
  gazetteer?: string;
  batchSize: number;
  workers: number;
  keepGoing?: boolean;
  checkpoint?: string;
  restart?: boolean;
}

/** The bulk backfill's article files, read and checked in memory, as before streaming. */
async function bulk(files: string[], gazetteerPath: string, opts: StreamOptions & BulkOptions): Promise<void> {
  if (opts.meta && files.length > 1) throw new Error("--meta names the meta file of one article; give one file with it");
  const articles = files.map((file) => {
    if (file.endsWith(".meta.yaml")) return { metaPath: file };
    if (opts.meta) return { metaPath: opts.meta };
    const beside = file.replace(/\.[^./]+$/, "") + ".meta.yaml";
    return existsSync(beside) ? { metaPath: beside } : { articlePath: file };
  });
  const built = await buildArticles(articles, gazetteerPath, (done, total, one) => {
    const g = one.graph;
    console.error(
      `[${done}/${total}] ${g.source.id}: ${g.mentions.length} mentions, ${g.quotes.length} quotes, ${g.claims.length} claims` +
        (one.extraction.candidates.length ? `, ${one.extraction.candidates.length} candidate names for review` : ""),
    );
  }, warn);
  await runBulk(opts, built.map((b) => b.graph));
}

const program = new Command("ingest")
  .description("Add articles to the graph: text files, *.meta.yaml, directories, NDJSON files or - (NDJSON on standard input)")
  .argument("[inputs...]", "article files, directories, *.ndjson / *.jsonl files, or - for standard input")
  .option("--meta <file>", "meta file (title, publisher, date, URL) for a single article text")
  .option("--gazetteer <file>", "gazetteer, with the reviewer's rejections.yaml beside it (default: gazetteer.yaml of SANAD_SEED_DIR, else of seed/)")
  .option("--batch-size <n>", "sources per transaction (and per checkpoint)", positive("--batch-size"), DEFAULT_BATCH_SIZE)
  .option("--workers <n>", "extraction threads (default: the number of cores)", positive("--workers"), availableParallelism())
  .option("--keep-going", "report a broken article with its location and skip it, instead of stopping")
  .option("--checkpoint <file>", "checkpoint file (default .sanad/ingest-<run>.checkpoint.json)")
  .option("--restart", "ignore the checkpoint of an earlier attempt and start from the first article")
  .option("--bulk", "backfill an empty database with neo4j-admin import (with NEO4J_URI: write the files and print the command)")
  .option("--bulk-out <dir>", "the backfill's folder of shards and import files (default: a temporary folder); with --bulk and no files, imports the shards in it")
  .option("--bulk-shard <name>", "only write these articles as shard <name> of --bulk-out, for a batch job; no database")
  .option("--bulk-schema", "after an operator's import on an external server: create the schema")
  .action(async (inputs: string[], opts: StreamOptions & BulkOptions) => {
    const env = readEnv();
    const gazetteerPath = opts.gazetteer ?? join(configuredSeedDir(env), "gazetteer.yaml");
    if (inputs.length === 0 && (!isBulk(opts) || bulkNeedsArticles(opts))) throw new Error("give the articles to ingest");
    if (isBulk(opts)) return bulk(inputs, gazetteerPath, opts);
    const where = targetFromEnv(env);
    const total = await countArticles(inputs);
    const progress = startProgress(total);
    let report;
    try {
      report = await ingestStream({
        inputs,
        gazetteerPath,
        batchSize: opts.batchSize,
        // A thread per article at most: each loads the tagger, which a short input should not pay for twice.
        workers: Math.max(1, Math.min(opts.workers, total ?? opts.workers)),
        keepGoing: opts.keepGoing ?? false,
        restart: opts.restart ?? false,
        ...(opts.meta && { meta: opts.meta }),
        ...(opts.checkpoint && { checkpointPath: opts.checkpoint }),
        database: where ? `${where.uri} ${where.database ?? ""}` : `project-managed ${env.NEO4J_BOLT_PORT}`,
        open: async () => {
          const c = await connect(env);
          return { driver: c.driver, ...(c.target.database && { database: c.target.database }), close: () => c.close() };
        },
        onProgress: (done) => progress.update(done),
        onProblem: (p) => progress.log(formatProblem(p)),
        onSkipped: (location, problems) => progress.log(`skipped ${location}:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`),
      });
    } finally {
      progress.stop();
    }
    printIngestReport(report);
  });

program.parseAsync().catch(fail);
