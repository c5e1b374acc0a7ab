import neo4j, { type Driver } from "neo4j-driver";
import { z } from "zod";
import { Claim, Entity, Quote, Source } from "../../model/graph.js";

/**
 * What the reading view and the entity page show, read from the graph in read transactions with
 * parameterised Cypher. Every list is bounded: a source's spans by its text, an entity's claims by
 * a page size per predicate (an index seek each, see claim_subject_predicate in
 * src/ingest/load/constraints.ts), its quotes and timeline by a page size. Rows are checked
 * against the schemas below, which give their types.
 */

/** Driver integers and absent properties (null) as the page wants them. */
const int = z.preprocess((v) => (neo4j.isInt(v) ? v.toNumber() : v), z.number().int());
const optional = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined);

export const EntityRef = Entity.pick({ id: true, type: true, nameAr: true, nameEn: true, status: true }).extend({ wikidata: optional(z.string()) });
export type EntityRef = z.infer<typeof EntityRef>;

export const ClaimSummary = Claim.pick({ id: true, predicate: true, modality: true, origin: true }).extend({
  extractor: optional(z.string()),
  confidence: optional(z.number()),
  date: optional(z.string()),
  valueText: optional(z.string()),
  valueQuantity: optional(z.number()),
  valueUnit: optional(z.string()),
  valueBound: optional(z.string()),
  valueDate: optional(z.string()),
  subject: EntityRef,
  object: optional(EntityRef),
});
export type ClaimSummary = z.infer<typeof ClaimSummary>;

export const QuoteSummary = Quote.pick({ id: true, text: true, verb: true }).extend({
  implicitVerb: optional(z.boolean()),
  speaker: EntityRef,
  setting: optional(EntityRef),
  outlet: optional(EntityRef),
});
export type QuoteSummary = z.infer<typeof QuoteSummary>;

/** One span of the source and what it is for: the entity it names, the claims and quotes it is evidence of. */
export const MarkedSpan = z.object({
  id: z.string(),
  start: int,
  end: int,
  entityId: optional(z.string()),
  claimIds: z.array(z.string()),
  quoteIds: z.array(z.string()),
});
export type MarkedSpan = z.infer<typeof MarkedSpan>;

export const ReadingSource = Source.pick({ id: true, title: true, publisher: true, language: true, text: true }).extend({
  url: optional(z.string()),
  published: optional(z.string()),
});

export const Reading = z.object({
  source: ReadingSource,
  spans: z.array(MarkedSpan),
  entities: z.array(EntityRef),
  claims: z.array(ClaimSummary),
  quotes: z.array(QuoteSummary),
});
export type Reading = z.infer<typeof Reading>;

const ENTITY_REF = ".id, .type, .nameAr, .nameEn, .status, .wikidata";
const CLAIM_FIELDS = ".id, .predicate, .modality, .origin, .extractor, .confidence, .date, .valueText, .valueQuantity, .valueUnit, .valueBound, .valueDate";

const READING = `MATCH (s:Source {id: $id})
CALL (s) {
  MATCH (m:Mention) USING INDEX m:Mention(sourceId) WHERE m.sourceId = s.id
  OPTIONAL MATCH (m)-[:REFERS_TO]->(e:Entity)
  WITH m, e ORDER BY m.start, m.end DESC
  RETURN collect({id: m.id, start: m.start, end: m.end, entityId: e.id,
      claimIds: [(c:Claim)-[:EVIDENCE]->(m) | c.id], quoteIds: [(q:Quote)-[:EVIDENCE]->(m) | q.id]}) AS spans,
    collect(DISTINCT e {${ENTITY_REF}}) AS entities
}
CALL (s) {
  MATCH (m:Mention) USING INDEX m:Mention(sourceId) WHERE m.sourceId = s.id
  MATCH (c:Claim)-[:EVIDENCE]->(m)
  WITH DISTINCT c
  MATCH (c)-[:SUBJECT]->(subject:Entity)
  OPTIONAL MATCH (c)-[:OBJECT]->(object:Entity)
  RETURN collect(c {${CLAIM_FIELDS}, subject: subject {${ENTITY_REF}}, object: object {${ENTITY_REF}}}) AS claims
}
CALL (s) {
  MATCH (q:Quote) WHERE q.sourceId = s.id
  MATCH (speaker:Entity)-[:STATED]->(q)
  OPTIONAL MATCH (q)-[:SAID_AT]->(setting:Entity)
  OPTIONAL MATCH (q)-[:TOLD_TO]->(outlet:Entity)
  RETURN collect(q {.id, .text, .verb, .implicitVerb, speaker: speaker {${ENTITY_REF}}, setting: setting {${ENTITY_REF}}, outlet: outlet {${ENTITY_REF}}}) AS quotes
}
RETURN s {.id, .title, .publisher, .language, .text, .url, .published} AS source, spans, entities, claims, quotes`;

