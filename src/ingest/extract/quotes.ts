import {
  ADVERBIAL_START,
  ATTRIBUTION_VERB_STEMS,
  ATTRIBUTION_WORDS,
  BEFORE_VERB,
  CONDITIONAL_AFTER,
  fold,
  FUNCTION_WORDS,
  INTERVIEW_NOUNS,
  MEDIA_NOUNS,
  NOT_IMPLICIT_AN,
  NOT_REPORT_AN,
  OBJECT_VERBS,
  OUTLET_HEADS,
  PREPOSITION_WORDS,
  procliticBefore,
  RELATIVE_PRONOUNS,
  RELAY_FROM,
  RELAY_LEMMA,
  REPORT_MARKERS,
  REPORTING_PARTICIPLES,
  reportingVerb,
  SAYING_NOUNS,
  SETTING_CUES,
  SPEAKER_ASIDES,
  SPEAKER_NOUNS,
  STATEMENT_NOUNS,
  STATEMENT_VERBS,
  VERB_PREPOSITIONS,
} from "../../lexicon/index.js";
import { type Doc, foldedIndex, gapBefore, tokenSpan } from "./doc.js";
import { type LocatedName, type PersonRef, resolvePerson, significantWords } from "./names.js";
import { isTitleWord, OPENING_MARK, PARTICIPLE_SHAPE, type Phrase, sameSpeaker, type Speaker, SpeakerIndex } from "./speakers.js";
import type { CandidateMention, ExtractedQuote, NameIndex } from "./types.js";

/**
 * Reported statements. A report opens at a reporting verb (قال، أكد، أضاف، … with و/ف, feminine,
 * dual and plural forms), at a participle that opens a sentence's only report ("… قائلة"), at
 * "وجاء في بيان …", or at an attribution after the words ("…، وفقا لصفحة هيئة الموانئ"). The content
 * starts after أن / إن / بأن, ":", "قوله" or an opening quote mark; after a transitive verb with
 * none of these ("أعلنت الوزارة مقتل …") right after the speaker; before the verb when the quote
 * comes first ("«…»، قال X"). It runs to the end of the sentence, and on through the following
 * sentences of the same paragraph until one that opens a report of its own: news copy keeps a
 * speaker's words in one paragraph and opens the next speaker's with a new verb.
 *
 * "<person> … إن" with no verb near the start of a sentence is a report whose قال the paper
 * dropped ("إلى ذلك الجنرال روبرت وايت … إن هناك"): verb "قال", implicitVerb.
 *
 * The speaker, in order: an organisation or country opening the words after the verb ("قالت وزارة
 * الخارجية", "أعلنت السعودية"); a person named there (gazetteer, tagger, or after a title), with
 * the people or organisations coordinated to it ("كريم حداد، ونائب رئيس الوزراء … سعيد الكعبي" are two
 * records); a gazetteer person's role phrase; an office description ("مسؤول رفيع في التحالف") that
 * the article's named speakers resolve; an unnamed source by its descriptor ("مصدر أمني رفيع"); a
 * statement ("البيان") as the organisation that issued it; a title used alone ("رئيس البعثة"),
 * "هذا الدبلوماسي" or a bare "القوات" as the person or organisation named with it earlier (a bare
 * head noun with none: the organisation that spoke last); part of a name given in full earlier
 * ("فان دير بيرغ"); a name the tagger missed, after a rank or closing a title phrase, or alone
 * between verb and statement ("وأضاف بوبوف:"). With no subject after the verb, the subject
 * before it ("هيئة الإغاثة التي أكدت", "لكن كريم حداد … أوضح"); with none there either ("وأضاف أن",
 * "وقال في طرابلس إن"), the previous report's speaker. Words that name no one ("وأعرب الحاضرون") give no speaker: the report is left
 * out rather than given an invented one.
 *
 * A relay keeps both: "نقلت وكالة الأناضول عن المتحدث … قوله", "قال لفرانس برس", "في مقابلة مع إذاعة
 * الجنوب", "حسب وكالة الأنباء الكويتية" give the outlet. A source named with "حسب / وفقا ل" before
 * or after the words, with no reporting verb ("…، وفقا لصفحة هيئة الموانئ"), is their speaker. A report by the same speaker as the previous
 * one that names no setting or outlet keeps the previous ones (the following "وأضاف" is the same
 * interview).
 */

const INTERVIEW = `(?:${INTERVIEW_NOUNS.map(fold).join("|")})(?:\\s+\\S+)?\\s+`;
const OUTLET_BEFORE = new RegExp(`${INTERVIEW}(?:ل\\S*|مع\\s+)$`, "u");
const OUTLET_ASSIMILATED = new RegExp(`${INTERVIEW}$`, "u");
const OUTLET_WINDOW = 40;
const INTERVIEW_WORDS: ReadonlySet<string> = new Set(INTERVIEW_NOUNS.map(fold));
const TITLE_PREPOSITIONS: ReadonlySet<string> = new Set(["في", "من", "لدى", "باسم"].map(fold));
/** The speaker of a report is named within a few dozen words of its verb. */
const MAX_REGION_TOKENS = 60;
/** A speaker named by surname alone takes a word or two. */
const SURNAME_WORDS = 2;
/** An implicit report names its speaker at the opening of the sentence ("إلى ذلك الجنرال …"). */
const IMPLICIT_SPEAKER_WITHIN = 6;
/** A title before the name: "وأكد الناطق باسم الجيش العقيد فادي حسن …". */
const TITLE_TO_NAME = 10;
/** "المتحدث باسم الحكومة الليبية": an office with its complement, short; longer, the words hold more than the office. */
const DEFINITE_OFFICE_WORDS = 5;
/** A quoted span after an unnamed region is the statement only when it is a sentence, not a name. */
const QUOTED_STATEMENT_WORDS = 5;

