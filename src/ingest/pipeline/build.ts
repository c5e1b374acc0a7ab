import { EXTRACTOR, type CandidateMention, type Extraction, type NameIndex, type Target } from "../extract/index.js";
import type { Claim, Entity, Mention, Quote, SourceGraph } from "../../model/graph.js";
import type { ArticleMeta, GazetteerEntry } from "../../model/seed-files.js";
import type { ParsedSource } from "../parse/index.js";
import { claimId, mentionId, sha256Hex, spanOf, toCodePoint, type ResolvedFact } from "../resolve/index.js";
import { fold } from "../../lexicon/arabic.js";

/**
 * The graph stage: what extraction found and the curated facts (already resolved to spans, where
 * their file positions are known) become one SourceGraph, the unit that `load` writes. Rule
 * output is resolved to code-point spans here. Pure; the validate stage checks the result.
 */

export interface ArticleInput {
  meta: Pick<ArticleMeta, "id" | "title" | "publisher" | "language" | "url" | "published">;
  /** The stored text (BOM removed); its sha256. */
  text: string;
  sha256: string;
  /** Where the text came from, for messages. */
  file: string;
}

export interface BuiltSource {
  graph: SourceGraph;
  parsed: ParsedSource;
  extraction: Extraction;
}

/** A gazetteer or world-data entry as a graph node; descriptions are kept as aliases, for lookup by name. */
function entityOf(g: GazetteerEntry, status: Entity["status"]): Entity {
  return {
    id: g.id,
    type: g.type,
    nameAr: g.nameAr,
    nameEn: g.nameEn,
    aliases: [...g.aliases, ...(g.descriptions ?? [])],
    status,
    ...(g.role && { role: g.role }),
    ...(g.rank && { rank: g.rank }),
    ...(g.wikidata && { wikidata: g.wikidata }),
    ...(g.glossEn && { glossEn: g.glossEn }),
    ...(g.partOf && { partOf: g.partOf }),
  };
}

/**
 * Candidate entities get ids from their type and folded name, so the same unknown name of the
 * same type merges across articles, and a place never merges with a person of the same name; a
 * local candidate (CandidateMention.local) merges only within its article (scope: the source id).
 */
function candidateId(type: CandidateMention["type"], name: string, scope: string): string {
  return `candidate-${sha256Hex(`${type}\u0000${fold(name)}\u0000${scope}`).slice(0, 12)}`;
}

