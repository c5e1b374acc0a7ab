import { claimAnnotation, quoteAnnotation, sourceUrl, type ClaimStatement, type EvidenceSpan } from "../annotation/index.js";
import type { EntityType } from "../../model/seed-files.js";
import type { ExportGraph, ExportNode, ExportRelationship, Props, Value } from "./graph.js";

/**
 * The graph as JSON-LD: the source as a schema:NewsArticle, entities with their schema.org type
 * and Wikidata sameAs link, claims and quotes as W3C Web Annotations
 * (https://www.w3.org/TR/annotation-model/) whose targets are their evidence spans, each with a
 * TextQuoteSelector, a TextPositionSelector and an RFC 5147 FragmentSelector on the source text. Annotation and source ids are
 * the API's URLs (/annotations/claims/:id, /annotations/quotes/:id, /sources/:id), so a consumer
 * can dereference them while `npm start` runs. The context is inline, with the Web Annotation
 * terms bound to the IRIs of the standard context, so the file expands without fetching anything.
 * A claim's statement is an rdf:Statement in the annotation's body.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const coerced = (id: string, type: string): JsonObject => ({ "@id": id, "@type": type });

export const JSONLD_CONTEXT: JsonObject = {
  schema: "https://schema.org/",
  oa: "http://www.w3.org/ns/oa#",
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  dctypes: "http://purl.org/dc/dcmitype/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  sanad: "urn:sanad:vocab:",
  id: "@id",
  type: "@type",
  // Web Annotation terms, as http://www.w3.org/ns/anno.jsonld binds them.
  Annotation: "oa:Annotation",
  SpecificResource: "oa:SpecificResource",
  TextualBody: "oa:TextualBody",
  TextQuoteSelector: "oa:TextQuoteSelector",
  TextPositionSelector: "oa:TextPositionSelector",
  FragmentSelector: "oa:FragmentSelector",
  Text: "dctypes:Text",
  describing: "oa:describing",
  motivation: coerced("oa:motivatedBy", "@vocab"),
  purpose: coerced("oa:hasPurpose", "@vocab"),
  body: coerced("oa:hasBody", "@id"),
  target: coerced("oa:hasTarget", "@id"),
  source: coerced("oa:hasSource", "@id"),
  scope: coerced("oa:hasScope", "@id"),
  selector: coerced("oa:hasSelector", "@id"),
  conformsTo: coerced("dcterms:conformsTo", "@id"),
  exact: "oa:exact",
  prefix: "oa:prefix",
  suffix: "oa:suffix",
  start: coerced("oa:start", "xsd:nonNegativeInteger"),
  end: coerced("oa:end", "xsd:nonNegativeInteger"),
  value: "rdf:value",
  format: "dc:format",
  language: "dc:language",
  // schema.org
  name: "schema:name",
  alternateName: "schema:alternateName",
  additionalType: "schema:additionalType",
  sameAs: coerced("schema:sameAs", "@id"),
  description: { "@id": "schema:description", "@language": "en" },
  jobTitle: { "@id": "schema:jobTitle", "@language": "ar" },
  headline: "schema:headline",
  text: "schema:text",
  inLanguage: "schema:inLanguage",
  publisher: "schema:publisher",
  url: coerced("schema:url", "@id"),
  datePublished: "schema:datePublished",
  sha256: "schema:sha256",
  creator: coerced("schema:creator", "@id"),
  recordedAt: coerced("schema:recordedAt", "@id"),
  isPartOf: coerced("dcterms:isPartOf", "@id"),
  // Claims as reified statements, with what the graph knows about them.
  Statement: "rdf:Statement",
  subject: coerced("rdf:subject", "@id"),
  predicate: coerced("rdf:predicate", "@id"),
  object: coerced("rdf:object", "@id"),
  modality: "sanad:modality",
  origin: "sanad:origin",
  relationship: "sanad:relationship",
  date: "sanad:date",
  datePrecision: "sanad:datePrecision",
  valueText: "sanad:valueText",
  valueQuantity: "sanad:valueQuantity",
  valueUnit: "sanad:valueUnit",
  valueBound: "sanad:valueBound",
  valueDate: "sanad:valueDate",
  valueDatePrecision: "sanad:valueDatePrecision",
  rank: "sanad:rank",
  status: "sanad:status",
  verb: "sanad:verb",
  implicitVerb: "sanad:implicitVerb",
  toldTo: coerced("sanad:toldTo", "@id"),
};

/** Entity types as schema.org types; the project's own type also goes into additionalType. */
const SCHEMA_TYPES: Record<EntityType, string> = {
  Person: "schema:Person",
  Organization: "schema:Organization",
  Country: "schema:Country",
  Place: "schema:Place",
  Event: "schema:Event",
  Agreement: "schema:CreativeWork",
  Operation: "schema:Event",
  Product: "schema:Product",
};

