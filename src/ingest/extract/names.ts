import type { GazetteerEntry } from "../../model/seed-files.js";
import {
  findForms,
  fold,
  FUNCTION_WORDS,
  GOVERNMENT_CUES,
  hasCliticArticle,
  isInitial,
  type NameMatch,
  compileNames,
  matchNames,
  selectNames,
  COUNTERPARTS,
  NAME_LINKS,
  OFFICE_NOUNS,
  ORGANIZATION_HEADS,
  ORDINAL_WORDS,
  procliticBefore,
  RELATIVE_TIME_WORDS,
  reportingVerb,
  TITLES,
} from "../../lexicon/index.js";
import { WORLD, withWorld, type WorldEntity } from "../../lexicon/world/index.js";
import type { TaggedName } from "./candidates.js";
import { type Doc, foldedIndex, gapBefore, tokenAtOrAfter } from "./doc.js";
import { taggerGazetteer } from "./ner/index.js";
import type { NameIndex } from "./types.js";

/**
 * The names the extractor looks for: the curated gazetteer, then the world data (countries with
 * their nisbas and capitals, international organisations), which the curated entries override.
 * Descriptions, and every form of an unnamed entity, are compiled as descriptive.
 */
export function buildNameIndex(curated: readonly GazetteerEntry[], world: readonly WorldEntity[] = WORLD): NameIndex {
  const entries = withWorld(curated, { adjectives: true, world });
  const byId = new Map(entries.map((e) => [e.id, e]));
  const formsOf = (e: GazetteerEntry) => [
    ...[e.nameAr, ...e.aliases, e.nameEn].map((form) => ({ entityId: e.id, form, descriptive: e.unnamed === true })),
    ...(e.descriptions ?? []).map((form) => ({ entityId: e.id, form, descriptive: true })),
  ];
  const names = compileNames(entries.flatMap(formsOf));
  const organizations = compileNames(entries.filter((e) => e.type === "Organization").flatMap(formsOf));
  const roles = compileNames(entries.flatMap((e) => (e.role ? [{ entityId: e.id, form: e.role }] : [])));
  const capitals = new Map(world.flatMap((e) => (e.capitalOf && byId.has(e.id) ? [[e.id, e.capitalOf] as const] : [])));
  return { entries: byId, curated: new Set(curated.map((e) => e.id)), names, roles, organizations, capitals, tagger: taggerGazetteer(curated) };
}

/**
 * Gazetteer names in the text's sentences, with the names nested in them. A description counts
 * only where the article also names its entity, or, for a curated entry, where the article's
 * curated facts vouch for its reading (`trusted`); otherwise the names inside it are read instead.
 */
export function findNames(doc: Doc, index: NameIndex, trusted: boolean): { located: LocatedName[]; nested: LocatedName[] } {
  const occurrences = findForms(doc.folded, index.names);
  const all = selectNames(doc.folded, occurrences, { nested: true });
  const named = new Set(all.filter((m) => !m.descriptive).map((m) => m.entityId));
  // Curated facts vouch for the curated gazetteer's descriptions, not for the world data's.
  const accept = (m: { entityId: string; descriptive: boolean }) =>
    !m.descriptive || named.has(m.entityId) || (trusted && index.curated.has(m.entityId));
  const matches = all.every((m) => accept({ entityId: m.entityId, descriptive: m.descriptive === true }))
    ? all
    : selectNames(doc.folded, occurrences, { nested: true, accept });
  const inSentence = (m: LocatedName) => (doc.tokens[m.firstToken]?.sentence ?? -1) >= 0;
  const located = locate(doc, matches, index)
    .filter(inSentence)
    .map((m) => {
      // Metonymy: "بقيادة واشنطن" is the United States, "في واشنطن" the city.
      const country = index.capitals.get(m.entityId);
      const cue = doc.tokens[m.firstToken - 1]?.f;
      return country && cue !== undefined && procliticBefore(cue, GOVERNMENT_CUES) >= 0 ? { ...m, entityId: country, type: "Country" as const } : m;
    });
  return { located: located.filter((m) => !m.nested), nested: located.filter((m) => m.nested) };
}

/** A gazetteer match with the tokens it covers. */
export interface LocatedName extends NameMatch {
  type: GazetteerEntry["type"];
  firstToken: number;
  /** Exclusive. */
  endToken: number;
}

export function locate(doc: Doc, matches: readonly NameMatch[], index: NameIndex): LocatedName[] {
  return matches.flatMap((m) => {
    const entry = index.entries.get(m.entityId);
    if (!entry) return [];
    return [{ ...m, type: entry.type, firstToken: tokenAtOrAfter(doc, m.start + 1) - 1, endToken: tokenAtOrAfter(doc, m.end) }];
  });
}

/** A person the text names: a gazetteer match, or a name after a title word, resolved or not. */
export interface PersonRef {
  start: number;
  end: number;
  firstToken: number;
  endToken: number;
  sentence: number;
  entityId?: string;
  /** For a name that matches no gazetteer person: the name as first written in full. */
  candidateName?: string;
  /** Found by the statistical tagger (with its confidence), not after a title word. */
  tagger?: number;
}

