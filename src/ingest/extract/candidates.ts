import { ARTICLE, PROCLITICS } from "../../lexicon/index.js";
import type { Doc } from "./doc.js";
import type { NerSpan } from "./ner/index.js";

/**
 * Names the statistical tagger found that the gazetteer does not hold: the raw material of
 * candidates. The tagger reads whole words, so its spans carry attached proclitics ("لفرانس برس",
 * "بماليزيا"); a name starts after them, as the matcher and the annotation guidelines cut names.
 */
export interface TaggedName {
  start: number;
  end: number;
  firstToken: number;
  /** Exclusive. */
  endToken: number;
  sentence: number;
  type: "Person" | "Place" | "Organization";
  confidence: number;
}

/** The ANERcorp tag set's MISC (events, products, nationalities) has no node type of its own here. */
const NODE_TYPE: Partial<Record<NerSpan["type"], TaggedName["type"]>> = { Person: "Person", Place: "Place", Organization: "Organization" };

/** The shortest word a cut may leave. */
const MIN_STEM = 3;

/**
 * How many folded letters of proclitics start the name in this word. "لل" stays (ل + ال cannot
 * be cut without misspelling the name); a proclitic before the article goes; one before a bare
 * word goes only when the text also writes that word without it (وليد is a name, not و + ليد).
 */
export function procliticLength(f: string, words: ReadonlySet<string>): number {
  if (f.startsWith("لل")) return 0;
  for (const p of PROCLITICS) {
    if (!f.startsWith(p)) continue;
    const rest = f.slice(p.length);
    if (rest.length < MIN_STEM) continue;
    if (rest.startsWith(ARTICLE) || words.has(rest)) return p.length;
  }
  return 0;
}

/** Tagger spans inside one sentence, overlapping nothing already found (`taken`), proclitics cut off. */
export function taggedNames(doc: Doc, spans: readonly NerSpan[], taken: readonly { start: number; end: number }[]): TaggedName[] {
  const words = new Set(doc.tokens.map((t) => t.f));
  const free = (s: { start: number; end: number }) => !taken.some((t) => t.start < s.end && s.start < t.end);
  const byStart = new Map(doc.tokens.map((t, i) => [t.start, i]));
  const out: TaggedName[] = [];
  for (const span of spans) {
    const type = NODE_TYPE[span.type];
    const first = byStart.get(span.start);
    if (!type || first === undefined || !free(span)) continue;
    let last = first;
    while (doc.tokens[last]!.end < span.end) last++;
    const tok = doc.tokens[first]!;
    const cut = procliticLength(tok.f, words);
    const start = cut > 0 ? doc.folded.map[tok.fs + cut]! : tok.start;
    if (tok.sentence < 0 || doc.tokens[last]!.sentence !== tok.sentence) continue;
    out.push({ start, end: span.end, firstToken: first, endToken: last + 1, sentence: tok.sentence, type, confidence: span.confidence });
  }
  return out;
}
