/**
 * Offsets in the graph count Unicode code points (see src/model/graph.ts), while JS strings index
 * UTF-16 units. They differ only after a character outside the BMP (emoji, rare CJK), so every
 * conversion takes a fast path when the text has none.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The last text asked about: the pipeline asks about the same article once per span. A safe cache:
 * keyed by the text itself, so it can only ever answer what SURROGATE.test would.
 */
let last: { text: string; astral: boolean } | undefined;

export function hasAstral(text: string): boolean {
  if (last?.text !== text) last = { text, astral: SURROGATE.test(text) };
  return last.astral;
}

/** Length of `text` in code points. */
export function cpLength(text: string): number {
  if (!hasAstral(text)) return text.length;
  let n = text.length;
  // A high surrogate followed by a low one is one code point; lone surrogates count as one each.
  for (let i = 0; i + 1 < text.length; i++) {
    const hi = text.charCodeAt(i);
    const lo = text.charCodeAt(i + 1);
    if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n;
}

/** Code-point offset of the UTF-16 index `index` (which must not split a surrogate pair). */
export function toCodePoint(text: string, index: number): number {
  if (!hasAstral(text)) return index;
  return cpLength(text.slice(0, index));
}

/** UTF-16 index of the code-point offset `offset`; offsets past the end clamp to text.length. */
export function toUtf16(text: string, offset: number): number {
  if (!hasAstral(text)) return Math.min(offset, text.length);
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < offset) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    cp++;
  }
  return i;
}

/** `text` between code-point offsets start (inclusive) and end (exclusive). */
export function sliceCp(text: string, start: number, end: number): string {
  return text.slice(toUtf16(text, start), toUtf16(text, end));
}

/** 1-based line of the UTF-16 index `index`; "\r\n" and "\n" both end a line. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