const MAX_SKIPPED = 6;
/** "محمد بن عبد الرحمن آل ثاني": name links make long names. */
const MAX_NAME_WORDS = 7;

function isArticleWord(f: string): boolean {
  return f.startsWith("ال") && f.length > 3;
}

/** Words that cannot be part of a name: function words, time words, reporting verbs, offices, titles. */
function stops(f: string): boolean {
  return (
    procliticBefore(f, FUNCTION_WORDS) >= 0 ||
    procliticBefore(f, RELATIVE_TIME_WORDS) >= 0 ||
    reportingVerb(f) !== undefined ||
    procliticBefore(f, OFFICE_NOUNS) >= 0 ||
    procliticBefore(f, COUNTERPARTS) >= 0 ||
    procliticBefore(f, ORGANIZATION_HEADS) >= 0 ||
    TITLES.has(f)
  );
}

function endsInTaMarbuta(text: string, start: number, end: number): boolean {
  return text.slice(start, end).replace(/\p{M}|\u0640/gu, "").endsWith("ة");
}

/** Name words of a person, without initials and generational ordinals, for comparing names. */
export function significantWords(foldedName: string): string[] {
  return foldedName
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !isInitial(w) && !ORDINAL_WORDS.has(w) && !TITLES.has(w));
}

/** The one gazetteer person whose name contains these words, or whose name they contain. */
export function resolvePerson(words: readonly string[], index: NameIndex): string | undefined {
  if (words.length === 0) return undefined;
  const ids = new Set<string>();
  for (const e of index.entries.values()) {
    if (e.type !== "Person") continue;
    for (const form of [e.nameAr, ...e.aliases]) {
      const formWords = significantWords(fold(form));
      if (formWords.length === 0) continue;
      if (words.every((w) => formWords.includes(w)) || formWords.every((w) => words.includes(w))) ids.add(e.id);
    }
  }
  return ids.size === 1 ? [...ids][0] : undefined;
}

/**
 * People named in the text: gazetteer persons, plus names after a title word. After the title
 * come optionally "باسم" and up to four words of office (article words or gazetteer names:
 * "وزير الخارجية القطري", "الناطق باسم التحالف الدولي"), then up to five name words, ending at
 * punctuation, a function word, an office noun, a word ending in ة, or an article word, which
 * is kept when it is a nisba or an ordinal ("البغدادي", "الثالث") or closes the phrase ("خالد
 * العطية إن"). Such a name resolves to the gazetteer person it shares its words with
 * ("الجنرال وايت" → روبرت وايت); otherwise a name of two words or more is a candidate, and a later
 * single word of it refers to that candidate.
 */
