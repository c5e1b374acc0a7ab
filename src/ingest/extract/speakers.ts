import {
  DEMONSTRATIVES,
  DESCRIPTOR_ADJECTIVES,
  fold,
  FUNCTION_WORDS,
  HONORIFICS,
  OFFICE_NOUNS,
  OFFICES,
  ORGANIZATION_HEADS,
  OUTLET_HEADS,
  procliticBefore,
  REPORT_MARKERS,
  reportingVerb,
  SPEAKER_ASIDES,
  SPEAKER_NOUNS,
  STATEMENT_NOUNS,
  TITLES,
} from "../../lexicon/index.js";
import { type Doc, gapBefore, tokenAtOrAfter } from "./doc.js";
import type { LocatedName, PersonRef } from "./names.js";
import type { CandidateMention, NameIndex } from "./types.js";

/**
 * Speaker phrases for the quote extractor: who a report's words name, as an entity, a person the
 * tagger or a title found, an organisation named by its head noun ("القوات المسلحة النيجرية"), an
 * unnamed source ("مصدر أمني رفيع"), or a phrase that points back to one of these (a title used
 * alone, "هذا الدبلوماسي", "البيان", "القوات"). Token indexes throughout; `to` is exclusive.
 */

/** A speaker the gazetteer knows, or a candidate by name (local: its node belongs to the article, see CandidateMention.local). */
export type Speaker = { entityId: string } | { name: string; type: "Person" | "Organization"; local?: true };

export interface Phrase {
  speaker: Speaker;
  from: number;
  to: number;
  /** Where a name found by the gazetteer or the tagger starts and ends (inside its words' span). */
  span?: { start: number; end: number };
}

