import type { ParsedSource } from "../parse/types.js";
import { type Folded, isWordChar, normalizeForMatch } from "../../lexicon/index.js";

/** A word of the source: original span, folded span and folded text, and its sentence (-1 outside any). */
export interface Token {
  start: number;
  end: number;
  fs: number;
  fe: number;
  f: string;
  sentence: number;
}

/** The source folded once and cut into words, shared by the extractors. */
export interface Doc {
  parsed: ParsedSource;
  folded: Folded;
  tokens: Token[];
  /** [first, end) token indexes of each sentence. */
  sentenceTokens: Array<[number, number]>;
}

export function analyse(parsed: ParsedSource): Doc {
  const folded = normalizeForMatch(parsed.text);
  const t = folded.text;
  const tokens: Token[] = [];
  for (let fs = 0; fs < t.length; ) {
    if (!isWordChar(t[fs])) {
      fs++;
      continue;
    }
    let fe = fs;
    while (fe < t.length && isWordChar(t[fe])) fe++;
    const start = folded.map[fs]!;
    const end = folded.map[fe]!;
    tokens.push({ start, end, fs, fe, f: t.slice(fs, fe), sentence: sentenceAt(parsed, start, end) });
    fs = fe;
  }
  const sentenceTokens = parsed.sentences.map((): [number, number] => [0, 0]);
  tokens.forEach((tok, i) => {
    const range = sentenceTokens[tok.sentence];
    if (!range) return;
    if (range[1] === 0) range[0] = i;
    range[1] = i + 1;
  });
  return { parsed, folded, tokens, sentenceTokens };
}

/** Index of the sentence containing [start, end), or -1 (boilerplate, or across sentences). */
export function sentenceAt(parsed: ParsedSource, start: number, end: number): number {
  let lo = 0;
  let hi = parsed.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = parsed.sentences[mid]!;
    if (end <= s.start) hi = mid - 1;
    else if (start >= s.end) lo = mid + 1;
    else return start >= s.start && end <= s.end ? mid : -1;
  }
  return -1;
}

/** Folded text between token i - 1 and token i (or from the start of the text). */
export function gapBefore(doc: Doc, i: number): string {
  const from = i > 0 ? doc.tokens[i - 1]!.fe : 0;
  return doc.folded.text.slice(from, doc.tokens[i]!.fs);
}

/** Original span covering tokens [first, last]. */
export function tokenSpan(doc: Doc, first: number, last: number): { start: number; end: number } {
  return { start: doc.tokens[first]!.start, end: doc.tokens[last]!.end };
}

/** Index of the first token starting at or after an original offset. */
export function tokenAtOrAfter(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Folded index of an original offset: the first folded character at or after it. */
export function foldedIndex(doc: Doc, offset: number): number {
  const { map } = doc.folded;
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