export interface ReadOptions {
  database?: string;
  timeoutMs?: number;
}

async function readOne(driver: Driver, query: string, params: Record<string, unknown>, { database, timeoutMs }: ReadOptions) {
  const { records } = await driver.executeQuery(query, params, {
    database,
    routing: neo4j.routing.READ,
    transactionConfig: { timeout: timeoutMs, metadata: { app: "sanad-pages" } },
  });
  return records;
}

/** A source with its spans, entities, claims and quotes; undefined when there is no such source. */
export async function readSource(driver: Driver, id: string, options: ReadOptions = {}): Promise<Reading | undefined> {
  const [row] = await readOne(driver, READING, { id }, options);
  return row ? Reading.parse(row.toObject()) : undefined;
}

/** An evidence span of a claim or quote, with the source it is in. */
export const EvidenceLink = z.object({ sourceId: z.string(), sourceTitle: z.string(), start: int, end: int, exact: z.string() });
export type EvidenceLink = z.infer<typeof EvidenceLink>;

export const ClaimWithEvidence = ClaimSummary.extend({ evidence: z.array(EvidenceLink), dateSort: optional(z.string()) });
export type ClaimWithEvidence = z.infer<typeof ClaimWithEvidence>;

/** Claims of one predicate, in id order, a page of them; `more` when there are further claims after the last. */
export const PredicateGroup = z.object({ role: z.enum(["subject", "object"]), predicate: z.string(), claims: z.array(ClaimWithEvidence), more: z.boolean() });
export type PredicateGroup = z.infer<typeof PredicateGroup>;
export type ClaimRole = PredicateGroup["role"];

export const EntityPageData = z.object({
  entity: EntityRef.extend({
    aliases: z.array(z.string()),
    role: optional(z.string()),
    rank: optional(z.string()),
    glossEn: optional(z.string()),
  }),
  partOf: optional(EntityRef),
  claimCount: int,
  quoteCount: int,
  groups: z.array(PredicateGroup),
  quotes: z.array(QuoteSummary.extend({ evidence: z.array(EvidenceLink) })),
  moreQuotes: z.boolean(),
  timeline: z.array(ClaimWithEvidence),
});
export type EntityPageData = z.infer<typeof EntityPageData>;

/** How much an entity page reads. */
export interface EntityPageLimits {
  /** Claims per predicate. */
  perPredicate: number;
  /** Predicates per role (subject, object). */
  predicates: number;
  /** Evidence spans per claim. */
  evidence: number;
  quotes: number;
  timeline: number;
}

export const ENTITY_PAGE_LIMITS: EntityPageLimits = { perPredicate: 5, predicates: 30, evidence: 3, quotes: 10, timeline: 12 };

/** Evidence of claim `c` in mention id order (the evidence_claim_page index), at most $evidence. */
const CLAIM_EVIDENCE = `CALL (c) {
    MATCH ()-[r:EVIDENCE]->(m:Mention) USING INDEX r:EVIDENCE(claimId, mentionId) WHERE r.claimId = c.id AND r.mentionId > ''
    WITH m ORDER BY r.claimId, r.mentionId LIMIT $evidence
    MATCH (m)-[:IN]->(s:Source)
    RETURN collect(m {.start, .end, .exact, sourceId: s.id, sourceTitle: s.title}) AS evidence
  }
  MATCH (c)-[:SUBJECT]->(subject:Entity)
  OPTIONAL MATCH (c)-[:OBJECT]->(object:Entity)`;
const CLAIM_ROW = `c {${CLAIM_FIELDS}, .dateSort, subject: subject {${ENTITY_REF}}, object: object {${ENTITY_REF}}, evidence: evidence}`;

/**
 * The predicates of an entity's claims in one role, then a page of claims of each. The role picks
 * the property (subjectId or objectId) from this fixed pair, never from the request.
 */
function groupsQuery(role: ClaimRole, onePredicate: boolean): string {
  const key = role === "subject" ? "subjectId" : "objectId";
  const predicates = onePredicate
    ? "UNWIND [$predicate] AS predicate"
    : `CALL () {
    MATCH (c:Claim) USING INDEX c:Claim(${key}, predicate, id) WHERE c.${key} = $id AND c.predicate IS NOT NULL AND c.id IS NOT NULL
    RETURN DISTINCT c.predicate AS predicate ORDER BY predicate LIMIT $predicates
  }`;
  return `${predicates}
CALL (predicate) {
  MATCH (c:Claim) USING INDEX c:Claim(${key}, predicate, id) WHERE c.${key} = $id AND c.predicate = predicate AND c.id > $after
  WITH c ORDER BY c.${key}, c.predicate, c.id LIMIT $perPredicate + 1
  ${CLAIM_EVIDENCE}
  RETURN collect(${CLAIM_ROW}) AS claims
}
RETURN $role AS role, predicate, claims[0..$perPredicate] AS claims, size(claims) > $perPredicate AS more`;
}