/** A quote mark that opens: attached to the word after it («…, "…), or a mark that only opens. */
export const OPENING_MARK = /(?:[«“„]\s*|["”])$/u;
const CLOSING = /[»”"]/u;
const CLEAN = /^\s*$/u;
const NISBA = /(?:ي|يه|يون|يين)$/u;
export const PARTICIPLE_SHAPE = /^م\S{3,}ا$/u;

/** How far each kind of phrase runs, in words. */
const WORDS = {
  /** Organisation names run a few words. */
  org: 7,
  /** An unnamed source: one noun and two or three adjectives. */
  descriptor: 4,
  /** A person's name ("ماريا فان دير بيرغ"). */
  name: 4,
  /** A name alone after the verb, with no title: a surname, or first and last name. */
  alone: 3,
  /** A title used alone is matched against the article's earlier titles, longest first. */
  title: 6,
  /** A title stands next to its name: right after it, or before it with a rank between. */
  titleToName: 2,
  /** "بيان لوزارة النقل": the issuer follows the statement noun within a few words. */
  issuer: 5,
} as const;

const TITLE_WORDS: ReadonlySet<string> = new Set([...TITLES, ...OFFICES, ...OFFICE_NOUNS, ...HONORIFICS]);
/** Head nouns with and without the article ("رئاسة", "الرئاسة"). */
const HEADS: ReadonlySet<string> = new Set(
  [...ORGANIZATION_HEADS, ...OUTLET_HEADS].flatMap((h) => (h.startsWith("ال") ? [h, h.slice(2)] : [h, `ال${h}`])),
);

const isDefinite = (f: string): boolean => /^(?:ال|لل|وال|بال)/u.test(f) && f.length > 3;
/** "لحفظ السلام", "بالسودان": a purpose or place complement inside a name. */
const isComplement = (f: string): boolean => /^[لب]/u.test(f) && !f.startsWith("لل");
/** "قوات بعثة الاتحاد …": the forces of an organisation are that organisation. */
const FORCES = new Set(["قوات", "القوات"].map(fold));
const withoutArticle = (f: string): string => (f.startsWith("ال") && f.length > 3 ? f.slice(2) : f);
export const isTitleWord = (f: string): boolean => TITLE_WORDS.has(f) || SPEAKER_NOUNS.has(f);

/** The article's people, names and organisations, indexed by token for the phrase readers. */
export class SpeakerIndex {
  readonly refAt = new Map<number, PersonRef>();
  readonly refEnding = new Map<number, PersonRef>();
  readonly locAt = new Map<number, LocatedName>();
  readonly locEnding = new Map<number, LocatedName>();
  /** Organisations met so far in reading order, by head noun, for "القوات" / "الشرطة" anaphors. */
  private readonly orgs: Array<{ token: number; head: string; speaker: Speaker }> = [];

  /** The article's candidates by where they start: a speaker found here is the same node as their mentions. */
  private readonly candidateAt = new Map<number, CandidateMention>();

  constructor(
    readonly doc: Doc,
    located: readonly LocatedName[],
    readonly refs: readonly PersonRef[],
    readonly index: NameIndex,
    candidates: readonly CandidateMention[],
  ) {
    for (const c of candidates) if (!this.candidateAt.has(c.start)) this.candidateAt.set(c.start, c);
    for (const c of candidates) {
      if (c.type !== "Organization") continue;
      const token = tokenAtOrAfter(doc, c.start + 1) - 1;
      this.noteOrg(token, { name: c.name, type: "Organization", ...(c.local && { local: c.local }) });
    }
    for (const r of refs) {
      if (r.candidateName && this.isOrgRef(r)) continue;
      if (!this.refAt.has(r.firstToken)) this.refAt.set(r.firstToken, r);
      this.refEnding.set(r.endToken, r);
    }
    for (const m of located) {
      if (m.type === "Person") continue;
      const at = this.locAt.get(m.firstToken);
      if (!at || m.endToken > at.endToken) this.locAt.set(m.firstToken, m);
      this.locEnding.set(m.endToken, m);
      if (m.type === "Organization") this.noteOrg(m.firstToken, { entityId: m.entityId }, this.headOf(m.firstToken));
    }
    this.orgs.sort((a, b) => a.token - b.token);
  }

  private headOf(token: number): string {
    const f = this.doc.tokens[token]!.f;
    const k = procliticBefore(f, HEADS);
    return withoutArticle(k > 0 ? f.slice(k) : f);
  }

  noteOrg(token: number, speaker: Speaker, head = this.headOf(token)): void {
    this.orgs.push({ token, head, speaker });
  }

  /** A located organisation or country that is the word itself, not a genitive ("لقوات الحرس الوطني"). */
  bareLocated(p: number): LocatedName | undefined {
    const m = this.locAt.get(p);
    if (!m || (m.type !== "Organization" && m.type !== "Country")) return undefined;
    const tok = this.doc.tokens[p]!;
    const prefix = this.doc.parsed.text.slice(tok.start, m.start);
    return prefix === "" || prefix === "و" ? m : undefined;
  }

  /** A news outlet: one of its names opens with "وكالة", "صحيفة", "إذاعة" … */
  isOutlet(entityId: string): boolean {
    const e = this.index.entries.get(entityId);
    if (!e) return false;
    return [e.nameAr, ...e.aliases].some((n) => {
      const first = fold(n).split(" ")[0] ?? "";
      return OUTLET_HEADS.has(withoutArticle(first)) || OUTLET_HEADS.has(first);
    });
  }

  /**
   * An organisation named by its head noun and complements: "القوات المسلحة النيجرية", "قوات الطوارئ
   * الدولية", "وكالة فارس الإيرانية للأنباء", "«جبهة الخلاص الوطني»". With `clitic`,
   * the head may carry و/ل/ب ("لوزارة النقل"). A bare "القوات" is one word: an anaphor.
   */
  orgPhrase(p: number, limit: number, clitic = false): { to: number; head: string; nameStart: number } | undefined {
    const { tokens } = this.doc;
    const first = tokens[p];
    if (!first || p >= limit) return undefined;
    const k = procliticBefore(first.f, HEADS);
    if (k < 0 || (k > 0 && !clitic)) return undefined;
    const quoted = OPENING_MARK.test(gapBefore(this.doc, p));
    if (!quoted && p + 1 < limit && OPENING_MARK.test(gapBefore(this.doc, p + 1)) && /^\s/u.test(gapBefore(this.doc, p + 1))) {
      // "صحيفة "الشرق الأوسط"": the quoted words are the name.
      let close = p + 2;
      while (close < limit && close - p < WORDS.org && !CLOSING.test(gapBefore(this.doc, close))) close++;
      return { to: close, head: withoutArticle(first.f.slice(k)), nameStart: tokens[p + 1]!.start };
    }
    let q = p + 1;
    let indefinites = isDefinite(first.f.slice(k)) ? 0 : 1;
    while (q < limit && q - p < WORDS.org) {
      const gap = gapBefore(this.doc, q);
      const f = tokens[q]!.f;
      if (quoted) {
        if (CLOSING.test(gap) || !CLEAN.test(gap.replace(/[«“"]/gu, ""))) break;
      } else {
        if (!CLEAN.test(gap)) break;
        if (FUNCTION_WORDS.has(f) || SPEAKER_ASIDES.has(f) || REPORT_MARKERS.has(f) || reportingVerb(f) || /^\d/u.test(f)) break;
        // An indefinite word continues a construct ("قوات حرس الحدود"), never a name already closed.
        // A country's nisba closes a name ("الخارجية الأردنية"), unless a genitive follows ("وكالة فارس الإيرانية للأنباء").
        if (this.locEnding.get(q)?.type === "Country" && !f.startsWith("لل")) break;
        if (isDefinite(f)) indefinites = 0;
        else if (indefinites === 0 && !(isComplement(f) && isDefinite(tokens[q + 1]?.f ?? "") && CLEAN.test(gapBefore(this.doc, q + 1)))) break;
        else if (++indefinites > 2) break;
      }
      q++;
    }
    if (FORCES.has(first.f.slice(k)) && q > p + 2 && HEADS.has(tokens[p + 1]!.f) && !quoted) return this.orgPhrase(p + 1, limit);
    const nameStart = first.start + (k > 0 ? this.doc.folded.map[first.fs + k]! - first.start : 0);
    return { to: q, head: withoutArticle(first.f.slice(k)), nameStart };
  }

  /** The organisation or country a phrase at p names: a longer head-noun name wins over a shorter gazetteer name at the same place. */
  orgAt(p: number, limit: number, clitic = false): Phrase | undefined {
    const loc = this.bareLocated(p);
    const phrase = this.orgPhrase(p, limit, clitic);
    // A gazetteer name that goes on with a coordinated or genitive word is part of a longer name ("مجلس الأمن والدفاع").
    const longer = phrase && phrase.to - p >= 2 && (!loc || (phrase.to > loc.endToken && /^(?:وال|لل)/u.test(this.doc.tokens[loc.endToken]!.f)));
    if (longer) {
      const end = this.doc.tokens[phrase.to - 1]!.end;
      const c = this.candidateAt.get(phrase.nameStart);
      const speaker: Speaker =
        c?.type === "Organization" && c.end === end
          ? { name: c.name, type: "Organization", ...(c.local && { local: c.local }) }
          : {
              name: this.doc.parsed.text.slice(phrase.nameStart, end),
              type: "Organization",
              // With no country in it ("هيئة الطيران المدني") the name is this article's organisation only.
              ...(!this.namesCountry(p, phrase.to) && { local: true as const }),
            };
      this.noteOrg(p, speaker, phrase.head);
      return { speaker, from: p, to: phrase.to, span: { start: phrase.nameStart, end } };
    }
    if (loc && loc.endToken <= limit) return { speaker: { entityId: loc.entityId }, from: p, to: loc.endToken, span: { start: loc.start, end: loc.end } };
    return undefined;
  }

  private namesCountry(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (this.locAt.has(k) || this.inLocated(k)) return true;
    return false;
  }

  /** An unnamed source: "مصدر أمني رفيع", "متحدث عسكري", "مصادر", named by the descriptor. */
  descriptor(p: number, limit: number): Phrase | undefined {
    const { tokens } = this.doc;
    const first = tokens[p];
    if (!first || !SPEAKER_NOUNS.has(first.f) || first.f.startsWith("ال")) return undefined;
    const quoted = OPENING_MARK.test(gapBefore(this.doc, p));
    let q = p + 1;
    while (q < limit && q - p < WORDS.descriptor) {
      const gap = gapBefore(this.doc, q);
      const f = tokens[q]!.f;
      if (quoted ? CLOSING.test(gap) : !CLEAN.test(gap)) break;
      if (!quoted && !DESCRIPTOR_ADJECTIVES.has(f) && !(NISBA.test(f) && f.length > 3 && !isDefinite(f))) break;
      q++;
    }
    // An unnamed source is someone of this article only: its node never merges across articles.
    return { speaker: { name: this.doc.parsed.text.slice(first.start, tokens[q - 1]!.end), type: "Person", local: true }, from: p, to: q };
  }

  /**
   * A person named again by part of the name the article gave in full ("ونشرت فان دير بيرغ …"
   * after "ماريا فان دير بيرغ"): the longest run of words from p that all belong to one earlier
   * candidate's name.
   */
  earlierName(p: number, limit: number): Phrase | undefined {
    const { tokens } = this.doc;
    let best: Phrase | undefined;
    for (const r of this.refs) {
      if (!r.candidateName || r.endToken > p) continue;
      const words = this.wordsOf(r);
      let q = p;
      while (q < limit && q - p < WORDS.name && words.has(tokens[q]!.f) && (q === p || CLEAN.test(gapBefore(this.doc, q)))) q++;
      if (q > p && (!best || q > best.to)) best = { speaker: this.person(r), from: p, to: q, span: { start: tokens[p]!.start, end: tokens[q - 1]!.end } };
    }
    return best;
  }

  private readonly words = new Map<PersonRef, ReadonlySet<string>>();

  /** The folded words of a candidate's name, folded once. */
  private wordsOf(r: PersonRef): ReadonlySet<string> {
    let w = this.words.get(r);
    if (!w) {
      w = new Set(fold(r.candidateName ?? "").split(" "));
      this.words.set(r, w);
    }
    return w;
  }

  /** A person the article names: known, or the candidate its mentions make. */
  person(r: PersonRef): Speaker {
    if (r.entityId) return { entityId: r.entityId };
    // Part of a name the article gave in full earlier ("فان دير بيرغ" after "ماريا فان دير بيرغ") is that person.
    const words = [...this.wordsOf(r)];
    const full = this.refs.find((e) => e.candidateName && e.end <= r.start && e.candidateName.length > r.candidateName!.length && words.every((w) => this.wordsOf(e).has(w)));
    const named = full ?? r;
    const local = this.candidateAt.get(named.start)?.local;
    return { name: named.candidateName!, type: "Person", ...(local && { local }) };
  }

  /** A bare head noun with the article ("الوزارة"), which names no organisation by itself. */
  isGenericHead(p: number, limit: number): boolean {
    const f = this.doc.tokens[p]?.f ?? "";
    return f.startsWith("ال") && HEADS.has(f) && this.orgPhrase(p, limit)?.to === p + 1;
  }

  /** An organisation named earlier with the same head noun: "القوات" after "قوات الحرس الوطني". */
  genericAnaphor(p: number, limit: number): Phrase | undefined {
    const f = this.doc.tokens[p]?.f ?? "";
    if (STATEMENT_NOUNS.has(f) || !this.isGenericHead(p, limit)) return undefined;
    const head = withoutArticle(f);
    for (let i = this.orgs.length - 1; i >= 0; i--) {
      const o = this.orgs[i]!;
      if (o.token < p && o.head === head) return { speaker: o.speaker, from: p, to: p + 1 };
    }
    return undefined;
  }

  /**
   * A statement as speaker ("وأضاف البيان", "حسب البيان الذي"): the organisation that issued it,
   * named after this or an earlier statement noun ("بيان لوزارة النقل", "البيان الختامي لقمة
   * مجموعة العشرين").
   */
  statement(p: number): Phrase | undefined {
    const f = this.doc.tokens[p]?.f ?? "";
    if (!STATEMENT_NOUNS.has(f) && !isStatementWord(f)) return undefined;
    for (let x = p; x >= 0; x--) {
      if (x !== p && !isStatementWord(this.doc.tokens[x]!.f)) continue;
      const issuer = this.issuerAfter(x);
      if (issuer) return { speaker: issuer, from: p, to: p + 1 };
    }
    return undefined;
  }

  private issuerAfter(x: number): Speaker | undefined {
    const { tokens } = this.doc;
    const sentence = tokens[x]!.sentence;
    for (let y = x + 1; y <= x + WORDS.issuer && y < tokens.length && tokens[y]!.sentence === sentence; y++) {
      const f = tokens[y]!.f;
      // The issuer is a complement of the statement noun: "البيان الختامي لقمة مجموعة العشرين", not a later clause.
      if (!CLEAN.test(gapBefore(this.doc, y).replace(/[«»"“”]/gu, "")) || FUNCTION_WORDS.has(f) || REPORT_MARKERS.has(f) || reportingVerb(f)) break;
      const loc = this.locAt.get(y);
      if (loc?.type === "Organization") return { entityId: loc.entityId };
      const phrase = this.orgPhrase(y, tokens.length, true);
      if (phrase && phrase.to - y >= 2) return { name: this.doc.parsed.text.slice(phrase.nameStart, tokens[phrase.to - 1]!.end), type: "Organization" };
    }
    return undefined;
  }

  /**
   * A title used alone ("أشاد رئيس البعثة", "وأشار "الدبلوماسي""): the person the article earlier named
   * right next to the same words ("سمير حمدي رئيس البعثة", "المتحدث الدبلوماسي، السفير ماجد …").
   */
  titleAnaphor(p: number, limit: number): Phrase | undefined {
    const { tokens } = this.doc;
    const first = tokens[p];
    if (!first) return undefined;
    const quoted = OPENING_MARK.test(gapBefore(this.doc, p));
    if (!quoted && !isTitleWord(first.f)) return undefined;
    let end = p + 1;
    while (end < limit && end - p < WORDS.title && CLEAN.test(gapBefore(this.doc, end)) && !FUNCTION_WORDS.has(tokens[end]!.f)) end++;
    for (let len = end - p; len >= 1; len--) {
      if (len === 1 && !quoted && !first.f.startsWith("ال")) continue;
      for (let x = p - len; x >= 0; x--) {
        let same = true;
        for (let k = 0; k < len && same; k++) same = sameWord(tokens[x + k]!.f, tokens[p + k]!.f);
        if (!same) continue;
        const ref = this.refEnding.get(x) ?? this.refStartingNear(x + len);
        if (ref) return { speaker: this.person(ref), from: p, to: p + len };
      }
    }
    // "وأشار الوزير": the last person the article gave that office, in a title phrase before the name.
    // Only for the title alone: "الوزير الفرنسي" is not any minister.
    if (quoted || !first.f.startsWith("ال") || end > p + 1) return undefined;
    const office = first.f.slice(2);
    for (let i = this.refs.length - 1; i >= 0; i--) {
      const r = this.refs[i]!;
      if (r.endToken > p || (r.candidateName && this.isOrgRef(r))) continue;
      for (let x = Math.max(0, r.firstToken - WORDS.title); x < r.firstToken; x++) {
        const f = tokens[x]!.f;
        if (f === office || f === first.f) return { speaker: this.person(r), from: p, to: p + 1 };
      }
    }
    return undefined;
  }

  /** A candidate "name" after a title that is an organisation's: "رئيس مجلس الوزراء", "المتحدث باسم بلدية …". */
  private isOrgRef(r: PersonRef): boolean {
    return procliticBefore(this.doc.tokens[r.firstToken]!.f, HEADS) >= 0 || this.doc.tokens[r.firstToken - 1]?.f === fold("باسم");
  }

  private refStartingNear(t: number): PersonRef | undefined {
    for (let k = 0; k <= WORDS.titleToName; k++) {
      const r = this.refAt.get(t + k);
      if (r) return r;
    }
    return undefined;
  }

  /**
   * A person's name the tagger and the title rules missed, by its place and shape: right after a
   * rank or title ("المقدم زوران بيتروفيتش الموجود …"), or closing a title phrase before the statement
   * ("المتحدث الرسمي باسم الميناء … ألكسندر بوبوف، أن"); `alone`, the whole of a short region
   * ("وأضاف بوبوف:"). Name words carry no article, are no function words, titles or known
   * names, and follow each other without punctuation.
   */
  untaggedName(p: number, t: number, alone = false): Phrase | undefined {
    const { tokens } = this.doc;
    const nameWord = (q: number) => {
      const f = tokens[q]!.f;
      // Folding makes the name علي the preposition على; the text still tells them apart.
      if (this.doc.parsed.text.slice(tokens[q]!.start, tokens[q]!.end) === "علي") return true;
      // مفعلا ("مستدركا"): an adverbial participle, not a name.
      return !isDefinite(f) && !PARTICIPLE_SHAPE.test(f) && !FUNCTION_WORDS.has(f) && !isTitleWord(f) && !HEADS.has(f) && !reportingVerb(f) && !REPORT_MARKERS.has(f) && !SPEAKER_ASIDES.has(f) && !/^\d/u.test(f) && !this.locAt.has(q) && !this.inLocated(q);
    };
    const run = (from: number, to: number, step: 1 | -1): number => {
      let q = from;
      while (q !== to && Math.abs(q - from) < WORDS.name && nameWord(q) && (q === from || CLEAN.test(gapBefore(this.doc, step === 1 ? q : q + 1)))) q += step;
      return q;
    };
    if (alone) return t - p <= WORDS.alone && run(p, t, 1) === t ? this.nameSpan(p, t) : undefined;
    for (let q = p; q < t; q++) {
      if (!TITLES.has(tokens[q]!.f) && !HONORIFICS.has(tokens[q]!.f)) continue;
      const end = run(q + 1, t, 1);
      if (end > q + 1 && CLEAN.test(gapBefore(this.doc, q + 1))) return this.nameSpan(q + 1, end);
    }
    if (!isTitleWord(tokens[p]!.f)) return undefined;
    let last = t - 1;
    for (;;) {
      if (last > p && last + 1 < tokens.length && /\)/u.test(gapBefore(this.doc, last + 1))) {
        // "… بوبوف، اليوم الأحد (5 أيار 2021)،": back over the parenthesis.
        while (last > p && !/\(/u.test(gapBefore(this.doc, last))) last--;
        last--;
      } else if (last > p && (SPEAKER_ASIDES.has(tokens[last]!.f) || /^\d/u.test(tokens[last]!.f))) last--;
      else break;
    }
    const from = run(last, p, -1);
    // The name closes the title phrase: "في مؤتمر صحفي" after a title is no name.
    return last - from >= 2 && !FUNCTION_WORDS.has(tokens[from]!.f) ? this.nameSpan(from + 1, last + 1) : undefined;
  }

  private inLocated(q: number): boolean {
    for (let k = q; k >= Math.max(0, q - WORDS.org); k--) {
      const m = this.locAt.get(k);
      if (m && m.endToken > q) return true;
    }
    return false;
  }

  private nameSpan(from: number, to: number): Phrase {
    const { tokens, parsed } = this.doc;
    const span = { start: tokens[from]!.start, end: tokens[to - 1]!.end };
    // A single word is a surname: it names someone in this article only.
    return { speaker: { name: parsed.text.slice(span.start, span.end), type: "Person", ...(to - from === 1 && { local: true as const }) }, from, to, span };
  }

  /** "هذا الدبلوماسي": a demonstrative and a noun. */
  isDemonstrative(p: number): boolean {
    const { tokens } = this.doc;
    return DEMONSTRATIVES.has(tokens[p]?.f ?? "") && isTitleWord(tokens[p + 1]?.f ?? "");
  }
}

function isStatementWord(f: string): boolean {
  return /^(?:ال|ل|و|ب)?(?:بيان|بلاغ)(?:ه|ها|هم|ات|ا)?$/u.test(f);
}

function sameWord(a: string, b: string): boolean {
  return a === b || (a.startsWith("و") && a.slice(1) === b);
}



export function sameSpeaker(a: Speaker, b: Speaker): boolean {
  return "entityId" in a ? "entityId" in b && a.entityId === b.entityId : "name" in b && a.name === b.name;
}