export function graphOf(input: ArticleInput, names: NameIndex, extraction: Extraction, facts: readonly ResolvedFact[]): SourceGraph {
  const { text } = input;
  const sourceId = input.meta.id;

  // The extractor works in JS string indices; the graph counts code points (equal unless the
  // text has characters outside the Basic Multilingual Plane).
  const mentions = new Map<string, Mention>();
  const mention = (jsStart: number, jsEnd: number, entityId?: string, codePoints = false): string => {
    const start = codePoints ? jsStart : toCodePoint(text, jsStart);
    const end = codePoints ? jsEnd : toCodePoint(text, jsEnd);
    const id = mentionId(sourceId, start, end);
    const existing = mentions.get(id);
    if (existing) {
      if (entityId && !existing.entityId) existing.entityId = entityId;
    } else {
      mentions.set(id, { id, sourceId, start, end, ...spanOf(text, start, end), ...(entityId ? { entityId } : {}) });
    }
    return id;
  };

  // Every curated entry (a short, hand-made list that facts refer to); world entries only when the
  // article reaches them, with what they are part of.
  const entities = new Map<string, Entity>();
  const known = (id: string): string => {
    const g = names.entries.get(id);
    if (g && !entities.has(id)) {
      entities.set(id, entityOf(g, names.curated.has(id) ? "curated" : "reference"));
      if (g.partOf) known(g.partOf);
    }
    return id;
  };
  for (const id of names.curated) known(id);
  const candidate = (name: string, type: CandidateMention["type"] = "Person", local = false): string => {
    const id = candidateId(type, name, local ? sourceId : "");
    if (!entities.has(id)) {
      entities.set(id, { id, type, nameAr: name, nameEn: name, aliases: [], status: "candidate" });
    }
    return id;
  };

  for (const m of extraction.entityMentions) mention(m.start, m.end, known(m.entityId));
  for (const c of extraction.candidates) mention(c.start, c.end, candidate(c.name, c.type, c.local));

  // A joint statement ("أعرب الوزيران …", "قال X وY") is one record per speaker over the same words.
  const speakersOf = new Map<string, number>();
  const quotes: Quote[] = extraction.quotes.map((q) => {
    const speakerId = q.speakerEntityId ?? candidate(q.unresolvedSpeakerName, q.unresolvedSpeakerType, q.unresolvedSpeakerLocal);
    // An unnamed source ("مصدر أمني غربي") is a node only through the words that describe it.
    if (!q.speakerEntityId && q.speakerSpan) mention(q.speakerSpan.start, q.speakerSpan.end, speakerId);
    const evidence = mention(q.start, q.end);
    const nth = speakersOf.get(evidence) ?? 0;
    speakersOf.set(evidence, nth + 1);
    const outletId = q.outletEntityId ?? (q.unresolvedOutletName ? candidate(q.unresolvedOutletName, "Organization") : undefined);
    return {
      id: `quote-${sha256Hex(nth === 0 ? evidence : `${evidence}\u0000${speakerId}`).slice(0, 16)}`,
      text: text.slice(q.start, q.end),
      verb: q.verb,
      implicitVerb: q.implicitVerb,
      speakerId: known(speakerId),
      ...(q.settingEntityId ? { settingId: known(q.settingEntityId) } : {}),
      ...(outletId ? { outletId: known(outletId) } : {}),
      evidence: [evidence],
    };
  });

  const claims = new Map<string, Claim>();
  for (const c of facts.map(({ fact, claimId, evidence }): Claim => ({
    id: claimId,
    predicate: fact.predicate,
    subjectId: known(fact.subject),
    ...(fact.object ? { objectId: known(fact.object) } : {}),
    ...(fact.value ? { value: fact.value } : {}),
    ...(fact.date ? { date: fact.date } : {}),
    modality: fact.modality,
    evidence: evidence.map((e) => mention(e.span.start, e.span.end, undefined, true)),
    ...(fact.relationship ? { relationship: fact.relationship } : {}),
    origin: "curated",
  }))) claims.set(c.id, c);

  // Agreements the frames found: one node per agreement of the article, or, when its parties and
  // date are known, one node per (kind, parties, date) across articles.
  const agreementIds = extraction.agreements.map((a, i) => {
    const parties = [...new Set(a.parties.flatMap((t) => ("entityId" in t ? [t.entityId] : [])))].sort();
    const key = parties.length >= 2 && a.date ? `${a.kind}|${parties.join(",")}|${a.date.value}` : `${sourceId}|${i}`;
    const id = `agreement-${sha256Hex(key).slice(0, 12)}`;
    entities.set(id, { id, type: "Agreement", nameAr: a.name, nameEn: a.name, aliases: [], status: "candidate" });
    for (const m of a.mentions) mention(m.start, m.end, id);
    return id;
  });
  const targetId = (t: Target): string =>
    "entityId" in t ? known(t.entityId) : "candidate" in t ? candidate(t.candidate.name, t.candidate.type, t.candidate.local) : agreementIds[t.agreement]!;

  // The same relation stated twice (a headline without its date, the body with it; a curated fact
  // and its extracted twin) is one claim: the curated one if any, else the dated one.
  const triple = (c: Pick<Claim, "predicate" | "subjectId" | "objectId">) => `${c.predicate}\u0000${c.subjectId}\u0000${c.objectId ?? ""}`;
  const byTriple = new Map<string, Claim>();
  for (const c of claims.values()) if (!byTriple.has(triple(c))) byTriple.set(triple(c), c);
  const datedFirst = [...extraction.claims].sort((a, b) => Number(b.date !== undefined) - Number(a.date !== undefined));
  for (const c of datedFirst) {
    const subjectId = targetId(c.subject);
    const objectId = targetId(c.object);
    const id = claimId({ predicate: c.predicate, subject: subjectId, object: objectId, ...(c.date && { date: c.date }), modality: c.modality });
    const evidence = mention(c.start, c.end);
    const twin = byTriple.get(triple({ predicate: c.predicate, subjectId, objectId }));
    const same = claims.get(id) ?? (twin && (twin.origin === "curated" || !c.date) ? twin : undefined);
    if (same) {
      // The curated fact (or an earlier frame) said it already: one claim, with both origins.
      if (!same.evidence.includes(evidence)) same.evidence.push(evidence);
      same.extractor = EXTRACTOR;
      same.confidence = Math.max(same.confidence ?? 0, c.confidence);
      continue;
    }
    const claim: Claim = {
      id,
      predicate: c.predicate,
      subjectId,
      objectId,
      ...(c.date && { date: c.date }),
      modality: c.modality,
      evidence: [evidence],
      origin: "extracted",
      extractor: EXTRACTOR,
      confidence: c.confidence,
    };
    claims.set(id, claim);
    if (!byTriple.has(triple(claim))) byTriple.set(triple(claim), claim);
  }

  return {
    source: {
      id: sourceId,
      title: input.meta.title,
      publisher: input.meta.publisher,
      language: input.meta.language,
      sha256: input.sha256,
      text,
      ...(input.meta.url ? { url: input.meta.url } : {}),
      // Without a meta date, the date the article prints at its head ("الخميس ٢٧ سبتمبر ٢٠١٨").
      ...(input.meta.published || extraction.datelineDate ? { published: input.meta.published ?? extraction.datelineDate! } : {}),
    },
    entities: [...entities.values()],
    mentions: [...mentions.values()],
    claims: [...claims.values()],
    quotes,
  };
}
