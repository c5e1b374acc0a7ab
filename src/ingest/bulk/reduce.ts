import type { SourceGraph } from "../../model/graph.js";
import { CLAIM_TEXT_MAX_CHARS, CLAIM_TEXT_SPANS, claimRow, entityRow, sourceRow, type NameFolder } from "../load/plan.js";
import type { Row } from "./tables.js";

/**
 * Pure: what a bulk backfill writes, as the transactional loader would leave it after loading the
 * same sources in the same order (src/ingest/load/plan.ts). A source's own nodes (Source,
 * Mention, Quote) and their relationships belong to it alone and become rows at once. Entities and
 * claims are shared across sources, so each shard keeps a partial of them (SharedPartial) that
 * merges with the next shard's as the loader's MERGE … SET would: properties as last written,
 * labels and relationships as the union, a claim curated once stays curated, its extractor and
 * confidence the last given, its text from its first evidence spans in mention id order.
 */

export interface SourceRows {
  source: Row[];
  mention: Row[];
  quote: Row[];
  in: Row[];
  refersTo: Row[];
  stated: Row[];
  saidAt: Row[];
  toldTo: Row[];
  quoteEvidence: Row[];
  claimEvidence: Row[];
}

export function sourceRows(g: SourceGraph): SourceRows {
  const s = sourceRow(g.source);
  const cited = new Set(g.claims.flatMap((c) => c.evidence));
  const rows: SourceRows = {
    source: [{ id: s.id, ...s.props }],
    mention: g.mentions.map((m) => ({
      id: m.id,
      labels: cited.has(m.id) ? ["Mention", "Evidence"] : ["Mention"],
      sourceId: m.sourceId,
      start: m.start,
      end: m.end,
      exact: m.exact,
      prefix: m.prefix,
      suffix: m.suffix,
      entityId: m.entityId ?? null,
    })),
    quote: g.quotes.map((q) => ({ id: q.id, sourceId: g.source.id, speakerId: q.speakerId, text: q.text, verb: q.verb, implicitVerb: q.implicitVerb })),
    in: g.mentions.map((m) => ({ start: m.id, end: g.source.id })),
    refersTo: g.mentions.flatMap((m) => (m.entityId ? [{ start: m.id, end: m.entityId }] : [])),
    stated: g.quotes.map((q) => ({ start: q.speakerId, end: q.id })),
    saidAt: g.quotes.flatMap((q) => (q.settingId ? [{ start: q.id, end: q.settingId }] : [])),
    toldTo: g.quotes.flatMap((q) => (q.outletId ? [{ start: q.id, end: q.outletId }] : [])),
    // MERGE: a span cited twice by one quote or claim is one relationship.
    quoteEvidence: g.quotes.flatMap((q) => [...new Set(q.evidence)].map((m) => ({ start: q.id, end: m }))),
    claimEvidence: g.claims.flatMap((c) => [...new Set(c.evidence)].map((m) => ({ start: c.id, end: m, claimId: c.id, mentionId: m }))),
  };
  return rows;
}

type EntityProps = ReturnType<typeof entityRow>["props"];
type ClaimProps = ReturnType<typeof claimRow>["props"];

interface EntityPartial {
  id: string;
  props: EntityProps;
  types: string[];
  partOf: string[];
}

interface DrawnPartial {
  type: string;
  subjectId: string;
  objectId: string;
  predicate: string;
}

interface ClaimPartial {
  id: string;
  props: ClaimProps;
  curated: boolean;
  extractor: string | null;
  confidence: number | null;
  subjects: string[];
  objects: string[];
  drawn: DrawnPartial[];
  /** Up to CLAIM_TEXT_SPANS [mention id, exact] pairs, the first in mention id order. */
  firstEvidence: [string, string][];
}

