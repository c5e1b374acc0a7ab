import { fold } from "./arabic.js";
import { foldedSet } from "./clitics.js";

/**
 * How news reports speech. Sources: standard grammar (third-person past forms of the verb) and the
 * reporting verbs of Arabic news style guides (قال، أكد، أضاف، أوضح، أشار، صرح، لفت، تابع …).
 * Each verb lists its participles, which report too ("مشيرا إلى أن", "قائلة"). The feminine, dual
 * and plural past forms are generated: قال → قالت، قالا، قالتا، قالوا.
 */

interface ReportingVerb {
  /** Third-person masculine singular past: the dictionary form the graph records. */
  lemma: string;
  /** Present-tense forms used in reporting ("يقول", "تقول"). */
  present?: readonly string[];
  /** Active participles, accusative: "قائلا", "قائلة". */
  participles?: readonly string[];
}

const VERBS: readonly ReportingVerb[] = [
  { lemma: "قال", present: ["يقول", "تقول"], participles: ["قائلا", "قائلة", "قائلين"] },
  { lemma: "أكد", present: ["يؤكد", "تؤكد"], participles: ["مؤكدا", "مؤكدة", "مؤكدين"] },
  { lemma: "أضاف", present: ["يضيف", "تضيف"], participles: ["مضيفا", "مضيفة", "مضيفين"] },
  { lemma: "تابع", participles: ["متابعا", "متابعة"] },
  { lemma: "نوه", participles: ["منوها", "منوهة"] },
  { lemma: "شدد", present: ["يشدد", "تشدد"], participles: ["مشددا", "مشددة", "مشددين"] },
  { lemma: "أوضح", present: ["يوضح", "توضح"], participles: ["موضحا", "موضحة", "موضحين"] },
  { lemma: "أشار", present: ["يشير", "تشير"], participles: ["مشيرا", "مشيرة", "مشيرين"] },
  { lemma: "ذكر", present: ["يذكر", "تذكر"], participles: ["ذاكرا", "ذاكرة"] },
  { lemma: "صرح", participles: ["مصرحا", "مصرحة"] },
  { lemma: "لفت", participles: ["لافتا", "لافتة"] },
  { lemma: "أعلن", present: ["يعلن", "تعلن"], participles: ["معلنا", "معلنة"] },
  { lemma: "أفاد", present: ["يفيد", "تفيد"], participles: ["مفيدا", "مفيدة"] },
  { lemma: "بين", participles: ["مبينا", "مبينة"] },
  { lemma: "أردف", participles: ["مردفا", "مردفة"] },
  { lemma: "استطرد", participles: ["مستطردا", "مستطردة"] },
  { lemma: "اعتبر", present: ["يعتبر", "تعتبر"], participles: ["معتبرا", "معتبرة"] },
  { lemma: "رأى", present: ["يرى", "ترى"], participles: ["رائيا"] },
  { lemma: "كشف", participles: ["كاشفا", "كاشفة"] },
  { lemma: "حذر", participles: ["محذرا", "محذرة"] },
  { lemma: "نفى", participles: ["نافيا", "نافية"] },
  { lemma: "أعرب", participles: ["معربا", "معربة"] },
  { lemma: "جدد", participles: ["مجددا", "مجددة"] },
  { lemma: "دعا", participles: ["داعيا", "داعية"] },
];

/** Past-tense inflections of a third-person verb: masculine, feminine, dual, plural. */
function pastForms(lemma: string): string[] {
  // Final alef maqsura/alef becomes ت before the feminine ending in the past (نفى → نفت, دعا → دعت).
  const stem = /[ىا]$/.test(lemma) && lemma.length === 3 ? lemma.slice(0, -1) : lemma;
  return [lemma, `${stem}ت`, `${lemma}ا`, `${stem}تا`, `${stem}وا`];
}

/** Folded reporting-verb form (without و/ف) → lemma. */
export const REPORTING_VERB_FORMS: ReadonlyMap<string, string> = new Map(
  VERBS.filter((v) => v.lemma !== "").flatMap((v) =>
    [...pastForms(v.lemma), ...(v.present ?? []), ...(v.participles ?? [])].map((form) => [fold(form), v.lemma] as const),
  ),
);

/** Participle forms alone: they continue the sentence of the previous speaker ("…، مشيرا إلى أن"). */
export const REPORTING_PARTICIPLES: ReadonlySet<string> = new Set(VERBS.flatMap((v) => (v.participles ?? []).map(fold)));

/** The reporting verb of a folded word, with the length of its و/ف prefix. */
export function reportingVerb(f: string): { lemma: string; prefix: number } | undefined {
  for (const prefix of ["", "و", "ف"]) {
    if (!f.startsWith(prefix)) continue;
    const lemma = REPORTING_VERB_FORMS.get(f.slice(prefix.length));
    if (lemma) return { lemma, prefix: prefix.length };
  }
  return undefined;
}

/** Words that carry a report: أن / إن / بأن after the verb. */
export const REPORT_MARKERS = foldedSet(["أن", "إن", "بأن"]);
/** "بعد أن", "يجب أن", …: أن of a subordinate clause, not of a report. */
export const NOT_REPORT_AN = foldedSet(["بعد", "قبل", "منذ", "رغم", "دون", "بدون", "حتى", "لو", "يجب", "يمكن", "ينبغي"]);
/** "حيث إن", "بل إن", …: إن that continues the writer's own sentence. */
export const NOT_IMPLICIT_AN = foldedSet(["حيث", "إذ", "بل", "ثم", "لكن", "ولكن"]);
/** "إن لم", "إن كان": conditional إن. */
export const CONDITIONAL_AFTER = foldedSet(["لم", "كان", "كانت"]);
/** Words between verb and marker that open an adverbial, not a subject: "وقال في تصريح …". */
export const ADVERBIAL_START = foldedSet(["في", "خلال", "أثناء", "على", "إلى", "عن", "مع", "عقب", "لدى", "ضمن", "حول", "بعد", "قبل"]);
/** Prepositions a reporting verb takes before its marker ("شدد على أن", "أشار إلى أن"). */
export const VERB_PREPOSITIONS = foldedSet(["على", "إلى"]);
/** Words before an event name that make it the setting of a statement ("خلال الإيجاز"). */
export const SETTING_CUES = foldedSet(["خلال", "أثناء", "هامش", "في", "عقب", "لدى", "ضمن"]);
/** Nouns for an interview or statement, before the outlet it was given to ("في تصريح لـ«لوسيل»"). */
export const INTERVIEW_NOUNS = ["تصريح", "تصريحات", "حديث", "مقابلة", "حوار", "لقاء", "بيان"] as const;
