import type { EntityType } from "../../model/seed-files.js";
import {
  AGREEMENT_HEADS,
  AGREEMENT_PLURALS,
  fold,
  BECOMING_WORDS,
  BETWEEN,
  EACH_OF,
  FUNCTION_WORDS,
  hasCliticArticle,
  HEDGES,
  HONORIFICS,
  IN,
  JOINING_WORDS,
  LED_BY_WORDS,
  LOCATIVE_LINKS,
  MEETING_WORDS,
  MEMBER_WORDS,
  MEMORANDUM,
  NEGATIONS,
  OFFICES,
  PARTNER_WORDS,
  procliticBefore,
  SIGNING_ANAPHORS,
  SIGNING_BEFORE_AGREEMENT,
  SIGNING_WORDS,
  TO,
  UNDERSTANDING,
  VISIT_WORDS,
  WITH,
} from "../../lexicon/index.js";
import { resolveDate } from "./dates.js";
import { type Doc, gapBefore } from "./doc.js";
import type { DateMention } from "./types.js";

/**
 * Relations as claims, from the entities of a sentence and the words between them: verb and noun
 * frames in their Arabic forms (وقّع … مع / بين … و…، انضمت … إلى، أصبحت … عضوا في، عضو في،
 * زار، التقى، استقبل، بقيادة، شريك)، an office before or after a person's name (roleOf), and a
 * place next to the country around it (locatedIn). Agreements are entities the frames create:
 * "مذكرة تفاهم …", "اتفاقية …"; a bare "المذكرة" or "ووقعها" refers back to the last one.
 * Every claim says which frame made it and how much that frame is trusted.
 */

/** What a claim's subject or object is: a known entity, a candidate, or an agreement of this article. */
export type Target =
  | { entityId: string }
  | { candidate: { name: string; type: "Person" | "Place" | "Organization"; local?: true } }
  | { agreement: number };

/** An entity mention a frame can use, in token space. */
export interface Party {
  target: Target;
  type: EntityType;
  start: number;
  end: number;
  firstToken: number;
  /** Exclusive. */
  endToken: number;
  sentence: number;
}

export interface ClaimDate {
  value: string;
  precision: DateMention["precision"];
}

export interface ExtractedAgreement {
  /** The words that first name it ("مذكرة تفاهم", "اتفاقية تعاون"). */
  name: string;
  /** Its head noun, folded and without the article ("مذكره", "اتفاقيه"): what kind of agreement. */
  kind: string;
  mentions: Array<{ start: number; end: number }>;
  /** Its parties, from the agreementBetween claims about it. */
  parties: Target[];
  date?: ClaimDate;
}

export interface ExtractedClaim {
  predicate: string;
  subject: Target;
  object: Target;
  /** The words that state it: from the first to the last of its entities and trigger. */
  start: number;
  end: number;
  date?: ClaimDate;
  modality: "asserted" | "possible" | "negated";
  /** How often the frame is right on annotated news, as a ranking in (0, 1]. */
  confidence: number;
  /** The frame that made it ("signed:verb-subject", "roleOf:office-before", …), for review. */
  frame: string;
}

/** Per frame: how far (in words) its parts may lie from the trigger, and how much it is trusted. */
const NEAR = 6;
const OFFICE_WINDOW = 10;
const CONFIDENCE = {
  roleBefore: 0.8,
  roleAfter: 0.6,
  signedSubject: 0.75,
  signedBetween: 0.7,
  signedWith: 0.6,
  joined: 0.75,
  member: 0.6,
  locatedIn: 0.7,
  visited: 0.6,
  metWith: 0.6,
  ledBy: 0.7,
  partnerOf: 0.5,
} as const;

/** Predicates of events, which a sentence's date qualifies; states (roleOf, locatedIn, memberOf) are not dated by it. */
const DATED = new Set(["signed", "joined", "visited", "metWith"]);

const isParty = (p: Party, types: readonly EntityType[]) => types.includes(p.type);
const STATES: readonly EntityType[] = ["Country", "Organization"];
const PLACES: readonly EntityType[] = ["Country", "Place"];

const sameTarget = (a: Target, b: Target): boolean => JSON.stringify(a) === JSON.stringify(b);

class Sentence {
  readonly first: number;
  readonly end: number;
  constructor(
    readonly doc: Doc,
    readonly index: number,
    readonly parties: readonly Party[],
  ) {
    [this.first, this.end] = doc.sentenceTokens[index]!;
  }

