import type { Driver, ManagedTransaction } from "neo4j-driver";
import type { SourceGraph } from "../model/graph.js";
import { SCHEMA_STATEMENTS } from "./constraints.js";
import { planLoad, planOrphanCleanup, planPreviousClaims, type NameFolder, type Statement } from "./plan.js";

/** The I/O edge of the load stage: runs a plan in one write transaction. */

export interface WriteCounts {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

export async function ensureSchema(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const statement of SCHEMA_STATEMENTS) await session.run(statement);
    await session.run("CALL db.awaitIndexes(300)");
  } finally {
    await session.close();
  }
}

async function runCounting(tx: ManagedTransaction, s: Statement, counts: WriteCounts) {
  const result = await tx.run(s.cypher, s.params);
  const u = result.summary.counters.updates();
  counts.nodesCreated += u.nodesCreated;
  counts.nodesDeleted += u.nodesDeleted;
  counts.relationshipsCreated += u.relationshipsCreated;
  counts.relationshipsDeleted += u.relationshipsDeleted;
  counts.propertiesSet += u.propertiesSet;
  return result;
}

/** Replaces each source's contribution; all of them in one transaction, so a failure writes nothing. */
export async function loadGraphs(
  driver: Driver,
  graphs: readonly SourceGraph[],
  fold: NameFolder,
  database?: string,
): Promise<WriteCounts> {
  const counts: WriteCounts = { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0 };
  const session = driver.session({ database });
  try {
    await session.executeWrite(async (tx) => {
      for (const graph of graphs) {
        const previous = await tx.run(planPreviousClaims(graph.source.id).cypher, { sourceId: graph.source.id });
        const previousIds = (previous.records[0]?.get("ids") as string[] | undefined) ?? [];
        for (const statement of planLoad(graph, fold)) await runCounting(tx, statement, counts);
        await runCounting(tx, planOrphanCleanup(previousIds), counts);
      }
    });
  } finally {
    await session.close();
  }
  return counts;
}

export interface GraphCounts {
  labels: Record<string, number>;
  relationships: Record<string, number>;
}

export async function countGraph(driver: Driver, database?: string): Promise<GraphCounts> {
  const session = driver.session({ database, defaultAccessMode: "READ" });
  try {
    const labels = await session.run(
      "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label",
    );
    const rels = await session.run("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type");
    return {
      labels: Object.fromEntries(labels.records.map((r) => [r.get("label") as string, Number(r.get("n"))])),
      relationships: Object.fromEntries(rels.records.map((r) => [r.get("type") as string, Number(r.get("n"))])),
    };
  } finally {
    await session.close();
  }
}
