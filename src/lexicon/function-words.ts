import { foldedSet } from "./clitics.js";

/**
 * Closed-class words of Modern Standard Arabic (prepositions, particles, pronouns, demonstratives,
 * relatives, auxiliaries). Source: standard grammar; the lists grew from the words that ended names,
 * quantities and speakers wrongly in made-up and seed sentences.
 */

export const PREPOSITION_WORDS = foldedSet([
  "في", "من", "على", "إلى", "عن", "مع", "خلال", "بعد", "قبل", "منذ", "حول", "عبر", "لدى", "أثناء", "عقب",
  "ضمن", "حتى", "بين", "ضد", "نحو", "لصالح", "تجاه", "إزاء", "بشأن", "حيال", "وسط", "عند", "أمام", "دون",
]);

export const PARTICLES = foldedSet([
  "أن", "إن", "بأن", "لأن", "أنه", "أنها", "إنه", "إنها", "أو", "ثم", "قد", "لقد", "كما", "حيث", "لا", "لم",
  "لن", "ما", "إذ", "إذا", "بل", "لكن", "ولكن", "غير", "سوى", "أيضا", "فقط", "كل", "بعض", "جميع", "عدة",
]);

export const PRONOUNS = foldedSet([
  "هو", "هي", "هم", "هما", "هن", "نحن", "أنا", "أنت", "الذي", "التي", "الذين", "اللذان", "اللتان", "هذا",
  "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "هناك", "هنا",
]);

/** Auxiliary and copular verbs that open clauses, never names. */
export const AUXILIARIES = foldedSet(["كان", "كانت", "كانوا", "يكون", "تكون", "ليس", "ليست", "أصبح", "أصبحت", "بات", "باتت"]);

/** Words that mark a point in time relative to the article ("أمس", "اليوم"). */
export const RELATIVE_TIME_WORDS = foldedSet(["أمس", "اليوم", "غدا", "يوم", "الليلة", "مساء", "صباح", "فجر", "ظهر"]);

/** Approximators and quantifiers: they qualify a number and never are a counted noun. */
export const QUANTIFIERS = foldedSet(["نحو", "حوالي", "أكثر", "أقل", "فقط", "أيضا", "عدة", "قرابة", "زهاء"]);

export function union(...sets: ReadonlyArray<ReadonlySet<string>>): ReadonlySet<string> {
  return new Set(sets.flatMap((s) => [...s]));
}

/** Every closed-class word: none of them is a name or a counted noun. */
export const FUNCTION_WORDS = union(PREPOSITION_WORDS, PARTICLES, PRONOUNS, AUXILIARIES);