export interface JsonLdOptions {
  /** Where the API serves annotations and sources, e.g. http://127.0.0.1:4000. */
  baseUrl: string;
}

export const entityIri = (id: string) => `urn:sanad:entity:${encodeURIComponent(id)}`;
export const predicateIri = (predicate: string) => `urn:sanad:predicate:${encodeURIComponent(predicate)}`;
export const WIKIDATA_ENTITY = "http://www.wikidata.org/entity/";

function json(value: Value | undefined): Json | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((v) => json(v) ?? null);
  return typeof value === "bigint" ? Number(value) : value;
}

function str(props: Props, key: string): string | undefined {
  const v = props[key];
  return typeof v === "string" ? v : undefined;
}

/** Drops absent fields, so the output holds only what the graph says. */
function defined(fields: Record<string, Json | undefined>): JsonObject {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, Json] => e[1] !== undefined));
}

class Index {
  readonly byKey: Map<string, ExportNode>;
  private readonly out = new Map<string, ExportRelationship[]>();
  private readonly into = new Map<string, ExportRelationship[]>();
  constructor(graph: ExportGraph) {
    this.byKey = new Map(graph.nodes.map((n) => [n.key, n]));
    for (const r of graph.relationships) {
      this.out.set(r.start, [...(this.out.get(r.start) ?? []), r]);
      this.into.set(r.end, [...(this.into.get(r.end) ?? []), r]);
    }
  }
  /** Nodes at the end of `key`'s outgoing relationships of this type. */
  targets(key: string, type: string): ExportNode[] {
    return (this.out.get(key) ?? []).filter((r) => r.type === type).map((r) => this.byKey.get(r.end)!);
  }
  sources(key: string, type: string): ExportNode[] {
    return (this.into.get(key) ?? []).filter((r) => r.type === type).map((r) => this.byKey.get(r.start)!);
  }
}

function id(n: ExportNode): string {
  return n.props.id as string;
}

