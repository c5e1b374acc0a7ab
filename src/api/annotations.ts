import type { Request, Response } from "express";
import neo4j, { type Driver } from "neo4j-driver";
import type { Logger } from "pino";
import { isNeo4jUnavailable } from "./errors.js";

/**
 * Claims and quotes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), one stable
 * URL each: /annotations/claims/:id and /annotations/quotes/:id. Each evidence span becomes one
 * target on /sources/:id, the exact text the offsets count in (the article's own URL, an HTML page,
 * would not match them), with the article's URL as the target's scope. `target` is always a list,
 * one per evidence span. Ids go into the URLs as they are: the loader makes them URL-safe.
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
  language: string;
}

const EVIDENCE = `CALL (n) {
    MATCH (n)-[:EVIDENCE]->(m:Mention)-[:IN]->(s:Source)
    WITH m, s ORDER BY s.id, m.start
    RETURN collect(m {.start, .end, .exact, .prefix, .suffix, sourceId: s.id, url: s.url, language: s.language}) AS evidence
  }`;

const QUERIES = {
  claims: `MATCH (n:Claim {id: $id})-[:SUBJECT]->(subject:Entity)
    OPTIONAL MATCH (n)-[:OBJECT]->(object:Entity)
    ${EVIDENCE}
    RETURN n {.*} AS node, subject.nameEn AS subject, object.nameEn AS object, evidence`,
  quotes: `MATCH (speaker:Entity)-[:STATED]->(n:Quote {id: $id})
    ${EVIDENCE}
    RETURN n {.*} AS node, speaker.nameAr AS subject, null AS object, evidence`,
} as const;
type Kind = keyof typeof QUERIES;

function isKind(kind: string): kind is Kind {
  return Object.hasOwn(QUERIES, kind);
}

const toNumber = (v: unknown): number => (neo4j.isInt(v) ? v.toNumber() : Number(v));

/** A readable one-line statement of a claim: "Qatar signed Qatar–US MoU (2017-07)". */
function describeClaim(node: Record<string, unknown>, subject: string, object: string | null): string {
  const value = object ?? node.valueText ?? node.valueDate ?? (node.valueQuantity != null ? `${String(node.valueQuantity)} ${String(node.valueUnit ?? "")}`.trim() : "");
  const date = node.date ? ` (${String(node.date)})` : "";
  const modality = node.modality && node.modality !== "asserted" ? ` [${String(node.modality)}]` : "";
  return `${subject} ${String(node.predicate)} ${String(value)}${date}${modality}`.replace(/\s+/g, " ").trim();
}

export function annotationRoute(driver: Driver, publicBase: (req: Request) => string, database: string | undefined, logger: Logger) {
  return async (req: Request, res: Response) => {
    const kind = String(req.params.kind);
    const id = String(req.params.id);
    if (!isKind(kind)) {
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
    const base = publicBase(req);
    const node = row.get("node") as Record<string, unknown>;
    const evidence = row.get("evidence") as EvidenceRow[];
    const body =
      kind === "claims"
        ? { type: "TextualBody", purpose: "describing", format: "text/plain", language: "en", value: describeClaim(node, row.get("subject") as string, row.get("object") as string | null) }
        : { type: "TextualBody", purpose: "describing", format: "text/plain", language: "ar", value: `${String(row.get("subject"))} ${String(node.verb)}: ${String(node.text)}` };
    res.type(ANNOTATION_CONTENT_TYPE).send(
      JSON.stringify({
        "@context": ANNOTATION_CONTEXT,
        id: `${base}/annotations/${kind}/${id}`,
        type: "Annotation",
        motivation: "describing",
        body,
        target: evidence.map((m) => ({
          type: "SpecificResource",
          source: { id: `${base}/sources/${m.sourceId}`, type: "Text", format: "text/plain", language: m.language },
          ...(m.url ? { scope: m.url } : {}),
          selector: [
            { type: "TextQuoteSelector", exact: m.exact, prefix: m.prefix, suffix: m.suffix },
            { type: "TextPositionSelector", start: toNumber(m.start), end: toNumber(m.end) },
          ],
        })),
      }),
    );
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
