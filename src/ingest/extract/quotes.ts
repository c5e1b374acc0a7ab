import {
  ADVERBIAL_START,
  CONDITIONAL_AFTER,
  fold,
  INTERVIEW_NOUNS,
  NOT_IMPLICIT_AN,
  NOT_REPORT_AN,
  procliticBefore,
  REPORT_MARKERS,
  REPORTING_PARTICIPLES,
  reportingVerb,
  SETTING_CUES,
  SPEAKER_NOUNS,
  VERB_PREPOSITIONS,
} from "../../lexicon/index.js";
import { type Doc, foldedIndex, gapBefore, tokenSpan } from "./doc.js";
import { type LocatedName, type PersonRef, resolvePerson, significantWords } from "./names.js";
import type { ExtractedQuote, NameIndex } from "./types.js";

/**
 * Reported statements. A quote starts at a reporting verb (قال، أكد، أضاف، … with و/ف, or the
 * feminine -ت) followed, within the same sentence, by أن / إن / بأن or ":"; the words between
 * verb and marker name the speaker. The content runs from after the marker to the end of the
 * sentence, and on through the following sentences of the same paragraph until one that starts a
 * quote of its own: news copy keeps a speaker's words in one paragraph and opens the next speaker's
 * with a new verb ("وأضاف", "ونوه"). A paragraph with no verb is narration, even when it paraphrases
 * the last speaker. A verb with no marker ("نود لفت نظركم") reports nothing.
 *
 * "<person> … إن" with no verb near the start of a sentence is a report whose قال the paper
 * dropped ("إلى ذلك الجنرال روبرت وايت … إن هناك"): verb "قال", implicitVerb.
 *
 * The speaker, in order:
 * 1. a person named between verb and marker (gazetteer, or a name after a title word: a candidate);
 * 2. a role phrase of a gazetteer person ("المتحدث باسم التحالف الدولي");
 * 3. a description by office ("مسؤول رفيع في التحالف الدولي"): the person quoted by name elsewhere
 *    in the article who speaks for the organisations named there (affiliations); unresolved, the
 *    description itself is the speaker's name;
 * 4. an organisation or country ("وأكدت وزارة الخارجية أن");
 * 5. a surname of a gazetteer person or of an earlier candidate ("وأضاف ترامب أن"); otherwise the
 *    words themselves, as written, are the unresolved speaker's name;
 * 6. nothing, or only an adverbial ("وأضاف أن", "وشدد على أن", "وقال في تصريح … إن"): the previous
 *    quote's speaker; a quote with no previous one has no speaker to give and is left out.
 * A quote by the same speaker as the previous one that names no setting or outlet keeps the
 * previous ones (the following "وأضاف" is the same interview); earlier quotes are not changed.
 */

const INTERVIEW = `(?:${INTERVIEW_NOUNS.map(fold).join("|")})(?:\\s+\\S+)?\\s+`;
const OUTLET_BEFORE = new RegExp(`${INTERVIEW}(?:ل\\S*|مع\\s+)$`, "u");
const OUTLET_ASSIMILATED = new RegExp(`${INTERVIEW}$`, "u");
const OUTLET_WINDOW = 40;
/** The speaker of a report is named within a few dozen words of its verb. */
const MAX_REGION_TOKENS = 60;
/** A speaker named by surname alone takes a word or two. */
const SURNAME_WORDS = 2;
/** An implicit report names its speaker at the opening of the sentence ("إلى ذلك الجنرال …"). */
const IMPLICIT_SPEAKER_WITHIN = 6;

interface Start {
  sentence: number;
  verb: string;
  verbStart: number;
  verbEnd: number;
  implicit: boolean;
  /** Original offset where the verb's word, or an implicit report's speaker, begins. */
  opens: number;
  /** Speaker words: tokens [regionFrom, regionTo). */
  regionFrom: number;
  regionTo: number;
  contentStart: number;
}

/** Original offset of the first non-space character at or after folded index fs. */
function contentAt(doc: Doc, fs: number): number {
  let i = fs;
  while (doc.folded.text[i] === " ") i++;
  return doc.folded.map[i]!;
}

