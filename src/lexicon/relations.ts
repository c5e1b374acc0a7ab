import { fold } from "./arabic.js";
import { foldedSet } from "./clitics.js";

/**
 * The words of the relation frames (src/ingest/extract/relations.ts): verbs and nouns that state
 * a signing, a membership, a visit, a meeting, a leadership; agreement head nouns; the words that
 * link a place to the country around it; negation and hedges. Source: Modern Standard Arabic
 * morphology (perfect, imperfect, dual and plural forms, the verbal noun, with the enclitics that
 * refer back to an agreement: وقعها، توقيعها) as news copy writes them. Folded (see arabic.ts).
 */

/** Signing: وقّع / وقعت / وقعتا / توقعان / توقيع … ("توقع" alone also means "expect" and is left out). */
export const SIGNING_WORDS = foldedSet([
  "وقع", "وقعت", "وقعا", "وقعتا", "وقعوا", "وقعها", "وقعته", "وقعاها", "وقعتاها", "يوقع", "يوقعان", "توقعان",
  "يوقعون", "ستوقع", "سيوقع", "سيوقعان", "ستوقعان", "توقيع", "التوقيع", "توقيعها", "توقيعه", "بتوقيع", "وتوقيع",
]);
/** "توقع" also means "expects": it signs only with an agreement right after it ("لم توقع اليابان الاتفاقية"). */
export const SIGNING_BEFORE_AGREEMENT = foldedSet(["توقع", "يتوقع"]);

/** Signing words whose enclitic refers back to the agreement ("ووقعها", "توقيعها"). */
export const SIGNING_ANAPHORS = foldedSet(["وقعها", "وقعته", "وقعاها", "وقعتاها", "توقيعها", "توقيعه"]);

/** Head nouns of agreements, singular, dual and plural. "مذكرة" needs "تفاهم" after it. */
export const AGREEMENT_HEADS = foldedSet([
  "اتفاقية", "الاتفاقية", "اتفاقيات", "الاتفاقيات", "اتفاق", "الاتفاق", "اتفاقا", "اتفاقات", "معاهدة", "المعاهدة",
  "بروتوكول", "البروتوكول", "ميثاق", "الميثاق", "مذكرة", "المذكرة", "مذكرات", "المذكرات", "مذكرتي", "مذكرتا",
]);
/** Plural agreement heads and their singular (folded): "أربع مذكرات تفاهم" are several "مذكرة تفاهم". */
export const AGREEMENT_PLURALS: ReadonlyMap<string, string> = new Map(
  [
    ["مذكرات", "مذكرة"],
    ["اتفاقيات", "اتفاقية"],
    ["اتفاقات", "اتفاق"],
    ["معاهدات", "معاهدة"],
  ].map(([plural, singular]) => [fold(plural!), fold(singular!)] as const),
);

/** The complement that makes "مذكرة" an agreement (مذكرة تفاهم). */
export const MEMORANDUM = "مذكره";
export const UNDERSTANDING = foldedSet(["تفاهم", "التفاهم"]);

/** Joining an organisation: انضمت فنلندا إلى … / انضمام … إلى. */
export const JOINING_WORDS = foldedSet([
  "انضم", "انضمت", "انضما", "انضمتا", "انضموا", "ينضم", "تنضم", "ينضمان", "تنضمان", "انضمام", "الانضمام",
  "انضمامها", "انضمامه", "بانضمام",
]);
/** "أصبحت X عضوا في …": becoming a member is joining. */
export const BECOMING_WORDS = foldedSet(["أصبح", "أصبحت", "صار", "صارت", "باتت", "بات", "تصبح", "يصبح"]);
export const MEMBER_WORDS = foldedSet(["عضو", "عضوا", "العضو", "عضوة", "أعضاء", "عضوية", "بعضوية"]);

/** Visiting: زار / زارت / زيارة … إلى. */
export const VISIT_WORDS = foldedSet([
  "زار", "زارت", "زارا", "زاروا", "يزور", "تزور", "زيارة", "الزيارة", "زيارته", "زيارتها", "بزيارة",
]);

/** Meeting: التقى / استقبل / اجتمع … / لقاء بين. */
export const MEETING_WORDS = foldedSet([
  "التقى", "التقت", "يلتقي", "تلتقي", "استقبل", "استقبلت", "يستقبل", "تستقبل", "اجتمع", "اجتمعت", "يجتمع",
  "تجتمع", "لقاء", "اللقاء", "لقائه", "لقائها", "اجتماع", "اجتماعه", "اجتماعها",
]);

/** "بقيادة": led by. */
export const LED_BY_WORDS = foldedSet(["بقيادة", "وبقيادة", "تقوده", "يقوده", "تقودها", "يقودها"]);

/** "شريك / شراكة مع": partnership. */
export const PARTNER_WORDS = foldedSet(["شريك", "شريكا", "الشريك", "شركاء", "شراكة", "الشراكة", "شريكة", "شريكتها", "شريكه"]);

/**
 * Generic nouns that refer back to an organisation named before ("انضمام كرواتيا إلى عضوية الحلف",
 * "الناطق باسم القوات"): the last organisation whose name has the same head. The annotation
 * guidelines leave them unannotated as names; relations go through them.
 */
export const ORGANIZATION_ANAPHORS = foldedSet([
  "الحلف", "التحالف", "المنظمة", "البعثة", "الحركة", "التنظيم", "القوات", "الوكالة", "الجماعة", "الهيئة", "المجلس",
  "الاتحاد", "الجامعة", "المفوضية", "الوزارة", "الجيش",
]);

/** "منطقة موبتي بوسط البلاد": the country the article was speaking of. */
export const COUNTRY_ANAPHORS = foldedSet(["البلاد"]);

/** "كل من تركيا وباكستان …": the list of subjects after a joining verb and its organisation. */
export const EACH_OF = foldedSet(["كل"]);

/**
 * A capital right after these words stands for its government, not the city ("بقيادة واشنطن",
 * "التعاون العسكري مع بغداد"); elsewhere ("في واشنطن", "وصل إلى بغداد") it is the place.
 */
export const GOVERNMENT_CUES = foldedSet(["بقيادة", "تقوده", "تقودها", "مع", "ضد"]);

/** Prepositions that introduce the parties or the counterpart of a frame. */
export const BETWEEN = "بين";
export const WITH = "مع";
export const TO = foldedSet(["إلى", "الى", "ل"]);
export const IN = foldedSet(["في", "ب"]);

/** Words between a place and the country around it: "الرقة شمال سوريا", "الموصل في العراق". */
export const LOCATIVE_LINKS = foldedSet([
  "في", "ب", "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "بشمال", "بجنوب", "بشرق",
  "بغرب", "بوسط", "عاصمة", "العاصمة", "مدينة", "بمدينة", "بلدة", "منطقة", "محافظة", "ولاية", "إقليم",
]);

/** Negation before a verb ("لم توقع"): the claim is negated. */
export const NEGATIONS = foldedSet(["لم", "لن", "لا", "ليس", "ليست", "عدم", "دون"]);
/** Hedges and futures ("قد توقع", "من المتوقع أن", "ستوقع"): the claim is possible, not asserted. */
export const HEDGES = foldedSet(["قد", "ربما", "يمكن", "المتوقع", "المرتقب", "المقرر", "يعتزم", "تعتزم", "سوف"]);