const ENTITY = `MATCH (e:Entity {id: $id})
OPTIONAL MATCH (e)-[:PART_OF]->(parent:Entity)
RETURN e {${ENTITY_REF}, .aliases, .role, .rank, .glossEn} AS entity, parent {${ENTITY_REF}} AS partOf,
  COUNT { (e)<-[:SUBJECT]-() } + COUNT { (e)<-[:OBJECT]-() } AS claimCount, COUNT { (e)-[:STATED]->() } AS quoteCount`;

const QUOTES = `MATCH (q:Quote) WHERE q.speakerId = $id AND q.id > $after
WITH q ORDER BY q.speakerId, q.id LIMIT $quotes + 1
MATCH (speaker:Entity)-[:STATED]->(q)
OPTIONAL MATCH (q)-[:SAID_AT]->(setting:Entity)
OPTIONAL MATCH (q)-[:TOLD_TO]->(outlet:Entity)
CALL (q) {
  MATCH (q)-[:EVIDENCE]->(m:Mention)-[:IN]->(s:Source)
  WITH m, s ORDER BY m.id LIMIT $evidence
  RETURN collect(m {.start, .end, .exact, sourceId: s.id, sourceTitle: s.title}) AS evidence
}
RETURN q {.id, .text, .verb, .implicitVerb, speaker: speaker {${ENTITY_REF}}, setting: setting {${ENTITY_REF}}, outlet: outlet {${ENTITY_REF}}, evidence: evidence} AS quote`;

/** The earliest dated claims in either role, each side an ordered seek of the *_date indexes. */
const TIMELINE = `CALL () {
  MATCH (c:Claim) USING INDEX c:Claim(subjectId, dateSort, id) WHERE c.subjectId = $id AND c.dateSort >= '' AND c.id IS NOT NULL
  WITH c ORDER BY c.subjectId, c.dateSort, c.id LIMIT $timeline
  RETURN c
  UNION
  MATCH (c:Claim) USING INDEX c:Claim(objectId, dateSort, id) WHERE c.objectId = $id AND c.dateSort >= '' AND c.id IS NOT NULL
  WITH c ORDER BY c.objectId, c.dateSort, c.id LIMIT $timeline
  RETURN c
}
WITH c ORDER BY c.dateSort, c.id LIMIT $timeline
${CLAIM_EVIDENCE}
RETURN ${CLAIM_ROW} AS claim`;

/** Every statement the pages run, for the plan checks of the tests. */
export const PAGE_STATEMENTS = {
  reading: READING,
  entity: ENTITY,
  subjectGroups: groupsQuery("subject", false),
  objectGroups: groupsQuery("object", false),
  onePredicate: groupsQuery("subject", true),
  quotes: QUOTES,
  timeline: TIMELINE,
} as const;

/** Narrows an entity page to one predicate's claims in one role, from a cursor on. */
export interface PredicatePage {
  role: ClaimRole;
  predicate: string;
  after: string;
}

/** An entity's page; undefined when there is no such entity. */
export async function readEntity(
  driver: Driver,
  id: string,
  { page, limits = ENTITY_PAGE_LIMITS, ...options }: ReadOptions & { page?: PredicatePage; limits?: EntityPageLimits } = {},
): Promise<EntityPageData | undefined> {
  const [head] = await readOne(driver, ENTITY, { id }, options);
  if (!head) return undefined;
  // Integers, not floats: LIMIT takes nothing else.
  const bounds = { id, evidence: neo4j.int(limits.evidence), predicates: neo4j.int(limits.predicates), timeline: neo4j.int(limits.timeline), quotes: neo4j.int(limits.quotes) };
  const roles: ClaimRole[] = page ? [page.role] : ["subject", "object"];
  const [groups, quotes, timeline] = await Promise.all([
    Promise.all(
      roles.map((role) =>
        readOne(driver, groupsQuery(role, page !== undefined), { ...bounds, role, predicate: page?.predicate ?? null, after: page?.after ?? "", perPredicate: neo4j.int(page ? limits.perPredicate * 4 : limits.perPredicate) }, options),
      ),
    ),
    page ? [] : readOne(driver, QUOTES, { ...bounds, after: "" }, options),
    page ? [] : readOne(driver, TIMELINE, bounds, options),
  ]);
  const quoteRows = quotes.map((r) => r.get("quote") as unknown);
  return EntityPageData.parse({
    ...head.toObject(),
    groups: groups.flat().map((r) => r.toObject()).filter((g) => (g.claims as unknown[]).length > 0),
    quotes: quoteRows.slice(0, limits.quotes),
    moreQuotes: quoteRows.length > limits.quotes,
    timeline: timeline.map((r) => r.get("claim") as unknown),
  });
}
