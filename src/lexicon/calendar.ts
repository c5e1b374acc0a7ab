import { fold } from "./arabic.js";
import { foldedSet } from "./clitics.js";

/**
 * Calendar words. Gregorian months by their Egyptian/Gulf names (يناير…), Levantine/Iraqi names
 * (كانون الثاني…) and Maghrebi names (جانفي…); Hijri months; weekdays; words that make a date
 * relative to the article's date. Source: the month-name tables of Arabic calendars.
 */

export const GREGORIAN_MONTHS: ReadonlyArray<readonly string[]> = [
  ["يناير", "كانون الثاني", "جانفي"],
  ["فبراير", "شباط", "فيفري"],
  ["مارس", "آذار"],
  ["أبريل", "إبريل", "نيسان", "أفريل"],
  ["مايو", "أيار", "ماي"],
  ["يونيو", "يونيه", "حزيران", "جوان"],
  ["يوليو", "يوليه", "تموز", "جويلية"],
  ["أغسطس", "آب", "أوت"],
  ["سبتمبر", "أيلول"],
  ["أكتوبر", "تشرين الأول"],
  ["نوفمبر", "تشرين الثاني"],
  ["ديسمبر", "كانون الأول"],
];

export const HIJRI_MONTHS: ReadonlyArray<readonly string[]> = [
  ["محرم"],
  ["صفر"],
  ["ربيع الأول"],
  ["ربيع الآخر", "ربيع الثاني"],
  ["جمادى الأولى", "جمادى الأول"],
  ["جمادى الآخرة", "جمادى الثانية"],
  ["رجب"],
  ["شعبان"],
  ["رمضان"],
  ["شوال"],
  ["ذو القعدة", "ذي القعدة"],
  ["ذو الحجة", "ذي الحجة"],
];

/** Folded Gregorian month name (one or two words) → month number. */
export const MONTH_NUMBER: ReadonlyMap<string, number> = new Map(
  GREGORIAN_MONTHS.flatMap((names, i) => names.map((n) => [fold(n), i + 1] as const)),
);

/** Weekday names, Sunday first (getUTCDay order). */
export const WEEKDAYS: readonly string[] = ["الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];
/** Folded weekday → getUTCDay index; "الاثنين" is the common spelling of الإثنين. */
export const WEEKDAY_INDEX: ReadonlyMap<string, number> = new Map([
  ...WEEKDAYS.map((d, i) => [fold(d), i] as const),
  [fold("الاثنين"), 1] as const,
]);

/** With ل the article fuses ("للعام"); as names do, the span then keeps the ل. */
export const YEAR_WORDS = foldedSet(["عام", "العام", "سنة", "السنة", "للعام", "للسنة"]);
/** Days relative to the article's date. */
export const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  [fold("اليوم"), 0],
  [fold("أمس"), -1],
  [fold("الأمس"), -1],
  [fold("البارحة"), -1],
  [fold("غدا"), 1],
]);
/** "الشهر الماضي", "العام المقبل": the unit and the direction. */
export const RELATIVE_UNITS: ReadonlyMap<string, "month" | "year" | "week"> = new Map([
  [fold("الشهر"), "month"],
  [fold("العام"), "year"],
  [fold("السنة"), "year"],
  [fold("الأسبوع"), "week"],
]);
export const PAST_WORDS = foldedSet(["الماضي", "الماضية", "المنصرم", "المنصرمة", "السابق"]);
export const NEXT_WORDS = foldedSet(["المقبل", "المقبلة", "القادم", "القادمة"]);
export const CURRENT_WORDS = foldedSet(["الجاري", "الجارية", "الحالي", "الحالية"]);
export const HIJRI_MARKERS = foldedSet(["هـ", "ه", "هجري", "هجرية", "للهجرة"]);
