import type { GazetteerEntry } from "../../../model/seed-files.js";
import { isWordChar } from "../../../lexicon/arabic.js";
import { type NameMatcher, compileNames, matchNames } from "../../../lexicon/match.js";
import type { ParsedSource } from "../../parse/types.js";
import { type Doc, analyse, tokenAtOrAfter } from "../doc.js";

/**
 * What the tagger sees of a sentence: its words as `analyse` cuts them (folded, punctuation not a
 * word), the folded text between them, and the gazetteer's BIO label on each word. Training data
 * and articles both reach the tagger through `analyse`, so they are cut into words the same way.
 */
export interface Sequence {
  words: string[];
  /** gaps[i] is the folded text before word i; gaps[words.length] the text after the last word. */
  gaps: string[];
  /** Gazetteer label of each word, a tag index (0 = none). */
  gazetteer: Uint8Array;
}

export const TYPES = ["PERS", "LOC", "ORG", "MISC"] as const;
export type TagType = (typeof TYPES)[number];
/** O, then B- and I- of each type: tag index 1 + 2k is B-, 2 + 2k is I- of TYPES[k]. */
export const TAGS: readonly string[] = ["O", ...TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const TAG_COUNT = TAGS.length;

export function tagIndex(tag: string): number {
  const i = TAGS.indexOf(tag);
  if (i < 0) throw new Error(`unknown tag ${tag}`);
  return i;
}

/** Names of known things by type: the curated gazetteer and, once generated, the world data. */
export interface NerGazetteer {
  matcher: NameMatcher;
  typeOf: ReadonlyMap<string, TagType>;
}

const TYPE_OF_ENTITY: Readonly<Record<GazetteerEntry["type"], TagType>> = {
  Person: "PERS",
  Country: "LOC",
  Place: "LOC",
  Organization: "ORG",
  Event: "MISC",
  Agreement: "MISC",
  Operation: "MISC",
  Product: "MISC",
};

export function nerGazetteer(entries: readonly Pick<GazetteerEntry, "id" | "type" | "nameAr" | "nameEn" | "aliases">[]): NerGazetteer {
  const forms = entries.flatMap((e) => [e.nameAr, ...e.aliases, e.nameEn].map((form) => ({ entityId: e.id, form })));
  return {
    matcher: compileNames(forms),
    typeOf: new Map(entries.map((e) => [e.id, TYPE_OF_ENTITY[e.type]])),
  };
}

export const EMPTY_GAZETTEER: NerGazetteer = nerGazetteer([]);

/** Gazetteer BIO labels of the doc's tokens. */
export function gazetteerLabels(doc: Doc, gazetteer: NerGazetteer): Uint8Array {
  const labels = new Uint8Array(doc.tokens.length);
  if (gazetteer.typeOf.size === 0) return labels;
  for (const m of matchNames(doc.folded, gazetteer.matcher)) {
    const type = gazetteer.typeOf.get(m.entityId);
    if (!type) continue;
    const b = 1 + 2 * TYPES.indexOf(type);
    const first = tokenAtOrAfter(doc, m.start + 1) - 1;
    const end = tokenAtOrAfter(doc, m.end);
    for (let i = Math.max(first, 0); i < end; i++) labels[i] = i === first ? b : b + 1;
  }
  return labels;
}

/** The tagger's view of tokens [first, end) of a doc. */
export function sequenceOf(doc: Doc, first: number, end: number, labels: Uint8Array): Sequence {
  const { tokens } = doc;
  const t = doc.folded.text;
  const words: string[] = [];
  const gaps: string[] = [];
  for (let i = first; i < end; i++) {
    const tok = tokens[i]!;
    words.push(tok.f);
    // What precedes the first word belongs to the sentence before.
    gaps.push(i > first ? t.slice(tokens[i - 1]!.fe, tok.fs) : "");
  }
  const last = tokens[end - 1];
  let after = last ? last.fe : 0;
  while (after < t.length && !isWordChar(t[after])) after++;
  gaps.push(last ? t.slice(last.fe, after) : "");
  return { words, gaps, gazetteer: labels.slice(first, end) };
}

/** A text as one sentence of one block, for input that arrives already cut into sentences. */
export function oneSentenceDoc(text: string): Doc {
  const parsed: ParsedSource = {
    sourceId: "sentence",
    text,
    blocks: [{ index: 0, kind: "paragraph", start: 0, end: text.length }],
    sentences: [{ index: 0, blockIndex: 0, kind: "body", start: 0, end: text.length, text }],
  };
  return analyse(parsed);
}

/**
 * Words of a pre-tokenised sentence (CoNLL) as a sequence: the words joined by spaces and cut
 * again by `analyse`. `owner[k]` is the input word that sequence word k comes from; a word with
 * no letters or digits (punctuation) owns none and is read as a gap.
 */
export function sequenceOfWords(words: readonly string[], gazetteer: NerGazetteer): { sequence: Sequence; owner: Int32Array } {
  const starts: number[] = [];
  let text = "";
  for (const w of words) {
    if (text.length > 0) text += " ";
    starts.push(text.length);
    text += w;
  }
  const doc = oneSentenceDoc(text);
  const owner = new Int32Array(doc.tokens.length);
  let w = 0;
  doc.tokens.forEach((tok, k) => {
    while (w + 1 < starts.length && starts[w + 1]! <= tok.start) w++;
    owner[k] = w;
  });
  return { sequence: sequenceOf(doc, 0, doc.tokens.length, gazetteerLabels(doc, gazetteer)), owner };
}