export function toJsonLd(graph: ExportGraph, { baseUrl }: JsonLdOptions): JsonObject {
  const base = baseUrl.replace(/\/+$/, "");
  const index = new Index(graph);
  const ofKind = (kind: string) => graph.nodes.filter((n) => n.kind === kind);

  const sources = ofKind("Source").map((s) =>
    defined({
      id: sourceUrl(base, id(s)),
      type: ["schema:NewsArticle", "Text"],
      headline: str(s.props, "title"),
      publisher: defined({ type: "schema:Organization", name: str(s.props, "publisher") }),
      inLanguage: str(s.props, "language"),
      url: str(s.props, "url"),
      datePublished: str(s.props, "published"),
      sha256: str(s.props, "sha256"),
      text: str(s.props, "text"),
    }),
  );

  const entities = ofKind("Entity").map((e) => {
    const type = str(e.props, "type");
    const wikidata = str(e.props, "wikidata");
    const partOf = index.targets(e.key, "PART_OF").map((p) => entityIri(id(p)));
    return defined({
      id: entityIri(id(e)),
      type: (type !== undefined && SCHEMA_TYPES[type as EntityType]) || "schema:Thing",
      additionalType: type,
      name: [
        { "@value": str(e.props, "nameAr") ?? id(e), "@language": "ar" },
        ...(str(e.props, "nameEn") ? [{ "@value": str(e.props, "nameEn")!, "@language": "en" }] : []),
      ],
      alternateName: json(e.props.aliases),
      sameAs: wikidata ? `${WIKIDATA_ENTITY}${wikidata}` : undefined,
      description: str(e.props, "glossEn"),
      jobTitle: str(e.props, "role"),
      rank: str(e.props, "rank"),
      status: str(e.props, "status"),
      isPartOf: partOf.length > 0 ? partOf : undefined,
    });
  });

  const evidence = (key: string): EvidenceSpan[] =>
    index
      .targets(key, "EVIDENCE")
      .map((m) => ({ m, source: index.targets(m.key, "IN")[0] }))
      .sort((a, b) => (a.source ? id(a.source) : "").localeCompare(b.source ? id(b.source) : "") || Number(a.m.props.start) - Number(b.m.props.start))
      .map(({ m, source }) => ({
        sourceId: source ? id(source) : (str(m.props, "sourceId") ?? ""),
        start: Number(m.props.start),
        end: Number(m.props.end),
        exact: str(m.props, "exact") ?? "",
        prefix: str(m.props, "prefix") ?? "",
        suffix: str(m.props, "suffix") ?? "",
        language: source ? str(source.props, "language") : undefined,
        url: source ? str(source.props, "url") : undefined,
      }));

  const claims = ofKind("Claim").map((c) => {
    const subject = index.targets(c.key, "SUBJECT")[0];
    const object = index.targets(c.key, "OBJECT")[0];
    const statement = defined({
      type: "Statement",
      subject: subject ? entityIri(id(subject)) : undefined,
      predicate: predicateIri(str(c.props, "predicate") ?? ""),
      object: object ? entityIri(id(object)) : undefined,
      ...Object.fromEntries(
        ["modality", "origin", "relationship", "date", "datePrecision", "valueText", "valueQuantity", "valueUnit", "valueBound", "valueDate", "valueDatePrecision"].map((k) => [k, json(c.props[k])]),
      ),
    });
    return claimAnnotation(base, id(c), claimStatement(c.props, subject, object), evidence(c.key), [statement]);
  });

  const quotes = ofKind("Quote").map((q) => {
    const speaker = index.sources(q.key, "STATED")[0];
    const at = index.targets(q.key, "SAID_AT")[0];
    const to = index.targets(q.key, "TOLD_TO")[0];
    const verb = str(q.props, "verb") ?? "";
    const text = str(q.props, "text") ?? "";
    const quotation = defined({
      type: "schema:Quotation",
      text,
      creator: speaker ? entityIri(id(speaker)) : undefined,
      recordedAt: at ? entityIri(id(at)) : undefined,
      toldTo: to ? entityIri(id(to)) : undefined,
      verb,
      implicitVerb: json(q.props.implicitVerb),
    });
    return quoteAnnotation(base, id(q), { speaker: speaker ? (str(speaker.props, "nameAr") ?? id(speaker)) : "", verb, text }, evidence(q.key), [quotation]);
  });

  return { "@context": JSONLD_CONTEXT, "@graph": [...sources, ...entities, ...claims, ...quotes] };
}

/** A claim's properties, with its subject and object, as src/annotation reads a claim: entities by English name, else id. */
function claimStatement(props: Props, subject: ExportNode | undefined, object: ExportNode | undefined): ClaimStatement {
  const name = (n: ExportNode | undefined) => (n ? (str(n.props, "nameEn") ?? id(n)) : undefined);
  const quantity = json(props.valueQuantity);
  return {
    subject: name(subject) ?? "",
    object: name(object),
    predicate: str(props, "predicate") ?? "",
    modality: str(props, "modality"),
    date: str(props, "date"),
    valueText: str(props, "valueText"),
    valueDate: str(props, "valueDate"),
    valueQuantity: typeof quantity === "number" ? quantity : undefined,
    valueUnit: str(props, "valueUnit"),
  };
}
