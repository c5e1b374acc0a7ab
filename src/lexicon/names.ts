import { fold } from "./arabic.js";
import { foldedSet } from "./clitics.js";

/**
 * Parts of personal names. Source: Arabic naming (ism, nasab, kunya, laqab): the particles that
 * join a compound name (عبد الرحمن، أبو بكر، بن/بنت، آل …), and the Arabic spellings of Latin
 * letter names used for initials ("مايلز بي. كاجينز").
 */

/** A name word that cannot stand alone: it binds to the next word (عبد الله, أبو ظبي, بن سلمان). */
export const NAME_LINKS = foldedSet(["عبد", "أبو", "أبي", "أبا", "بن", "ابن", "بنت", "آل", "ذو", "ذي", "أم", "ولد", "بو"]);

export const LETTER_NAMES: ReadonlySet<string> = new Set(
  [
    "إيه", "بي", "سي", "دي", "إي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "إل", "إم", "إن", "أو",
    "كيو", "آر", "إس", "تي", "يو", "في", "دبليو", "إكس", "واي", "زد", "زي",
  ].map(fold),
);

/** Whether a word (as written, or folded) is an initial: one letter, or a Latin letter's Arabic name. */
export function isInitial(word: string): boolean {
  const w = fold(word);
  return (w.length === 1 && /\p{L}/u.test(w)) || LETTER_NAMES.has(w);
}
