import { fold } from "./arabic.js";

/**
 * Arabic attaches conjunctions, prepositions and the article to the word they govern: قطر /
 * لقطر / وقطر / بالتحالف / للتحالف. Every rule of the pipeline and of the API that looks through
 * clitics takes them from here. Source: standard Arabic grammar (the proclitics و ف ب ك ل and the
 * article ال, ل + ال written لل); the enclitic pronouns are the attached personal pronouns.
 */

export const ARTICLE = "ال";
/** Conjunctions that come first; "" = none. */
export const CONJUNCTIONS = ["", "و", "ف"] as const;
/** Prepositions that follow a conjunction; "" = none. */
export const PREPOSITIONS = ["", "ب", "ك", "ل"] as const;
/** Every conjunction + preposition sequence, longest first so the first hit is the longest strip. */
export const PROCLITICS = ["وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"] as const;
/** Attached pronouns (folded: ة→ه), longest first. */
export const ENCLITICS = ["هما", "كما", "هم", "هن", "كم", "نا", "ها", "ه", "ك", "ي"] as const;

/** Proclitic + article ("بالجيش", "والناطق", "للتحالف") on a folded word: a new phrase starts there. */
export const CLITIC_ARTICLE = /^(?:[وف]?[بكل]ال|[وف]ال|[وف]?لل)/;

export function hasCliticArticle(f: string): boolean {
  return CLITIC_ARTICLE.test(f) && f.length > 4;
}

/** A word list, folded as the text is, for membership tests on folded tokens. */
export function foldedSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(fold));
}

/**
 * Length of the proclitic prefix of a folded word whose rest is in the set (0 when the word
 * itself is), or -1 when no split gives a member.
 */
export function procliticBefore(f: string, set: ReadonlySet<string>): number {
  if (set.has(f)) return 0;
  for (const p of PROCLITICS) if (f.startsWith(p) && set.has(f.slice(p.length))) return p.length;
  return -1;
}

/** A stripped form shorter than this is no word any more ("ل" of "لبنان"). */
const MIN_STEM = 2;

/**
 * Every reading of a folded word with its proclitics taken off, the word itself first: "وللتحالف"
 * gives "وللتحالف", "للتحالف", "التحالف", "تحالف". لل is ل + ال with the alef written away.
 */
export function procliticReadings(folded: string): string[] {
  const keys = new Set<string>([folded]);
  for (const conjunction of CONJUNCTIONS) {
    if (!folded.startsWith(conjunction)) continue;
    const afterConjunction = folded.slice(conjunction.length);
    for (const preposition of PREPOSITIONS) {
      if (!afterConjunction.startsWith(preposition)) continue;
      const rest = afterConjunction.slice(preposition.length);
      keys.add(rest);
      if (rest.startsWith(ARTICLE)) keys.add(rest.slice(ARTICLE.length));
      if (preposition === "ل" && rest.startsWith("ل")) {
        keys.add(ARTICLE[0] + rest);
        keys.add(rest.slice(1));
      }
    }
  }
  return [...keys].filter((k) => k.length >= MIN_STEM);
}

/** The folded word without proclitics, article and one enclitic: a rough stem for features and lookups. */
export function bareStem(folded: string): string {
  let w = folded;
  for (const p of PROCLITICS) {
    if (w.startsWith(p) && w.length - p.length >= 3) {
      w = w.slice(p.length);
      break;
    }
  }
  if (w.startsWith("لل") && w.length >= 5) w = w.slice(2);
  else if (w.startsWith(ARTICLE) && w.length >= 5) w = w.slice(2);
  // One-letter enclitics are left on: folded ه is also the ta marbuta, ي also the nisba ending.
  for (const e of ENCLITICS) {
    if (e.length > 1 && w.endsWith(e) && w.length - e.length >= 3) return w.slice(0, -e.length);
  }
  return w;
}
