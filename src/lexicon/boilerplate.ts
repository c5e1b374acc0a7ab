/**
 * Page chrome that copy-pasted news pages carry: comment boxes, sharing buttons, related links.
 * Source: the chrome of Arabic news sites' article templates.
 */

/** Lines that are exactly one of these (compared on their letters only) are boilerplate. */
export const BOILERPLATE_LINES: readonly string[] = [
  "ليست هناك تعليقات", "لا توجد تعليقات", "لا يوجد تعليقات", "لا تعليقات", "تعليقات", "التعليقات",
  "أضف تعليق", "أضف تعليقا", "اترك تعليقا", "اكتب تعليقا", "شارك", "شارك المقال", "شارك الخبر",
  "مشاركة", "طباعة", "اقرأ أيضا", "اقرأ المزيد", "شاهد أيضا", "مواضيع ذات صلة", "أخبار ذات صلة",
  "الأكثر قراءة", "جميع الحقوق محفوظة", "تابعونا على", "إعلان",
];

/** Chrome that goes on with a link title or a name. */
export const BOILERPLATE_PREFIXES: readonly string[] = ["اقرأ أيضا", "شاهد أيضا", "اقرأ المزيد", "جميع الحقوق محفوظة", "تابعونا على"];
