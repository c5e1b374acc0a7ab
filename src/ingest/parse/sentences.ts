import { isInitial, isWordChar } from "../../lexicon/index.js";

const TERMINALS = ".!?؟…";
const CLOSERS = `"'»”’)]}`;
const LATIN_OR_DIGIT = /[A-Za-z0-9\u0660-\u0669]/;
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}

/**
 * Whether the period at i ends a sentence. It does not between digits ("3.5"), directly before a
 * Latin letter or digit ("U.S", "www.x"), or after an initial ("بي.", "J.") when a word follows.
 */
function periodEnds(text: string, i: number, end: number): boolean {
  const before = text[i - 1];
  const after = text[i + 1];
  if (DIGIT.test(before ?? "") && DIGIT.test(after ?? "")) return false;
  if (after !== undefined && i + 1 < end && LATIN_OR_DIGIT.test(after)) return false;
  let w = i;
  while (w > 0 && isWordChar(text[w - 1])) w--;
  if (w === i || !isInitial(text.slice(w, i))) return true;
  let k = i + 1;
  while (k < end && isSpace(text[k])) k++;
  return !(k < end && k > i + 1 && /\p{L}/u.test(text[k]!));
}

/**
 * Sentences of text[start, end) as [start, end) pairs trimmed of whitespace. A sentence ends after
 * a run of . ! ? ؟ … and any closing quotes or brackets; the rest of the block is a last sentence.
 */
export function splitSentences(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text[s])) s++;
    while (e > s && isSpace(text[e - 1])) e--;
    if (/[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push([s, e]);
  };
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text[i]!;
    if (!TERMINALS.includes(c) || (c === "." && !periodEnds(text, i, end))) continue;
    let j = i + 1;
    while (j < end && TERMINALS.includes(text[j]!)) j++;
    while (j < end && CLOSERS.includes(text[j]!)) j++;
    push(from, j);
    from = j;
    i = j - 1;
  }
  push(from, end);
  return out;
}
