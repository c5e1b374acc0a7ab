import {
  ARTICLE,
  FUNCTION_WORDS,
  LED_BY_WORDS,
  MINISTRY_DOMAINS,
  OFFICES,
  ORGANIZATION_HEADS,
  PROCLITICS,
  procliticBefore,
  REPORT_MARKERS,
  reportingVerb,
  SAYING_NOUNS,
  TITLES,
} from "../../lexicon/index.js";
import { type Doc, gapBefore } from "./doc.js";
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
  /** Found by its head noun (headedOrganizations), not by the tagger. */
  headed?: true;
  /** The name, where it is not the span's words: "الأمن الوطني" for the span "للأمن الوطني". */
  name?: string;
  /** See CandidateMention.local. */
  local?: true;
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
    // The tagger runs names on into the words after them ("… رسول قوله", "… عباس إن").
    while (last > first && endsName(doc.tokens[last]!.f)) last--;
    const tok = doc.tokens[first]!;
    const cut = procliticLength(tok.f, words);
    const start = cut > 0 ? doc.folded.map[tok.fs + cut]! : tok.start;
    if (tok.sentence < 0 || doc.tokens[last]!.sentence !== tok.sentence) continue;
    out.push({ start, end: doc.tokens[last]!.end, firstToken: first, endToken: last + 1, sentence: tok.sentence, type, confidence: span.confidence });
  }
  return out;
}

/**
 * Words no name ends with: the particles that open a report, reporting verbs and their nouns
 * (قوله). Not every function word: folded, the name علي is the preposition على.
 */
function endsName(f: string): boolean {
  return REPORT_MARKERS.has(f) || reportingVerb(f) !== undefined || SAYING_NOUNS.has(f);
}

/** An organisation's name runs its head and a few complements ("وزارة الخارجية والتعاون الدولي"). */
const MAX_COMPLEMENTS = 4;

const isStop = (f: string): boolean =>
  procliticBefore(f, FUNCTION_WORDS) >= 0 || reportingVerb(f) !== undefined || TITLES.has(f) || procliticBefore(f, OFFICES) >= 0 || /\d/u.test(f);

/**
 * Organisations named by a head noun and its complements, which no list holds and a 2007
 * newswire tagger rarely finds: "حركة الشباب", "القوات الكينية", "وزارة الخارجية المصرية",
 * "قوات حفظ السلام". The complements are words with the article (a nisba among them), or one
 * bare noun of a construct chain followed by one; a known name other than a country ends the name.
 * `known` are the gazetteer's names in the text; a country's nisba may lie inside the new name.
 */
export function headedOrganizations(doc: Doc, known: readonly { start: number; end: number; type: string }[]): TaggedName[] {
  const { tokens } = doc;
  const knownAt = (k: number) => known.find((m) => m.start < tokens[k]!.end && tokens[k]!.start < m.end);
  const out: TaggedName[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const head = tokens[i]!;
    // ل + ال written لل ("للأمن الوطني") keeps the ل in the span, as names do.
    const contracted = /^[وف]?لل/u.test(head.f) && ORGANIZATION_HEADS.has(ARTICLE + head.f.replace(/^[وف]?لل/u, ""));
    const cut = contracted ? (/^[وف]/u.test(head.f) ? 1 : 0) : procliticBefore(head.f, ORGANIZATION_HEADS);
    if (head.sentence < 0 || cut < 0 || knownAt(i) || procliticBefore(head.f, LED_BY_WORDS) >= 0) continue;
    if (MINISTRY_DOMAINS.has(head.f.slice(cut)) && i > 0 && procliticBefore(tokens[i - 1]!.f, OFFICES) >= 0) continue;
    let end = i + 1;
    for (let k = i + 1; k < tokens.length && k <= i + MAX_COMPLEMENTS; k++) {
      const t = tokens[k]!;
      if (t.sentence !== head.sentence || !/^\s+$/u.test(gapBefore(doc, k)) || isStop(t.f)) break;
      const m = knownAt(k);
      if (m && m.type !== "Country") break;
      const definite = t.f.startsWith(ARTICLE) && t.f.length > 3;
      const construct = !definite && !t.f.startsWith("و") && tokens[k + 1]?.f.startsWith(ARTICLE) && k + 1 <= i + MAX_COMPLEMENTS;
      if (!definite && !construct) break;
      end = k + 1;
    }
    if (end === i + 1) continue;
    const start = cut > 0 ? doc.folded.map[head.fs + cut]! : head.start;
    const span = { start, end: tokens[end - 1]!.end };
    // "وزارة الخارجية" names a different ministry in every country: without one inside, it is this article's.
    const national = known.some((m) => m.type === "Country" && m.start >= span.start && m.end <= span.end);
    const name = contracted ? ARTICLE + doc.parsed.text.slice(span.start + 2, span.end) : undefined;
    out.push({ ...span, firstToken: i, endToken: end, sentence: head.sentence, type: "Organization", confidence: 1, headed: true, ...(name && { name }), ...(!national && { local: true as const }) });
    i = end - 1;
  }
  return out;
}
