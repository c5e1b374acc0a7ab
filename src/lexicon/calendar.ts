import { fold } from "./arabic.js";
import { foldedSet } from "./clitics.js";

/**
 * Calendar words. Gregorian months by their Egyptian/Gulf names (يناير…), Levantine/Iraqi names
 * (كانون الثاني…) and Maghrebi names (جانفي…); and Hijri months. Source: the month-name tables of Arabic calendars.
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

/** A bare year after these is a date ("منذ 2011", "وفي 2010،"); after other words it may be a count. */
export const YEAR_PREPOSITIONS = foldedSet(["في", "منذ", "حتى", "خلال", "قبل", "بعد", "مطلع", "أواخر", "أوائل", "نهاية", "بداية"]);

/** With ل the article fuses ("للعام"); as names do, the span then keeps the ل. */
export const YEAR_WORDS = foldedSet(["عام", "العام", "سنة", "السنة", "للعام", "للسنة"]);

/** Weekdays, Sunday first (JavaScript's getUTCDay order), with and without the article. */
export const WEEKDAYS: ReadonlyArray<readonly string[]> = [
  ["الأحد", "أحد"],
  ["الاثنين", "الإثنين", "اثنين"],
  ["الثلاثاء", "ثلاثاء"],
  ["الأربعاء", "أربعاء"],
  ["الخميس", "خميس"],
  ["الجمعة", "جمعة"],
  ["السبت", "سبت"],
];
export const WEEKDAY_NUMBER: ReadonlyMap<string, number> = new Map(WEEKDAYS.flatMap((names, i) => names.map((n) => [fold(n), i] as const)));

/** Days relative to the article's date: today, yesterday, tomorrow, and "the last/next <weekday>". */
export const RELATIVE_DAYS: ReadonlyMap<string, number> = new Map([
  [fold("اليوم"), 0],
  [fold("أمس"), -1],
  [fold("الأمس"), -1],
  [fold("البارحة"), -1],
  [fold("غدا"), 1],
  [fold("غدًا"), 1],
]);
export const PAST_MARKERS = foldedSet(["الماضي", "الماضية", "المنصرم", "الفائت"]);
export const NEXT_MARKERS = foldedSet(["المقبل", "المقبلة", "القادم", "القادمة"]);
