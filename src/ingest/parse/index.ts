import { BOILERPLATE_LINES, BOILERPLATE_PREFIXES, fold } from "../../lexicon/index.js";
import { splitSentences } from "./sentences.js";
import type { Block, BlockKind, ParsedSource, Sentence, SentenceKind } from "./types.js";

export type { Block, BlockKind, ParsedSource, Sentence, SentenceKind } from "./types.js";

/**
 * Segments an article into blocks and sentences. Rules, from copy-pasted news pages:
 * - each line is a block candidate; blank lines only separate;
 * - a line that is exactly a known piece of page chrome ("ليست هناك تعليقات") is boilerplate;
 * - the first remaining line is the headline when it is short, does not end with a period and more follows;
 * - a short line without final punctuation followed by a longer or punctuated line is a section heading;
 * - a line directly below (no blank line) a long paragraph line that stops mid-sentence continues that
 *   paragraph: a stray line break inside a <p>, not a new paragraph.
 * The caller strips a BOM; \r\n, \r and \n all end lines and offsets stay those of the original.
 */

/** Subheadings of news articles are a few words; anything longer is a paragraph. */
const HEADING_MAX_WORDS = 10;
const HEADLINE_MAX_WORDS = 30;

const SENTENCE_END = /[.!?؟…]$/;
const FINAL_PUNCTUATION = /[.!?؟…:؛،,;]$/;
const TRAILING_CLOSERS = /["'»”’)\]}]+$/;
/** Whitespace and invisible format characters at the edge of a line. */
const EDGE = /[\s\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** Comment-box, sharing and related-links chrome, compared folded with everything but letters removed. */
const BOILERPLATE_EXACT = new Set(BOILERPLATE_LINES.map(letterKey));
/** Chrome that goes on with a link title or a name; only short lines. */
const BOILERPLATE_PREFIX = BOILERPLATE_PREFIXES.map(letterKey);
const BOILERPLATE_PREFIX_MAX_WORDS = 15;

function letterKey(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

interface Line {
  start: number;
  end: number;
  /** A blank line (or the start of the text) lies between this line and the previous one. */
  blankBefore: boolean;
  words: number;
  boilerplate: boolean;
}

function contentLines(text: string): Line[] {
  const lines: Line[] = [];
  let blank = true;
  const breaks = /\r\n|[\n\r\u2028\u2029]/g;
  let from = 0;
  for (;;) {
    const m = breaks.exec(text);
    const to = m ? m.index : text.length;
    let start = from;
    let end = to;
    while (start < end && EDGE.test(text[start]!)) start++;
    while (end > start && EDGE.test(text[end - 1]!)) end--;
    if (start === end) {
      blank = true;
    } else {
      const body = text.slice(start, end);
      const words = body.split(/\s+/).length;
      // Chrome is a short line; folding every paragraph to compare it would cost a tenth of extraction.
      const key = words <= BOILERPLATE_PREFIX_MAX_WORDS ? letterKey(body) : "";
      const boilerplate =
        BOILERPLATE_EXACT.has(key) ||
        (words <= BOILERPLATE_PREFIX_MAX_WORDS && BOILERPLATE_PREFIX.some((p) => key.startsWith(`${p} `)));
      lines.push({ start, end, blankBefore: blank, words, boilerplate });
      blank = false;
    }
    if (!m) break;
    from = m.index + m[0].length;
  }
  return lines;
}

function lastSignificant(text: string, line: Line): string {
  return text.slice(line.start, line.end).replace(TRAILING_CLOSERS, "");
}

function headingLike(text: string, line: Line): boolean {
  return line.words <= HEADING_MAX_WORDS && !FINAL_PUNCTUATION.test(lastSignificant(text, line));
}

const SENTENCE_KIND: Record<Exclude<BlockKind, "boilerplate">, SentenceKind> = {
  headline: "headline",
  heading: "heading",
  paragraph: "body",
};

export function parse(text: string, sourceId: string): ParsedSource {
  const lines = contentLines(text);
  const blocks: Block[] = [];
  let lastLine: Line | undefined;
  let seenContent = false;
  lines.forEach((line, i) => {
    const add = (kind: BlockKind) => blocks.push({ index: blocks.length, kind, start: line.start, end: line.end });
    if (line.boilerplate) {
      add("boilerplate");
      lastLine = line;
      return;
    }
    const next = lines.slice(i + 1).find((l) => !l.boilerplate);
    const previous = blocks.at(-1);
    if (!seenContent && next !== undefined && line.words <= HEADLINE_MAX_WORDS && !lastSignificant(text, line).endsWith(".")) {
      add("headline");
    } else if (headingLike(text, line) && next !== undefined && !headingLike(text, next)) {
      add("heading");
    } else if (
      previous?.kind === "paragraph" &&
      lastLine !== undefined &&
      !lastLine.boilerplate &&
      !line.blankBefore &&
      lastLine.words > HEADING_MAX_WORDS &&
      !SENTENCE_END.test(lastSignificant(text, lastLine))
    ) {
      previous.end = line.end;
    } else {
      add("paragraph");
    }
    seenContent = true;
    lastLine = line;
  });

  const sentences: Sentence[] = [];
  for (const block of blocks) {
    if (block.kind === "boilerplate") continue;
    for (const [start, end] of splitSentences(text, block.start, block.end)) {
      sentences.push({
        index: sentences.length,
        blockIndex: block.index,
        kind: SENTENCE_KIND[block.kind],
        start,
        end,
        text: text.slice(start, end),
      });
    }
  }
  return { sourceId, text, blocks, sentences };
}
