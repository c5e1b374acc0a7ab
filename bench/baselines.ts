import type { Driver } from "neo4j-driver";
import type { SourceGraph } from "../src/model/graph.js";
import { CLAIM_TEXT_MAX_CHARS, CLAIM_TEXT_SPANS, planLoad, type NameFolder } from "../src/ingest/load/plan.js";

/**
 * The baselines the loader is measured against. Both write the same rows as the loader (taken
 * from its plan, so the properties are identical) with hand-written Cypher straight through
 * neo4j-driver, nodes first, then one statement per relationship type:
 * - "unwind": batches of UNWIND … MERGE, one transaction per batch, the usual way to bulk-load;
 * - "naive": the same MERGE once per row, each its own auto-commit transaction.
 * Neither replaces an earlier version of a source (they load into an empty database), so they
 * do strictly less than the loader.
 */

type Row = Record<string, unknown>;

export interface RowSet {
  label: string;
  /** Cypher for one row, bound as `row`. */
  cypher: string;
  rows: Row[];
}

const rowsOf = (statements: ReturnType<typeof planLoad>, label: string): Row[] =>
  statements.filter((s) => s.label === label).flatMap((s) => s.params.rows as Row[]);

/** The loader's rows, regrouped into one MERGE pattern each. */
export function baselineRows(graphs: readonly SourceGraph[], fold: NameFolder): RowSet[] {
  const plan = planLoad(graphs, fold);
  const mentions = rowsOf(plan, "Mention");
  const claims = rowsOf(plan, "Claim");
  const quotes = rowsOf(plan, "Quote");

  // The loader computes a claim's text in the database from its first evidence; here, from the same rows.
  const mentionById = new Map(mentions.map((m) => [m.id as string, m]));
  const evidenceOf = new Map<string, Set<string>>();
  for (const c of claims) {
    const set = evidenceOf.get(c.id as string) ?? new Set<string>();
    for (const m of c.evidence as string[]) set.add(m);
    evidenceOf.set(c.id as string, set);
  }
  const claimText = (id: string) =>
    [...evidenceOf.get(id)!]
      .map((m) => mentionById.get(m)!)
      .sort((a, b) => ((a.id as string) < (b.id as string) ? -1 : 1))
      .slice(0, CLAIM_TEXT_SPANS)
      .map((m) => m.exact as string)
      .join(" … ")
      .slice(0, CLAIM_TEXT_MAX_CHARS);
  // A claim that some source curated stays curated when another source only extracted it, as in the loader.
  const curated = new Set(claims.filter((c) => c.origin === "curated").map((c) => c.id as string));
  const withOrigin = (c: Row): Row => ({ ...c, origin: curated.has(c.id as string) ? "curated" : c.origin });
  const uniqueClaims = [...new Map(claims.map((c) => [c.id as string, withOrigin(c)])).values()];

  const entityLabels = [...new Set(plan.filter((s) => s.label.startsWith("Entity:")).map((s) => s.label))];
  const drawnTypes = [...new Set(plan.map((s) => s.label).filter((l) => /^[A-Z][A-Z_]*$/.test(l) && l !== "PART_OF"))];
  const pairs = (rows: Row[], from: string, list: string) => rows.flatMap((r) => (r[list] as string[]).map((to) => ({ from: r[from], to })));

  return [
    { label: "Source", cypher: "MERGE (s:Source {id: row.id}) SET s += row.props", rows: rowsOf(plan, "Source") },
    ...entityLabels.map((label) => ({
      label,
      cypher: `MERGE (e:Entity {id: row.id}) SET e:${label.slice("Entity:".length)}, e += row.props`,
      rows: rowsOf(plan, label),
    })),
    {
      label: "Mention",
      cypher: "MERGE (m:Mention {id: row.id}) SET m.sourceId = row.sourceId, m.start = row.start, m.end = row.end, m.exact = row.exact, m.prefix = row.prefix, m.suffix = row.suffix, m.entityId = row.entityId",
      rows: mentions,
    },
    { label: "Claim", cypher: "MERGE (c:Claim {id: row.id}) SET c += row.props, c.text = row.text SET c.origin = row.origin FOREACH (_ IN CASE WHEN row.origin = 'extracted' THEN [1] ELSE [] END | SET c:Extracted)", rows: uniqueClaims.map((c) => ({ ...c, text: claimText(c.id as string) })) },
    {
      label: "Quote",
      cypher: "MERGE (q:Quote {id: row.id}) SET q.sourceId = row.sourceId, q.speakerId = row.speakerId, q.text = row.text, q.verb = row.verb, q.implicitVerb = row.implicitVerb",
      rows: quotes,
    },
    { label: "PART_OF", cypher: "MATCH (e:Entity {id: row.id}), (p:Entity {id: row.partOf}) MERGE (e)-[:PART_OF]->(p)", rows: rowsOf(plan, "PART_OF") },
    { label: "IN", cypher: "MATCH (m:Mention {id: row.id}), (s:Source {id: row.sourceId}) MERGE (m)-[:IN]->(s)", rows: mentions },
    {
      label: "REFERS_TO",
      cypher: "MATCH (m:Mention {id: row.id}), (e:Entity {id: row.entityId}) MERGE (m)-[:REFERS_TO]->(e)",
      rows: mentions.filter((m) => m.entityId !== null),
    },
    { label: "SUBJECT", cypher: "MATCH (c:Claim {id: row.id}), (e:Entity {id: row.subjectId}) MERGE (c)-[:SUBJECT]->(e)", rows: uniqueClaims },
    {
      label: "OBJECT",
      cypher: "MATCH (c:Claim {id: row.id}), (e:Entity {id: row.objectId}) MERGE (c)-[:OBJECT]->(e)",
      rows: uniqueClaims.filter((c) => c.objectId !== null),
    },
    { label: "EVIDENCE (claims)", cypher: "MATCH (c:Claim {id: row.from}), (m:Mention {id: row.to}) SET m:Evidence MERGE (c)-[:EVIDENCE {claimId: row.from, mentionId: row.to}]->(m)", rows: pairs(claims, "id", "evidence") },
    ...drawnTypes.map((type) => ({
      label: type,
      cypher: `MATCH (s:Entity {id: row.subjectId}), (o:Entity {id: row.objectId}) MERGE (s)-[r:${type} {claimId: row.id}]->(o) SET r.predicate = row.predicate`,
      // A claim made by several sources is drawn once.
      rows: [...new Map(rowsOf(plan, type).map((r) => [r.id as string, r])).values()],
    })),
    { label: "STATED", cypher: "MATCH (e:Entity {id: row.speakerId}), (q:Quote {id: row.id}) MERGE (e)-[:STATED]->(q)", rows: quotes },
    {
      label: "SAID_AT",
      cypher: "MATCH (q:Quote {id: row.id}), (e:Entity {id: row.settingId}) MERGE (q)-[:SAID_AT]->(e)",
      rows: quotes.filter((q) => q.settingId !== null),
    },
    {
      label: "TOLD_TO",
      cypher: "MATCH (q:Quote {id: row.id}), (e:Entity {id: row.outletId}) MERGE (q)-[:TOLD_TO]->(e)",
      rows: quotes.filter((q) => q.outletId !== null),
    },
    { label: "EVIDENCE (quotes)", cypher: "MATCH (q:Quote {id: row.from}), (m:Mention {id: row.to}) MERGE (q)-[:EVIDENCE]->(m)", rows: pairs(quotes, "id", "evidence") },
  ];
}

export const UNWIND_BATCH = 1000;

/** Batched UNWIND … MERGE, a transaction per batch. */
export async function unwindLoad(driver: Driver, sets: readonly RowSet[], database?: string): Promise<void> {
  const session = driver.session({ database });
  try {
    for (const set of sets) {
      for (let i = 0; i < set.rows.length; i += UNWIND_BATCH) {
        const rows = set.rows.slice(i, i + UNWIND_BATCH);
        await session.executeWrite((tx) => tx.run(`UNWIND $rows AS row ${set.cypher}`, { rows }));
      }
    }
  } finally {
    await session.close();
  }
}

/** One auto-commit statement per row. */
export async function naiveLoad(driver: Driver, sets: readonly RowSet[], database?: string, statements = Infinity): Promise<void> {
  const session = driver.session({ database });
  try {
    const rows = sets.flatMap((set) => set.rows.map((row) => ({ cypher: set.cypher, row }))).slice(0, statements);
    for (const { cypher, row } of rows) await session.run(`WITH $row AS row ${cypher}`, { row });
  } finally {
    await session.close();
  }
}
