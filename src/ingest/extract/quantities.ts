import { BOUNDS, CLITIC_ARTICLE, fold, FUNCTION_WORDS, NUMBER_WORDS, procliticBefore, QUANTIFIERS, SCALE_WORDS, union, UNITS } from "../../lexicon/index.js";
import { isMonthWord } from "./dates.js";
import { type Doc, gapBefore } from "./doc.js";
import type { Bound, DateMention, QuantityMention } from "./types.js";

/**
 * Counted quantities: [bound] number [scale] [من] unit.
 * - bound: "أكثر من 30 دولة" lower, "حوالي 40 ألف مقاتل" approximate, "تتخطى الأربعة مليارات دولار" lower;
 * - number: digits (Arabic-Indic folded to ASCII; "3.5", "1,000"), or a number word واحد…عشرة with
 *   its clitics ("الأربعة", "لأربعة"), or a scale word alone ("ألف عملية" = 1000);
 * - scale: ألف/آلاف ×1e3, مليون/ملايين ×1e6, مليار/مليارات ×1e9; the dual (ألفان) is 2×;
 * - unit: the counted noun as written, normalised where known. Without a unit there is no quantity,
 *   so years, ordinals and "كوفيد-19" are not counted.
 * A bare plural scale ("آلاف من عناصر") says "thousands": recorded as a lower bound of one scale, vague.
 * Spans run from the bound (or the number, without its proclitic) to the end of the unit.
 */

const BOUND_WORDS = BOUNDS.map(([phrase, bound]) => ({ words: fold(phrase).split(" "), bound })).sort(
  (a, b) => b.words.length - a.words.length,
);

const NUMBER_WORD = new Map(
  NUMBER_WORDS.flatMap(([n, words]) => words.flatMap((w) => [[fold(w), n] as const, [fold(`ال${w}`), n] as const])),
);
const NUMBER_WORD_FORMS: ReadonlySet<string> = new Set(NUMBER_WORD.keys());

interface Scale {
  factor: number;
  /** Standalone value: 1 for ألف, 2 for ألفان, 1 and vague for آلاف. */
  count: number;
  plural: boolean;
}
const SCALES = new Map<string, Scale>(
  SCALE_WORDS.flatMap(([factor, singular, plural, dual]) => [
    ...singular.map((w) => [fold(w), { factor, count: 1, plural: false }] as const),
    ...plural.map((w) => [fold(w), { factor, count: 1, plural: true }] as const),
    ...dual.map((w) => [fold(w), { factor, count: 2, plural: false }] as const),
  ]),
);
const SCALE_FORMS: ReadonlySet<string> = new Set(SCALES.keys());

const UNIT = new Map(UNITS.flatMap(([unit, words]) => words.map((w) => [fold(w), unit] as const)));
const MAX_UNIT_WORDS = 3;

/** Words that cannot be a counted noun. */
const NOT_UNIT = union(FUNCTION_WORDS, QUANTIFIERS);

interface NumberAt {
  value: number;
  startFs: number;
  /** Token after the number and its scale. */
  next: number;
  vague: boolean;
  /** واحد / اثنان: adjectives after their noun far more often than counts before one. */
  small: boolean;
}

// Helpers below are module functions, not closures made per token: the runtime (tsx keeps
// function names) names every closure it creates, which cost a quarter of extraction time.

/** Whether token k exists and only whitespace separates it from the token before. */
function spaced(doc: Doc, k: number): boolean {
  return k < doc.tokens.length && /^\s+$/.test(gapBefore(doc, k));
}

function sameSentence(doc: Doc, k: number, sentence: number): boolean {
  return doc.tokens[k]?.sentence === sentence;
}

/** The value times the scale word at token k, if one follows ("40 ألف"). */
function withScale(doc: Doc, value: number, k: number): { value: number; next: number } {
  const scale = spaced(doc, k) ? SCALES.get(doc.tokens[k]!.f) : undefined;
  return scale && scale.count === 1 ? { value: value * scale.factor, next: k + 1 } : { value, next: k };
}

/** The first word of a bound may carry a conjunction: "ونحو". */
function opensWith(f: string, w: string): boolean {
  return f === w || ((f[0] === "و" || f[0] === "ف") && f.slice(1) === w);
}

