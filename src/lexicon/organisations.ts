import { foldedSet } from "./clitics.js";

/**
 * Head nouns that open the name of an organisation: the name is the head with its complements
 * ("وزارة الخارجية القطرية"). Source: the construct-state names of Arab governments and
 * international bodies.
 */

export const ORGANIZATION_HEADS = foldedSet([
  "وزارة", "وزارتا", "وزارتي", "هيئة", "مجلس", "قوات", "برنامج", "منظمة", "حركة", "جماعة", "حزب", "جيش",
  "وكالة", "لجنة", "بعثة", "اتحاد", "جامعة", "مؤسسة", "شركة", "مركز", "صندوق", "بنك", "تحالف", "جبهة",
  "ميليشيا", "ميليشيات", "مليشيات", "مفوضية", "محكمة", "دائرة", "إدارة", "مكتب", "سلطة", "رابطة", "قيادة",
  "كتائب", "فرقة", "شرطة", "الحرس", "برلمان", "حكومة", "أمانة", "منتدى", "معهد", "أكاديمية", "غرفة", "مصلحة",
  "رئاسة", "الجيش", "القوات", "الشرطة", "الحكومة", "الأمم", "الاتحاد", "الجامعة", "المنظمة", "الصليب", "الهلال",
  "الحلف", "حلف", "التحالف", "الخارجية", "الدفاع", "الداخلية",
]);

/** A ministry named by its domain alone ("قالت الخارجية الأمريكية"); after an office it is the office's ("وزير الخارجية"). */
export const MINISTRY_DOMAINS = foldedSet(["الخارجية", "الدفاع", "الداخلية"]);