function explicitStarts(doc: Doc, s: number): Start[] {
  const { tokens } = doc;
  const [a, b] = doc.sentenceTokens[s]!;
  const starts: Start[] = [];
  for (let i = a; i < b; i++) {
    const found = reportingVerb(tokens[i]!.f);
    // A participle ("مشيرا إلى أن") goes on with the sentence's own report; it opens none.
    const participle = found !== undefined && REPORTING_PARTICIPLES.has(tokens[i]!.f.slice(found.prefix));
    const v = found && !participle ? { verb: found.lemma, prefix: found.prefix } : undefined;
    if (!v) continue;
    const verbTok = tokens[i]!;
    const verbStart = doc.folded.map[verbTok.fs + v.prefix]!;
    for (let j = i + 1; j < b && j <= i + MAX_REGION_TOKENS; j++) {
      const gap = gapBefore(doc, j);
      const colon = gap.indexOf(":");
      const base = { sentence: s, verb: v.verb, verbStart, verbEnd: verbTok.end, implicit: false, opens: verbTok.start };
      if (colon >= 0) {
        starts.push({ ...base, regionFrom: i + 1, regionTo: j, contentStart: contentAt(doc, tokens[j - 1]!.fe + colon + 1) });
        i = j - 1;
        break;
      }
      if (REPORT_MARKERS.has(tokens[j]!.f) && !NOT_REPORT_AN.has(tokens[j - 1]!.f)) {
        starts.push({ ...base, regionFrom: i + 1, regionTo: j, contentStart: contentAt(doc, tokens[j]!.fe) });
        i = j;
        break;
      }
    }
  }
  return starts;
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
      opens: ref.start,
      regionFrom: ref.firstToken,
      regionTo: j,
      contentStart: contentAt(doc, tok.fe),
    };
  }
  return undefined;
}

type Speaker = { entityId: string } | { name: string };

interface Draft {
  start: Start;
  contentEnd: number;
  sentences: number[];
  speaker?: Speaker;
  speakerSpan?: { start: number; end: number };
  /** Named (or by role, or an organisation) here, not inferred: may resolve descriptions elsewhere. */
  named: boolean;
  /** Organisations named in a description by office. */
  describedOrgs?: Set<string>;
  setting?: string;
  outlet?: string;
}

function trimRegion(doc: Doc, from: number, to: number): [number, number] {
  let f = from;
  let t = to;
  while (f < t && VERB_PREPOSITIONS.has(doc.tokens[f]!.f)) f++;
  while (t > f && VERB_PREPOSITIONS.has(doc.tokens[t - 1]!.f)) t--;
  return [f, t];
}

