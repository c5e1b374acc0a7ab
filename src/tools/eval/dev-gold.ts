import { z } from "zod";
import { isDropped, isWordChar } from "../../lexicon/arabic.js";
import { toCodePoint } from "../../model/offsets.js";

/**
 * The gold annotations of a realnews-dev style folder (gold.json beside the .txt files), as its
 * README defines them, and the places in the text where each entity is named.
 */

const Key = z.string().regex(/^[a-z][a-z0-9_]*$/);
const IsoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);
const Exact = z.string().min(1);

export const GoldType = z.enum(["Person", "Organization", "Country", "Place", "Event", "Agreement"]);
export type GoldType = z.infer<typeof GoldType>;

export const GoldEntity = z.object({
  key: Key,
  type: GoldType,
  forms: z.array(Exact),
  adjectives: z.array(Exact).default([]),
  title_refs: z.array(Exact).default([]),
  wikidata: z.string().regex(/^Q\d+$/).optional(),
});
export type GoldEntity = z.infer<typeof GoldEntity>;

export const GoldRelation = z.object({
  type: z.string().regex(/^[a-z][A-Za-z]*$/),
  subject: Key,
  object: Key,
  evidence: Exact,
  date: IsoDate.optional(),
  date_precision: z.enum(["year", "month", "day"]).optional(),
  date_text: Exact.optional(),
  implicit: z.literal(true).optional(),
  attributed_to: Key.optional(),
  role: Exact.optional(),
});
export type GoldRelation = z.infer<typeof GoldRelation>;

export const GoldQuote = z.object({
  speaker: Key,
  verb: Exact,
  evidence: Exact,
  direct: z.boolean(),
  via: Key.optional(),
});
export type GoldQuote = z.infer<typeof GoldQuote>;

export const GoldDoc = z
  .object({
    // A bare file name: the texts are looked up beside gold.json, never elsewhere.
    file: z.string().regex(/^[^/\\]+\.txt$/),
    url: z.string(),
    outlet: z.string(),
    date: IsoDate.nullable(),
    date_source: z.enum(["text", "url", "page metadata"]).nullable(),
    entities: z.array(GoldEntity),
    relations: z.array(GoldRelation),
    quotes: z.array(GoldQuote),
  })
  .superRefine((doc, ctx) => {
    const keys = new Set<string>();
    for (const e of doc.entities) {
      if (keys.has(e.key)) ctx.addIssue({ code: "custom", message: `duplicate entity key ${e.key}` });
      keys.add(e.key);
    }
    const refs = [
      ...doc.relations.flatMap((r) => [r.subject, r.object, r.attributed_to]),
      ...doc.quotes.flatMap((q) => [q.speaker, q.via]),
    ];
    for (const k of refs) if (k !== undefined && !keys.has(k)) ctx.addIssue({ code: "custom", message: `unknown entity key ${k}` });
  });
export type GoldDoc = z.infer<typeof GoldDoc>;

export const GoldFile = z.array(GoldDoc);

export type OccurrenceKind = "form" | "adjective" | "title_ref";

/** One place in the text (code points, end exclusive) where a gold entity is named. */
export interface Occurrence {
  key: string;
  kind: OccurrenceKind;
  start: number;
  end: number;
}

// The gold strips attached clitics from its forms, so a form may stand after proclitics
// (و ف + ب ك ل + ال, or لل) and before an enclitic or nisba/plural ending, but not inside a word.
const PROCLITICS = /^(?:[وف]?[بكل]?(?:ال)?|[وف]?لل)$/;
const ENDINGS = /^(?:ي|ية|يه|يا|يون|يين|يان|ه|ها|هم|هما|ان|ين|ون|ات|ة|ا|نا|ك|كم)?$/;

function wordPart(text: string, from: number, step: 1 | -1): string {
  let out = "";
  for (let i = from; i >= 0 && i < text.length && isWordChar(text[i]); i += step) {
    if (!isDropped(text[i]!)) out = step === 1 ? out + text[i] : text[i] + out;
  }
  return out;
}

/** Every occurrence of `s` in `text` that stands as a word, clitics allowed (UTF-16 indices). */
export function findWord(text: string, s: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(s); i !== -1; i = text.indexOf(s, i + 1)) {
    if (PROCLITICS.test(wordPart(text, i - 1, -1)) && ENDINGS.test(wordPart(text, i + s.length, 1))) found.push(i);
  }
  return found;
}

/**
 * Every place a gold entity is named. Overlapping occurrences of one entity (a form inside a
 * longer form, an adjective inside a form) count once, as the longest; nested occurrences of
 * different entities (Kenya's adjective inside "Kenyan forces") are kept, as the guidelines ask.
 */
export function occurrences(text: string, entities: readonly GoldEntity[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const e of entities) {
    const all: Occurrence[] = [];
    const lists: [OccurrenceKind, readonly string[]][] = [["form", e.forms], ["adjective", e.adjectives], ["title_ref", e.title_refs]];
    for (const [kind, strings] of lists) {
      for (const s of strings) {
        for (const i of findWord(text, s)) {
          all.push({ key: e.key, kind, start: toCodePoint(text, i), end: toCodePoint(text, i + s.length) });
        }
      }
    }
    all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const o of all) if (!out.some((k) => k.key === o.key && k.start < o.end && o.start < k.end)) out.push(o);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The code-point span of a string the gold says occurs exactly once (its first occurrence if not). */
export function spanOf(text: string, s: string): { start: number; end: number } | undefined {
  const i = text.indexOf(s);
  return i === -1 ? undefined : { start: toCodePoint(text, i), end: toCodePoint(text, i + s.length) };
}
