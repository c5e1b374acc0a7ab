import { fold } from "./arabic.js";

/**
 * Numbers written as words, scale words, bounds ("أكثر من") and counted units. Source: Arabic
 * grammar's cardinal and ordinal forms (masculine and feminine, with the article), and the units
 * news counts in.
 */

export type Bound = "exact" | "lower" | "upper" | "approximate";

export const BOUNDS: ReadonlyArray<readonly [string, Bound]> = [
  ["أكثر من", "lower"], ["ما يزيد على", "lower"], ["ما يزيد عن", "lower"], ["يزيد على", "lower"],
  ["يزيد عن", "lower"], ["ما لا يقل عن", "lower"], ["لا يقل عن", "lower"], ["لا تقل عن", "lower"],
  ["تتخطى", "lower"], ["يتخطى", "lower"], ["تتجاوز", "lower"], ["يتجاوز", "lower"], ["تفوق", "lower"],
  ["يفوق", "lower"], ["أقل من", "upper"], ["ما لا يزيد عن", "upper"], ["لا يزيد عن", "upper"],
  ["لا يزيد على", "upper"], ["حوالي", "approximate"], ["نحو", "approximate"],
  ["قرابة", "approximate"], ["زهاء", "approximate"], ["ما يقارب", "approximate"], ["ما يناهز", "approximate"],
];

export const NUMBER_WORDS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ["واحد", "واحدة"]],
  [2, ["اثنان", "اثنين", "اثنتان", "اثنتين"]],
  [3, ["ثلاث", "ثلاثة"]],
  [4, ["أربع", "أربعة"]],
  [5, ["خمس", "خمسة"]],
  [6, ["ست", "ستة"]],
  [7, ["سبع", "سبعة"]],
  [8, ["ثمان", "ثماني", "ثمانية"]],
  [9, ["تسع", "تسعة"]],
  [10, ["عشر", "عشرة"]],
];

/** Scale words: [factor, singular forms, plural forms, dual forms]. */
export const SCALE_WORDS: ReadonlyArray<readonly [number, readonly string[], readonly string[], readonly string[]]> = [
  [1e3, ["ألف", "ألفا"], ["آلاف"], ["ألفان", "ألفين", "ألفي"]],
  [1e6, ["مليون", "مليونا"], ["ملايين"], ["مليونان", "مليونين", "مليوني"]],
  [1e9, ["مليار", "مليارا"], ["مليارات"], ["ملياران", "مليارين", "ملياري"]],
];

/** Counted nouns by normalised unit. */
export const UNITS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["country", ["دولة", "دول"]],
  ["member", ["عضو", "عضوا", "أعضاء", "عنصر", "عنصرا", "عناصر"]],
  ["session", ["جلسة", "جلسات"]],
  ["fighter", ["مقاتل", "مقاتلا", "مقاتلين", "مقاتلون"]],
  ["person", ["شخص", "شخصا", "أشخاص"]],
  ["operation", ["عملية", "عمليات"]],
  ["soldier", ["جندي", "جنديا", "جنود"]],
  ["km2", ["كيلو متر مربع", "كيلومتر مربع", "كم مربع"]],
  ["km", ["كيلو متر", "كيلومتر", "كم"]],
  ["USD", ["دولار", "دولارا", "دولارات", "دولار أمريكي"]],
  ["EUR", ["يورو"]],
  ["QAR", ["ريال قطري"]],
  ["percent", ["في المئة", "في المائة", "بالمئة", "بالمائة"]],
  ["year", ["عام", "عاما", "أعوام", "سنة", "سنوات"]],
  ["month", ["شهر", "شهرا", "أشهر", "شهور"]],
  ["day", ["يوم", "يوما", "أيام"]],
];

/** Ordinals, masculine and feminine: "الثالث" closes a name (كاجينز الثالث), "الحادية والثلاثين" counts members. */
export const ORDINALS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ["الأول", "الأولى"]],
  [2, ["الثاني", "الثانية"]],
  [3, ["الثالث", "الثالثة"]],
  [4, ["الرابع", "الرابعة"]],
  [5, ["الخامس", "الخامسة"]],
  [6, ["السادس", "السادسة"]],
  [7, ["السابع", "السابعة"]],
  [8, ["الثامن", "الثامنة"]],
  [9, ["التاسع", "التاسعة"]],
  [10, ["العاشر", "العاشرة"]],
];

export const ORDINAL_WORDS: ReadonlySet<string> = new Set(ORDINALS.flatMap(([, words]) => words.map(fold)));