  f(k: number): string {
    return this.doc.tokens[k]?.f ?? "";
  }

  is(k: number, set: ReadonlySet<string>): boolean {
    return k >= this.first && k < this.end && procliticBefore(this.f(k), set) >= 0;
  }

  /** A comma, colon or bracket between token k - 1 and k ends a phrase. */
  broken(k: number): boolean {
    return /[،,:;؛()«»"“”.]/u.test(gapBefore(this.doc, k));
  }

  partyAt(k: number): Party | undefined {
    return this.parties.find((p) => p.firstToken <= k && k < p.endToken);
  }

  /** The first party starting in [from, to) of one of the types. */
  firstAfter(from: number, to: number, types: readonly EntityType[]): Party | undefined {
    return this.parties.find((p) => p.firstToken >= from && p.firstToken < Math.min(to, this.end) && isParty(p, types));
  }

  /**
   * The subject right after a verb at k: the first party of the types before `limit`, except that
   * an office word first ("وقع المذكرة رئيس الوزراء الهولندي مارك روته") makes it the person who
   * holds the office, not the country or organisation in its title.
   */
  subjectAfter(k: number, limit: number, types: readonly EntityType[]): Party | undefined {
    const first = this.firstAfter(k + 1, limit, types);
    if (!first || first.type === "Person" || !types.includes("Person")) return first;
    for (let j = k + 1; j < first.firstToken; j++) {
      if (this.is(j, OFFICES)) return this.firstAfter(first.endToken, Math.min(this.end, j + OFFICE_WINDOW), ["Person"]) ?? first;
    }
    return first;
  }

  /** The last party ending at or before `to` and starting at or after `from`. */
  lastBefore(from: number, to: number, types: readonly EntityType[]): Party | undefined {
    return [...this.parties].reverse().find((p) => p.endToken <= to && p.firstToken >= Math.max(from, this.first) && isParty(p, types));
  }

  /** The party's word carries a conjunction the mention left out ("والموصل"). */
  conjoined(p: Party): boolean {
    return /^[وف]/u.test(this.f(p.firstToken)) && p.start > this.doc.tokens[p.firstToken]!.start;
  }

  /**
   * `p` and the parties coordinated with it by و or a comma, of the same broad kind; people may
   * each come with their office ("مارك روته ورئيسة الوزراء الإيطالية جيورجيا ميلوني").
   */
  coordinated(p: Party): Party[] {
    const out = [p];
    for (let last = p; ; ) {
      const next = this.parties.find((q) => q.firstToken === last.endToken && q.type === p.type);
      if (!next && p.type === "Person") {
        const candidate = this.firstAfter(last.endToken + 1, last.endToken + OFFICE_WINDOW, ["Person"]);
        const opens = /^[وف]/u.test(this.f(last.endToken)) && this.is(last.endToken, OFFICES);
        let titles = opens && candidate !== undefined;
        for (let k = last.endToken + 1; titles && k < candidate!.firstToken; k++) {
          const party = this.partyAt(k);
          titles = !this.broken(k) && (this.is(k, OFFICES) || this.is(k, HONORIFICS) || party?.type === "Country" || this.f(k).startsWith("ال"));
        }
        if (titles) {
          out.push(candidate!);
          last = candidate!;
          continue;
        }
      }
      if (!next) break;
      if (!this.conjoined(next) && !/[،,]/u.test(gapBefore(this.doc, next.firstToken))) break;
      out.push(next);
      last = next;
    }
    return out;
  }

  /**
   * The parties after بين: "X و Y", also when a word or two stand between them ("بين حكومتي
   * السعودية، ومملكة اتحاد ماليزيا"), as long as the second comes with its و.
   */
  pair(first: Party): Party[] {
    const chain = this.coordinated(first);
    if (chain.length > 1) return chain;
    const second = this.firstAfter(first.endToken, first.endToken + 4, STATES);
    if (!second) return chain;
    let conj = false;
    for (let k = first.endToken; k <= second.firstToken; k++) conj ||= /^[وف]/u.test(this.f(k)) && !this.is(k, FUNCTION_WORDS);
    return conj ? [first, second] : chain;
  }

  /** The coordination ending right before token k (within `slack` words): the subject of an SVO clause. */
  subjectBefore(k: number, types: readonly EntityType[], slack = 1): Party[] {
    const last = this.lastBefore(k - slack - 1, k, types);
    if (!last || this.broken(last.endToken)) return last ? [last] : [];
    const chain = [last];
    for (let cur = last; ; ) {
      const prev = this.parties.find((q) => q.endToken === cur.firstToken && q.type === last.type);
      if (!prev || (!this.conjoined(cur) && !/[،,]/u.test(gapBefore(this.doc, cur.firstToken)))) break;
      chain.unshift(prev);
      cur = prev;
    }
    return chain;
  }

  modality(k: number): ExtractedClaim["modality"] {
    for (const j of [k - 1, k - 2]) {
      if (j < this.first) continue;
      if (procliticBefore(this.f(j), NEGATIONS) >= 0) return "negated";
      if (procliticBefore(this.f(j), HEDGES) >= 0) return "possible";
    }
    return /^(?:و|ف)?س[يت]/u.test(this.f(k)) ? "possible" : "asserted";
  }
}

interface AgreementPhrase {
  agreement: number;
  firstToken: number;
  endToken: number;
  start: number;
  end: number;
}

/** Agreement phrases: a head noun ("مذكرة" only with "تفاهم") and up to two modifiers. */
function agreementPhrases(doc: Doc, parties: readonly Party[], agreements: ExtractedAgreement[]): AgreementPhrase[] {
  const { tokens } = doc;
  const out: AgreementPhrase[] = [];
  const inParty = new Set(parties.flatMap((p) => Array.from({ length: p.endToken - p.firstToken }, (_, i) => p.firstToken + i)));
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.sentence < 0 || inParty.has(i)) continue;
    const prefix = procliticBefore(tok.f, AGREEMENT_HEADS);
    if (prefix < 0) continue;
    const head = tok.f.slice(prefix);
    let end = i + 1;
    const memo = head.replace(/^ال/u, "").startsWith(MEMORANDUM.slice(0, 4));
    if (memo) {
      const understanding = UNDERSTANDING.has(tokens[end]?.f ?? "") && tokens[end]!.sentence === tok.sentence;
      // "المذكرة" alone can only refer back to a memorandum of understanding named before.
      if (!understanding && !(head.startsWith("ال") && agreements.length > 0)) continue;
      if (understanding) end++;
    }
    const definite = head.startsWith("ال") || (memo && tokens[i + 1]!.f.startsWith("ال"));
    // Modifiers agree with the head in definiteness: "مذكرة التفاهم الأولى", "اتفاقية تعاون أمني".
    const headEnd = end;
    for (let m = 0; m < 2 && end < tokens.length; m++) {
      const t = tokens[end]!;
      if (t.sentence !== tok.sentence || inParty.has(end) || /[،,:;؛().«»"“”]/u.test(gapBefore(doc, end))) break;
      if (FUNCTION_WORDS.has(t.f) || hasCliticArticle(t.f) || /\d/u.test(t.f) || SIGNING_WORDS.has(t.f)) break;
      if (procliticBefore(t.f, OFFICES) >= 0 || t.f.startsWith("ال") !== definite) break;
      end++;
    }
    const bare = end === headEnd;
    // "المذكرة" or "مذكرة التفاهم" alone refers back; a new indefinite phrase or an ordinal is another agreement.
    const refersBack = definite && bare && agreements.length > 0;
    const start = doc.folded.map[tok.fs + prefix]!;
    const span = { start, end: tokens[end - 1]!.end };
    let agreement: number;
    if (refersBack) {
      agreement = agreements.length - 1;
      agreements[agreement]!.mentions.push(span);
    } else {
      const name = doc.parsed.text.slice(span.start, span.end);
      agreement = agreements.push({ name, kind: fold(name).split(" ")[0]!.replace(/^ال/u, ""), mentions: [span], parties: [] }) - 1;
    }
    out.push({ agreement, firstToken: i, endToken: end, ...span });
    i = end - 1;
  }
  return out;
}

interface Builder {
  add(s: Sentence, predicate: string, subject: Party | AgreementPhrase, object: Party | AgreementPhrase, trigger: number, confidence: number, frame: string): void;
}

function targetOf(x: Party | AgreementPhrase): Target {
  return "target" in x ? x.target : { agreement: x.agreement };
}

/**
 * Claims of a document. `dates` are its calendar dates; `published` (YYYY-MM-DD), when known,
 * resolves "اليوم", "أمس", "الثلاثاء الماضي" in the sentence of a claim.
 */
export function findRelations(
  doc: Doc,
  parties: readonly Party[],
  dates: readonly DateMention[],
  published?: string,
): { claims: ExtractedClaim[]; agreements: ExtractedAgreement[] } {
  const agreements: ExtractedAgreement[] = [];
  const phrases = agreementPhrases(doc, parties, agreements);
  const bySentence = new Map<number, Party[]>();
  for (const p of parties) {
    const list = bySentence.get(p.sentence) ?? [];
    list.push(p);
    bySentence.set(p.sentence, list);
  }
  const claims: ExtractedClaim[] = [];
  const seen = new Set<string>();
  const b: Builder = {
    add(s, predicate, subject, object, trigger, confidence, frame) {
      const subjectTarget = targetOf(subject);
      const objectTarget = targetOf(object);
      if (sameTarget(subjectTarget, objectTarget)) return;
      const date = DATED.has(predicate) ? dateOf(doc, s.index, dates, published) : undefined;
      // Once per relation and sentence; the same relation in another sentence is more evidence.
      const key = JSON.stringify([predicate, subjectTarget, objectTarget, s.index]);
      if (seen.has(key)) return;
      seen.add(key);
      const trig = doc.tokens[trigger]!;
      const start = Math.min(subject.start, object.start, trig.start);
      const end = Math.max(subject.end, object.end, trig.end);
      claims.push({ predicate, subject: subjectTarget, object: objectTarget, start, end, ...(date && { date }), modality: s.modality(trigger), confidence, frame });
    },
  };

  doc.sentenceTokens.forEach((_, index) => {
    const sentenceParties = (bySentence.get(index) ?? []).sort((x, y) => x.firstToken - y.firstToken);
    const s = new Sentence(doc, index, sentenceParties);
    const sentencePhrases = phrases.filter((p) => p.firstToken >= s.first && p.firstToken < s.end);
    roles(s, b);
    places(s, b);
    for (let k = s.first; k < s.end; k++) {
      const objectNext = sentencePhrases.some((p) => p.firstToken > k && p.firstToken <= k + 2);
      if (s.is(k, SIGNING_WORDS) || (objectNext && s.is(k, SIGNING_BEFORE_AGREEMENT))) signing(s, k, sentencePhrases, phrases, b);
      else if (s.is(k, JOINING_WORDS)) joining(s, k, b);
      else if (s.is(k, BECOMING_WORDS)) becoming(s, k, b);
      else if (s.is(k, MEMBER_WORDS)) membership(s, k, b);
      else if (s.is(k, VISIT_WORDS)) visiting(s, k, parties, b);
      else if (s.is(k, MEETING_WORDS)) meeting(s, k, b);
      else if (s.is(k, LED_BY_WORDS)) leading(s, k, b);
      else if (s.is(k, PARTNER_WORDS)) partnering(s, k, b);
    }
  });
  for (const c of claims) {
    if (c.date && "agreement" in c.object && c.predicate === "signed") agreements[c.object.agreement]!.date ??= c.date;
  }
  const all = [...claims, ...sharedParties(claims, agreements, phrases)];
  for (const c of all) if (c.predicate === "agreementBetween" && "agreement" in c.subject) agreements[c.subject.agreement]!.parties.push(c.object);
  return { claims: all, agreements };
}

/** The sentence's calendar date, else a relative day resolved against the publication date. */
function dateOf(doc: Doc, sentence: number, dates: readonly DateMention[], published?: string): ClaimDate | undefined {
  const d = dates.find((x) => x.sentenceIndex === sentence);
  // The article's own date in its dateline is not the event's when the sentence says "أمس".
  if (d && d.value !== published) return { value: d.value, precision: d.precision };
  const [a, e] = doc.sentenceTokens[sentence]!;
  const value = published ? resolveDate(doc.tokens.slice(a, e).map((t) => t.f), published) : undefined;
  if (value) return { value, precision: "day" };
  return d ? { value: d.value, precision: d.precision } : undefined;
}

/** "وزير الخارجية القطري X", "رئيس وزراء ماليزيا X", "X المدير العام للأمن الوطني": roleOf(person, country or organisation). */
function roles(s: Sentence, b: Builder): void {
  for (const p of s.parties) {
    if (p.type !== "Person") continue;
    // The office nearest the name: "نائب رئيس مجلس الوزراء وزير الخارجية القطري X" is Qatar's minister.
    let office = -1;
    for (let k = p.firstToken - 1; k >= Math.max(s.first, p.firstToken - OFFICE_WINDOW) && office < 0; k--) {
      const other = s.partyAt(k);
      // A comma may stand between the office and the name ("رئيس البعثة، القاسم وني"), nowhere else.
      if (other?.type === "Person" || (s.broken(k + 1) && k + 1 !== p.firstToken)) break;
      if (s.is(k, OFFICES)) office = k;
    }
    if (office >= 0) {
      const e = s.firstAfter(office + 1, p.firstToken, STATES);
      if (e) b.add(s, "roleOf", p, e, office, CONFIDENCE.roleBefore, "roleOf:office-before");
      continue;
    }
    let k = p.endToken;
    while (k < s.end && k < p.endToken + 2 && s.is(k, HONORIFICS)) k++;
    // "التقى X المدير العام لـ…": the office after a met person's name is the other person's.
    const object = s.is(p.firstToken - 1, MEETING_WORDS) || s.is(p.firstToken - 1, VISIT_WORDS);
    if (!object && k < s.end && s.is(k, OFFICES)) {
      // The office's own words only: up to a comma or a word that no office phrase holds.
      let to = k + 1;
      while (to < Math.min(s.end, k + 1 + NEAR) && !s.broken(to) && !s.is(to, FUNCTION_WORDS)) to++;
      const e = s.firstAfter(k + 1, to, STATES);
      if (e) b.add(s, "roleOf", p, e, k, CONFIDENCE.roleAfter, "roleOf:office-after");
    }
  }
}

/** "الرقة شمال سوريا", "مدينة الموصل العراقية", "مقديشو عاصمة الصومال": locatedIn(place, country). */
function places(s: Sentence, b: Builder): void {
  for (const p of s.parties) {
    if (p.type !== "Place") continue;
    const q = s.firstAfter(p.endToken, p.endToken + 3, PLACES);
    if (!q) continue;
    let linked = true;
    for (let k = p.endToken; k < q.firstToken; k++) linked &&= s.is(k, LOCATIVE_LINKS);
    // Right next to it, only a country (its name or nisba) locates a place; "الرقة والموصل" coordinates.
    const adjacent = q.firstToken === p.endToken;
    if (adjacent && (q.type !== "Country" || s.conjoined(q))) continue;
    if (linked) b.add(s, "locatedIn", p, q, p.firstToken, CONFIDENCE.locatedIn, "locatedIn:adjacent");
  }
}

function signing(s: Sentence, k: number, inSentence: readonly AgreementPhrase[], all: readonly AgreementPhrase[], b: Builder): void {
  const anaphor = s.is(k, SIGNING_ANAPHORS);
  const after = inSentence.find((a) => a.firstToken > k && a.firstToken <= k + 1 + NEAR);
  const before = [...all].reverse().find((a) => a.endToken <= k);
  const agreement = anaphor ? (before ?? after) : (after ?? inSentence.find((a) => a.endToken <= k) ?? before);
  if (!agreement) return;
  const verbal = !/^(?:و|ف|ب)?(?:ال)?توقيع/u.test(s.f(k));
  const between = findWord(s, k + 1, s.end, BETWEEN);
  const withAt = findWord(s, agreement.endToken > k ? agreement.endToken : k + 1, s.end, WITH);
  const limit = [between, withAt, agreement.firstToken > k ? agreement.firstToken : s.end].filter((x) => x > k).reduce((x, y) => Math.min(x, y), s.end);

  if (verbal) {
    const signerTypes: EntityType[] = ["Person", "Country", "Organization"];
    // VSO ("وقع الاتحاد الأوروبي مذكرة"), or VOS with the agreement first ("وقع المذكرة رئيس الوزراء …").
    const vos = agreement.firstToken > k && agreement.firstToken <= k + 2 && !s.firstAfter(k + 1, agreement.firstToken, signerTypes);
    const first = vos
      ? s.subjectAfter(agreement.endToken - 1, Math.min([between, withAt].filter((x) => x > agreement.endToken).reduce((x, y) => Math.min(x, y), s.end), agreement.endToken + NEAR), signerTypes)
      : s.subjectAfter(k, Math.min(limit, k + 1 + NEAR), signerTypes);
    const signers = first ? s.coordinated(first) : s.subjectBefore(k, ["Person", "Country", "Organization"]);
    for (const signer of signers) {
      b.add(s, "signed", signer, agreement, k, CONFIDENCE.signedSubject, "signed:verb-subject");
      if (isParty(signer, STATES)) b.add(s, "agreementBetween", agreement, signer, k, CONFIDENCE.signedSubject, "agreementBetween:signer");
    }
  }
  if (between > 0) {
    const first = s.subjectAfter(between, between + 1 + NEAR, ["Person", "Country", "Organization"]);
    if (first) {
      const kind = first.type === "Person" ? ["Person"] as EntityType[] : STATES;
      const chain = first.type === "Person"
        ? [first, s.firstAfter(first.endToken, first.endToken + OFFICE_WINDOW, kind)].filter((x): x is Party => x !== undefined)
        : s.pair(first);
      for (const p of chain) {
        if (p.type === "Person") b.add(s, "signed", p, agreement, k, CONFIDENCE.signedBetween, "signed:between");
        else b.add(s, "agreementBetween", agreement, p, k, CONFIDENCE.signedBetween, "agreementBetween:between");
      }
    }
  }
  if (withAt > 0) {
    const first = s.subjectAfter(withAt, withAt + 1 + NEAR, ["Person", "Country", "Organization"]);
    for (const p of first ? s.coordinated(first) : []) {
      if (p.type === "Person") b.add(s, "signed", p, agreement, k, CONFIDENCE.signedWith, "signed:with");
      else b.add(s, "agreementBetween", agreement, p, k, CONFIDENCE.signedWith, "agreementBetween:with");
    }
  }
}

function findWord(s: Sentence, from: number, to: number, word: string): number {
  for (let k = from; k < to && k < from + 2 * NEAR; k++) if (s.f(k) === word || s.f(k) === `و${word}`) return k;
  return -1;
}

/** The organisation a joining or membership word points to: after إلى / في / ب or with ل attached. */
function organisationAfter(s: Sentence, k: number): Party | undefined {
  const org = s.firstAfter(k + 1, k + 1 + NEAR, ["Organization"]);
  if (!org) return undefined;
  const tok = s.doc.tokens[org.firstToken]!;
  const attached = org.start > tok.start && /^(?:[وف])?(?:ل|ب|لل)/u.test(tok.f);
  // "إلى عضوية الحلف": the membership noun may stand between the preposition and the organisation.
  const member = s.is(org.firstToken - 1, MEMBER_WORDS);
  const before = s.f(org.firstToken - (member ? 2 : 1));
  return attached || TO.has(before) || IN.has(before) || org.firstToken === k + 1 ? org : undefined;
}

function joining(s: Sentence, k: number, b: Builder): void {
  const org = organisationAfter(s, k);
  if (!org) return;
  const after = s.firstAfter(k + 1, org.firstToken, STATES);
  let subjects = after ? s.coordinated(after).filter((p) => p.firstToken < org.firstToken) : s.subjectBefore(k, STATES, 2);
  // "أعلنت الانضمام إلى التحالف كل من تركيا وباكستان …": the joiners follow the organisation.
  if (subjects.length === 0 && s.is(org.endToken, EACH_OF)) {
    const first = s.firstAfter(org.endToken + 1, org.endToken + 3, STATES);
    subjects = first ? s.coordinated(first) : [];
  }
  for (const subject of subjects) b.add(s, "joined", subject, org, k, CONFIDENCE.joined, "joined:verb");
}

function becoming(s: Sentence, k: number, b: Builder): void {
  const subject = s.firstAfter(k + 1, k + 3, STATES);
  if (!subject) return;
  const member = [subject.endToken, subject.endToken + 1].find((j) => s.is(j, MEMBER_WORDS));
  if (member === undefined) return;
  const org = organisationAfter(s, member);
  if (org) b.add(s, "joined", subject, org, k, CONFIDENCE.joined, "joined:became-member");
}

function membership(s: Sentence, k: number, b: Builder): void {
  // "أصبحت X عضوا في", "انضمام X إلى عضوية": joining, read by its own frame.
  for (let d = 1; d <= NEAR; d++) if (s.is(k - d, BECOMING_WORDS) || s.is(k - d, JOINING_WORDS)) return;
  const org = organisationAfter(s, k);
  if (!org) return;
  const subject = s.lastBefore(k - 3, k, STATES) ?? s.firstAfter(k + 1, org.firstToken, STATES);
  if (subject) b.add(s, "memberOf", subject, org, k, CONFIDENCE.member, "memberOf:member-word");
}

function visiting(s: Sentence, k: number, all: readonly Party[], b: Builder): void {
  // "وزار وزير الخارجية البرتغالي X أنقرة": the visitor (with his office) comes first, then the place.
  const after = s.subjectAfter(k, k + 1 + OFFICE_WINDOW, ["Person", "Country", "Place"]);
  const visitor = after?.type === "Person" ? after : undefined;
  const place = s.firstAfter(visitor ? visitor.endToken : k + 1, (visitor ? visitor.endToken : k + 1) + NEAR, PLACES);
  if (!place) return;
  const before = s.subjectBefore(k, ["Person"], NEAR);
  // "زيارته إلى …": the visitor is the person the text spoke of last.
  const enclitic = /(?:ه|ها|هم)$/u.test(s.f(k)) ? [...all].reverse().find((p) => p.type === "Person" && p.endToken <= k) : undefined;
  const visitors = visitor ? [visitor] : before.length > 0 ? before : enclitic ? [enclitic] : [];
  for (const v of visitors) b.add(s, "visited", v, place, k, CONFIDENCE.visited, "visited:verb");
}

function meeting(s: Sentence, k: number, b: Builder): void {
  const between = findWord(s, k + 1, k + 3, BETWEEN);
  if (between > 0) {
    const first = s.firstAfter(between + 1, between + 1 + NEAR, ["Person"]);
    const second = first && s.firstAfter(first.endToken, first.endToken + OFFICE_WINDOW, ["Person"]);
    if (first && second) b.add(s, "metWith", first, second, k, CONFIDENCE.metWith, "metWith:between");
    return;
  }
  const subject = s.subjectBefore(k, ["Person"], NEAR)[0] ?? s.firstAfter(k + 1, k + 1 + NEAR, ["Person"]);
  if (!subject) return;
  const object = s.firstAfter(Math.max(k + 1, subject.endToken), Math.max(k + 1, subject.endToken) + OFFICE_WINDOW, ["Person"]);
  if (object) b.add(s, "metWith", subject, object, k, CONFIDENCE.metWith, "metWith:verb");
}

function leading(s: Sentence, k: number, b: Builder): void {
  const leader = s.firstAfter(k + 1, k + 3, ["Country", "Organization", "Person"]);
  const led = s.lastBefore(k - 4, k + 1, ["Organization"]);
  if (leader && led) b.add(s, "ledBy", led, leader, k, CONFIDENCE.ledBy, "ledBy:bqiyada");
}

function partnering(s: Sentence, k: number, b: Builder): void {
  const partner = s.firstAfter(k + 1, k + 4, STATES);
  const subject = s.lastBefore(k - NEAR, k, STATES);
  if (partner && subject) b.add(s, "partnerOf", subject, partner, k, CONFIDENCE.partnerOf, "partnerOf:partner-word");
}

/**
 * "توقيع أربع مذكرات تفاهم بين السعودية وماليزيا … مذكرة التفاهم الأولى … الثانية": the parties of
 * a plural agreement phrase are the parties of each agreement of that kind named after it without
 * parties of its own.
 */
function sharedParties(claims: readonly ExtractedClaim[], agreements: readonly ExtractedAgreement[], phrases: readonly AgreementPhrase[]): ExtractedClaim[] {
  const partiesOf = (i: number) => claims.filter((c) => c.predicate === "agreementBetween" && "agreement" in c.subject && c.subject.agreement === i);
  const out: ExtractedClaim[] = [];
  agreements.forEach((a, i) => {
    const singular = AGREEMENT_PLURALS.get(a.kind);
    if (!singular || partiesOf(i).length === 0) return;
    const after = phrases.find((p) => p.agreement === i)!.endToken;
    for (let j = i + 1; j < agreements.length; j++) {
      const later = phrases.find((p) => p.agreement === j)!;
      if (later.firstToken < after || partiesOf(j).length > 0 || singular !== agreements[j]!.kind) continue;
      for (const c of partiesOf(i)) out.push({ ...c, subject: { agreement: j }, confidence: c.confidence * 0.8, frame: "agreementBetween:plural" });
    }
  });
  return out;
}
