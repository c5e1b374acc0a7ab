import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Driver } from "neo4j-driver";
import { openDriver } from "../../neo4j/driver-config.js";
import { admin, start, status, stop, target, type InstanceOptions } from "../../neo4j/local-server.js";
import { countGraph, ensureSchema, type GraphCounts } from "../load/run.js";
import { mergeShared, sharedRows, type SharedRows } from "./reduce.js";
import { listShards, readSharedPartial, shardDir, SHARDS_DIR } from "./shard.js";
import { ALL_TABLES, ARRAY_DELIMITER_ARG, csvLines, EMPTY_LIST_REPAIRS, headerLine, SHARED_TABLES, SOURCE_TABLES, type Table } from "./tables.js";

/**
 * The I/O edge of a bulk backfill: gathers the shards of a folder, writes the merged shared
 * tables and one header file per table, and runs `neo4j-admin database import full` on them.
 * Community Edition has one user database and imports only into a stopped server, so on the
 * project-managed server the backfill stops it, imports, starts it and creates the schema
 * (src/ingest/load/constraints.ts) and the empty lists the import cannot write.
 */

const HEADERS_DIR = "headers";
const SHARED_DIR = "shared";
export const DATABASE = "neo4j";
const PER_SHARD = new Set<Table>(Object.values(SOURCE_TABLES));

export class BulkImportError extends Error {
  override name = "BulkImportError";
}

export interface ImportFiles {
  out: string;
  shards: string[];
  sources: number;
}

/** Merges the shards' shared partials (in shard name order) and writes the files the import reads besides the shards' own. */
export function writeImportFiles(out: string): ImportFiles {
  const shards = listShards(out);
  if (shards.length === 0) throw new BulkImportError(`no shard in ${join(out, SHARDS_DIR)}: write shards first (npm run ingest -- --bulk …)`);
  const partials = shards.map((name) => {
    if (!existsSync(join(shardDir(out, name), "shared.json"))) throw new BulkImportError(`shard ${shardDir(out, name)} is incomplete (no shared.json): write it again`);
    return readSharedPartial(out, name);
  });
  const shared = mergeShared(partials, shards.map((s) => `shard ${s}`));
  const rows = sharedRows(shared);
  mkdirSync(join(out, HEADERS_DIR), { recursive: true });
  mkdirSync(join(out, SHARED_DIR), { recursive: true });
  for (const t of ALL_TABLES) writeFileSync(join(out, HEADERS_DIR, `${t.name}.csv`), headerLine(t));
  for (const key of Object.keys(SHARED_TABLES) as (keyof SharedRows)[]) {
    writeFileSync(join(out, SHARED_DIR, `${SHARED_TABLES[key].name}.csv`), csvLines(SHARED_TABLES[key], rows[key]));
  }
  return { out, shards, sources: shared.sources.length };
}

/**
 * neo4j-admin's arguments for the files of `out`, paths under `base` (the folder as the machine
 * running the import sees it). A table's header file comes first, then its data files.
 */
export function importArgs(files: ImportFiles, base: string): string[] {
  const path = (...parts: string[]) => join(base, ...parts);
  const dataFiles = (t: Table) =>
    PER_SHARD.has(t) ? files.shards.map((s) => path(SHARDS_DIR, s, `${t.name}.csv`)) : [path(SHARED_DIR, `${t.name}.csv`)];
  const arg = (t: Table) => `--${t.kind}=${t.labelOrType ? `${t.labelOrType}=` : ""}${[path(HEADERS_DIR, `${t.name}.csv`), ...dataFiles(t)].join(",")}`;
  return [
    "database", "import", "full", DATABASE,
    "--overwrite-destination=true",
    "--id-type=string",
    `--array-delimiter=${ARRAY_DELIMITER_ARG}`,
    // Article texts span lines.
    "--multiline-fields=true",
    `--report-file=${path("import.report")}`,
    ...ALL_TABLES.map(arg),
  ];
}

/** The command an operator runs on the server of an external Neo4j, from the folder the files were copied to. */
export function operatorCommand(files: ImportFiles): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  return ["neo4j-admin", ...importArgs(files, ".")].map(quote).join(" ");
}

/** After an import (or on an external server after the operator's): the schema and the lists the import left out. */
export async function finishImport(driver: Driver, database?: string): Promise<void> {
  for (const statement of EMPTY_LIST_REPAIRS) await driver.executeQuery(statement, {}, { database });
  await ensureSchema(driver, database);
}

async function nodeCount(o: InstanceOptions): Promise<number> {
  const driver = openDriver(target(o), { quiet: true });
  try {
    const { records } = await driver.executeQuery("MATCH (n) RETURN count(n) AS n");
    return Number(records[0]!.get("n"));
  } finally {
    await driver.close();
  }
}

export interface BulkReport {
  sources: number;
  shards: number;
  graph: GraphCounts;
  millis: { files: number; import: number; start: number; schema: number };
}

/**
 * Backfills the project-managed instance from the shards in `out`: refuses a database that holds
 * any node (an import replaces the database), then stop, import, start, schema. Leaves the server
 * running, as an ordinary load does.
 */
export async function bulkImportLocal(o: InstanceOptions, out: string, log: (line: string) => void = () => undefined): Promise<BulkReport> {
  const t0 = performance.now();
  const s = await status(o);
  if (s.running || existsSync(join(o.home, "instances", o.name, "data", "databases", DATABASE))) {
    if (!s.running) await start(o);
    const n = await nodeCount(o);
    if (n > 0) throw new BulkImportError(`the bulk backfill fills an empty database; instance "${o.name}" holds ${n.toLocaleString("en-US")} nodes (load into it with npm run ingest without --bulk)`);
  }
  const files = writeImportFiles(out);
  const t1 = performance.now();
  log(`import files written for ${files.sources} sources in ${files.shards.length} shard(s) under ${relative(process.cwd(), out) || "."}`);
  await stop(o);
  log(`neo4j-admin database import full ${DATABASE} (server stopped)`);
  await admin(o, importArgs(files, out));
  const t2 = performance.now();
  await start(o);
  const t3 = performance.now();
  const driver = openDriver(target(o), { quiet: true });
  try {
    log("creating the schema");
    await finishImport(driver);
    const t4 = performance.now();
    return {
      sources: files.sources,
      shards: files.shards.length,
      graph: await countGraph(driver),
      millis: { files: t1 - t0, import: t2 - t1, start: t3 - t2, schema: t4 - t3 },
    };
  } finally {
    await driver.close();
  }
}
