import type { ParsedSource } from "../parse/types.js";
import { matchNames } from "../../lexicon/match.js";
import { findDates } from "./dates.js";
import { analyse } from "./doc.js";
import { affiliations, findPersonRefs, locate } from "./names.js";
import { findQuantities } from "./quantities.js";
import { findQuotes } from "./quotes.js";
import type { CandidateMention, EntityMention, Extraction, NameIndex } from "./types.js";

export { buildNameIndex } from "./names.js";
export type * from "./types.js";

/**
 * Rule-based extraction over a parsed source: entity mentions, reported statements, quantities,
 * dates and candidate people. Only headline, heading and body sentences are read, never boilerplate.
 */
export function extract(parsed: ParsedSource, names: NameIndex): Extraction {
  const doc = analyse(parsed);
  const inSentence = <M extends { firstToken: number }>(m: M) => (doc.tokens[m.firstToken]?.sentence ?? -1) >= 0;
  const located = locate(doc, matchNames(doc.folded, names.names), names).filter(inSentence);
  const roles = locate(doc, matchNames(doc.folded, names.roles), names).filter(inSentence);
  const refs = findPersonRefs(doc, located, names);

  const entityMentions: EntityMention[] = located.map((m) => ({
    entityId: m.entityId,
    start: m.start,
    end: m.end,
    sentenceIndex: doc.tokens[m.firstToken]!.sentence,
  }));
  for (const r of refs) {
    if (r.entityId && !located.some((m) => m.start < r.end && r.start < m.end)) {
      entityMentions.push({ entityId: r.entityId, start: r.start, end: r.end, sentenceIndex: r.sentence });
    }
  }
  entityMentions.sort((a, b) => a.start - b.start);

  const candidates: CandidateMention[] = refs.flatMap((r) =>
    r.candidateName ? [{ name: r.candidateName, type: "Person" as const, start: r.start, end: r.end, sentenceIndex: r.sentence }] : [],
  );
  const dates = findDates(doc);
  return {
    entityMentions,
    quotes: findQuotes(doc, located, roles, refs, affiliations(doc, refs, located, names), names),
    quantities: findQuantities(doc, dates),
    dates,
    candidates,
  };
}
