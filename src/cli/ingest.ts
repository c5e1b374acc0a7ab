import { existsSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { readEnv } from "../config.js";
import { buildArticles, configuredSeedDir, loadSourceGraphs } from "../ingest/pipeline/seed-project.js";
import { connect } from "../neo4j/connect.js";
import { bulkNeedsArticles, isBulk, runBulk, type BulkOptions } from "./bulk.js";
import { fail, printSeedReport, warn } from "./output.js";

/**
 * `npm run ingest -- <file...> [--meta <file>]`: adds articles to the graph. An argument may be
 * an article text or its *.meta.yaml; a text with a <stem>.meta.yaml beside it uses that. All
 * files are read and checked before anything is written, then written in transactions of 200
 * sources (SOURCES_PER_TRANSACTION), each atomic. With --bulk, an empty database is backfilled
 * through neo4j-admin's import instead (src/cli/bulk.ts).
 */
const program = new Command("ingest")
  .description("Add articles (text files or *.meta.yaml) to the graph")
  .argument("[files...]", "article text files or *.meta.yaml files")
  .option("--meta <file>", "meta file (title, publisher, date, URL) for a single article text")
  .option("--gazetteer <file>", "gazetteer, with the reviewer's rejections.yaml beside it (default: gazetteer.yaml of SANAD_SEED_DIR, else of seed/)")
  .option("--bulk", "backfill an empty database with neo4j-admin import (with NEO4J_URI: write the files and print the command)")
  .option("--bulk-out <dir>", "the backfill's folder of shards and import files (default: a temporary folder); with --bulk and no files, imports the shards in it")
  .option("--bulk-shard <name>", "only write these articles as shard <name> of --bulk-out, for a batch job; no database")
  .option("--bulk-schema", "after an operator's import on an external server: create the schema")
  .action(async (files: string[], opts: { meta?: string; gazetteer?: string } & BulkOptions) => {
    const env = readEnv();
    if (files.length === 0 && (!isBulk(opts) || bulkNeedsArticles(opts))) throw new Error("give the article files to ingest");
    if (opts.meta && files.length > 1) throw new Error("--meta names the meta file of one article; give one file with it");
    const articles = files.map((file) => {
      if (file.endsWith(".meta.yaml")) return { metaPath: file };
      if (opts.meta) return { metaPath: opts.meta };
      const beside = file.replace(/\.[^./]+$/, "") + ".meta.yaml";
      return existsSync(beside) ? { metaPath: beside } : { articlePath: file };
    });
    const built = await buildArticles(articles, opts.gazetteer ?? join(configuredSeedDir(env), "gazetteer.yaml"), (done, total, one) => {
      const g = one.graph;
      console.error(
        `[${done}/${total}] ${g.source.id}: ${g.mentions.length} mentions, ${g.quotes.length} quotes, ${g.claims.length} claims` +
          (one.extraction.candidates.length ? `, ${one.extraction.candidates.length} candidate names for review` : ""),
      );
    }, warn);
    if (isBulk(opts)) return runBulk(opts, built.map((b) => b.graph));
    const connection = await connect(env);
    try {
      printSeedReport(await loadSourceGraphs(connection.driver, built.map((b) => b.graph), connection.target.database));
    } finally {
      await connection.close();
    }
  });

program.parseAsync().catch(fail);
