import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readEnv } from "../config.js";
import { fold } from "../lexicon/arabic.js";
import { bulkImportLocal, finishImport, listShards, operatorCommand, writeImportFiles, writeShard, writeShards } from "../ingest/bulk/index.js";
import { countGraph } from "../ingest/load/run.js";
import type { SourceGraph } from "../model/graph.js";
import { connect, targetFromEnv } from "../neo4j/connect.js";
import { instanceFromEnv } from "../neo4j/local-server.js";
import { printGraph } from "./output.js";

/** `npm run ingest -- --bulk …` (src/ingest/bulk): the command-line side of a bulk backfill. */

export interface BulkOptions {
  bulk?: boolean;
  bulkOut?: string;
  bulkShard?: string;
  bulkSchema?: boolean;
}

export function isBulk(o: BulkOptions): boolean {
  return Boolean(o.bulk || o.bulkShard || o.bulkSchema);
}

/** What runs without articles: importing shards written elsewhere, or the schema after an operator's import. */
export function bulkNeedsArticles(o: BulkOptions): boolean {
  return Boolean(o.bulkShard || (o.bulk && !o.bulkOut));
}

export async function runBulk(o: BulkOptions, graphs: readonly SourceGraph[]): Promise<void> {
  const env = readEnv();
  if (o.bulkSchema) {
    const connection = await connect(env);
    try {
      await finishImport(connection.driver, connection.target.database);
      printGraph(await countGraph(connection.driver, connection.target.database));
    } finally {
      await connection.close();
    }
    return;
  }
  if (o.bulkShard) {
    if (!o.bulkOut) throw new Error("--bulk-shard writes into the backfill folder --bulk-out <dir>");
    const w = writeShard(resolve(o.bulkOut), o.bulkShard, graphs, fold);
    console.log(`Shard ${w.dir}: ${w.sources} sources. Import all shards of ${o.bulkOut} with: npm run ingest -- --bulk --bulk-out ${o.bulkOut}`);
    return;
  }
  const out = resolve(o.bulkOut ?? mkdtempSync(join(tmpdir(), "sanad-bulk-")));
  if (graphs.length > 0) {
    const prefix = `run-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
    const names = writeShards(out, graphs, fold, prefix);
    console.error(`${graphs.length} sources written as ${names.length} shard(s) under ${out}`);
  }
  if (targetFromEnv(env)) {
    const files = writeImportFiles(out);
    console.log(
      `NEO4J_URI names an external server: nothing was imported. Import files for ${files.sources} sources (${files.shards.length} shards) are in ${out}.\n` +
        `On the server, with its database stopped (an import replaces it) and this folder copied there, from that folder:\n\n  ${operatorCommand(files)}\n\n` +
        "then start the database and create the schema with: npm run ingest -- --bulk-schema",
    );
    return;
  }
  if (listShards(out).length === 0) throw new Error(`no articles given and no shard in ${out}`);
  const report = await bulkImportLocal(instanceFromEnv(env), out, (line) => console.error(line));
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `Backfilled ${report.sources} source(s) from ${report.shards} shard(s): files ${s(report.millis.files)} s, neo4j-admin import ${s(report.millis.import)} s, ` +
      `server start ${s(report.millis.start)} s, schema ${s(report.millis.schema)} s`,
  );
  printGraph(report.graph);
  if (!o.bulkOut) rmSync(out, { recursive: true, force: true });
}
