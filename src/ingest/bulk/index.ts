import type { SourceGraph } from "../../model/graph.js";
import type { NameFolder } from "../load/plan.js";
import { writeShard } from "./shard.js";

/** A bulk backfill: shards of extracted sources (shard.ts), merged and imported by neo4j-admin (import.ts). */

export { bulkImportLocal, finishImport, operatorCommand, writeImportFiles, BulkImportError, type BulkReport, type ImportFiles } from "./import.js";
export { listShards, writeShard } from "./shard.js";

/** Sources per shard when one process writes them all: a shard is held in memory until written. */
export const SHARD_SOURCES = 1000;

/** Writes graphs as shards `<prefix>-0001`, `<prefix>-0002`, … of SHARD_SOURCES sources, in order. */
export function writeShards(out: string, graphs: readonly SourceGraph[], fold: NameFolder, prefix = "part", size = SHARD_SOURCES): string[] {
  const names: string[] = [];
  for (let i = 0; i < graphs.length; i += size) {
    const name = `${prefix}-${String(names.length + 1).padStart(4, "0")}`;
    writeShard(out, name, graphs.slice(i, i + size), fold);
    names.push(name);
  }
  return names;
}
