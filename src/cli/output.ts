import { Neo4jError } from "neo4j-driver";
import { formatProblem, InputError, type Problem } from "../model/problem.js";
import { Neo4jLocalError } from "../neo4j/local-server.js";
import type { SeedReport } from "../ingest/pipeline/seed-project.js";
import type { GraphCounts } from "../ingest/load/run.js";

/** Prints a clear message, not a stack trace, for the errors users can act on; exit code 1. */
export function fail(e: unknown): never {
  if (e instanceof InputError) {
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

export function printSeedReport(r: SeedReport): void {
  console.log(`Seeded ${r.sources.length} source(s): ${r.sources.join(", ")} in ${(r.millis / 1000).toFixed(2)} s`);
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
