import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readEnv } from "../src/config.js";
import { bulkImportLocal, writeShards } from "../src/ingest/bulk/index.js";
import { loadSourceGraphs } from "../src/ingest/pipeline/seed-project.js";
import { fold } from "../src/lexicon/arabic.js";
import type { SourceGraph } from "../src/model/graph.js";
import { graphChecksum } from "../src/neo4j/checksum.js";
import { openDriver } from "../src/neo4j/driver-config.js";
import { instanceFromEnv, stop, target, type InstanceOptions } from "../src/neo4j/local-server.js";
import { wipe } from "./neo4j.js";
import { spread, type Spread } from "./stats.js";

/**
 * Bulk backfill against the transactional loader (`npm run bench -- --bulk`): the same extracted
 * articles into an empty database, each way in turn, on a project-managed instance of the
 * benchmark's own, which the backfill stops and imports into (BENCH_BULK_NEO4J_INSTANCE /
 * _BOLT_PORT / _HTTP_PORT move it). Extraction is not timed (it is the same for both). The
 * loader's time is `npm run ingest`'s load: the schema, then transactions of
 * SOURCES_PER_TRANSACTION sources. The backfill's time is everything `--bulk` does after
 * extraction: shard files, merged import files, stopping the server, neo4j-admin, starting the
 * server, the schema (with its indexes populated).
 */

export interface BulkSize {
  articles: number;
  nodes: number;
  relationships: number;
  loaderSeconds: Spread;
  bulkSeconds: Spread;
  /** Per run: the loader's time over the backfill's. */
  speedup: Spread;
  /** Medians of the backfill's phases, in seconds. */
  phases: { shards: number; files: number; import: number; start: number; schema: number };
  /** Every run's two graphs had the same checksum (src/neo4j/checksum.ts). */
  sameGraph: boolean;
  checksum: string;
  /** The machine's load average (1/5/15 min) before and after, and when: the bulk benchmark may run apart from the rest. */
  loadBefore?: number[];
  loadAfter?: number[];
  measuredAt?: string;
}

export function bulkInstance(): InstanceOptions {
  const env = process.env;
  return {
    ...instanceFromEnv(readEnv(), env.BENCH_BULK_NEO4J_INSTANCE ?? "bench-bulk", {
      bolt: Number(env.BENCH_BULK_NEO4J_BOLT_PORT ?? 7715),
      http: Number(env.BENCH_BULK_NEO4J_HTTP_PORT ?? 7716),
    }),
    log: () => undefined,
  };
}

export async function bulkBench(graphs: readonly SourceGraph[], runs: number, log: (line: string) => void, o = bulkInstance()): Promise<BulkSize> {
  const data = join(o.home, "instances", o.name, "data");
  const loader: number[] = [];
  const bulk: number[] = [];
  const phases: BulkSize["phases"][] = [];
  const sums = new Set<string>();
  let counts = { nodes: 0, relationships: 0 };
  try {
    for (let r = 0; r < runs; r++) {
      // An empty database for the backfill: a fresh instance, not started.
      await stop(o);
      rmSync(data, { recursive: true, force: true });
      const out = mkdtempSync(join(tmpdir(), "sanad-bench-bulk-"));
      log(`bulk ${graphs.length} articles, run ${r + 1}/${runs}: backfill`);
      const t0 = performance.now();
      writeShards(out, graphs, fold);
      const t1 = performance.now();
      const report = await bulkImportLocal(o, out);
      bulk.push((performance.now() - t0) / 1000);
      rmSync(out, { recursive: true, force: true });
      const m = report.millis;
      phases.push({ shards: (t1 - t0) / 1000, files: m.files / 1000, import: m.import / 1000, start: m.start / 1000, schema: m.schema / 1000 });
      log(`  backfill ${bulk.at(-1)!.toFixed(1)} s (${JSON.stringify(phases.at(-1))})`);
      const driver = openDriver(target(o), { quiet: true });
      try {
        const a = await graphChecksum(driver);
        counts = { nodes: a.nodes, relationships: a.relationships };
        sums.add(a.checksum);
        log(`bulk ${graphs.length} articles, run ${r + 1}/${runs}: transactional loader`);
        await wipe(driver);
        const t2 = performance.now();
        await loadSourceGraphs(driver, graphs);
        loader.push((performance.now() - t2) / 1000);
        log(`  loader ${loader.at(-1)!.toFixed(1)} s`);
        sums.add((await graphChecksum(driver)).checksum);
      } finally {
        await driver.close();
      }
    }
  } finally {
    await stop(o);
  }
  const median = (k: keyof BulkSize["phases"]) => spread(phases.map((p) => p[k])).median;
  return {
    articles: graphs.length,
    ...counts,
    loaderSeconds: spread(loader),
    bulkSeconds: spread(bulk),
    speedup: spread(loader.map((l, i) => l / bulk[i]!)),
    phases: { shards: median("shards"), files: median("files"), import: median("import"), start: median("start"), schema: median("schema") },
    sameGraph: sums.size === 1,
    checksum: [...sums][0]!,
  };
}
