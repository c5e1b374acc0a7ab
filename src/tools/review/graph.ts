import neo4j, { type Driver } from "neo4j-driver";
import type { GraphClaim, GraphEntity } from "./decide.js";

/** The I/O edge of `npm run review`: what the machine proposed, read from the graph. */

/** A span of a source with its context (W3C TextQuoteSelector: prefix, exact, suffix). */
export interface Context {
  sourceId: string;
  start: number;
  end: number;
  prefix: string;
  exact: string;
  suffix: string;
}

export interface CandidateToReview {
  id: string;
  type: string;
  name: string;
  mentions: number;
  sources: string[];
  /** The first mentions, in source and offset order. */
  contexts: Context[];
}

export interface ClaimToReview {
  id: string;
  predicate: string;
  modality: string;
  date: string | null;
  confidence: number;
  extractor: string | null;
  subject: { id: string; name: string; status: string };
  object: { id: string; name: string; status: string } | null;
  sources: string[];
  evidence: Context[];
}

export interface ReviewList {
  candidates: CandidateToReview[];
  claims: ClaimToReview[];
}

export interface ListOptions {
  /** Extracted claims with at most this confidence. */
  maxConfidence: number;
  /** Only what this source proposed. */
  source?: string;
  /** Items per list. */
  limit: number;
  /** Context spans per item. */
  contexts: number;
}

const SPAN = "{.sourceId, start: toInteger(m.start), end: toInteger(m.end), .prefix, .exact, .suffix}";

// Agreements are candidates too, but known by kind, parties and date, not by a name to accept.
const CANDIDATES = `
MATCH (e:Entity {status: 'candidate'}) WHERE e.type <> 'Agreement'
CALL (e) {
  OPTIONAL MATCH (e)<-[:REFERS_TO]-(m:Mention)
  WITH m ORDER BY m.sourceId, m.start
  RETURN count(m) AS mentions, collect(DISTINCT m.sourceId) AS sources, collect(m ${SPAN})[0..$contexts] AS contexts
}
WITH e, mentions, sources, contexts WHERE $source IS NULL OR $source IN sources
RETURN e.id AS id, e.type AS type, e.nameAr AS name, mentions, sources, contexts
ORDER BY mentions DESC, id LIMIT $limit`;

const CLAIMS = `
MATCH (c:Claim:Extracted) WHERE c.confidence <= $maxConfidence
CALL (c) {
  MATCH (c)-[:EVIDENCE]->(m:Mention)
  WITH m ORDER BY m.sourceId, m.start
  RETURN collect(DISTINCT m.sourceId) AS sources, collect(m ${SPAN})[0..$contexts] AS evidence
}
WITH c, sources, evidence WHERE $source IS NULL OR $source IN sources
MATCH (c)-[:SUBJECT]->(s:Entity)
OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
RETURN c.id AS id, c.predicate AS predicate, c.modality AS modality, c.date AS date, c.confidence AS confidence, c.extractor AS extractor,
       s {.id, name: s.nameAr, .status} AS subject, CASE WHEN o IS NULL THEN null ELSE o {.id, name: o.nameAr, .status} END AS object,
       sources, evidence
ORDER BY confidence, id LIMIT $limit`;

function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (neo4j.isInt(v) ? v.toNumber() : v))) as T;
}

export async function listForReview(driver: Driver, options: ListOptions, database?: string): Promise<ReviewList> {
  const params = { limit: neo4j.int(options.limit), contexts: neo4j.int(options.contexts), source: options.source ?? null, maxConfidence: options.maxConfidence };
  const read = { database, routing: neo4j.routing.READ };
  const [candidates, claims] = await Promise.all([driver.executeQuery(CANDIDATES, params, read), driver.executeQuery(CLAIMS, params, read)]);
  return {
    candidates: candidates.records.map((r) => plain<CandidateToReview>(r.toObject())),
    claims: claims.records.map((r) => plain<ClaimToReview>(r.toObject())),
  };
}

/** An entity by id, with the sources that mention it; undefined when the graph has none. */
export async function entityById(driver: Driver, id: string, database?: string): Promise<GraphEntity | undefined> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Entity {id: $id})
     RETURN e {.id, .type, .nameAr, .nameEn, .status} AS entity, COLLECT { MATCH (e)<-[:REFERS_TO]-(m:Mention) RETURN DISTINCT m.sourceId ORDER BY m.sourceId } AS sources`,
    { id },
    { database, routing: neo4j.routing.READ },
  );
  const r = records[0];
  return r ? { ...(r.get("entity") as Omit<GraphEntity, "sources">), sources: r.get("sources") as string[] } : undefined;
}

/** A claim by id, with the sources of its evidence; undefined when the graph has none. */
export async function claimById(driver: Driver, id: string, database?: string): Promise<GraphClaim | undefined> {
  const { records } = await driver.executeQuery(
    `MATCH (c:Claim {id: $id})-[:SUBJECT]->(s:Entity)
     OPTIONAL MATCH (c)-[:OBJECT]->(o:Entity)
     RETURN c.id AS id, c.predicate AS predicate, c.origin AS origin, s.id AS subjectId, o.id AS objectId,
            COLLECT { MATCH (c)-[:EVIDENCE]->(m:Mention) RETURN DISTINCT m.sourceId ORDER BY m.sourceId } AS sources`,
    { id },
    { database, routing: neo4j.routing.READ },
  );
  const r = records[0];
  if (!r) return undefined;
  const objectId = r.get("objectId") as string | null;
  return {
    id: r.get("id") as string,
    predicate: r.get("predicate") as string,
    origin: r.get("origin") as GraphClaim["origin"],
    subjectId: r.get("subjectId") as string,
    ...(objectId !== null && { objectId }),
    sources: r.get("sources") as string[],
  };
}
