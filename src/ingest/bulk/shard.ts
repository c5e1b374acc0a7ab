import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceGraph } from "../../model/graph.js";
import type { NameFolder } from "../load/plan.js";
import { mergeShared, sharedOf, sourceRows, type SharedPartial, type SourceRows } from "./reduce.js";
import { csvLines, SOURCE_TABLES } from "./tables.js";

/**
 * A shard of a bulk backfill: a folder `<out>/shards/<name>/` with one headerless CSV data file
 * per source table and `shared.json`, the shard's partial of the shared entities and claims. A
 * shard depends on nothing but its articles, so shards can be written by separate processes or
 * machines (batch jobs) and gathered into one folder; shard names sort in load order.
 */

export const SHARDS_DIR = "shards";
const SHARED_FILE = "shared.json";

export function shardDir(out: string, name: string): string {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`shard name "${name}": use letters, digits, '.', '_' or '-'`);
  return join(out, SHARDS_DIR, name);
}

export class ShardWriter {
  private readonly lines = new Map<keyof SourceRows, string[]>();
  private readonly partials: SharedPartial[] = [];
  private count = 0;

  constructor(
    readonly dir: string,
    private readonly fold: NameFolder,
  ) {}

  get sources(): number {
    return this.count;
  }

  add(graph: SourceGraph): void {
    const rows = sourceRows(graph);
    for (const key of Object.keys(SOURCE_TABLES) as (keyof SourceRows)[]) {
      const text = csvLines(SOURCE_TABLES[key], rows[key]);
      if (text) (this.lines.get(key) ?? this.lines.set(key, []).get(key)!).push(text);
    }
    this.partials.push(sharedOf(graph, this.fold));
    this.count++;
  }

  /** Writes the shard's files, replacing an earlier shard of the same name. */
  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    for (const key of Object.keys(SOURCE_TABLES) as (keyof SourceRows)[]) {
      writeFileSync(join(this.dir, `${SOURCE_TABLES[key].name}.csv`), (this.lines.get(key) ?? []).join(""));
    }
    writeFileSync(join(this.dir, SHARED_FILE), JSON.stringify(mergeShared(this.partials)));
  }
}

/** Writes graphs as one shard. */
export function writeShard(out: string, name: string, graphs: Iterable<SourceGraph>, fold: NameFolder): ShardWriter {
  const writer = new ShardWriter(shardDir(out, name), fold);
  for (const g of graphs) writer.add(g);
  writer.close();
  return writer;
}

/** The shards in a backfill folder, in name order. */
export function listShards(out: string): string[] {
  const dir = join(out, SHARDS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
  return names.sort();
}

export function readSharedPartial(out: string, name: string): SharedPartial {
  return JSON.parse(readFileSync(join(shardDir(out, name), SHARED_FILE), "utf8")) as SharedPartial;
}
