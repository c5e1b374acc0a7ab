import { fold, reportingVerb } from "../../lexicon/index.js";
import type { SourceGraph } from "../../model/graph.js";
import type { ParsedSource } from "../../ingest/parse/index.js";
import { toCodePoint } from "../../model/offsets.js";

/**
 * Pure: what one source contributed, and which body sentences produced neither a claim nor a
 * quote, with the reason, so a curator sees what is left to extract.
 */

export interface UncoveredSentence {
  index: number;
  start: number;
  end: number;
  text: string;
  reason: string;
}

export interface Coverage {
  sourceId: string;
  entitiesByType: Record<string, number>;
  candidates: string[];
  claimsByPredicate: Record<string, number>;
  quotesBySpeaker: Record<string, number>;
  bodySentences: number;
  uncovered: UncoveredSentence[];
}

function tally(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

/** Whether any word of the sentence is a reporting verb of the lexicon. */
function hasReportingVerb(text: string): boolean {
  return fold(text)
    .split(/[^\p{L}\p{M}]+/u)
    .some((w) => reportingVerb(w) !== undefined);
}

function reasonFor(text: string, mentionsEntity: boolean): string {
  if (hasReportingVerb(text)) return "a reporting verb without أن / إن / «:» after it: no quote boundary found";
  if (!mentionsEntity) return "names no known entity and has no curated fact";
  return "names entities but no curated fact rests on it, no relation frame matched it and it has no reporting verb";
}

export function coverage(graph: SourceGraph, parsed: ParsedSource): Coverage {
  const mentionById = new Map(graph.mentions.map((m) => [m.id, m]));
  const cited = [...graph.claims.flatMap((c) => c.evidence), ...graph.quotes.flatMap((q) => q.evidence)]
    .map((id) => mentionById.get(id))
    .filter((m) => m !== undefined);
  const named = graph.mentions.filter((m) => m.entityId);
  const overlaps = (s: { start: number; end: number }, m: { start: number; end: number }) => m.start < s.end && s.start < m.end;

  const body = parsed.sentences.filter((s) => s.kind === "body");
  const uncovered: UncoveredSentence[] = [];
  for (const s of body) {
    // Sentences index JS strings; mentions count code points.
    const span = { start: toCodePoint(parsed.text, s.start), end: toCodePoint(parsed.text, s.end) };
    if (cited.some((m) => overlaps(span, m))) continue;
    uncovered.push({ index: s.index, ...span, text: s.text, reason: reasonFor(s.text, named.some((m) => overlaps(span, m))) });
  }
  const mentioned = new Set(named.map((m) => m.entityId));
  const entities = graph.entities.filter((e) => mentioned.has(e.id));
  const names = new Map(graph.entities.map((e) => [e.id, e.nameEn]));
  return {
    sourceId: graph.source.id,
    entitiesByType: tally(entities.map((e) => e.type)),
    candidates: entities.filter((e) => e.status === "candidate").map((e) => e.nameAr),
    claimsByPredicate: tally(graph.claims.map((c) => c.predicate)),
    quotesBySpeaker: tally(graph.quotes.map((q) => names.get(q.speakerId) ?? q.speakerId)),
    bodySentences: body.length,
    uncovered,
  };
}
