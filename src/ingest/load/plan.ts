import type { Claim, Entity, Source, SourceGraph } from "../../model/graph.js";

/**
 * Pure: turns sources' graphs into the Cypher statements that replace their contribution. Every
 * write is a batched UNWIND ... MERGE on a stable id, so running the plan twice leaves the graph
 * identical; what a source no longer says is removed in the same transaction. The rows of all the
 * sources go into the same statements: a statement per source would cost a round trip each, and
 * re-merge the shared entities (the whole gazetteer) once per source.
 */

export interface Statement {
  /** What the statement writes, for progress output and errors. */
  label: string;
  cypher: string;
  params: Record<string, unknown>;
}

export const BATCH_SIZE = 1000;

/** Folds a name for lookup; injected so this stage stays free of the matcher's details. */
export type NameFolder = (name: string) => string;

function batches<T>(rows: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function unwind(label: string, cypher: string, rows: readonly unknown[], extra: Record<string, unknown> = {}): Statement[] {
  return batches(rows).map((batch) => ({ label, cypher, params: { rows: batch, ...extra } }));
}

/** Cypher cannot parameterise labels or relationship types; only these well-formed names reach the query text. */
function assertIdentifier(name: string): string {
  if (!/^[A-Z][A-Za-z_]*$/.test(name)) throw new Error(`not a safe label or relationship type: ${name}`);
  return name;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** An entity's node properties as the loader writes them (the bulk backfill writes the same). */
export function entityRow(e: Entity, fold: NameFolder) {
  const keys = new Set([e.nameAr, e.nameEn, ...e.aliases].map(fold).filter((k) => k.length > 0));
  return {
    id: e.id,
    props: {
      type: e.type,
      nameAr: e.nameAr,
      nameEn: e.nameEn,
      aliases: e.aliases,
      searchKeys: [...keys].sort(),
      role: e.role ?? null,
      rank: e.rank ?? null,
      wikidata: e.wikidata ?? null,
      glossEn: e.glossEn ?? null,
      status: e.status,
    },
    partOf: e.partOf ?? null,
  };
}

/** The first day of a date's period, so claims of any precision sort and filter together. */
export function dateSort(value: string): string {
  const [y, m = "01", d = "01"] = value.split("-");
  return `${y}-${m}-${d}`;
}

export function claimRow(c: Claim) {
  const v = c.value;
  return {
    id: c.id,
    origin: c.origin,
    extractor: c.extractor ?? null,
    confidence: c.confidence ?? null,
    subjectId: c.subjectId,
    objectId: c.objectId ?? null,
    evidence: c.evidence,
    props: {
      // Stored on the claim as well as drawn as SUBJECT/OBJECT, so that an entity's claims are a
      // page of an index (subjectId, id), not a sort of all of them (src/ingest/load/constraints.ts).
      subjectId: c.subjectId,
      objectId: c.objectId ?? null,
      predicate: c.predicate,
      modality: c.modality,
      relationship: c.relationship ?? null,
      date: c.date?.value ?? null,
      datePrecision: c.date?.precision ?? null,
      dateSort: c.date ? dateSort(c.date.value) : null,
      valueText: v && "text" in v ? v.text : null,
      valueQuantity: v && "quantity" in v ? v.quantity : null,
      valueUnit: v && "unit" in v ? v.unit : null,
      valueBound: v && "bound" in v ? v.bound : null,
      valueDate: v && "date" in v ? v.date : null,
      valueDatePrecision: v && "precision" in v ? v.precision : null,
    },
  };
}

/** Before the load: the claims these sources supported, to find those they leave without evidence. */
export function planPreviousClaims(sourceIds: readonly string[]): Statement[] {
  return batches(sourceIds).map((ids) => ({
    label: "previous claims",
    cypher: `UNWIND $sourceIds AS sourceId
             MATCH (c:Claim)-[:EVIDENCE]->(:Mention {sourceId: sourceId})
             RETURN collect(DISTINCT c.id) AS ids`,
    params: { sourceIds: ids },
  }));
}

/**
 * Before the load: the candidate and world-data entities these sources named, spoke through or
 * made claims about, to find those a new reading of them leaves unreferenced (a candidate a
 * reviewer accepted or merged now resolves to a gazetteer entry).
 */
export function planPreviousEntities(sourceIds: readonly string[]): Statement[] {
  return unwind(
    "previous entities",
    `UNWIND $rows AS sourceId
             CALL (sourceId) {
               MATCH (m:Mention {sourceId: sourceId})-[:REFERS_TO]->(e:Entity) USING INDEX m:Mention(sourceId) RETURN e
               UNION
               MATCH (q:Quote {sourceId: sourceId})-[:STATED|SAID_AT|TOLD_TO]-(e:Entity) USING INDEX q:Quote(sourceId) RETURN e
               UNION
               MATCH (m:Mention {sourceId: sourceId})<-[:EVIDENCE]-(:Claim)-[:SUBJECT|OBJECT]->(e:Entity) USING INDEX m:Mention(sourceId) RETURN e
             }
             // What they are part of too: a ministry's country, once the ministry goes.
             MATCH (e)-[:PART_OF*0..]->(p:Entity) WHERE p.status IN ['candidate', 'reference']
             RETURN collect(DISTINCT p.id) AS ids`,
    sourceIds,
  );
}

/**
 * After a load or a retraction, and after planClaimUpkeep (an orphaned claim no longer holds its
 * subject): removes those of `entityIds` (planPreviousEntities) that nothing refers to any more.
 * Run until it removes nothing: what an entity was part of is free only once the entity is gone.
 * Candidates and world-data entities exist only while some source names them or a claim, quote or
 * part-of points at them; the curated gazetteer stays whole.
 */
export function planEntityUpkeep(entityIds: readonly string[]): Statement[] {
  return unwind(
    "unreferenced entities",
    `UNWIND $rows AS id
             MATCH (e:Entity {id: id}) WHERE e.status IN ['candidate', 'reference']
               AND NOT (e)<-[:REFERS_TO]-() AND NOT (e)-[:STATED]->() AND NOT (e)<-[:SUBJECT|OBJECT|SAID_AT|TOLD_TO|PART_OF]-()
             DETACH DELETE e`,
    entityIds,
  );
}

export function sourceRow(source: Source) {
  return {
    id: source.id,
    props: {
      title: source.title,
      publisher: source.publisher,
      language: source.language,
      sha256: source.sha256,
      text: source.text,
      url: source.url ?? null,
      published: source.published ?? null,
      // Code points, as offsets count (an emoji is one, not two UTF-16 units).
      length: Array.from(source.text).length,
    },
  };
}

/** A source given twice is loaded as last given, as if the graphs were loaded one after the other. */
export function planLoad(graphs: readonly SourceGraph[], fold: NameFolder): Statement[] {
  const sources = [...new Map(graphs.map((g) => [g.source.id, g])).values()];
  const statements: Statement[] = [];

  statements.push(
    ...unwind(
      "Source",
      "UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s += row.props, s.length = toInteger(row.props.length)",
      sources.map((g) => sourceRow(g.source)),
    ),
  );

  // Evidence and links of these sources are rewritten from scratch; the MERGEs below restore what stays.
  // The hints keep the planner on the sourceId indexes: with the source id an UNWIND variable it
  // may otherwise scan every Claim, or every REFERS_TO relationship (test/integration/plans.test.ts).
  statements.push(
    ...unwind(
      "previous links",
      `UNWIND $rows AS row
       CALL (row) { MATCH (m:Mention {sourceId: row.sourceId}) USING INDEX m:Mention(sourceId) WHERE NOT m.id IN row.mentionIds DETACH DELETE m }
       CALL (row) { MATCH (q:Quote {sourceId: row.sourceId}) USING INDEX q:Quote(sourceId) WHERE NOT q.id IN row.quoteIds DETACH DELETE q }
       CALL (row) { MATCH (q:Quote {sourceId: row.sourceId})-[r]-() USING INDEX q:Quote(sourceId) DELETE r }
       CALL (row) { MATCH (m:Mention {sourceId: row.sourceId})<-[r:EVIDENCE]-(:Claim) USING INDEX m:Mention(sourceId) DELETE r }
       CALL (row) { MATCH (m:Mention {sourceId: row.sourceId})-[r:REFERS_TO]->() USING INDEX m:Mention(sourceId) DELETE r }
       CALL (row) { MATCH (m:Mention:Evidence {sourceId: row.sourceId}) USING INDEX m:Mention(sourceId) REMOVE m:Evidence }`,
      sources.map((g) => ({ sourceId: g.source.id, mentionIds: g.mentions.map((m) => m.id), quoteIds: g.quotes.map((q) => q.id) })),
    ),
  );

  const entities = [...new Map(sources.flatMap((g) => g.entities.map((e) => [e.id, e] as const))).values()];
  for (const [type, ofType] of groupBy(entities, (e) => e.type)) {
    statements.push(
      ...unwind(
        `Entity:${type}`,
        `UNWIND $rows AS row
         MERGE (e:Entity {id: row.id})
         SET e:${assertIdentifier(type)}, e += row.props`,
        ofType.map((e) => entityRow(e, fold)),
      ),
    );
  }
  statements.push(
    ...unwind(
      "PART_OF",
      `UNWIND $rows AS row
       MATCH (e:Entity {id: row.id}), (p:Entity {id: row.partOf})
       MERGE (e)-[:PART_OF]->(p)`,
      entities.filter((e) => e.partOf).map((e) => entityRow(e, fold)),
    ),
  );

  statements.push(
    ...unwind(
      "Mention",
      `UNWIND $rows AS row
       MATCH (s:Source {id: row.sourceId})
       MERGE (m:Mention {id: row.id})
       SET m.sourceId = row.sourceId, m.start = toInteger(row.start), m.end = toInteger(row.end),
           m.exact = row.exact, m.prefix = row.prefix, m.suffix = row.suffix, m.entityId = row.entityId
       MERGE (m)-[:IN]->(s)
       WITH m, row WHERE row.entityId IS NOT NULL
       MATCH (e:Entity {id: row.entityId})
       MERGE (m)-[:REFERS_TO]->(e)`,
      sources.flatMap((g) => g.mentions.map((m) => ({ ...m, entityId: m.entityId ?? null }))),
    ),
  );

  const claims = sources.flatMap((g) => g.claims);
  statements.push(
    ...unwind(
      "Claim",
      `UNWIND $rows AS row
       MERGE (c:Claim {id: row.id})
       SET c += row.props
       // A claim that some source curated stays curated when another source only extracted it.
       SET c.origin = CASE WHEN c.origin = 'curated' THEN 'curated' ELSE row.origin END,
           c.extractor = coalesce(row.extractor, c.extractor),
           c.confidence = coalesce(row.confidence, c.confidence)
       // The label lets Neo4j Browser colour what no curator wrote (neo4j/browser/style.grass).
       FOREACH (_ IN CASE WHEN c.origin = 'extracted' THEN [1] ELSE [] END | SET c:Extracted)
       FOREACH (_ IN CASE WHEN c.origin = 'curated' THEN [1] ELSE [] END | REMOVE c:Extracted)
       WITH c, row
       MATCH (s:Entity {id: row.subjectId})
       MERGE (c)-[:SUBJECT]->(s)
       WITH c, row
       CALL (c, row) {
         MATCH (o:Entity {id: row.objectId})
         MERGE (c)-[:OBJECT]->(o)
       }
       WITH c, row
       UNWIND row.evidence AS mentionId
       MATCH (m:Mention {id: mentionId})
       // The label puts the span in the evidenceText index, which claim search reads.
       SET m:Evidence
       MERGE (c)-[e:EVIDENCE {claimId: c.id, mentionId: m.id}]->(m)`,
      claims.map(claimRow),
    ),
  );
  const drawn = claims.filter((c) => c.relationship && c.objectId);
  for (const [type, rows] of groupBy(drawn, (c) => c.relationship ?? "")) {
    statements.push(
      ...unwind(
        type,
        `UNWIND $rows AS row
         MATCH (s:Entity {id: row.subjectId}), (o:Entity {id: row.objectId})
         MERGE (s)-[r:${assertIdentifier(type)} {claimId: row.id}]->(o)
         SET r.predicate = row.predicate`,
        rows.map((c) => ({ id: c.id, subjectId: c.subjectId, objectId: c.objectId, predicate: c.predicate })),
      ),
    );
  }

  statements.push(
    ...unwind(
      "Quote",
      `UNWIND $rows AS row
       MATCH (speaker:Entity {id: row.speakerId})
       MERGE (q:Quote {id: row.id})
       SET q.sourceId = row.sourceId, q.speakerId = row.speakerId, q.text = row.text, q.verb = row.verb, q.implicitVerb = row.implicitVerb
       MERGE (speaker)-[:STATED]->(q)
       WITH q, row
       CALL (q, row) { MATCH (e:Entity {id: row.settingId}) MERGE (q)-[:SAID_AT]->(e) }
       CALL (q, row) { MATCH (e:Entity {id: row.outletId}) MERGE (q)-[:TOLD_TO]->(e) }
       WITH q, row
       UNWIND row.evidence AS mentionId
       MATCH (m:Mention {id: mentionId})
       MERGE (q)-[:EVIDENCE]->(m)`,
      sources.flatMap((g) =>
        g.quotes.map((q) => ({
          id: q.id,
          sourceId: g.source.id,
          text: q.text,
          verb: q.verb,
          implicitVerb: q.implicitVerb,
          speakerId: q.speakerId,
          settingId: q.settingId ?? null,
          outletId: q.outletId ?? null,
          evidence: q.evidence,
        })),
      ),
    ),
  );
  return statements;
}

/** A claim's text: its first evidence spans in mention id order ("<source>:<start>-<end>", compared as text), joined. */
export const CLAIM_TEXT_SPANS = 5;
export const CLAIM_TEXT_MAX_CHARS = 2000;

/**
 * After a source's claims changed: removes claims that lost their last evidence (with the
 * browsing relationships drawn from them), and rewrites the text of the others from their first
 * evidence, whichever sources it comes from. The text is bounded (CLAIM_TEXT_SPANS spans, at most
 * CLAIM_TEXT_MAX_CHARS characters) and read through the evidence index, so neither it nor its
 * upkeep grows with the number of sources citing the claim; search goes through every evidence
 * span (the evidenceText index).
 */
export function planClaimUpkeep(claimIds: readonly string[]): Statement[] {
  return batches(claimIds).flatMap((batch) => [
    {
      label: "orphaned claims",
      cypher: `UNWIND $ids AS id
               MATCH (c:Claim {id: id}) WHERE NOT (c)-[:EVIDENCE]->()
               OPTIONAL MATCH (c)-[:SUBJECT]->(s)-[r {claimId: id}]->()
               DELETE r
               DETACH DELETE c`,
      params: { ids: batch },
    },
    {
      label: "claim texts",
      cypher: `UNWIND $ids AS id
               MATCH (c:Claim {id: id})
               WITH c, COLLECT {
                 MATCH ()-[r:EVIDENCE]->(m:Mention) WHERE r.claimId = id AND r.mentionId > ''
                 RETURN m.exact ORDER BY r.claimId, r.mentionId LIMIT ${CLAIM_TEXT_SPANS}
               } AS words
               SET c.text = left(reduce(text = head(words), w IN tail(words) | text + ' … ' + w), ${CLAIM_TEXT_MAX_CHARS})`,
      params: { ids: batch },
    },
  ]);
}

/**
 * Retracts a source: its mentions and quotes; then planClaimUpkeep on the claims it supported and
 * planEntityUpkeep on the entities it named (planPreviousEntities) remove what only it supported.
 */
export function planRemoveSource(sourceId: string): Statement[] {
  return [
    {
      label: "source contribution",
      cypher: `CALL () { MATCH (m:Mention {sourceId: $sourceId}) DETACH DELETE m }
               CALL () { MATCH (q:Quote {sourceId: $sourceId}) DETACH DELETE q }
               CALL () { MATCH (s:Source {id: $sourceId}) DETACH DELETE s }`,
      params: { sourceId },
    },
  ];
}
