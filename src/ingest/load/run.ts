import { Neo4jError, type Driver, type ManagedTransaction, type Session, type SessionMode } from "neo4j-driver";
import type { SourceGraph } from "../../model/graph.js";
import { SCHEMA_STATEMENTS } from "./constraints.js";
import {
  planClaimUpkeep,
  planEntityUpkeep,
  planLoad,
  planPreviousClaims,
  planPreviousEntities,
  planRemoveSource,
  type NameFolder,
  type Statement,
} from "./plan.js";

/** The I/O edge of the load stage: runs a plan in one write transaction. */

export interface WriteCounts {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

export function emptyCounts(): WriteCounts {
  return { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0 };
}

/**
 * The loader's sessions share the driver's executeQuery bookmark manager: on a cluster each write
 * and the count after them see the writes before, and writeBookmarks tells a reader on another
 * process what to wait for to see them all.
 */
function causalSession(driver: Driver, database: string | undefined, defaultAccessMode: SessionMode = "WRITE"): Session {
  return driver.session({ database, defaultAccessMode, bookmarkManager: driver.executeQueryBookmarkManager });
}

/** The bookmarks of this process's writes so far (sent as X-Neo4j-Bookmark, the API reads them). */
export async function writeBookmarks(driver: Driver): Promise<string[]> {
  return [...(await driver.executeQueryBookmarkManager.getBookmarks())];
}

export async function ensureSchema(driver: Driver, database?: string): Promise<void> {
  const session = causalSession(driver, database);
  try {
    for (const statement of SCHEMA_STATEMENTS) {
      // Managed, so that a deadlock with another run creating the same schema is retried; and
      // when that run commits the same index between IF NOT EXISTS's check and this commit, it is there.
      await session.executeWrite((tx) => tx.run(statement)).catch((e: unknown) => {
        if (!(e instanceof Neo4jError && e.code === "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists")) throw e;
      });
    }
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
  const counts = emptyCounts();
  const session = causalSession(driver, database);
  try {
    await session.executeWrite(async (tx) => {
      const sourceIds = graphs.map((g) => g.source.id);
      const previousIds = await previousClaims(tx, sourceIds);
      const previousEntities = await collectIds(tx, planPreviousEntities(sourceIds));
      const touched = [...new Set([...previousIds, ...graphs.flatMap((g) => g.claims.map((c) => c.id))])];
      // Entities after claims: an orphaned claim no longer holds its subject.
      for (const statement of [...planLoad(graphs, fold), ...planClaimUpkeep(touched)]) await runCounting(tx, statement, counts);
      await entityUpkeep(tx, previousEntities, counts);
    });
  } finally {
    await session.close();
  }
  return counts;
}

/** planEntityUpkeep until it removes nothing more. */
async function entityUpkeep(tx: ManagedTransaction, entityIds: readonly string[], counts: WriteCounts): Promise<void> {
  for (let removed = 1; removed > 0; ) {
    const before = counts.nodesDeleted;
    for (const statement of planEntityUpkeep(entityIds)) await runCounting(tx, statement, counts);
    removed = counts.nodesDeleted - before;
  }
}

/** The ids a reading statement (planPreviousClaims, planPreviousEntities) returns, over its batches. */
async function collectIds(tx: ManagedTransaction, statements: readonly Statement[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const s of statements) {
    const result = await tx.run(s.cypher, s.params);
    for (const id of (result.records[0]?.get("ids") as string[] | undefined) ?? []) ids.add(id);
  }
  return [...ids];
}

function previousClaims(tx: ManagedTransaction, sourceIds: readonly string[]): Promise<string[]> {
  return collectIds(tx, planPreviousClaims(sourceIds));
}

/** Retracts sources and everything only they supported, in one transaction. */
export async function removeSources(driver: Driver, sourceIds: readonly string[], database?: string): Promise<WriteCounts> {
  const counts = emptyCounts();
  const session = causalSession(driver, database);
  try {
    await session.executeWrite(async (tx) => {
      for (const sourceId of sourceIds) {
        const previousIds = await previousClaims(tx, [sourceId]);
        const previousEntities = await collectIds(tx, planPreviousEntities([sourceId]));
        for (const statement of [...planRemoveSource(sourceId), ...planClaimUpkeep(previousIds)]) await runCounting(tx, statement, counts);
        await entityUpkeep(tx, previousEntities, counts);
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
  const session = causalSession(driver, database, "READ");
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
