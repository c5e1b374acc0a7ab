import { fold } from "../../lexicon/arabic.js";
import type { Entity, Mention, Quote, SourceGraph } from "../../model/graph.js";
import { occurrences, spanOf, type GoldDoc, type GoldEntity, type GoldType, type Occurrence, type OccurrenceKind } from "./dev-gold.js";

/**
 * Scores the graphs the pipeline built for a gold-annotated set (realnews-dev and the private
 * test set, same layout). Pure: it reads only the SourceGraph shape, so it keeps working while
 * the pipeline behind it changes. Every metric is defined in EVALUATION.md and in the footnotes
 * of `npm run eval -- dev`.
 */

export interface DevDoc {
  gold: GoldDoc;
  text: string;
  graph: SourceGraph;
}

/** hit of total; the printer turns it into a percentage. */
export interface Ratio {
  hit: number;
  total: number;
}

export const MAIN_RELATIONS = ["signed", "agreementBetween", "partnerOf", "memberOf", "joined", "roleOf", "locatedIn"] as const;

/** Curated nodes of these types are single referents, identified by their full name, never by a description. */
const SINGULAR_TYPES = new Set<string>(["Agreement", "Event", "Operation", "Person"]);

export interface EntityRow {
  total: number;
  exact: number;
  overlap: number;
  /** Found entities whose best-matching node has the gold type. */
  typed: number;
}

export interface CrossMerge {
  nodeId: string;
  reason: string;
  docs: { file: string; keys: string[] }[];
}

export interface DocDetails {
  file: string;
  missedEntities: { key: string; type: GoldType; forms: string[] }[];
  falseMerges: { nodeId: string; keys: string[] }[];
  spuriousNodes: { nodeId: string; exact: string[] }[];
  missedRelations: { type: string; subject: string; object: string; evidence: string }[];
  unsupportedClaims: { predicate: string; subjectId: string; objectId: string; subjectKeys: string[]; objectKeys: string[] }[];
  missedQuotes: { speaker: string; evidence: string }[];
  misattributedQuotes: { evidence: string; goldSpeakers: string[]; speakerId: string; speakerKeys: string[] }[];
  unmatchedQuotes: { speakerId: string; text: string }[];
}

