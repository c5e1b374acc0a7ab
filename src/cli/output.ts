import { Neo4jError } from "neo4j-driver";
import { EnvironmentError } from "../config.js";
import { formatProblem, InputError, type Problem } from "../model/problem.js";
import { Neo4jLocalError } from "../neo4j/local-server.js";
import type { SeedReport } from "../ingest/pipeline/seed-project.js";
import type { GraphCounts } from "../ingest/load/run.js";
import { IngestStopped, type StreamIngestReport } from "../ingest/stream/ingest.js";

/** Prints a clear message, not a stack trace, for the errors users can act on; exit code 1. */
export function fail(e: unknown): never {
  if (e instanceof IngestStopped && e.committed > 0) {
    console.error(
      `Input rejected after ${e.committed} article(s) were written (checkpoint ${e.checkpointPath}); nothing after them was written. ` +
        `Fix the input and run the same command again to go on from there, or pass --keep-going to skip broken articles:\n${e.message}`,
    );
  } else if (e instanceof EnvironmentError) {
    console.error(e.message);
  } else if (e instanceof InputError) {
    console.error(`Input rejected, nothing was written:\n${e.message}`);
  } else if (e instanceof Neo4jLocalError) {
    console.error(`neo4j: ${e.message}`);
  } else if (e instanceof Error && /ServiceUnavailable|ECONNREFUSED|authentication failure/i.test(`${e.name} ${e.message}`)) {
    console.error(`Cannot reach Neo4j: ${e.message}`);
  } else if (e instanceof Neo4jError) {
    // A database refusal (a timeout, a conflicting writer): the load's transaction was rolled back.
    console.error(`Neo4j refused the request (${e.code}): ${e.message}`);
  } else {
    console.error(e);
  }
  process.exit(1);
}

/** Prints a warning of the pipeline; warnings do not stop a run. */
export function warn(problem: Problem): void {
  console.error(formatProblem(problem));
}

function table(title: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(title.length, ...rows.map(([k]) => k.length));
  return [`| ${title.padEnd(width)} | count |`, `|${"-".repeat(width + 2)}|------:|`, ...rows.map(([k, n]) => `| ${k.padEnd(width)} | ${String(n).padStart(5)} |`)].join("\n");
}

/** `sourceCount`: how many were written, when `sources` lists only the first of them. */
export function printSeedReport(r: SeedReport & { sourceCount?: number }): void {
  const more = (r.sourceCount ?? r.sources.length) - r.sources.length;
  console.log(`Seeded ${r.sourceCount ?? r.sources.length} source(s): ${r.sources.join(", ")}${more > 0 ? ` and ${more} more` : ""} in ${(r.millis / 1000).toFixed(2)} s`);
  console.log(
    `Written: +${r.writes.nodesCreated} / -${r.writes.nodesDeleted} nodes, +${r.writes.relationshipsCreated} / -${r.writes.relationshipsDeleted} relationships, ${r.writes.propertiesSet} properties set`,
  );
  printGraph(r.graph);
  // On a cluster a read may go to a server that has not applied these writes yet; with this header it waits until it has.
  if (r.bookmarks.length > 0) console.log(`\nTo read these writes through the API on a cluster, send the header\nX-Neo4j-Bookmark: ${r.bookmarks.join(", ")}`);
}

export function printGraph(graph: GraphCounts): void {
  console.log(`\nGraph now:\n${table("label", graph.labels)}\n\n${table("relationship", graph.relationships)}`);
}

export function printIngestReport(r: StreamIngestReport): void {
  const seconds = r.millis / 1000;
  console.log(
    `Ingested ${r.articles} article(s) in ${seconds.toFixed(2)} s (${(r.articles / Math.max(seconds, 1e-3)).toFixed(1)} articles/s, ${r.workers} extraction worker(s), ` +
      `${r.transactions} transaction(s), peak RSS ${r.peakRssMiB.toFixed(0)} MiB)` +
      (r.resumed > 0 ? `; resumed after ${r.resumed} article(s) already written` : "") +
      (r.skipped > 0 ? `; skipped ${r.skipped} broken article(s), listed above` : ""),
  );
  if (r.graph) printSeedReport({ sources: r.sources, sourceCount: r.sourceCount, writes: r.writes, graph: r.graph, millis: r.millis, bookmarks: r.bookmarks });
}