/** The shared part of one or more shards, in the order they were given; plain data, so a shard can store it as JSON. */
export interface SharedPartial {
  sources: string[];
  entities: EntityPartial[];
  claims: ClaimPartial[];
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

function drawnKey(d: DrawnPartial): string {
  return `${d.type}\u0000${d.subjectId}\u0000${d.objectId}`;
}

function firstSpans(pairs: readonly [string, string][]): [string, string][] {
  const byId = new Map(pairs);
  // Cypher's ORDER BY on strings, as the loader's claim text query (UTF-16 code units, like <).
  return [...byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).slice(0, CLAIM_TEXT_SPANS).map((k) => [k, byId.get(k)!]);
}

function mergeEntity(a: EntityPartial, b: EntityPartial): EntityPartial {
  return { id: a.id, props: b.props, types: union(a.types, b.types), partOf: union(a.partOf, b.partOf) };
}

function mergeClaim(a: ClaimPartial, b: ClaimPartial): ClaimPartial {
  const drawn = new Map(a.drawn.map((d) => [drawnKey(d), d]));
  for (const d of b.drawn) drawn.set(drawnKey(d), d);
  return {
    id: a.id,
    props: b.props,
    curated: a.curated || b.curated,
    extractor: b.extractor ?? a.extractor,
    confidence: b.confidence ?? a.confidence,
    subjects: union(a.subjects, b.subjects),
    objects: union(a.objects, b.objects),
    drawn: [...drawn.values()],
    firstEvidence: firstSpans([...a.firstEvidence, ...b.firstEvidence]),
  };
}

function mergeById<T extends { id: string }>(into: Map<string, T>, items: readonly T[], merge: (a: T, b: T) => T): void {
  for (const item of items) {
    const had = into.get(item.id);
    into.set(item.id, had ? merge(had, item) : item);
  }
}

export class DuplicateSourceError extends Error {
  override name = "DuplicateSourceError";
}

/** Merges partials given in load order (later ones win where the loader's last write wins). */
export function mergeShared(parts: readonly SharedPartial[], names: readonly string[] = parts.map((_, i) => `part ${i + 1}`)): SharedPartial {
  const sourceIn = new Map<string, string>();
  const entities = new Map<string, EntityPartial>();
  const claims = new Map<string, ClaimPartial>();
  parts.forEach((p, i) => {
    for (const s of p.sources) {
      const first = sourceIn.get(s);
      // The loader replaces a source given twice; a backfill writes each source once.
      if (first !== undefined) throw new DuplicateSourceError(`source "${s}" is given twice in the backfill (${first} and ${names[i]})`);
      sourceIn.set(s, names[i]!);
    }
    mergeById(entities, p.entities, mergeEntity);
    mergeById(claims, p.claims, mergeClaim);
  });
  return { sources: [...sourceIn.keys()], entities: [...entities.values()], claims: [...claims.values()] };
}

/** One source's contribution to the shared nodes. */
export function sharedOf(g: SourceGraph, fold: NameFolder): SharedPartial {
  const exact = new Map(g.mentions.map((m) => [m.id, m.exact]));
  // The loader merges a source's entities last-given-wins before writing them.
  const entities = [...new Map(g.entities.map((e) => [e.id, e])).values()];
  return {
    sources: [g.source.id],
    entities: entities.map((e) => {
      const row = entityRow(e, fold);
      return { id: e.id, props: row.props, types: [e.type], partOf: row.partOf ? [row.partOf] : [] };
    }),
    claims: g.claims.map((c) => {
      const row = claimRow(c);
      return {
        id: c.id,
        props: row.props,
        curated: c.origin === "curated",
        extractor: row.extractor,
        confidence: row.confidence,
        subjects: [c.subjectId],
        objects: c.objectId ? [c.objectId] : [],
        drawn: c.relationship && c.objectId ? [{ type: c.relationship, subjectId: c.subjectId, objectId: c.objectId, predicate: c.predicate }] : [],
        firstEvidence: firstSpans(c.evidence.map((m) => [m, exact.get(m) ?? ""])),
      };
    }),
  };
}

export interface SharedRows {
  entity: Row[];
  claim: Row[];
  subject: Row[];
  object: Row[];
  partOf: Row[];
  drawn: Row[];
}

/** The merged shared nodes and relationships as import rows. */
export function sharedRows(shared: SharedPartial): SharedRows {
  const known = new Set(shared.entities.map((e) => e.id));
  return {
    entity: shared.entities.map((e) => ({ id: e.id, labels: ["Entity", ...e.types], ...e.props })),
    claim: shared.claims.map((c) => {
      const origin = c.curated ? "curated" : "extracted";
      const words = c.firstEvidence.map(([, w]) => w);
      return {
        id: c.id,
        labels: origin === "extracted" ? ["Claim", "Extracted"] : ["Claim"],
        ...c.props,
        origin,
        extractor: c.extractor,
        confidence: c.confidence,
        text: words.join(" … ").slice(0, CLAIM_TEXT_MAX_CHARS),
      };
    }),
    subject: shared.claims.flatMap((c) => c.subjects.map((s) => ({ start: c.id, end: s }))),
    object: shared.claims.flatMap((c) => c.objects.map((o) => ({ start: c.id, end: o }))),
    // The loader's MATCH finds no node for a part-of outside the graph, and draws nothing.
    partOf: shared.entities.flatMap((e) => e.partOf.filter((p) => known.has(p)).map((p) => ({ start: e.id, end: p }))),
    drawn: shared.claims.flatMap((c) => c.drawn.map((d) => ({ start: d.subjectId, end: d.objectId, type: d.type, claimId: c.id, predicate: d.predicate }))),
  };
}
