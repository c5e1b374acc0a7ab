import type { Request, Response } from "express";
import neo4j, { type Driver, type Record as Neo4jRecord } from "neo4j-driver";
import type { Logger } from "pino";
import { claimAnnotation, quoteAnnotation, type Annotation, type AnnotationCollection, type ClaimStatement, type EvidenceSpan, type QuoteStatement } from "../annotation/index.js";
import { isNeo4jUnavailable } from "./errors.js";

/**
 * GET /annotations/claims/:id and /annotations/quotes/:id: a claim or quote as the W3C Web
 * Annotation src/annotation writes, read from the graph with its evidence in source order.
 */

const ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld";
const ANNOTATION_CONTENT_TYPE = `application/ld+json; profile="${ANNOTATION_CONTEXT}"`;

interface EvidenceRow {
  start: unknown;
  end: unknown;
  exact: string;
  prefix: string;
  suffix: string;
  sourceId: string;
  url: string | null;
  language: string | null;
}

const EVIDENCE = `CALL (n) {
    MATCH (n)-[:EVIDENCE]->(m:Mention)-[:IN]->(s:Source)
    WITH m, s ORDER BY s.id, m.start
    RETURN collect(m {.start, .end, .exact, .prefix, .suffix, sourceId: s.id, url: s.url, language: s.language}) AS evidence
  }`;

// `n {.*}` holds only the properties the node has: no nulls for absent ones.
const QUERIES = {
  claims: `MATCH (n:Claim {id: $id})-[:SUBJECT]->(subject:Entity)
    OPTIONAL MATCH (n)-[:OBJECT]->(object:Entity)
    ${EVIDENCE}
    RETURN n {.*} AS node, coalesce(subject.nameEn, subject.id) AS subject, coalesce(object.nameEn, object.id) AS object, evidence`,
  quotes: `MATCH (speaker:Entity)-[:STATED]->(n:Quote {id: $id})
    ${EVIDENCE}
    RETURN n {.*} AS node, coalesce(speaker.nameAr, speaker.id) AS speaker, evidence`,
} as const satisfies Record<AnnotationCollection, string>;

function isCollection(kind: string): kind is AnnotationCollection {
  return Object.hasOwn(QUERIES, kind);
}

const toNumber = (v: unknown): number => (neo4j.isInt(v) ? v.toNumber() : Number(v));

const evidenceSpan = (m: EvidenceRow): EvidenceSpan => ({
  sourceId: m.sourceId,
  start: toNumber(m.start),
  end: toNumber(m.end),
  exact: m.exact,
  prefix: m.prefix,
  suffix: m.suffix,
  language: m.language ?? undefined,
  url: m.url ?? undefined,
});

function annotationOf(kind: AnnotationCollection, base: string, id: string, row: Neo4jRecord): Annotation {
  const evidence = (row.get("evidence") as EvidenceRow[]).map(evidenceSpan);
  if (kind === "quotes") {
    const quote = row.get("node") as Omit<QuoteStatement, "speaker">;
    return quoteAnnotation(base, id, { ...quote, speaker: row.get("speaker") as string }, evidence);
  }
  const claim = row.get("node") as Omit<ClaimStatement, "subject" | "object">;
  return claimAnnotation(base, id, { ...claim, subject: row.get("subject") as string, object: (row.get("object") as string | null) ?? undefined }, evidence);
}

export function annotationRoute(driver: Driver, publicBase: (req: Request) => string, database: string | undefined, logger: Logger) {
  return async (req: Request, res: Response) => {
    const kind = String(req.params.kind);
    const id = String(req.params.id);
    if (!isCollection(kind)) {
      res.status(404).json({ error: `no such annotation collection: ${kind}; use claims or quotes` });
      return;
    }
    let records;
    try {
      ({ records } = await driver.executeQuery(QUERIES[kind], { id }, { database, routing: neo4j.routing.READ }));
    } catch (e) {
      if (isNeo4jUnavailable(e)) {
        res.status(503).json({ error: "The graph database is not reachable right now; try again shortly." });
        return;
      }
      logger.error({ err: e }, "annotation lookup failed");
      res.status(500).json({ error: "Internal server error" });
      return;
    }
    const row = records[0];
    if (!row) {
      res.status(404).json({ error: `no ${kind === "claims" ? "claim" : "quote"} with id ${id}` });
      return;
    }
    res.type(ANNOTATION_CONTENT_TYPE).send(JSON.stringify({ "@context": ANNOTATION_CONTEXT, ...annotationOf(kind, publicBase(req), id, row) }));
  };
}

/** The text annotation offsets count in, as plain text: the targets' source. */
export function sourceTextRoute(driver: Driver, database: string | undefined, logger: Logger) {
  return async (req: Request, res: Response) => {
    try {
      const { records } = await driver.executeQuery("MATCH (s:Source {id: $id}) RETURN s.text AS text", { id: String(req.params.id) }, { database, routing: neo4j.routing.READ });
      const text = records[0]?.get("text") as string | undefined;
      if (text === undefined) res.status(404).type("text/plain").send(`no source with id ${String(req.params.id)}`);
      else res.type("text/plain; charset=utf-8").send(text);
    } catch (e) {
      if (isNeo4jUnavailable(e)) {
        res.status(503).type("text/plain").send("The graph database is not reachable right now; try again shortly.");
        return;
      }
      logger.error({ err: e }, "source lookup failed");
      res.status(500).type("text/plain").send("Internal server error");
    }
  };
}