export interface DevScore {
  docs: number;
  entities: {
    byType: Record<string, EntityRow>;
    all: EntityRow;
    mentions: Record<OccurrenceKind, { total: number; exact: number; overlap: number }>;
    nodes: { total: number; precise: number; spurious: number; merged: number };
    /** Linked mentions that overlap no gold occurrence: anaphors the gold leaves out, or noise. */
    unannotatedMentions: number;
    crossDocMerges: CrossMerge[];
    /** Gold entities the gazetteer holds (same Wikidata id): their occurrences linked to that node. */
    known: { entities: number; entitiesAllLinked: number; mentions: Ratio };
  };
  relations: {
    byType: Record<string, { gold: number; found: number; extracted: number; supported: number }>;
    main: Ratio;
    all: Ratio;
    /** Claims with an entity object, and those among them that match a gold relation. */
    precision: Ratio;
    literalClaims: number;
    byOrigin: Record<string, number>;
  };
  quotes: {
    gold: number;
    found: number;
    rightSpeaker: number;
    /** Extracted quotes overlapping some gold quote, and those among them with a right speaker. */
    attribution: Ratio;
    unmatched: number;
    via: { gold: number; found: number; right: number };
  };
  dates: {
    /** Matched claims whose gold relation has a date: same value and precision. */
    accuracy: Ratio;
    /** Matched claims that carry a date: that date is the gold's. */
    precision: Ratio;
  };
  details: DocDetails[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/** Graph types in the gold's vocabulary; the gold has no Operation (an operation is an Event). */
function goldTypeOf(t: Entity["type"]): string {
  return t === "Operation" ? "Event" : t;
}

/** The gold occurrence a mention names: the one it overlaps most (intersection over union). */
function bestOccurrence(m: Mention, occ: readonly Occurrence[]): Occurrence | undefined {
  let best: Occurrence | undefined;
  let bestScore = 0;
  for (const o of occ) {
    if (!overlaps(m, o)) continue;
    const inter = Math.min(m.end, o.end) - Math.max(m.start, o.start);
    const score = inter / (Math.max(m.end, o.end) - Math.min(m.start, o.start));
    if (score > bestScore) [best, bestScore] = [o, score];
  }
  return best;
}

const namesOf = (e: Entity): string[] => [e.nameAr, ...e.aliases].map(fold);

/** What one document's graph says about its gold entities. */
class DocView {
  readonly occ: Occurrence[];
  readonly linked: Mention[];
  readonly byId: Map<string, Entity>;
  readonly mentionById: Map<string, Mention>;
  /** Node id → gold key → how many of its mentions name that entity. */
  readonly nodeKeys = new Map<string, Map<string, number>>();
  readonly goldByKey: Map<string, GoldEntity>;

  constructor(readonly doc: DevDoc) {
    this.occ = occurrences(doc.text, doc.gold.entities);
    this.linked = doc.graph.mentions.filter((m) => m.entityId !== undefined);
    this.byId = new Map(doc.graph.entities.map((e) => [e.id, e]));
    this.mentionById = new Map(doc.graph.mentions.map((m) => [m.id, m]));
    this.goldByKey = new Map(doc.gold.entities.map((e) => [e.key, e]));
    for (const m of this.linked) {
      const keys = this.nodeKeys.get(m.entityId!) ?? new Map<string, number>();
      this.nodeKeys.set(m.entityId!, keys);
      const o = bestOccurrence(m, this.occ);
      if (o) keys.set(o.key, (keys.get(o.key) ?? 0) + 1);
    }
  }

  /**
   * The gold entities a node stands for in this document: those its mentions here name; for a
   * node without mentions here (a gazetteer node a claim points to), those with a gold form equal
   * to one of its names, after folding.
   */
  keysOf(nodeId: string | undefined): Set<string> {
    if (nodeId === undefined) return new Set();
    const mentioned = this.nodeKeys.get(nodeId);
    if (mentioned) return new Set(mentioned.keys());
    const e = this.byId.get(nodeId);
    if (!e) return new Set();
    const names = new Set(namesOf(e));
    return new Set(this.doc.gold.entities.filter((g) => g.forms.some((f) => names.has(fold(f)))).map((g) => g.key));
  }

  /** The node a mention-less reader would take for this gold entity: the one most of its mentions name. */
  mainKey(nodeId: string): string | undefined {
    const keys = [...(this.nodeKeys.get(nodeId) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
    return keys[0]?.[0];
  }

  spansOf(evidence: readonly string[]): Mention[] {
    return evidence.flatMap((id) => this.mentionById.get(id) ?? []);
  }
}

/** A relaying outlet: `viaId` once the graph has it; until then the outlet a quote was told to. */
function viaOf(q: Quote): string | undefined {
  return (q as Quote & { viaId?: string }).viaId ?? q.outletId;
}

function emptyDetails(file: string): DocDetails {
  return { file, missedEntities: [], falseMerges: [], spuriousNodes: [], missedRelations: [], unsupportedClaims: [], missedQuotes: [], misattributedQuotes: [], unmatchedQuotes: [] };
}

export function scoreDev(docs: readonly DevDoc[]): DevScore {
  const views = docs.map((d) => new DocView(d));
  const score: DevScore = {
    docs: docs.length,
    entities: {
      byType: {},
      all: { total: 0, exact: 0, overlap: 0, typed: 0 },
      mentions: { form: { total: 0, exact: 0, overlap: 0 }, adjective: { total: 0, exact: 0, overlap: 0 }, title_ref: { total: 0, exact: 0, overlap: 0 } },
      nodes: { total: 0, precise: 0, spurious: 0, merged: 0 },
      unannotatedMentions: 0,
      crossDocMerges: crossDocMerges(views),
      known: { entities: 0, entitiesAllLinked: 0, mentions: { hit: 0, total: 0 } },
    },
    relations: { byType: {}, main: { hit: 0, total: 0 }, all: { hit: 0, total: 0 }, precision: { hit: 0, total: 0 }, literalClaims: 0, byOrigin: {} },
    quotes: { gold: 0, found: 0, rightSpeaker: 0, attribution: { hit: 0, total: 0 }, unmatched: 0, via: { gold: 0, found: 0, right: 0 } },
    dates: { accuracy: { hit: 0, total: 0 }, precision: { hit: 0, total: 0 } },
    details: [],
  };
  for (const v of views) {
    const details = emptyDetails(v.doc.gold.file);
    scoreEntities(v, score, details);
    scoreRelations(v, score, details);
    scoreQuotes(v, score, details);
    score.details.push(details);
  }
  return score;
}

function scoreEntities(v: DocView, score: DevScore, details: DocDetails): void {
  const s = score.entities;
  const curatedByWikidata = new Map(v.doc.graph.entities.filter((e) => e.status !== "candidate" && e.wikidata).map((e) => [e.wikidata!, e.id]));
  for (const g of v.doc.gold.entities) {
    const row = (s.byType[g.type] ??= { total: 0, exact: 0, overlap: 0, typed: 0 });
    const occ = v.occ.filter((o) => o.key === g.key);
    let exact = false;
    let best: { m: Mention; score: number } | undefined;
    for (const o of occ) {
      const hits = v.linked.filter((m) => overlaps(m, o));
      const isExact = hits.some((m) => m.start === o.start && m.end === o.end);
      exact ||= isExact;
      const mk = s.mentions[o.kind];
      mk.total++;
      if (isExact) mk.exact++;
      if (hits.length) mk.overlap++;
      for (const m of hits) {
        const sc = (Math.min(m.end, o.end) - Math.max(m.start, o.start)) / (Math.max(m.end, o.end) - Math.min(m.start, o.start));
        if (!best || sc > best.score) best = { m, score: sc };
      }
    }
    const node = best && v.byId.get(best.m.entityId!);
    const typed = node !== undefined && goldTypeOf(node.type) === g.type;
    for (const r of [row, s.all]) {
      r.total++;
      if (exact) r.exact++;
      if (best) r.overlap++;
      if (typed) r.typed++;
    }
    if (!best) details.missedEntities.push({ key: g.key, type: g.type, forms: [...g.forms, ...g.adjectives, ...g.title_refs] });

    const nodeId = g.wikidata ? curatedByWikidata.get(g.wikidata) : undefined;
    if (nodeId) {
      const linked = occ.filter((o) => v.linked.some((m) => m.entityId === nodeId && overlaps(m, o))).length;
      s.known.entities++;
      if (linked === occ.length) s.known.entitiesAllLinked++;
      s.known.mentions.hit += linked;
      s.known.mentions.total += occ.length;
    }
  }
  for (const [nodeId, keys] of v.nodeKeys) {
    s.nodes.total++;
    if (keys.size === 1) s.nodes.precise++;
    else if (keys.size === 0) {
      s.nodes.spurious++;
      details.spuriousNodes.push({ nodeId, exact: [...new Set(v.linked.filter((m) => m.entityId === nodeId).map((m) => m.exact))] });
    } else {
      s.nodes.merged++;
      details.falseMerges.push({ nodeId, keys: [...keys.keys()] });
    }
  }
  s.unannotatedMentions += v.linked.filter((m) => !bestOccurrence(m, v.occ)).length;
}

function scoreRelations(v: DocView, score: DevScore, details: DocDetails): void {
  const s = score.relations;
  const gold = v.doc.gold.relations;
  const found = new Set<number>();
  for (const c of v.doc.graph.claims) {
    s.byOrigin[c.origin] = (s.byOrigin[c.origin] ?? 0) + 1;
    if (c.objectId === undefined) {
      s.literalClaims++;
      continue;
    }
    const row = (s.byType[c.predicate] ??= { gold: 0, found: 0, extracted: 0, supported: 0 });
    row.extracted++;
    s.precision.total++;
    const subj = v.keysOf(c.subjectId);
    const obj = v.keysOf(c.objectId);
    const matches = gold.flatMap((r, i) => (r.type === c.predicate && subj.has(r.subject) && obj.has(r.object) ? [i] : []));
    if (matches.length) {
      row.supported++;
      s.precision.hit++;
    } else {
      details.unsupportedClaims.push({ predicate: c.predicate, subjectId: c.subjectId, objectId: c.objectId, subjectKeys: [...subj], objectKeys: [...obj] });
    }
    for (const i of matches) found.add(i);
    const dated = matches.map((i) => gold[i]!).find((r) => r.date !== undefined);
    if (matches.length && c.date) {
      score.dates.precision.total++;
      if (dated && dated.date === c.date.value) score.dates.precision.hit++;
    }
    if (dated) {
      score.dates.accuracy.total++;
      if (c.date?.value === dated.date && c.date?.precision === dated.date_precision) score.dates.accuracy.hit++;
    }
  }
  gold.forEach((r, i) => {
    const row = (s.byType[r.type] ??= { gold: 0, found: 0, extracted: 0, supported: 0 });
    const hit = found.has(i);
    row.gold++;
    if (hit) row.found++;
    else details.missedRelations.push({ type: r.type, subject: r.subject, object: r.object, evidence: r.evidence });
    for (const agg of (MAIN_RELATIONS as readonly string[]).includes(r.type) ? [s.main, s.all] : [s.all]) {
      agg.total++;
      if (hit) agg.hit++;
    }
  });
}

function scoreQuotes(v: DocView, score: DevScore, details: DocDetails): void {
  const s = score.quotes;
  const extracted = v.doc.graph.quotes.map((q) => ({ q, spans: v.spansOf(q.evidence), keys: v.keysOf(q.speakerId) }));
  const gold = v.doc.gold.quotes.flatMap((g) => {
    const span = spanOf(v.doc.text, g.evidence);
    return span ? [{ g, span }] : [];
  });
  for (const { g, span } of gold) {
    const hits = extracted.filter((x) => x.spans.some((m) => overlaps(m, span)));
    s.gold++;
    if (hits.length) s.found++;
    if (hits.some((x) => x.keys.has(g.speaker))) s.rightSpeaker++;
    else if (!hits.length) details.missedQuotes.push({ speaker: g.speaker, evidence: g.evidence });
    if (g.via) {
      s.via.gold++;
      if (hits.length) s.via.found++;
      if (hits.some((x) => v.keysOf(viaOf(x.q)).has(g.via!))) s.via.right++;
    }
  }
  for (const x of extracted) {
    const overlapped = gold.filter(({ span }) => x.spans.some((m) => overlaps(m, span)));
    if (!overlapped.length) {
      s.unmatched++;
      details.unmatchedQuotes.push({ speakerId: x.q.speakerId, text: x.q.text });
      continue;
    }
    s.attribution.total++;
    const speakers = overlapped.map(({ g }) => g.speaker);
    if (speakers.some((k) => x.keys.has(k))) s.attribution.hit++;
    else details.misattributedQuotes.push({ evidence: overlapped[0]!.g.evidence, goldSpeakers: [...new Set(speakers)], speakerId: x.q.speakerId, speakerKeys: [...x.keys] });
  }
}

/**
 * Nodes that stand for things known to differ in different documents. Gold keys are not shared
 * across documents, so "known to differ" needs evidence: two Wikidata ids (a curated node's own
 * id counts, as the seed article's referent), or two gold types. A curated node of a singular type (an agreement, event, operation or person of the seed) is
 * also compared with the seed's own referent: it is merged when the gold entity it stands for
 * here has no form equal to its full name (Agreement, Event, Operation) or to one of its names
 * (Person), i.e. the node was reached by a description such as "مذكرة تفاهم" or a title.
 */
function crossDocMerges(views: readonly DocView[]): CrossMerge[] {
  const seen = new Map<string, { file: string; key: string; gold: GoldEntity; node: Entity }[]>();
  for (const v of views) {
    for (const nodeId of v.nodeKeys.keys()) {
      const key = v.mainKey(nodeId);
      const node = v.byId.get(nodeId);
      if (key === undefined || !node) continue;
      const list = seen.get(nodeId) ?? [];
      list.push({ file: v.doc.gold.file, key, gold: v.goldByKey.get(key)!, node });
      seen.set(nodeId, list);
    }
  }
  const out: CrossMerge[] = [];
  for (const [nodeId, list] of seen) {
    const docs = list.map((x) => ({ file: x.file, keys: [x.key] }));
    const node = list[0]!.node;
    const seedWikidata = node.status !== "candidate" && node.wikidata ? [node.wikidata] : [];
    const wikidata = new Set([...seedWikidata, ...list.flatMap((x) => x.gold.wikidata ?? [])]);
    const types = new Set(list.map((x) => x.gold.type));
    if (wikidata.size >= 2) out.push({ nodeId, reason: `different Wikidata ids ${[...wikidata].join(", ")}`, docs });
    else if (list.length >= 2 && types.size >= 2) out.push({ nodeId, reason: `different gold types ${[...types].join(", ")}`, docs });
    else if (node.status === "curated" && SINGULAR_TYPES.has(node.type)) {
      const names = new Set(node.type === "Person" ? namesOf(node) : [fold(node.nameAr)]);
      const generic = list.filter((x) => !x.gold.forms.some((f) => names.has(fold(f))));
      if (generic.length) out.push({ nodeId, reason: `curated ${node.type} reached by a description, not by its name`, docs: generic.map((x) => ({ file: x.file, keys: [x.key] })) });
    }
  }
  return out;
}