/** Span of region tokens [f, t), taking in a closing bracket or quote that the last word opened into. */
function regionSpan(doc: Doc, f: number, t: number): { start: number; end: number } {
  const span = tokenSpan(doc, f, t - 1);
  const text = doc.parsed.text;
  const open = (text.slice(span.start, span.end).match(/[(«"“]/g) ?? []).length;
  const close = (text.slice(span.start, span.end).match(/[)»"”]/g) ?? []).length;
  if (open > close && /[)»"”]/.test(text[span.end] ?? "")) span.end++;
  return span;
}

function outletOf(doc: Doc, m: LocatedName, regionFs: number): boolean {
  const fs = foldedIndex(doc, m.start);
  const before = doc.folded.text.slice(Math.max(regionFs, fs - OUTLET_WINDOW), fs);
  return OUTLET_BEFORE.test(before) || (OUTLET_ASSIMILATED.test(before) && doc.folded.text.startsWith("لل", fs));
}

function draft(
  doc: Doc,
  start: Start,
  located: readonly LocatedName[],
  roles: readonly LocatedName[],
  refs: readonly PersonRef[],
  index: NameIndex,
): Draft {
  const d: Draft = { start, contentEnd: start.contentStart, sentences: [], named: false };
  const [f, t] = trimRegion(doc, start.regionFrom, start.regionTo);
  const inRegion = <M extends { firstToken: number; endToken: number }>(m: M) => m.firstToken >= f && m.endToken <= t;
  const regionLocated = located.filter(inRegion);
  if (f < t) {
    const regionFs = doc.tokens[f]!.fs;
    d.setting = regionLocated.find(
      (m) => m.type === "Event" && SETTING_CUES.has(doc.tokens[m.firstToken - 1]?.f ?? ""),
    )?.entityId;
    d.outlet = regionLocated.find((m) => m.type === "Organization" && outletOf(doc, m, regionFs))?.entityId;
  }
  const ref = refs.find(inRegion);
  const role = roles.find(inRegion);
  const first = doc.tokens[f];
  const leading = regionLocated.find((m) => m.firstToken === f && (m.type === "Organization" || m.type === "Country"));
  if (ref) {
    d.speaker = ref.entityId ? { entityId: ref.entityId } : { name: ref.candidateName! };
    d.speakerSpan = { start: ref.start, end: ref.end };
    d.named = ref.entityId !== undefined;
  } else if (role) {
    d.speaker = { entityId: role.entityId };
    d.speakerSpan = { start: role.start, end: role.end };
    d.named = true;
  } else if (first && ADVERBIAL_START.has(first.f)) {
    // No subject: the speaker carries over, as after a bare "وأضاف".
  } else if (first && procliticBefore(first.f, SPEAKER_NOUNS) >= 0) {
    d.describedOrgs = new Set(regionLocated.filter((m) => m.type === "Organization").map((m) => m.entityId));
    d.speakerSpan = regionSpan(doc, f, t);
  } else if (leading) {
    d.speaker = { entityId: leading.entityId };
    d.speakerSpan = { start: leading.start, end: leading.end };
    d.named = true;
  } else if (f < t) {
    d.speakerSpan = regionSpan(doc, f, t);
    // A bare surname after the verb ("وأضاف ترامب أن"): a person already known by more of their name.
    const words = significantWords(doc.folded.text.slice(doc.tokens[f]!.fs, doc.tokens[t - 1]!.fe));
    const short = words.length > 0 && words.length <= SURNAME_WORDS;
    const known = short ? resolvePerson(words, index) : undefined;
    const earlier = short
      ? refs.find((r) => r.candidateName && r.end <= d.speakerSpan!.start && words.every((w) => significantWords(fold(r.candidateName!)).includes(w)))
      : undefined;
    d.speaker = known
      ? { entityId: known }
      : { name: earlier?.candidateName ?? doc.parsed.text.slice(d.speakerSpan.start, d.speakerSpan.end) };
    d.named = known !== undefined;
  }
  return d;
}

/** The person quoted by name elsewhere who speaks for most of the described organisations, nearest first. */
function resolveDescription(d: Draft, drafts: readonly Draft[], orgsOf: ReadonlyMap<string, Set<string>>): string | undefined {
  let best: { id: string; score: number; distance: number } | undefined;
  for (const other of drafts) {
    if (!other.named || !other.speaker || !("entityId" in other.speaker)) continue;
    const id = other.speaker.entityId;
    const orgs = orgsOf.get(id);
    if (!orgs) continue;
    const score = [...d.describedOrgs!].filter((o) => orgs.has(o)).length;
    const distance = Math.abs(other.start.contentStart - d.start.contentStart);
    if (score > 0 && (!best || score > best.score || (score === best.score && distance < best.distance))) {
      best = { id, score, distance };
    }
  }
  return best?.id;
}

const TRAILING_SEPARATORS = /[\s،,؛;]+$/u;

export function findQuotes(
  doc: Doc,
  located: readonly LocatedName[],
  roles: readonly LocatedName[],
  refs: readonly PersonRef[],
  orgsOf: ReadonlyMap<string, Set<string>>,
  index: NameIndex,
): ExtractedQuote[] {
  const { parsed } = doc;
  const startsBySentence = parsed.sentences.map((s) => {
    if (s.kind !== "body") return [];
    const explicit = explicitStarts(doc, s.index);
    if (explicit.length > 0) return explicit;
    const implicit = implicitStart(doc, s.index, refs);
    return implicit ? [implicit] : [];
  });

  const drafts: Draft[] = [];
  startsBySentence.forEach((starts, s) => {
    starts.forEach((start, k) => {
      const d = draft(doc, start, located, roles, refs, index);
      const sentence = parsed.sentences[s]!;
      const next = starts[k + 1];
      d.sentences.push(s);
      if (next) {
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
  });

  for (const d of drafts) {
    if (!d.describedOrgs) continue;
    const id = resolveDescription(d, drafts, orgsOf);
    d.speaker = id ? { entityId: id } : { name: parsed.text.slice(d.speakerSpan!.start, d.speakerSpan!.end) };
  }

  const quotes: ExtractedQuote[] = [];
  let previous: { speaker: Speaker; setting?: string; outlet?: string } | undefined;
  for (const d of drafts) {
    const speaker = d.speaker ?? previous?.speaker;
    if (!speaker) continue;
    const same = previous !== undefined && sameSpeaker(previous.speaker, speaker);
    const setting = d.setting ?? (same ? previous?.setting : undefined);
    const outlet = d.outlet ?? (same ? previous?.outlet : undefined);
    const who = "entityId" in speaker ? { speakerEntityId: speaker.entityId } : { unresolvedSpeakerName: speaker.name };
    quotes.push({
      start: d.start.contentStart,
      end: d.contentEnd,
      verb: d.start.verb,
      verbStart: d.start.verbStart,
      verbEnd: d.start.verbEnd,
      ...who,
      ...(d.speakerSpan && { speakerSpan: d.speakerSpan }),
      implicitVerb: d.start.implicit,
      ...(setting && { settingEntityId: setting }),
      ...(outlet && { outletEntityId: outlet }),
      sentenceIndexes: d.sentences,
    });
    previous = { speaker, setting, outlet };
  }
  return quotes;
}

function sameSpeaker(a: Speaker, b: Speaker): boolean {
  return "entityId" in a ? "entityId" in b && a.entityId === b.entityId : "name" in b && a.name === b.name;
}
