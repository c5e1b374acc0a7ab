import { MONTH_NUMBER, NEXT_MARKERS, PAST_MARKERS, procliticBefore, RELATIVE_DAYS, WEEKDAY_NUMBER, YEAR_PREPOSITIONS, YEAR_WORDS } from "../../lexicon/index.js";
import { type Doc, gapBefore, type Token } from "./doc.js";
import type { DateMention } from "./types.js";

/**
 * Calendar dates: "12 نوفمبر 2019" (day), "يوليو 2017" (month), "العام 2014" / "عام 2022" (year).
 * Months by their Egyptian/Gulf names (يناير…ديسمبر), Levantine/Iraqi names (كانون الثاني…) and
 * Maghrebi names (جانفي…). A bare year counts after a preposition of time ("منذ 2011", "في 2010");
 * a day and month without a year, and a bare year elsewhere, are left out: their year, or their
 * being a date at all, would be a guess.
 */

const MONTH_NAMES: ReadonlySet<string> = new Set(MONTH_NUMBER.keys());
/** Whether a folded word is (the first word of) a month name. */
export const isMonthWord = (f: string) => MONTH_NAMES.has(f) || [...MONTH_NAMES].some((m) => m.startsWith(`${f} `));

const pad = (n: number) => String(n).padStart(2, "0");
const isYear = (f: string | undefined) => f !== undefined && /^[12]\d{3}$/.test(f);

/** Month spelled at token i: its number and how many tokens it takes. */
function monthAt(doc: Doc, i: number): { month: number; length: number; prefix: number } | undefined {
  const one = doc.tokens[i];
  if (!one) return undefined;
  const two = doc.tokens[i + 1];
  if (two && /^\s+$/.test(gapBefore(doc, i + 1))) {
    const month = MONTH_NUMBER.get(`${one.f} ${two.f}`);
    if (month) return { month, length: 2, prefix: 0 };
  }
  const prefix = procliticBefore(one.f, MONTH_NAMES);
  if (prefix < 0) return undefined;
  return { month: MONTH_NUMBER.get(one.f.slice(prefix))!, length: 1, prefix };
}

export function findDates(doc: Doc): DateMention[] {
  const { tokens } = doc;
  const out: DateMention[] = [];
  // Made once, not per token: the runtime (tsx keeps function names) names every closure it creates.
  const spaced = (k: number) => k < tokens.length && /^\s+$/.test(gapBefore(doc, k));
  const sameSentence = (k: number, sentence: number) => tokens[k]?.sentence === sentence;
  const date = (tok: Token, startFs: number, last: number, value: string, precision: DateMention["precision"]): DateMention => ({
    start: doc.folded.map[startFs]!,
    end: tokens[last]!.end,
    value,
    precision,
    sentenceIndex: tok.sentence,
  });
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.sentence < 0) continue;

    const day = /^\d{1,2}$/.test(tok.f) ? Number(tok.f) : 0;
    if (day >= 1 && day <= 31 && spaced(i + 1)) {
      const m = monthAt(doc, i + 1);
      const y = m && m.prefix === 0 ? i + 1 + m.length : -1;
      if (m && m.prefix === 0 && spaced(y) && sameSentence(y, tok.sentence) && isYear(tokens[y]?.f)) {
        out.push(date(tok, tok.fs, y, `${tokens[y]!.f}-${pad(m.month)}-${pad(day)}`, "day"));
        i = y;
        continue;
      }
    }
    const m = monthAt(doc, i);
    if (m) {
      const y = i + m.length;
      if (spaced(y) && sameSentence(y, tok.sentence) && isYear(tokens[y]?.f)) {
        out.push(date(tok, tok.fs + m.prefix, y, `${tokens[y]!.f}-${pad(m.month)}`, "month"));
        i = y;
        continue;
      }
    }
    const prefix = procliticBefore(tok.f, YEAR_WORDS);
    if (prefix >= 0 && spaced(i + 1) && sameSentence(i + 1, tok.sentence) && isYear(tokens[i + 1]?.f)) {
      out.push(date(tok, tok.fs + prefix, i + 1, tokens[i + 1]!.f, "year"));
      i += 1;
      continue;
    }
    // "منذ 2011", "وفي 2010،": a bare year right after a preposition of time.
    const next = tokens[i + 1];
    if (next && procliticBefore(tok.f, YEAR_PREPOSITIONS) >= 0 && spaced(i + 1) && sameSentence(i + 1, tok.sentence) && isYear(next.f) && !/^\s*[%٪]/u.test(doc.folded.text.slice(next.fe, next.fe + 2))) {
      out.push(date(next, next.fs, i + 1, next.f, "year"));
      i += 1;
    }
  }
  return out;
}

const DAY_MS = 86_400_000;

/**
 * The day a sentence's relative date names, from the article's date (YYYY-MM-DD): "اليوم", "أمس",
 * "يوم أمس الخميس", "الثلاثاء الماضي" (the last Tuesday before it), "الأحد المقبل". A weekday alone
 * is the last such day up to the article's date, as news reports past events. Undefined when the
 * sentence has none, or its words disagree ("أمس الخميس" of a Saturday).
 */
export function resolveDate(words: readonly string[], published: string): string | undefined {
  const base = Date.parse(`${published.slice(0, 10)}T00:00:00Z`);
  if (published.length < 10 || Number.isNaN(base)) return undefined;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const weekdayAt = (k: number) => WEEKDAY_NUMBER.get(words[k] ?? "");
  // "أمس", "اليوم" first: a weekday may belong to the date line ("الخميس 14 مارس").
  for (let i = 0; i < words.length; i++) {
    const relative = RELATIVE_DAYS.get(words[i]!.replace(/^[وف]/u, ""));
    if (relative === undefined) continue;
    const day = base + relative * DAY_MS;
    const named = weekdayAt(i + 1);
    if (named !== undefined && new Date(day).getUTCDay() !== named) return undefined;
    return iso(day);
  }
  for (let i = 0; i < words.length; i++) {
    const weekday = weekdayAt(i);
    if (weekday === undefined) continue;
    const today = new Date(base).getUTCDay();
    if (NEXT_MARKERS.has(words[i + 1] ?? "")) return iso(base + (((weekday - today + 7) % 7) || 7) * DAY_MS);
    const back = (today - weekday + 7) % 7;
    return iso(base - (PAST_MARKERS.has(words[i + 1] ?? "") && back === 0 ? 7 : back) * DAY_MS);
  }
  return undefined;
}
