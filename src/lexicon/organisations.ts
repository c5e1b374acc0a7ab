import { foldedSet } from "./clitics.js";

/**
 * Head nouns that open the name of an organisation, an agreement or an event: the name is the head
 * with its complements ("وزارة الخارجية القطرية", "مذكرة تفاهم للتعاون الأمني"). Source: the
 * construct-state names of Arab governments and international bodies, and the agreement and event
 * vocabulary of diplomatic news.
 */

export const ORGANIZATION_HEADS = foldedSet([
  "وزارة", "وزارتا", "وزارتي", "هيئة", "مجلس", "قوات", "برنامج", "منظمة", "حركة", "جماعة", "حزب", "جيش",
  "وكالة", "لجنة", "بعثة", "اتحاد", "جامعة", "مؤسسة", "شركة", "مركز", "صندوق", "بنك", "تحالف", "جبهة",
  "ميليشيا", "ميليشيات", "مليشيات", "مفوضية", "محكمة", "دائرة", "إدارة", "مكتب", "سلطة", "رابطة", "قيادة",
  "كتائب", "فرقة", "شرطة", "الحرس", "برلمان", "حكومة", "أمانة", "منتدى", "معهد", "أكاديمية", "غرفة", "مصلحة",
  "رئاسة", "الجيش", "القوات", "الشرطة", "الحكومة", "الأمم", "الاتحاد", "الجامعة", "المنظمة", "الصليب", "الهلال",
  "الحلف", "حلف", "التحالف", "الخارجية", "الدفاع", "الداخلية",
]);

export const AGREEMENT_HEADS = foldedSet([
  "مذكرة", "مذكرات", "مذكرتي", "اتفاقية", "اتفاقيات", "اتفاق", "اتفاقات", "معاهدة", "معاهدات", "بروتوكول",
  "ميثاق", "إعلان", "وثيقة", "إطار",
]);

export const EVENT_HEADS = foldedSet([
  "عملية", "معركة", "حرب", "قمة", "مؤتمر", "اجتماع", "حوار", "مناورات", "تمرين", "انقلاب", "هجوم", "منتدى",
  "دورة", "جولة", "زيارة", "مفاوضات", "محادثات", "إيجاز",
]);

/**
 * Generic nouns that refer back to something named elsewhere ("التحالف", "الجانبان"): resolved in
 * their article or left unresolved, never linked across articles by their words alone (the
 * annotation guidelines' list of generic anaphors, with their dual and oblique forms).
 */
export const GENERIC_ANAPHORS = foldedSet([
  "التحالف", "الحلف", "البعثة", "القوات", "المنظمة", "الوكالة", "الحركة", "البلاد", "المملكة", "الجانبان",
  "الجانبين", "الطرفان", "الطرفين", "البلدان", "البلدين", "الوزارة", "الحكومة", "الاتفاقية", "المذكرة",
  "الاتفاق", "المجلس", "اللجنة", "الجيش", "الدولة", "الدولتين", "الدولتان", "الجماعة", "التنظيم",
]);

/** Duals that refer back to two parties named before ("وقع الجانبان", "بين البلدين"). */
export const PARTY_DUALS = foldedSet(["الجانبان", "الجانبين", "الطرفان", "الطرفين", "البلدان", "البلدين", "الدولتان", "الدولتين", "كلا الجانبين", "كلا البلدين"]);