const CLOSING_AT_END = /[»”"]\s*[،,]?\s*$/u;
const TRAILING_SEPARATORS = /[\s،,؛;:]+$/u;

type Mode = "marker" | "object" | "implicit" | "fixed";

interface Start {
  sentence: number;
  verb: string;
  verbStart: number;
  verbEnd: number;
  implicit: boolean;
  mode: Mode;
  /** Original offset where the report begins: the previous report's words end before it. */
  opens: number;
  contentStart: number;
  /** Set when the words end before the sentence does (a quote before its verb, an attribution after it). */
  contentEnd?: number;
  /** Speaker words between verb and statement: tokens [regionFrom, regionTo). */
  regionFrom: number;
  regionTo: number;
  /** Resolved before the region: the subject before the verb, or the source of an attribution. */
  preset?: Phrase[];
  /** An attribution after a report of its sentence ("وأعرب …، حسب البيان"): it gives that report its speaker and opens none. */
  sourceOf?: true;
}

interface Draft {
  start: Start;
  contentEnd: number;
  sentences: number[];
  speakers?: Phrase[];
  /** The speaker is the previous report's ("وأضاف أن"); "organization": only if that is an organisation ("وأضاف البيان"). */
  carry: boolean | "organization";
  named: boolean;
  describedOrgs?: Set<string>;
  setting?: string;
  outlet?: string;
  outletName?: string;
}

/** Original offset of the first non-space character at or after folded index fs. */
function contentAt(doc: Doc, fs: number): number {
  let i = fs;
  while (doc.folded.text[i] === " ") i++;
  return doc.folded.map[i]!;
}

class QuoteReader {
  readonly sp: SpeakerIndex;
  readonly doc: Doc;

  constructor(
    doc: Doc,
    readonly located: readonly LocatedName[],
    readonly roles: readonly LocatedName[],
    readonly refs: readonly PersonRef[],
    readonly index: NameIndex,
    candidates: readonly CandidateMention[],
  ) {
    this.doc = doc;
    this.sp = new SpeakerIndex(doc, located, refs, index, candidates);
  }

  private tok(i: number) {
    return this.doc.tokens[i]!;
  }

  private skipAsides(p: number, limit: number): number {
    let q = p;
    while (q < limit) {
      const f = this.tok(q).f;
      if (SPEAKER_ASIDES.has(f) || /^\d/u.test(f)) q++;
      else if (f === "من" && SPEAKER_ASIDES.has(this.tok(q + 1)?.f ?? "")) q += 2;
      else if (/\(\s*$/u.test(gapBefore(this.doc, q))) {
        // A parenthesis after the verb holds a date or a gloss: "اليوم (الأحد)".
        while (q < limit && q + 1 < this.doc.tokens.length && !/\)/u.test(gapBefore(this.doc, q + 1))) q++;
        q++;
      } else break;
    }
    return q;
  }

  /** Reports opened in sentence s, in reading order. */
  starts(s: number): Start[] {
    const { tokens } = this.doc;
    const [a, b] = this.doc.sentenceTokens[s]!;
    const starts: Start[] = [];
    for (let i = a; i < b; i++) {
      const f = tokens[i]!.f;
      const found = reportingVerb(f);
      const participle = found !== undefined && REPORTING_PARTICIPLES.has(f.slice(found.prefix));
      let start: Start | undefined;
      if (found && !participle) start = this.verbStart(s, i, found.lemma, found.prefix, starts.length > 0);
      else if (found && starts.length === 0) start = this.participleStart(s, i, found.lemma, found.prefix);
      else if (STATEMENT_VERBS.has(f)) start = this.statementStart(s, i);
      // "نقلا عن" is also a dual verb form: when no report opens there, it is an attribution.
      if (!start && procliticBefore(f, ATTRIBUTION_WORDS) >= 0) start = i > a + 1 ? this.attributionStart(s, i, starts) : this.attributionFirst(s, i);
      if (!start) continue;
      starts.push(start);
      if (start.mode === "marker" || start.mode === "object") i = Math.max(i, start.regionTo - 1);
    }
    return starts;
  }

  private base(s: number, i: number, lemma: string, prefix: number) {
    const t = this.tok(i);
    return { sentence: s, verb: lemma, verbStart: this.doc.folded.map[t.fs + prefix]!, verbEnd: t.end, implicit: false, opens: t.start };
  }

  /** Is this quote mark the start of the statement, not the quotes around a name ("لـ"لوسيل"")? */
  private opensStatement(i: number, j: number, b: number): boolean {
    const prev = this.tok(j - 1).f;
    if (["ل", "مع", "عن", "عبر"].includes(prev) || /ل\S*["«“]\s*$/u.test(gapBefore(this.doc, j))) return false;
    let words = 0;
    for (let k = j; k < b && words < QUOTED_STATEMENT_WORDS; k++, words++) {
      if (k > j && /[»”"]/u.test(gapBefore(this.doc, k))) break;
    }
    if (words >= QUOTED_STATEMENT_WORDS) return true;
    // A few quoted words are a statement right after the speaker ("وأدان … وني،”بشدة هذا الهجوم”"), not a name in a phrase ("تنظيم «الدولة»").
    const afterSpeaker = this.sp.refEnding.has(j) || this.sp.locEnding.has(j) || SPEAKER_ASIDES.has(prev);
    return afterSpeaker && !this.sp.locAt.has(j) && this.regionNames(i + 1, j);
  }

  /** Whether the words [f, t) name someone, without resolving them. */
  private regionNames(f: number, t: number): boolean {
    for (let k = f; k < t; k++) if (this.sp.refAt.has(k) || this.sp.bareLocated(k)) return true;
    const p = this.skipAsides(f, t);
    return p < t && (this.sp.descriptor(p, t) !== undefined || (this.sp.orgPhrase(p, t)?.to ?? p) - p >= 2 || isTitleWord(this.tok(p).f));
  }

  private verbStart(s: number, i: number, lemma: string, prefix: number, earlier: boolean): Start | undefined {
    const [, b] = this.doc.sentenceTokens[s]!;
    const base = this.base(s, i, lemma, prefix);
    const marked = (j: number, contentStart: number): Start => {
      // No one named between verb and statement: the subject may stand before the verb.
      const subject = this.regionNames(i + 1, j) ? undefined : this.subjectBefore(s, i, earlier);
      return { ...base, mode: "marker", regionFrom: i + 1, regionTo: j, contentStart, ...(subject && { preset: subject }) };
    };
    for (let j = i + 1; j < b && j <= i + MAX_REGION_TOKENS; j++) {
      const gap = gapBefore(this.doc, j);
      const colon = gap.indexOf(":");
      const f = this.tok(j).f;
      if (colon >= 0) return marked(j, contentAt(this.doc, this.tok(j - 1).fe + colon + 1));
      if (REPORT_MARKERS.has(f) && !NOT_REPORT_AN.has(this.tok(j - 1).f)) return marked(j, contentAt(this.doc, this.tok(j).fe));
      if (SAYING_NOUNS.has(f)) {
        const after = REPORT_MARKERS.has(this.tok(j + 1)?.f ?? "") ? j + 1 : j;
        const colonAfter = j + 1 < b ? gapBefore(this.doc, j + 1).indexOf(":") : -1;
        return marked(j, contentAt(this.doc, this.tok(after).fe + (after === j && colonAfter >= 0 ? colonAfter + 1 : 0)));
      }
      if (OPENING_MARK.test(gap) && this.opensStatement(i, j, b)) return marked(j, this.tok(j).start);
      if (reportingVerb(f)) break;
    }
    const quoteFirst = this.quoteBefore(s, i);
    if (quoteFirst) {
      const lead = this.leading(i + 1, b);
      if (!lead) return undefined;
      return { ...base, mode: "fixed", opens: quoteFirst.start, contentStart: quoteFirst.start, contentEnd: quoteFirst.end, regionFrom: i + 1, regionTo: lead.at(-1)!.to, preset: lead };
    }
    if (!OBJECT_VERBS.has(fold(lemma))) return undefined;
    // A subject before the verb comes first: "أعلنت نيتها" has none after it.
    const before = this.subjectBefore(s, i, earlier);
    const surname = before ? undefined : this.surnameBeforePreposition(this.skipAsides(i + 1, b), b);
    const lead = this.leading(i + 1, b) ?? (surname && [surname]);
    if (lead) {
      const to = this.skipAsides(lead.at(-1)!.to, b);
      if (to >= b) return undefined;
      return { ...base, mode: "object", regionFrom: i + 1, regionTo: to, contentStart: this.tok(to).start, preset: lead };
    }
    if (i + 1 >= b) return undefined;
    const subject = before;
    const next = this.tok(i + 1).f;
    if (!subject && !ADVERBIAL_START.has(next) && !VERB_PREPOSITIONS.has(next)) return undefined;
    return { ...base, mode: "object", regionFrom: i + 1, regionTo: i + 1, contentStart: this.tok(i + 1).start, ...(subject && { preset: subject }) };
  }

  /** "«…»، قال X": the quoted words just before the verb. */
  private quoteBefore(s: number, i: number): { start: number; end: number } | undefined {
    if (!CLOSING_AT_END.test(gapBefore(this.doc, i))) return undefined;
    const text = this.doc.parsed.text;
    const sentenceStart = this.doc.parsed.sentences[s]!.start;
    const end = this.tok(i - 1).end;
    const opener = Math.max(text.lastIndexOf("«", end), text.lastIndexOf("“", end), text.lastIndexOf('"', end - 1));
    if (opener < sentenceStart || opener + 1 >= end) return undefined;
    return { start: opener + 1, end };
  }

  /** A participle opening the sentence's only report: "ونشرت فان دير بيرغ صورا …، قائلة «…»". */
  private participleStart(s: number, i: number, lemma: string, prefix: number): Start | undefined {
    const [a, b] = this.doc.sentenceTokens[s]!;
    // The subject of the sentence: before the participle, or after the verb that opens the sentence ("ونشرت X …، قائلة").
    const subject = this.subjectBefore(s, i, false) ?? (FUNCTION_WORDS.has(this.tok(a).f) ? undefined : this.leading(a + 1, i));
    if (!subject || i + 1 >= b) return undefined;
    let c = i + 1;
    if (VERB_PREPOSITIONS.has(this.tok(c).f) && c + 1 < b) c++;
    if (REPORT_MARKERS.has(this.tok(c).f) && c + 1 < b) c++;
    return { ...this.base(s, i, lemma, prefix), mode: "object", regionFrom: i + 1, regionTo: i + 1, contentStart: this.tok(c).start, preset: subject };
  }

  /** "وجاء في بيان لوزارة النقل …، أن": the statement speaks for its issuer. */
  private statementStart(s: number, i: number): Start | undefined {
    const [, b] = this.doc.sentenceTokens[s]!;
    if (this.tok(i + 1)?.f !== "في" || !STATEMENT_NOUNS.has(this.tok(i + 2)?.f ?? "")) return undefined;
    for (let j = i + 3; j < b && j <= i + MAX_REGION_TOKENS; j++) {
      const f = this.tok(j).f;
      if (REPORT_MARKERS.has(f) && !NOT_REPORT_AN.has(this.tok(j - 1).f)) {
        const t = this.tok(i);
        const prefix = t.f.length - fold("جاء").length > 0 && !t.f.startsWith("ورد") ? 1 : 0;
        return { ...this.base(s, i, "جاء", prefix), mode: "marker", regionFrom: i + 1, regionTo: j, contentStart: contentAt(this.doc, this.tok(j).fe) };
      }
      if (reportingVerb(f)) break;
    }
    return undefined;
  }

  /** The source after "حسب", "وفقا لما أوردته صفحة …", "وفقا ل…". */
  attributionSource(i: number, limit: number): Phrase[] | undefined {
    let p = i + 1;
    while (p < limit) {
      const f = this.tok(p).f;
      const bare = f.startsWith("ل") ? f.slice(1) : f;
      const skip = f === "لما" || f === "ما" || f === "عن" || reportingVerb(f) !== undefined || ATTRIBUTION_VERB_STEMS.some((v) => f.startsWith(v));
      if (skip || MEDIA_NOUNS.has(f) || MEDIA_NOUNS.has(bare)) p++;
      else break;
    }
    if (p >= limit) return undefined;
    const org = this.sp.orgAt(p, limit, true);
    const one = org ?? this.sp.statement(p) ?? this.sp.genericAnaphor(p, limit) ?? this.sp.descriptor(p, limit) ?? this.refPhrase(p);
    return one ? [one] : undefined;
  }

  private attributionStart(s: number, i: number, earlier: readonly Start[]): Start | undefined {
    const [a, b] = this.doc.sentenceTokens[s]!;
    const source = this.attributionSource(i, b);
    if (!source) return undefined;
    const last = earlier.at(-1);
    // Inside a report's opening ("وجاء في بيان …، حسب وكالة …، أن"), the source is a relay; the region reads it.
    if (last && last.regionTo > i) return undefined;
    const t = this.tok(i);
    const from = last ? last.contentStart : this.tok(a).start;
    const words = this.doc.parsed.text.slice(from, t.start);
    const end = t.start - (words.match(TRAILING_SEPARATORS)?.[0].length ?? 0);
    if (end <= from) return undefined;
    const prefix = Math.max(0, procliticBefore(t.f, ATTRIBUTION_WORDS));
    return {
      ...this.base(s, i, this.doc.parsed.text.slice(this.doc.folded.map[t.fs + prefix], t.end), prefix),
      mode: "fixed",
      opens: last ? t.start : from,
      contentStart: from,
      contentEnd: end,
      regionFrom: i + 1,
      regionTo: i + 1,
      preset: source,
      ...(last && { sourceOf: true as const }),
    };
  }

  /** A person's name as the speaker, from its title word (p) when it has one. */
  private named(r: PersonRef, p: number): Phrase {
    return { speaker: this.sp.person(r), from: p, to: r.endToken, span: { start: r.start, end: r.end } };
  }

  /** "وبحسب وزارة الصحة، فإن …": the source first, the words after its comma. */
  private attributionFirst(s: number, i: number): Start | undefined {
    const [, b] = this.doc.sentenceTokens[s]!;
    const source = this.attributionSource(i, b);
    if (!source) return undefined;
    let j = source.at(-1)!.to;
    while (j < b && !/[،,]/u.test(gapBefore(this.doc, j))) j++;
    if (j >= b) return undefined;
    const t = this.tok(i);
    const prefix = Math.max(0, procliticBefore(t.f, ATTRIBUTION_WORDS));
    const verb = this.doc.parsed.text.slice(this.doc.folded.map[t.fs + prefix], t.end);
    return { ...this.base(s, i, verb, prefix), mode: "object", regionFrom: i + 1, regionTo: j, contentStart: this.tok(j).start, preset: source };
  }

  private refPhrase(p: number): Phrase | undefined {
    const r = this.sp.refAt.get(p);
    return r ? this.named(r, p) : undefined;
  }

  /** The speaker at the opening of the words after a verb ("أعلنت القوات المسلحة النيجرية مقتل …"), with those coordinated to it. */
  leading(p0: number, limit: number): Phrase[] | undefined {
    const p = this.skipAsides(p0, limit);
    if (p >= limit) return undefined;
    let first = this.refPhrase(p) ?? this.sp.earlierName(p, limit);
    if (!first && isTitleWord(this.tok(p).f)) {
      for (let q = p + 1; q < limit && q <= p + TITLE_TO_NAME; q++) {
        if (this.endsTitle(q)) break;
        const r = this.sp.refAt.get(q);
        if (r) {
          first = this.named(r, p);
          break;
        }
      }
      first ??= this.sp.untaggedName(p, limit) ?? this.sp.titleAnaphor(p, limit);
    }
    first ??= this.sp.orgAt(p, limit) ?? this.sp.descriptor(p, limit) ?? this.sp.statement(p) ?? this.sp.genericAnaphor(p, limit);
    return first ? this.coordinated([first], limit) : undefined;
  }

  /** A title phrase runs to its name; a verb, a marker or a function word ("الذي تقدمه") ends it first, but for "في", "من", "لدى" of an office ("المسؤول في البلدية"). */
  private endsTitle(q: number): boolean {
    const f = this.tok(q).f;
    return reportingVerb(f) !== undefined || REPORT_MARKERS.has(f) || (FUNCTION_WORDS.has(f) && !TITLE_PREPOSITIONS.has(f));
  }

  /** "وشدد غوتيريش على …": one name-shaped word between the verb and the preposition it takes. */
  private surnameBeforePreposition(p: number, limit: number): Phrase | undefined {
    const next = this.tok(p + 1);
    if (p >= limit) return undefined;
    if (p + 1 >= limit || (!VERB_PREPOSITIONS.has(next.f) && next.f !== "عن") || !/^\s*$/u.test(gapBefore(this.doc, p + 1))) return undefined;
    return this.sp.untaggedName(p, p + 1, true);
  }

  /** "X، ونائب رئيس الوزراء Y" / "X والرئاسة الفرنسية": one record per speaker. */
  private coordinated(found: Phrase[], limit: number): Phrase[] {
    for (;;) {
      const e = found.at(-1)!.to;
      const f = this.tok(e)?.f ?? "";
      if (e >= limit || !f.startsWith("و") || reportingVerb(f) || !/^[\s،,]*$/u.test(gapBefore(this.doc, e))) return found;
      let next = this.refPhrase(e) ?? this.sp.orgAt(e, limit, true);
      if (!next && isTitleWord(f.slice(1))) {
        for (let q = e + 1; q < limit && q <= e + TITLE_TO_NAME && !next; q++) {
          if (this.endsTitle(q)) break;
          const r = this.sp.refAt.get(q);
          if (r) next = this.named(r, e);
        }
      }
      if (!next) return found;
      found.push(next);
    }
  }

  /**
   * The subject before a verb that names none after it: a relative's antecedent ("هيئة الإغاثة التي
   * أكدت"), the name right before it ("لكن هيئة الموانئ الوطنية ذكرت"), or, when no other report
   * opened the sentence, the first person it names ("لكن كريم حداد عضو … أوضح").
   */
  subjectBefore(s: number, i: number, earlier: boolean): Phrase[] | undefined {
    const [a] = this.doc.sentenceTokens[s]!;
    let j = i - 1;
    while (j >= a && BEFORE_VERB.has(this.tok(j).f)) j--;
    if (j < a) return undefined;
    // "X قال" / "X التي قالت": a verb with و/ف opens a clause of its own, and punctuation parts them.
    const adjacent = reportingVerb(this.tok(i).f)?.prefix === 0 && /^\s*$/u.test(gapBefore(this.doc, j + 1));
    if (adjacent && RELATIVE_PRONOUNS.has(this.tok(j).f)) {
      for (let e = j; e >= Math.max(a + 1, j - 2); e--) {
        const found = this.endingAt(e, a);
        if (found) return [found];
      }
      return undefined;
    }
    const direct = adjacent ? this.endingAt(j + 1, a) : undefined;
    if (direct) return [direct];
    if (earlier) return undefined;
    for (let k = a; k < i; k++) {
      const f = this.tok(k).f;
      // A name inside a prepositional phrase ("وبعد لقائه الوزير X، قال") is not the subject.
      if (PREPOSITION_WORDS.has(f) || (f.startsWith("و") && PREPOSITION_WORDS.has(f.slice(1)))) break;
      const r = this.sp.refAt.get(k);
      if (r && this.tok(k - 1)?.f !== "عبر") return [this.named(r, k)];
    }
    let p = a;
    while (p < i && FUNCTION_WORDS.has(this.tok(p).f)) p++;
    const org = p < i ? this.sp.orgAt(p, i) : undefined;
    return org ? [org] : undefined;
  }

  /** A name or organisation ending right before token e. */
  private endingAt(e: number, a: number): Phrase | undefined {
    const r = this.sp.refEnding.get(e);
    if (r && r.firstToken >= a) return this.named(r, r.firstToken);
    // An organisation after an office ("عضو مجلس الإدارة أوضح") is the office's complement, not the subject.
    const complement = (h: number) => isTitleWord(this.tok(h - 1)?.f ?? "");
    const m = this.sp.locEnding.get(e);
    if (m && m.firstToken >= a && this.sp.bareLocated(m.firstToken) === m && !complement(m.firstToken)) return { speaker: { entityId: m.entityId }, from: m.firstToken, to: e, span: { start: m.start, end: m.end } };
    const statement = e - 1 >= a ? this.sp.statement(e - 1) : undefined;
    if (statement) return statement;
    // "وكان الرئيس قد صرح": a title alone before the verb.
    const title = e - 1 >= a && isTitleWord(this.tok(e - 1).f) ? this.sp.titleAnaphor(e - 1, e) : undefined;
    if (title) return title;
    for (let h = e - 1; h >= Math.max(a, e - 7); h--) {
      const ph = this.sp.orgPhrase(h, e);
      if (ph && ph.to === e && e - h >= 2) return complement(h) ? undefined : this.sp.orgAt(h, e);
    }
    return undefined;
  }

  /** Outlets and settings named among the speaker words. */
  private relays(d: Draft, f: number, t: number, relay: boolean): Set<number> {
    const excluded = new Set<number>();
    const { doc } = this;
    const regionFs = this.tok(f).fs;
    const regionLocated = this.located.filter((m) => m.firstToken >= f && m.endToken <= t);
    d.setting = regionLocated.find((m) => m.type === "Event" && SETTING_CUES.has(this.tok(m.firstToken - 1)?.f ?? ""))?.entityId;
    const exclude = (from: number, to: number) => {
      for (let k = from; k < to; k++) excluded.add(k);
    };
    for (const m of regionLocated) {
      if (m.type !== "Organization" || d.outlet) continue;
      const tokenStart = this.tok(m.firstToken).start;
      const toOutlet = m.start > tokenStart && doc.parsed.text[tokenStart] === "ل";
      const after = this.tok(m.firstToken - 1)?.f ?? "";
      if (outletOf(doc, m, regionFs) || (this.sp.isOutlet(m.entityId) && (toOutlet || after === "ل" || after === "مع" || procliticBefore(after, ATTRIBUTION_WORDS) >= 0))) {
        d.outlet = m.entityId;
        exclude(m.firstToken, m.endToken);
      }
    }
    for (let p = f; p < t && !d.outlet && !d.outletName; p++) {
      const w = this.tok(p).f;
      const cue = w === "ل" || w === "مع" || procliticBefore(w, ATTRIBUTION_WORDS) >= 0;
      const start = cue ? p + 1 : p;
      const head = this.tok(start)?.f ?? "";
      const k = procliticBefore(head, OUTLET_HEADS);
      const quoted = OPENING_MARK.test(gapBefore(doc, start));
      // Quoted words are an outlet after لـ, or after مع right after the verb or an interview noun ("في مقابلة مع "…""), not any partner.
      const interview = p === f || [p - 1, p - 2].some((k2) => k2 >= f && INTERVIEW_WORDS.has(this.tok(k2).f));
      if (!(cue && (k === 0 || (quoted && (w === "ل" || interview)))) && !(k > 0 && head.startsWith("ل"))) continue;
      const phrase = this.sp.orgPhrase(start, t, true);
      if (!phrase) {
        if (!quoted) continue;
        let q = start + 1;
        while (q < t && !/[»”"]/u.test(gapBefore(doc, q))) q++;
        d.outletName = doc.parsed.text.slice(this.tok(start).start, this.tok(q - 1).end);
        exclude(p, q);
        continue;
      }
      const loc = this.sp.locAt.get(start);
      if (loc?.type === "Organization") d.outlet = loc.entityId;
      else d.outletName = doc.parsed.text.slice(phrase.nameStart, this.tok(phrase.to - 1).end);
      exclude(p, phrase.to);
    }
    if (relay) {
      const from = [...Array(t - f).keys()].map((k) => f + k).find((k) => RELAY_FROM.has(this.tok(k).f));
      if (from !== undefined && !d.outlet && !d.outletName) {
        const loc = this.located.find((m) => m.type === "Organization" && m.firstToken >= f && m.endToken <= from);
        const org = loc ? { entityId: loc.entityId } : (this.sp.orgAt(this.skipAsides(f, from), from) ?? this.quotedName(f, from))?.speaker;
        if (org && "entityId" in org) d.outlet = org.entityId;
        else if (org) d.outletName = org.name;
      }
      if (from !== undefined) exclude(f, from + 1);
    }
    return excluded;
  }

  /** The first quoted words among [f, t): an outlet's name in quote marks ("نقلت “ديلي ستار” عن"). */
  private quotedName(f: number, t: number): Phrase | undefined {
    let from = f;
    while (from < t && !OPENING_MARK.test(gapBefore(this.doc, from))) from++;
    let to = from + 1;
    while (to < t && !/[»”"]/u.test(gapBefore(this.doc, to))) to++;
    if (from >= t) return undefined;
    const name = this.doc.parsed.text.slice(this.tok(from).start, this.tok(to - 1).end);
    return { speaker: { name, type: "Organization" }, from, to };
  }

  /** The speaker named between a verb and its statement. */
  draft(start: Start): Draft {
    const d: Draft = { start, contentEnd: start.contentStart, sentences: [], carry: false, named: false };
    const [f0, t] = trimRegion(this.doc, start.regionFrom, start.regionTo);
    const excluded = f0 < t ? this.relays(d, f0, t, start.verb === RELAY_LEMMA) : new Set<number>();
    if (start.preset) {
      d.speakers = start.preset;
      d.named = true;
      return d;
    }
    let f = f0;
    while (excluded.has(f)) f++;
    const p = this.skipAsides(f, t);
    if (p >= t) {
      d.carry = true;
      return d;
    }
    const limit = [...excluded].filter((k) => k > p).reduce((m, k) => Math.min(m, k), t);
    const first = this.tok(p).f;
    const org = isTitleWord(first) ? undefined : this.sp.orgAt(p, limit);
    if (org) return this.withSpeakers(d, this.coordinated([org], limit));
    // An unnamed source's words are no name ("مسؤول أوروبي كبير"), though the tagger may take them for one.
    const descriptor = this.sp.descriptor(p, limit);
    for (let k = descriptor?.to ?? p; k < t; k++) {
      const r = this.sp.refAt.get(k);
      if (!r || excluded.has(k) || this.tok(k - 1)?.f === "عبر") continue;
      return this.withSpeakers(d, this.coordinated([this.named(r, k)], t));
    }
    const again = this.sp.earlierName(p, limit);
    if (again) return this.withSpeakers(d, [again]);
    const role = this.roles.find((m) => m.firstToken >= p && m.endToken <= t);
    if (role) return this.withSpeakers(d, [{ speaker: { entityId: role.entityId }, from: role.firstToken, to: role.endToken, span: { start: role.start, end: role.end } }]);
    const untagged = this.sp.untaggedName(p, limit);
    if (untagged && untagged.from >= (descriptor?.to ?? p)) return this.withSpeakers(d, [untagged]);
    if (descriptor || (procliticBefore(first, SPEAKER_NOUNS) >= 0 && !first.startsWith("ال"))) {
      d.describedOrgs = new Set(this.located.filter((m) => m.type === "Organization" && m.firstToken >= p && m.endToken <= t).map((m) => m.entityId));
      d.speakers = [{ speaker: { name: this.descriptorName(p, t, descriptor), type: "Person", local: true }, from: p, to: limit }];
      return d;
    }
    const anaphor = this.sp.statement(p) ?? this.sp.titleAnaphor(p, limit) ?? this.sp.genericAnaphor(p, limit);
    if (anaphor) return this.withSpeakers(d, [anaphor]);
    if (STATEMENT_NOUNS.has(first) || this.sp.isGenericHead(p, limit)) {
      // "وأضاف البيان", "وأضافت الوزارة" with no such organisation named before: the organisation speaking last.
      d.carry = "organization";
      return d;
    }
    if (SPEAKER_NOUNS.has(first) && limit - p >= 2 && limit - p <= DEFINITE_OFFICE_WORDS && !/[«»"“”]/u.test(this.doc.parsed.text.slice(this.tok(p).start, this.tok(limit - 1).end))) {
      // "المتحدث باسم الحكومة": an office named with its complement is an unnamed source too.
      d.describedOrgs = new Set(this.located.filter((m) => m.type === "Organization" && m.firstToken >= p && m.endToken <= t).map((m) => m.entityId));
      d.speakers = [{ speaker: { name: this.descriptorName(p, t, undefined), type: "Person", local: true }, from: p, to: limit }];
      return d;
    }
    if (this.sp.isDemonstrative(p)) {
      d.carry = true;
      return d;
    }
    for (let k = p; k < t; k++) {
      const issuer = this.sp.statement(k);
      if (issuer) return this.withSpeakers(d, [issuer]);
    }
    if (ADVERBIAL_START.has(first) || PARTICIPLE_SHAPE.test(first) || first === "ل" || excluded.has(p) || excluded.has(f0)) {
      d.carry = true;
      return d;
    }
    const words = significantWords(this.doc.folded.text.slice(this.tok(p).fs, this.tok(t - 1).fe));
    if (words.length > 0 && words.length <= SURNAME_WORDS) {
      const known = resolvePerson(words, this.index);
      const earlier = this.refs.find((r) => r.candidateName && r.endToken <= p && words.every((w) => significantWords(fold(r.candidateName!)).includes(w)));
      const speaker: Speaker | undefined = known ? { entityId: known } : earlier ? { name: earlier.candidateName!, type: "Person" } : undefined;
      if (speaker) return this.withSpeakers(d, [{ speaker, from: p, to: t }]);
    }
    // A proper name alone between verb and statement ("وأضاف بوبوف:"): the region is the name.
    const bare = this.sp.untaggedName(p, t, true);
    return bare && bare.from === p && bare.to === t ? this.withSpeakers(d, [bare]) : d;
  }

  private withSpeakers(d: Draft, speakers: Phrase[]): Draft {
    d.speakers = speakers;
    d.named = true;
    return d;
  }

  /** An unnamed source's name: the descriptor, with "في <place>" after it, up to a bracket or comma. */
  private descriptorName(p: number, t: number, descriptor: Phrase | undefined): string {
    let end = descriptor?.to ?? p + 1;
    if (!descriptor || ["في", "باسم"].includes(this.tok(end)?.f ?? "")) {
      for (let q = end; q < t && !/[(،,]/u.test(gapBefore(this.doc, q)); q++) end = q + 1;
    }
    return this.doc.parsed.text.slice(this.tok(p).start, this.tok(end - 1).end);
  }
}

function outletOf(doc: Doc, m: LocatedName, regionFs: number): boolean {
  const fs = foldedIndex(doc, m.start);
  const before = doc.folded.text.slice(Math.max(regionFs, fs - OUTLET_WINDOW), fs);
  return OUTLET_BEFORE.test(before) || (OUTLET_ASSIMILATED.test(before) && doc.folded.text.startsWith("لل", fs));
}

function trimRegion(doc: Doc, from: number, to: number): [number, number] {
  let f = from;
  let t = to;
  while (f < t && VERB_PREPOSITIONS.has(doc.tokens[f]!.f)) f++;
  while (t > f && VERB_PREPOSITIONS.has(doc.tokens[t - 1]!.f)) t--;
  return [f, t];
}

function implicitStart(doc: Doc, s: number, refs: readonly PersonRef[]): Start | undefined {
  const { tokens } = doc;
  const [a, b] = doc.sentenceTokens[s]!;
  const ref = refs.find((r) => r.sentence === s && r.firstToken - a < IMPLICIT_SPEAKER_WITHIN);
  if (!ref) return undefined;
  for (let j = ref.endToken; j < b; j++) {
    const tok = tokens[j]!;
    if (tok.f !== fold("إن") || doc.parsed.text[tok.start] !== "إ") continue;
    if (NOT_IMPLICIT_AN.has(tokens[j - 1]!.f) || CONDITIONAL_AFTER.has(tokens[j + 1]?.f ?? "")) continue;
    return {
      sentence: s,
      verb: "قال",
      verbStart: tok.start,
      verbEnd: tok.end,
      implicit: true,
      mode: "implicit",
      opens: ref.start,
      regionFrom: ref.firstToken,
      regionTo: j,
      contentStart: contentAt(doc, tok.fe),
    };
  }
  return undefined;
}

/** The person quoted by name elsewhere who speaks for most of the described organisations, nearest first. */
function resolveDescription(d: Draft, drafts: readonly Draft[], orgsOf: ReadonlyMap<string, Set<string>>): string | undefined {
  let best: { id: string; score: number; distance: number } | undefined;
  for (const other of drafts) {
    const s = other.speakers?.[0]?.speaker;
    if (!other.named || !s || !("entityId" in s)) continue;
    const orgs = orgsOf.get(s.entityId);
    if (!orgs) continue;
    const score = [...d.describedOrgs!].filter((o) => orgs.has(o)).length;
    const distance = Math.abs(other.start.contentStart - d.start.contentStart);
    if (score > 0 && (!best || score > best.score || (score === best.score && distance < best.distance))) {
      best = { id: s.entityId, score, distance };
    }
  }
  return best?.id;
}

/**
 * `outletEntityId` / `unresolvedOutletName` on a quote is the outlet the statement was made to or
 * relayed by ("في تصريح لـ«لوسيل»", "قال لفرانس برس", "نقلت وكالة الأناضول عن …").
 */
export function findQuotes(
  doc: Doc,
  located: readonly LocatedName[],
  roles: readonly LocatedName[],
  refs: readonly PersonRef[],
  orgsOf: ReadonlyMap<string, Set<string>>,
  index: NameIndex,
  candidates: readonly CandidateMention[] = [],
): ExtractedQuote[] {
  const { parsed } = doc;
  const reader = new QuoteReader(doc, located, roles, refs, index, candidates);
  const startsBySentence = parsed.sentences.map((s) => {
    if (s.kind !== "body") return [];
    const explicit = reader.starts(s.index);
    if (explicit.length > 0) return explicit;
    const implicit = implicitStart(doc, s.index, refs);
    return implicit ? [implicit] : [];
  });

  const drafts: Draft[] = [];
  startsBySentence.forEach((all, s) => {
    const starts = all.filter((st) => !st.sourceOf);
    starts.forEach((start, k) => {
      const d = reader.draft(start);
      const sentence = parsed.sentences[s]!;
      const next = starts[k + 1];
      d.sentences.push(s);
      if (start.contentEnd !== undefined) d.contentEnd = start.contentEnd;
      else if (next) {
        const separators = parsed.text.slice(start.contentStart, next.opens).match(TRAILING_SEPARATORS);
        d.contentEnd = next.opens - (separators?.[0].length ?? 0);
      } else {
        d.contentEnd = sentence.end;
        for (let n = s + 1; n < parsed.sentences.length; n++) {
          const following = parsed.sentences[n]!;
          if (following.blockIndex !== sentence.blockIndex || startsBySentence[n]!.length > 0) break;
          d.sentences.push(n);
          d.contentEnd = following.end;
        }
      }
      if (d.contentEnd > start.contentStart) drafts.push(d);
    });
    // An attribution after a report's words gives that report its source; it opens no report of its own.
    for (const st of all) {
      if (!st.sourceOf) continue;
      const target = drafts.findLast((d) => d.start.sentence === s);
      if (target && !target.speakers && !target.carry) target.speakers = st.preset;
    }
  });

  for (const d of drafts) {
    if (!d.describedOrgs) continue;
    const id = resolveDescription(d, drafts, orgsOf);
    if (id) d.speakers = [{ ...d.speakers![0]!, speaker: { entityId: id } }];
  }

  const quotes: ExtractedQuote[] = [];
  let previous: { speakers: Phrase[]; setting?: string; outlet?: string; outletName?: string } | undefined;
  for (const d of drafts) {
    const carried = d.carry === true || (d.carry === "organization" && previous !== undefined && isOrganization(previous.speakers[0]!.speaker, index));
    const speakers = d.speakers ?? (carried ? previous?.speakers : undefined);
    if (!speakers?.length) continue;
    const same = previous !== undefined && sameSpeaker(previous.speakers[0]!.speaker, speakers[0]!.speaker);
    const setting = d.setting ?? (same ? previous?.setting : undefined);
    const relayed = d.outlet !== undefined || d.outletName !== undefined;
    const outlet = relayed ? d.outlet : same ? previous?.outlet : undefined;
    const outletName = relayed ? d.outletName : same ? previous?.outletName : undefined;
    for (const phrase of speakers) {
      const { speaker } = phrase;
      const who =
        "entityId" in speaker
          ? { speakerEntityId: speaker.entityId }
          : {
              unresolvedSpeakerName: speaker.name,
              ...(speaker.type !== "Person" && { unresolvedSpeakerType: speaker.type }),
              ...(speaker.local && { unresolvedSpeakerLocal: speaker.local }),
            };
      quotes.push({
        start: d.start.contentStart,
        end: d.contentEnd,
        verb: d.start.verb,
        verbStart: d.start.verbStart,
        verbEnd: d.start.verbEnd,
        ...who,
        ...(d.speakers && { speakerSpan: speakerSpan(doc, d, phrase) }),
        implicitVerb: d.start.implicit,
        ...(setting && { settingEntityId: setting }),
        ...(outlet && { outletEntityId: outlet }),
        ...(!outlet && outletName && { unresolvedOutletName: outletName }),
        sentenceIndexes: d.sentences,
      });
    }
    previous = { speakers, setting, outlet, outletName };
  }
  return quotes;
}

function isOrganization(s: Speaker, index: NameIndex): boolean {
  return "entityId" in s ? index.entries.get(s.entityId)?.type === "Organization" : s.type === "Organization";
}

/** Where the text names the speaker; a description by office keeps its whole phrase. */
function speakerSpan(doc: Doc, d: Draft, p: Phrase): { start: number; end: number } {
  if (d.describedOrgs) return regionSpan(doc, p.from, p.to);
  return p.span ?? tokenSpan(doc, p.from, p.to - 1);
}

/** Span of tokens [f, t), taking in a closing bracket or quote that the last word opened into. */
function regionSpan(doc: Doc, f: number, t: number): { start: number; end: number } {
  const span = tokenSpan(doc, f, t - 1);
  const text = doc.parsed.text;
  const open = (text.slice(span.start, span.end).match(/[(«"“]/g) ?? []).length;
  const close = (text.slice(span.start, span.end).match(/[)»"”]/g) ?? []).length;
  if (open > close && /[)»"”]/.test(text[span.end] ?? "")) span.end++;
  return span;
}
