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
  /** Forms that are far more often another word, left out: بين "between", بينا "clear". */
  homographs?: readonly string[];
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
  { lemma: "بين", participles: ["مبينا", "مبينة"], homographs: ["بين", "بينا"] },
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
  // Its participle مدينة is the word for "city": left out.
  { lemma: "أدان", present: ["يدين", "تدين"] },
  { lemma: "دان" },
  { lemma: "أشاد", participles: ["مشيدا", "مشيدة"] },
  { lemma: "قدر" },
  { lemma: "أورد" },
  { lemma: "طالب", participles: ["مطالبا", "مطالبة"] },
  { lemma: "رحب", participles: ["مرحبا", "مرحبة"] },
  { lemma: "أبلغ" },
  { lemma: "زعم" },
  { lemma: "توقع" },
  { lemma: "رجح" },
  { lemma: "اعترف" },
  // A relay: "نقلت وكالة … عن …" names the outlet before عن and the speaker after it.
  { lemma: "نقل" },
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
    [...pastForms(v.lemma), ...(v.present ?? []), ...(v.participles ?? [])]
      .filter((form) => !v.homographs?.includes(form))
      .map((form) => [fold(form), v.lemma] as const),
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

/** Words that carry a report: أن / إن / بأن after the verb, also with the subject's pronoun ("إنها قتلت"). */
export const REPORT_MARKERS = foldedSet(
  ["أن", "إن", "بأن"].flatMap((m) => [m, ...["ه", "ها", "هم", "هما"].map((pronoun) => `${m}${pronoun}`)]),
);
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

/** The relay verb: its subject is the outlet, the speaker follows عن. */
export const RELAY_LEMMA = "نقل";
/** The preposition after a relay's outlet that introduces the speaker ("نقلت رويترز عن مسؤولين"). */
export const RELAY_FROM = foldedSet(["عن"]);
/** Words that end a relay's speaker and open the statement: "عن المتحدث … قوله". */
export const SAYING_NOUNS = foldedSet(["قوله", "قولها", "قولهم", "بقوله", "بقولها", "بقولهم"]);

/**
 * Reporting verbs that take the statement as their object ("أعلنت الوزارة مقتل …", "أعرب الوزير
 * عن …", "أكد … وجود خلافات"): after them the statement may follow the speaker with no أن. Source:
 * the transitive reporting verbs of the list above; قال always takes إن or a colon.
 */
export const OBJECT_VERBS = foldedSet([
  "أعلن", "أكد", "أعرب", "أدان", "دان", "جدد", "أشاد", "نفى", "قدر", "كشف", "حذر", "دعا", "طالب", "رحب", "ذكر", "أورد",
  "شدد", "أشار", "لفت", "نوه",
]);

/** "وجاء في بيان …": a statement that speaks for its issuer. Source: news style ("جاء في البيان", "ورد في التقرير"). */
export const STATEMENT_VERBS = foldedSet(["جاء", "وجاء", "فجاء", "ورد", "وورد"]);
/** Documents that speak for whoever issued them: "البيان" is the issuing organisation (realnews guidelines). */
export const STATEMENT_NOUNS = foldedSet(["بيان", "البيان", "بلاغ", "البلاغ", "تغريدة", "التغريدة", "تقرير", "التقرير"]);
/** Where a source publishes, before the source's name: "وفقا لصفحة البلدية", "عبر حساب الوزارة". */
export const MEDIA_NOUNS = foldedSet(["صفحة", "حساب", "موقع", "منصة", "قناة"]);

/**
 * "…، حسب وكالة الأنباء", "وفقا لما أوردته الصفحة": the source named after the statement, or a relay
 * within a report's opening ("وجاء في بيان …، حسب وكالة …، أن"). Source: Arabic news attribution
 * phrases.
 */
export const ATTRIBUTION_WORDS = foldedSet(["حسب", "بحسب", "وحسب", "وبحسب", "وفق", "وفقا", "ووفقا", "طبقا", "نقلا"]);
/** Verbs after "وفقا لما" that name where the words appeared ("أوردته", "ذكرته", "نشرته"). */
export const ATTRIBUTION_VERB_STEMS = ["اورد", "ذكر", "نشر", "نقل", "اعلن"].map(fold);

/**
 * Heads of a news outlet's name, which a statement is told to or relayed by ("قال لإذاعة …",
 * "في مقابلة مع راديو …"). Source: the names of Arab and international media.
 */
export const OUTLET_HEADS = foldedSet(["وكالة", "إذاعة", "راديو", "صحيفة", "جريدة", "قناة", "تلفزيون", "مجلة", "شبكة", "موقع"]);

/**
 * Adjectives after an unnamed source's noun ("مصدر دبلوماسي رفيع", "مسؤول أوروبي كبير"), besides
 * nisbas (-ي, -ية), which the extractor recognises by their ending. Source: news style.
 */
export const DESCRIPTOR_ADJECTIVES = foldedSet(["مطلع", "مطلعة", "مطلعون", "كبير", "كبيرة", "كبار", "رفيع", "رفيعة", "بارز", "بارزة", "رسمي", "مسؤول", "آخر", "أخرى"]);

/** A demonstrative before a title points back to someone already named: "وأوضح هذا الدبلوماسي". */
export const DEMONSTRATIVES = foldedSet(["هذا", "هذه", "ذلك", "تلك"]);
/** "هيئة الإغاثة التي أكدت أن": the relative's antecedent is the speaker. */
export const RELATIVE_PRONOUNS = foldedSet(["الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي"]);
/** Words that may stand between a subject and its verb ("الهيئة قد أكدت", "كان … قال"). */
export const BEFORE_VERB = foldedSet(["قد", "وقد", "كان", "وكان", "كانت", "وكانت", "لقد"]);

/**
 * Asides between a verb and its speaker, or between speaker and statement, that name no one:
 * times ("اليوم", "أمس", weekdays, evening/morning) and "من جهته/جانبه", "بدوره". Source: news style.
 */
export const SPEAKER_ASIDES = foldedSet([
  "اليوم", "أمس", "الأمس", "غدا", "يوم", "الليلة", "مساء", "صباح", "ظهر", "فجر", "أيضا", "كذلك", "مجددا", "بدوره",
  "بدورها", "بدورهم", "جهته", "جهتها", "جهتهم", "جانبه", "جانبها", "جانبهم", "الأحد", "الاثنين", "الإثنين",
  "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الماضي", "الماضية", "الجاري",
]);