function numberAt(doc: Doc, i: number): NumberAt | undefined {
  const { tokens } = doc;
  const tok = tokens[i];
  if (!tok) return undefined;
  if (/^\d+$/.test(tok.f)) {
    // "كوفيد-19": a number hyphenated onto a word is part of a name.
    if (i > 0 && gapBefore(doc, i) === "-") return undefined;
    let digits = tok.f;
    let k = i + 1;
    for (; k < tokens.length && /^\d+$/.test(tokens[k]!.f); k++) {
      const gap = gapBefore(doc, k);
      if (gap === "." || gap === "\u066B") digits += `.${tokens[k]!.f}`;
      else if ((gap === "," || gap === "\u066C") && tokens[k]!.f.length === 3 && !digits.includes(".")) digits += tokens[k]!.f;
      else break;
    }
    return { ...withScale(doc, Number(digits), k), startFs: tok.fs, vague: false, small: false };
  }
  const wordPrefix = procliticBefore(tok.f, NUMBER_WORD_FORMS);
  if (wordPrefix >= 0) {
    const n = NUMBER_WORD.get(tok.f.slice(wordPrefix))!;
    return { ...withScale(doc, n, i + 1), startFs: tok.fs + wordPrefix, vague: false, small: n <= 2 };
  }
  const scalePrefix = procliticBefore(tok.f, SCALE_FORMS);
  if (scalePrefix >= 0) {
    const scale = SCALES.get(tok.f.slice(scalePrefix))!;
    return { value: scale.count * scale.factor, startFs: tok.fs + scalePrefix, next: i + 1, vague: scale.plural, small: false };
  }
  return undefined;
}

function unitAt(doc: Doc, k: number, afterMin: boolean): { unit?: string; last: number } | undefined {
  const { tokens } = doc;
  for (let n = MAX_UNIT_WORDS; n >= 1; n--) {
    const words: string[] = [];
    for (let m = k; m < k + n && m < tokens.length; m++) {
      if (m > k && !/^\s+$/.test(gapBefore(doc, m))) break;
      words.push(tokens[m]!.f);
    }
    if (words.length < n) continue;
    const unit = UNIT.get(words.join(" "));
    if (unit) return { unit, last: k + n - 1 };
  }
  const f = tokens[k]?.f;
  if (f === undefined || !/^\p{L}{2,}$/u.test(f) || NOT_UNIT.has(f) || isMonthWord(f)) return undefined;
  if (NUMBER_WORD_FORMS.has(f) || SCALE_FORMS.has(f) || BOUND_WORDS.some((b) => b.words[0] === f)) return undefined;
  if (CLITIC_ARTICLE.test(f) || (!afterMin && f.startsWith("ال"))) return undefined;
  return { last: k };
}

function quantityAt(doc: Doc, i: number): QuantityMention | undefined {
  const { tokens } = doc;
  const text = doc.parsed.text;
  const tok = tokens[i]!;
  const b = BOUND_WORDS.find((bw) =>
    bw.words.every((w, n) => (n === 0 ? opensWith(tok.f, w) : tokens[i + n]?.f === w && spaced(doc, i + n))),
  );
  const j = b ? i + b.words.length : i;
  if (b && !spaced(doc, j)) return undefined;
  const num = numberAt(doc, j);
  if (!num || !sameSentence(doc, num.next - 1, tok.sentence)) return undefined;
  const start = doc.folded.map[b ? tok.fs + tok.f.length - b.words[0]!.length : num.startFs]!;
  const bound: Bound = b?.bound ?? (num.vague ? "lower" : "exact");
  const base = { start, value: num.value, bound, vague: num.vague, sentenceIndex: tok.sentence };
  const numberEndFs = tokens[num.next - 1]!.fe;
  if (/^[%\u066A]/.test(doc.folded.text.slice(numberEndFs))) {
    const end = doc.folded.map[numberEndFs + 1]!;
    return { ...base, end, unitAr: text.slice(doc.folded.map[numberEndFs], end), unit: "percent" };
  }
  let k = num.next;
  const afterMin = tokens[k]?.f === "من" && !num.small && spaced(doc, k) && spaced(doc, k + 1);
  if (afterMin) k++;
  if (!spaced(doc, k) || !sameSentence(doc, k, tok.sentence)) return undefined;
  const unit = unitAt(doc, k, afterMin);
  if (!unit || !sameSentence(doc, unit.last, tok.sentence)) return undefined;
  const end = tokens[unit.last]!.end;
  return { ...base, end, unitAr: text.slice(tokens[k]!.start, end), ...(unit.unit && { unit: unit.unit }) };
}

export function findQuantities(doc: Doc, dates: readonly DateMention[]): QuantityMention[] {
  const { tokens } = doc;
  const out: QuantityMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.sentence < 0) continue;
    const q = quantityAt(doc, i);
    if (!q || dates.some((d) => d.start < q.end && q.start < d.end)) continue;
    out.push(q);
    while (i + 1 < tokens.length && tokens[i + 1]!.start < q.end) i++;
  }
  return out;
}
