import type { ParsedSource } from "../parse/types.js";
import { matchNames } from "../../lexicon/match.js";
import { findDates } from "./dates.js";
import { analyse } from "./doc.js";
import { affiliations, findNames, findPersonRefs, locate } from "./names.js";
import { taggedNames } from "./candidates.js";
import { recognise } from "./ner/index.js";
import { findQuantities } from "./quantities.js";
import { findQuotes } from "./quotes.js";
import type { CandidateMention, EntityMention, Extraction, NameIndex } from "./types.js";

export { buildNameIndex } from "./names.js";
export type * from "./types.js";

export interface ExtractOptions {
  /** The article's curated facts vouch for its reading: descriptions resolve without the entity's name. */
  trusted?: boolean;
}

/**
 * Rule-based extraction over a parsed source: entity mentions, reported statements, quantities,
 * dates and candidate people. Only headline, heading and body sentences are read, never boilerplate.
 */
export function extract(parsed: ParsedSource, names: NameIndex, options: ExtractOptions = {}): Extraction {
  const doc = analyse(parsed);
  const inSentence = <M extends { firstToken: number }>(m: M) => (doc.tokens[m.firstToken]?.sentence ?? -1) >= 0;
  const { located, nested } = findNames(doc, names, options.trusted ?? false);
  const named = new Set(located.map((m) => m.entityId));
  const roles = locate(doc, matchNames(doc.folded, names.roles), names)
    .filter(inSentence)
    .filter((m) => options.trusted || named.has(m.entityId));
  const tagged = taggedNames(doc, recognise(doc, names.tagger), [...located, ...nested]);
  const refs = findPersonRefs(doc, located, names, tagged);

  const entityMentions: EntityMention[] = [...located, ...nested].map((m) => ({
    entityId: m.entityId,
    start: m.start,
    end: m.end,
    sentenceIndex: doc.tokens[m.firstToken]!.sentence,
    ...(m.nested ? { nested: true as const } : {}),
  }));
  for (const r of refs) {
    if (r.entityId && !located.some((m) => m.start < r.end && r.start < m.end)) {
      entityMentions.push({ entityId: r.entityId, start: r.start, end: r.end, sentenceIndex: r.sentence });
    }
  }
  entityMentions.sort((a, b) => a.start - b.start);

  const byTagger = new Map(tagged.map((t) => [t.start, t.confidence]));
  const candidates: CandidateMention[] = refs.flatMap((r) => {
    if (!r.candidateName) return [];
    const confidence = byTagger.get(r.start);
    const via = confidence === undefined ? ("title" as const) : ("tagger" as const);
    return [{ name: r.candidateName, type: "Person" as const, via, confidence: confidence ?? 1, start: r.start, end: r.end, sentenceIndex: r.sentence }];
  });
  // Places and organisations the tagger found: each distinct name is one candidate in the article.
  for (const t of tagged) {
    if (t.type === "Person" || refs.some((r) => r.start < t.end && t.start < r.end)) continue;
    const name = parsed.text.slice(t.start, t.end);
    candidates.push({ name, type: t.type, via: "tagger", confidence: t.confidence, start: t.start, end: t.end, sentenceIndex: t.sentence });
  }
  candidates.sort((a, b) => a.start - b.start);
  const dates = findDates(doc);
  return {
    entityMentions,
    quotes: findQuotes(doc, located, roles, refs, affiliations(doc, refs, located, names), names),
    quantities: findQuantities(doc, dates),
    dates,
    candidates,
  };
}
