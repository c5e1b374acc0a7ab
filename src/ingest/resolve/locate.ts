import type { Span } from "../../model/graph.js";
import type { Place, Problem } from "../../model/problem.js";
import { fold, isDropped, normalizeForMatch, type Folded } from "../../lexicon/arabic.js";
import { lineAt, toCodePoint } from "../../model/offsets.js";

/** Where the evidence words were written (the facts file), and the article they must be found in. */
export type EvidenceWhere = Place & {
  /** Name of the article for messages; "the article" when absent. */
  article?: string;
};

/** "exact": the words occur as written; "folded": only after Arabic folding (diacritics, hamza forms…). */
export type EvidenceMatch = "exact" | "folded";

export type EvidenceResult = { ok: true; span: Span; match: EvidenceMatch } | { ok: false; problem: Problem };

/**
 * Folding a 2 MiB article for each of a hundred facts would dominate; one entry is enough. A safe
 * cache: keyed by the text itself, so it can only ever answer what normalizeForMatch would.
 */
let foldCache: { text: string; folded: Folded } | undefined;
function foldedArticle(text: string): Folded {
  if (foldCache?.text !== text) foldCache = { text, folded: normalizeForMatch(text) };
  return foldCache.folded;
}

/** Every start index of `needle` in `haystack`, overlapping ones included (they are ambiguous too). */
function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/**
 * Locates the evidence words of a claim in the article text and returns their span in code points.
 * The words must occur exactly once: an exact match is tried first, then a match after Arabic folding,
 * mapped back to the original offsets (a curator typing without harakat still gets the text's span).
 */
export function locateEvidence(text: string, words: string, where: EvidenceWhere): EvidenceResult {
  const article = where.article ?? "the article";
  const problem = (reason: string): EvidenceResult => ({
    ok: false,
    problem: {
      file: where.file,
      ...(where.line !== undefined && { line: where.line }),
      ...(where.column !== undefined && { column: where.column }),
      ...(where.field !== undefined && { field: where.field }),
      reason,
      origin: "resolve:evidence",
      severity: "error",
    },
  });
  if (words.trim() === "") return problem("evidence words are empty");

  const exact = occurrences(text, words);
  if (exact.length === 1) {
    const start = exact[0]!;
    return { ok: true, match: "exact", span: { start: toCodePoint(text, start), end: toCodePoint(text, withMarks(text, start + words.length)) } };
  }
  if (exact.length > 1) return problem(ambiguous(text, exact, article));

  const { text: folded, map: origin } = foldedArticle(text);
  const needle = fold(words);
  // Words of harakat or tatweel alone fold to nothing, which would match everywhere.
  if (needle === "") return problem("evidence words have no letters");
  const hits = occurrences(folded, needle);
  if (hits.length === 0) return problem(notFound(text, foldedArticle(text), needle, article));
  const starts = hits.map((h) => origin[h]!);
  if (hits.length > 1) return problem(ambiguous(text, starts, article));

  const last = origin[hits[0]! + needle.length - 1]!;
  const end = withMarks(text, last + (text.codePointAt(last)! > 0xffff ? 2 : 1));
  return { ok: true, match: "folded", span: { start: toCodePoint(text, starts[0]!), end: toCodePoint(text, end) } };
}

/** Harakat after the last letter belong to it: a span must not cut a letter from its marks. */
function withMarks(text: string, end: number): number {
  while (end < text.length && isDropped(text[end]!)) end++;
  return end;
}

function ambiguous(text: string, starts: number[], article: string): string {
  const lines = starts.map((s) => lineAt(text, s));
  return `evidence words found ${starts.length} times in ${article}, at lines ${lines.join(", ")} — make them longer so they are unique`;
}

/** Names the longest beginning of the words that does occur, as the article writes it: it points at the first divergence. */
function notFound(text: string, { text: folded, map }: Folded, needle: string, article: string): string {
  let lo = 0;
  let hi = needle.length;
  // Occurrence of a prefix is monotonic in its length, so binary search finds the longest.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (folded.includes(needle.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  const at = folded.indexOf(needle.slice(0, lo));
  const hint = lo > 0 ? `; the longest beginning that occurs is "${text.slice(map[at], map[at + lo]).trim()}"` : "";
  return `evidence words not found in ${article}${hint}`;
}