export function findPersonRefs(
  doc: Doc,
  located: readonly LocatedName[],
  index: NameIndex,
  tagged: readonly TaggedName[] = [],
  trusted = false,
): PersonRef[] {
  // One name word is a description: it reaches a gazetteer person only where the article names
  // them in full, or its curated facts vouch for it ("وايت" elsewhere may be anybody).
  const named = new Set(located.map((m) => m.entityId));
  const resolve = (words: readonly string[]): string | undefined => {
    const id = resolvePerson(words, index);
    return id && (words.length >= 2 || named.has(id) || (trusted && index.curated.has(id))) ? id : undefined;
  };
  const { tokens } = doc;
  const text = doc.parsed.text;
  const nonPersonAt = new Map<number, LocatedName>();
  const personAt = new Map<number, LocatedName>();
  for (const m of located) {
    for (let k = m.firstToken; k < m.endToken; k++) (m.type === "Person" ? personAt : nonPersonAt).set(k, m);
  }
  const refs: PersonRef[] = located
    .filter((m) => m.type === "Person")
    .map((m) => ({
      start: m.start,
      end: m.end,
      firstToken: m.firstToken,
      endToken: m.endToken,
      sentence: tokens[m.firstToken]?.sentence ?? -1,
      entityId: m.entityId,
    }));
  const candidates: Array<{ name: string; words: string[] }> = [];

  for (let i = 0; i < tokens.length; i++) {
    const title = tokens[i]!;
    if (title.sentence < 0 || personAt.has(i) || procliticBefore(title.f, TITLES) < 0) continue;
    const sameSentence = (k: number) => k < tokens.length && tokens[k]!.sentence === title.sentence;
    const spaced = (k: number) => /^\s+$/.test(gapBefore(doc, k));
    let j = i + 1;
    if (!sameSentence(j) || !(spaced(j) || (isInitial(title.f) && /^\.\s+$/.test(gapBefore(doc, j))))) continue;
    // The office between title and name: "الناطق العسكري باسم حركة الشباب …", "المدير العام للأمن الوطني …".
    for (let skipped = 0; skipped < MAX_SKIPPED && sameSentence(j) && spaced(j); skipped++) {
      const office = nonPersonAt.get(j);
      const f = tokens[j]!.f;
      if (office) j = office.endToken;
      else if (f === "باسم" || (isArticleWord(f) && !ORDINAL_WORDS.has(f)) || hasCliticArticle(f) || procliticBefore(f, ORGANIZATION_HEADS) >= 0) j++;
      else break;
    }
    const name: number[] = [];
    for (let k = j; sameSentence(k) && name.length < MAX_NAME_WORDS; k++) {
      const tok = tokens[k]!;
      const prev = tokens[k - 1]!;
      const gap = gapBefore(doc, k);
      // Right after the title its gap is checked above ("د. خالد"); after an initial, ". " continues the name.
      const joined = k === i + 1 || /^\s+$/.test(gap) || (name.length > 0 && isInitial(prev.f) && /^\.\s+$/.test(gap));
      if (!joined) break;
      if (stops(tok.f) || nonPersonAt.has(k) || /\p{N}/u.test(tok.f) || hasCliticArticle(tok.f)) break;
      // "عبد الرحمن", "آل ثاني", "أبو بكر": after a name link the next word belongs to the name.
      if (name.length > 0 && NAME_LINKS.has(prev.f)) {
        name.push(k);
        continue;
      }
      if (isArticleWord(tok.f)) {
        if (name.length === 0) break;
        if (ORDINAL_WORDS.has(tok.f) || tok.f.endsWith("ي")) {
          name.push(k);
          continue;
        }
        // Any other article word only as the surname that closes the name ("خالد العطية إن"),
        // not as the start of what follows it ("بايدن الأسبوع الماضي").
        if (!sameSentence(k + 1) || !spaced(k + 1) || stops(tokens[k + 1]!.f)) name.push(k);
        break;
      }
      // A word in ة ends a name ("… وزارة"), except a given name right after the title ("أسامة", "هالة").
      if (name.length > 0 && endsInTaMarbuta(text, tok.start, tok.end)) break;
      name.push(k);
    }
    if (name.length === 0 || name.some((k) => personAt.has(k))) continue;
    const first = name[0]!;
    const last = name.at(-1)!;
    const span = { start: tokens[first]!.start, end: tokens[last]!.end };
    const words = significantWords(doc.folded.text.slice(tokens[first]!.fs, tokens[last]!.fe));
    const ref = { ...span, firstToken: first, endToken: last + 1, sentence: title.sentence };
    const entityId = resolve(words);
    if (entityId) {
      refs.push({ ...ref, entityId });
    } else if (words.length >= 2) {
      const candidateName = text.slice(span.start, span.end);
      candidates.push({ name: candidateName, words });
      refs.push({ ...ref, candidateName });
    } else if (words.length === 1) {
      const earlier = candidates.find((c) => c.words.includes(words[0]!));
      if (earlier) refs.push({ ...ref, candidateName: earlier.name });
    }
    i = last;
  }
  // Then the people the tagger found where no title introduced them.
  for (const t of tagged) {
    if (t.type !== "Person" || refs.some((r) => r.start < t.end && t.start < r.end)) continue;
    const words = significantWords(doc.folded.text.slice(foldedIndex(doc, t.start), tokens[t.endToken - 1]!.fe));
    const ref = { start: t.start, end: t.end, firstToken: t.firstToken, endToken: t.endToken, sentence: t.sentence, tagger: t.confidence };
    const entityId = resolve(words);
    const earlier = words.length === 1 ? candidates.find((c) => c.words.includes(words[0]!)) : undefined;
    if (entityId) refs.push({ ...ref, entityId });
    else if (earlier) refs.push({ ...ref, candidateName: earlier.name });
    else if (words.length >= 1) {
      const candidateName = text.slice(t.start, t.end);
      candidates.push({ name: candidateName, words });
      refs.push({ ...ref, candidateName });
    }
  }
  return refs.sort((a, b) => a.start - b.start);
}

/** How far after a person's name its description (office, organisation) may run. */
const DESCRIPTION_WORDS = 15;

/**
 * Organisations a person speaks for: the gazetteer's partOf and the names in its role, plus, in
 * this text, an organisation named right after an office noun that follows the person's name
 * ("… كاجينز الثالث … والناطق باسم التحالف الدولي").
 */
export function affiliations(
  doc: Doc,
  refs: readonly PersonRef[],
  located: readonly LocatedName[],
  index: NameIndex,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const orgsOf = (id: string) => {
    let set = out.get(id);
    if (!set) {
      set = new Set();
      out.set(id, set);
    }
    return set;
  };
  for (const e of index.entries.values()) {
    if (e.type !== "Person") continue;
    const set = orgsOf(e.id);
    if (e.partOf) set.add(e.partOf);
    if (e.role) for (const m of matchNames(e.role, index.organizations)) set.add(m.entityId);
  }
  for (const ref of refs) {
    if (!ref.entityId) continue;
    const limit = ref.endToken + DESCRIPTION_WORDS;
    for (const m of located) {
      if (m.type !== "Organization" || m.firstToken < ref.endToken || m.firstToken > limit) continue;
      if (doc.tokens[m.firstToken]?.sentence !== ref.sentence) continue;
      const before = [m.firstToken - 1, m.firstToken - 2].map((k) => doc.tokens[k]?.f ?? "");
      if (before.some((f) => procliticBefore(f, OFFICE_NOUNS) >= 0)) orgsOf(ref.entityId).add(m.entityId);
    }
  }
  return out;
}
