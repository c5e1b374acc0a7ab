import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildNameIndex, extract } from "../../src/ingest/extract/index.js";
import type { Extraction } from "../../src/ingest/extract/types.js";
import type { GazetteerEntry } from "../../src/model/seed-files.js";
import { parse } from "../../src/ingest/parse/index.js";

const ARTICLE = readFileSync(new URL("../../seed/article-ar.txt", import.meta.url), "utf8");

function entry(
  id: string,
  type: GazetteerEntry["type"],
  nameAr: string,
  nameEn: string,
  aliases: string[] = [],
  more: Partial<GazetteerEntry> = {},
): GazetteerEntry {
  return { id, type, nameAr, nameEn, aliases, ...more };
}

/**
 * A small gazetteer with the ids seed/gazetteer.yaml uses. The people carry only their names and
 * roles, so that "الجنرال وايت", "المتحدث باسم التحالف الدولي" and "مسؤول رفيع في التحالف الدولي"
 * must be resolved by the extractor, not by aliases.
 */
const GAZETTEER: GazetteerEntry[] = [
  entry("qatar", "Country", "قطر", "Qatar"),
  entry("united-states", "Country", "الولايات المتحدة", "United States"),
  entry("iraq", "Country", "العراق", "Iraq"),
  entry("syria", "Country", "سوريا", "Syria"),
  entry("global-coalition", "Organization", "التحالف الدولي لمكافحة تنظيم داعش", "Global Coalition to Defeat ISIS", [
    "التحالف الدولي",
    "التحالف",
  ]),
  entry("isis", "Organization", "تنظيم الدولة الإسلامية", "ISIS", ["داعش", "تنظيم داعش", "التنظيم"]),
  entry("sdf", "Organization", "قوات سوريا الديمقراطية", "Syrian Democratic Forces"),
  entry("isf", "Organization", "قوات الأمن العراقية", "Iraqi Security Forces"),
  entry("us-department-of-defense", "Organization", "وزارة الدفاع الأمريكية", "US Department of Defense", ["البنتاغون"]),
  entry("cjtf-oir", "Organization", "قوة المهام المشتركة", "CJTF-OIR"),
  entry("lusail", "Organization", "لوسيل", "Lusail"),
  entry("operation-inherent-resolve", "Operation", "عملية العزم الصلب", "Operation Inherent Resolve"),
  entry("pentagon-briefing", "Event", "الإيجاز الصحفي", "Pentagon press briefing"),
  entry("myles-caggins", "Person", "مايلز بي. كاجينز الثالث", "Myles B. Caggins III", [], {
    role: "المتحدث باسم التحالف الدولي",
  }),
  entry("robert-white", "Person", "روبرت وايت", "Robert White", [], { role: "قائد قوة المهام المشتركة" }),
];
const NAMES = buildNameIndex(GAZETTEER);

const parsed = parse(ARTICLE, "article-ar");
const x: Extraction = extract(parsed, NAMES);
const at = (span: { start: number; end: number }) => ARTICLE.slice(span.start, span.end);

describe("extract: entity mentions", () => {
  it("resolves قطر, لقطر and وقطر to the same entity, spans without the clitic", () => {
    const qatar = x.entityMentions.filter((m) => m.entityId === "qatar");
    expect(qatar.length).toBe(11);
    expect(new Set(qatar.map(at))).toEqual(new Set(["قطر"]));
    // "وقطر" (written with its conjunction) in "الولايات المتحدة وقطر".
    expect(qatar.some((m) => ARTICLE.slice(m.start - 1, m.end) === "وقطر")).toBe(true);
  });

  it("finds names with their article and prepositions, longest first", () => {
    const texts = (id: string) => x.entityMentions.filter((m) => m.entityId === id && !m.nested).map(at);
    expect(texts("global-coalition")).toContain("للتحالف الدولي لمكافحة تنظيم داعش");
    expect(texts("global-coalition")).toContain("للتحالف");
    expect(texts("united-states").filter((t) => t === "الولايات المتحدة")).toHaveLength(5);
    // The world data's nisbas mention the country too ("الأمريكية" of a name the gazetteer lacks).
    expect(new Set(texts("united-states"))).toEqual(new Set(["الولايات المتحدة", "الأمريكية", "الأمريكي"]));
    expect(texts("us-department-of-defense")).toEqual(Array(3).fill("وزارة الدفاع الأمريكية"));
    expect(texts("isis")).toContain("تنظيم الدولة الإسلامية");
    expect(texts("isis")).toContain("داعش");
    expect(texts("lusail")).toEqual(["لوسيل"]);
    expect(texts("pentagon-briefing")).toEqual(["الإيجاز الصحفي", "الإيجاز الصحفي"]);
  });

  it("resolves people named after a title by their name words", () => {
    const people = x.entityMentions.filter((m) => m.entityId === "myles-caggins" || m.entityId === "robert-white");
    expect(people.map((m) => [m.entityId, at(m)])).toEqual([
      ["myles-caggins", "مايلز بي. كاجينز الثالث"],
      ["robert-white", "روبرت وايت"],
      ["robert-white", "وايت"],
      ["robert-white", "وايت"],
    ]);
    // Nobody named after a title is left a candidate; the tagger's own finds are other people.
    expect(x.candidates.filter((c) => /كاجينز|وايت/.test(c.name))).toEqual([]);
  });

  it("gives each mention its sentence and never reads the boilerplate", () => {
    for (const m of x.entityMentions) {
      const s = parsed.sentences[m.sentenceIndex]!;
      expect(m.start >= s.start && m.end <= s.end).toBe(true);
    }
    const chrome = parsed.blocks.find((b) => b.kind === "boilerplate")!;
    expect(x.entityMentions.every((m) => m.end <= chrome.start)).toBe(true);
  });
});

describe("extract: quotes", () => {
  const q = x.quotes;

  it("finds every reported statement of the article with its speaker", () => {
    expect(q.map((k) => [k.verb, k.speakerEntityId])).toEqual([
      ["أكد", "myles-caggins"],
      ["أضاف", "myles-caggins"],
      ["قال", "myles-caggins"],
      ["أضاف", "myles-caggins"],
      ["تابع", "myles-caggins"],
      ["قال", "robert-white"],
      ["أضاف", "robert-white"],
      ["نوه", "robert-white"],
      ["شدد", "robert-white"],
      ["قال", "robert-white"],
      ["أضاف", "robert-white"],
      ["نوه", "robert-white"],
    ]);
    expect(q.every((k) => k.unresolvedSpeakerName === undefined)).toBe(true);
  });

  it("cuts the content after أن / إن / ':' and runs it to the end of the paragraph", () => {
    expect(q.map((k) => at(k).slice(0, 24))).toEqual([
      "قطر شريك إستراتيجي ومؤسس",
      "مذكرة التفاهم الذي وقعته",
      "قطر هي عضو مؤسس في التحا",
      "قطر والولايات المتحدة وَ",
      "وبناءً على نجاح مذكرة ال",
      "هناك جنودا من أكثر من 30",
      "تنظيم داعش كان يسيطر على",
      "المنطقة التي يعملون فيها",
      "التحالف سيواصل شراكته في",
      "فيروس كوفيد-19 قد أثر عل",
      "يمكن تبرير هذه التحركات ",
      "تطبيق حظر التجوال في الع",
    ]);
    // The Lusail statement crosses the stray line break and takes in the paragraph's next sentence.
    expect(at(q[2]!)).toContain("لضمان\nهزيمتهم باستمرار");
    expect(at(q[2]!).endsWith("قد تكون جديرة بالنظر.")).toBe(true);
    expect(q[2]!.sentenceIndexes).toEqual([3, 4]);
    expect(q[4]!.sentenceIndexes).toEqual([7, 8]);
    expect(q[6]!.sentenceIndexes).toEqual([12, 13, 14, 15]);
    expect(q[9]!.sentenceIndexes).toEqual([29, 30, 31, 32]);
    // The narration paragraphs under "ألف عملية مستقلة" have no verb and are nobody's quote.
    const narration = parsed.sentences.filter((s) => s.blockIndex === 13 || s.blockIndex === 14).map((s) => s.index);
    expect(q.some((k) => k.sentenceIndexes.some((i) => narration.includes(i)))).toBe(false);
    for (const k of q) {
      const last = parsed.sentences[k.sentenceIndexes.at(-1)!]!;
      expect(k.end).toBe(last.end);
    }
  });

  it("points at the verb as written, without its conjunction", () => {
    expect(q.map((k) => at({ start: k.verbStart, end: k.verbEnd }))).toEqual([
      "أكد", "أضاف", "قال", "أضاف", "تابع", "إن", "أضاف", "نوه", "شدد", "قال", "أضاف", "نوه",
    ]);
  });

  it("reads '<person> … إن' without a verb as an implicit قال", () => {
    expect(q.map((k) => k.implicitVerb)).toEqual(q.map((_, i) => i === 5));
    expect(at(q[5]!.speakerSpan!)).toBe("روبرت وايت");
  });

  it("names the speaker where the text does, by name, title or office", () => {
    expect(q.map((k) => (k.speakerSpan ? at(k.speakerSpan) : undefined))).toEqual([
      "مسؤول رفيع في التحالف الدولي لمكافحة تنظيم الدولة الإسلامية (داعش)",
      undefined,
      "مايلز بي. كاجينز الثالث",
      "المتحدث باسم التحالف الدولي",
      undefined,
      "روبرت وايت",
      undefined,
      "وايت",
      undefined,
      "وايت",
      undefined,
      undefined,
    ]);
  });

  it("records the briefing as setting and Lusail as outlet, carried to the same speaker's next quotes", () => {
    expect(q.map((k) => k.settingEntityId ?? null)).toEqual([
      null, null, ...Array(10).fill("pentagon-briefing"),
    ]);
    expect(q.map((k) => k.outletEntityId ?? null)).toEqual([
      null, null, "lusail", "lusail", "lusail", ...Array(7).fill(null),
    ]);
  });
});

describe("extract: quantities", () => {
  it("reads counts with their bound, scale and unit", () => {
    expect(x.quantities.map((k) => [at(k), k.value, k.bound, k.unitAr, k.unit ?? null, k.vague])).toEqual([
      ["82 عضوًا", 82, "exact", "عضوًا", "member", false],
      ["أربع جلسات", 4, "exact", "جلسات", "session", false],
      ["أكثر من 30 دولة", 30, "lower", "دولة", "country", false],
      ["حوالي 110 آلاف كيلو متر مربع", 110_000, "approximate", "كيلو متر مربع", "km2", false],
      ["حوالي 40 ألف مقاتل", 40_000, "approximate", "مقاتل", "fighter", false],
      ["حوالي 8 ملايين شخص", 8_000_000, "approximate", "شخص", "person", false],
      ["أربعة من أعضاء", 4, "exact", "أعضاء", "member", false],
      ["ألف عملية", 1000, "exact", "عملية", "operation", false],
      ["أكثر من ألف عملية", 1000, "lower", "عملية", "operation", false],
      ["آلاف من عناصر", 1000, "lower", "عناصر", "member", true],
      ["أكثر من 50 دولة", 50, "lower", "دولة", "country", false],
      ["تتخطى الأربعة مليارات دولار", 4_000_000_000, "lower", "دولار", "USD", false],
    ]);
    expect(parsed.sentences[x.quantities[7]!.sentenceIndex]!.kind).toBe("heading");
  });

  it("does not count years, names with numbers or number adjectives", () => {
    const texts = x.quantities.map(at).join(" | ");
    expect(texts).not.toMatch(/2014|2017|2019|2022|19|واحدة|الخمسة/);
  });

  it("reads Arabic-Indic digits, decimals, percentages and dual scales", () => {
    const y = extract(parse("قتل ٣٠ شخصا. وبلغت النسبة 3.5% من أصل مليوني نسمة، ونحو 2.5 مليون دولار.", "x"), NAMES);
    expect(y.quantities.map((k) => [k.value, k.bound, k.unit ?? k.unitAr])).toEqual([
      [30, "exact", "person"],
      [3.5, "exact", "percent"],
      [2_000_000, "exact", "نسمة"],
      [2_500_000, "approximate", "USD"],
    ]);
  });
});

describe("extract: dates", () => {
  it("reads the article's dates with their precision", () => {
    expect(x.dates.map((d) => [at(d), d.value, d.precision])).toEqual([
      ["يوليو 2017", "2017-07", "month"],
      ["12 نوفمبر 2019", "2019-11-12", "day"],
      ["عام 2022", "2022", "year"],
      ["العام 2014", "2014", "year"],
    ]);
  });

  it("knows the Levantine month names and leaves out dates without a year", () => {
    const y = extract(parse("اجتمعوا في ١٢ كانون الثاني ٢٠٢٠ ثم في تشرين الأول 2021 وفي 3 مارس.", "x"), NAMES);
    expect(y.dates.map((d) => [d.value, d.precision])).toEqual([
      ["2020-01-12", "day"],
      ["2021-10", "month"],
    ]);
  });
});

describe("extract: other articles", () => {
  it("makes a candidate of an unknown person after a title and keeps the name as the speaker", () => {
    const text = [
      "عنوان الخبر",
      "وقال السفير جون سميث في مؤتمر صحفي إن العلاقات بين البلدين قوية. وأكد السفير سميث أن قطر شريك مهم.",
      "وأضاف سميث أن الزيارة ناجحة.",
      "وقال د. خالد العطية إن الاتفاق قريب.",
    ].join("\n");
    const y = extract(parse(text, "x"), NAMES);
    expect(y.candidates.map((c) => [c.name, text.slice(c.start, c.end), c.type])).toEqual([
      ["جون سميث", "جون سميث", "Person"],
      ["جون سميث", "سميث", "Person"],
      // The tagger finds the bare surname after "وأضاف" and it refers to the same candidate.
      ["جون سميث", "سميث", "Person"],
      ["خالد العطية", "خالد العطية", "Person"],
    ]);
    expect(y.quotes.map((k) => [k.unresolvedSpeakerName, k.speakerEntityId, text.slice(k.start, k.end)])).toEqual([
      ["جون سميث", undefined, "العلاقات بين البلدين قوية."],
      ["جون سميث", undefined, "قطر شريك مهم."],
      ["جون سميث", undefined, "الزيارة ناجحة."],
      ["خالد العطية", undefined, "الاتفاق قريب."],
    ]);
  });

  it("resolves a person written with title, initial and ordinal around the gazetteer name", () => {
    const names = buildNameIndex([
      entry("myles-caggins", "Person", "مايلز كاجينز", "Myles Caggins"),
      entry("us-army", "Organization", "الجيش الأمريكي", "US Army"),
    ]);
    const text = "عنوان الخبر\nوقال العقيد مايلز بي. كاجينز الثالث بالجيش الأمريكي إن العمل مستمر.";
    const y = extract(parse(text, "x"), names);
    expect(y.entityMentions.map((m) => [m.entityId, text.slice(m.start, m.end)])).toEqual([
      ["myles-caggins", "مايلز بي. كاجينز الثالث"],
      ["us-army", "الجيش الأمريكي"],
      // The country's nisba inside the army's name is a nested mention of the country.
      ["united-states", "الأمريكي"],
    ]);
    expect(y.quotes.map((k) => [k.speakerEntityId, text.slice(k.start, k.end)])).toEqual([["myles-caggins", "العمل مستمر."]]);
    expect(y.candidates).toEqual([]);
  });

  it("carries the speaker over a verb followed only by an adverbial, reading setting and outlet there", () => {
    const text = [
      "عنوان الخبر",
      "وقال الجنرال روبرت وايت إن الوضع مستقر.",
      'وأضاف في تصريح خاص لـ"لوسيل" على هامش الإيجاز الصحفي أن العمل مستمر.',
    ].join("\n");
    const y = extract(parse(text, "x"), NAMES);
    expect(y.quotes.map((k) => [k.speakerEntityId, k.settingEntityId, k.outletEntityId, text.slice(k.start, k.end)])).toEqual([
      ["robert-white", undefined, undefined, "الوضع مستقر."],
      ["robert-white", "pentagon-briefing", "lusail", "العمل مستمر."],
    ]);
  });

  it("names an unknown office-holder by the description and leaves out a quote with no speaker at all", () => {
    const text = ["عنوان الخبر", "وأضاف أن الأمر انتهى.", "وقال مصدر مطلع في الوزارة إن الاتفاق قريب."].join("\n");
    const y = extract(parse(text, "x"), NAMES);
    expect(y.quotes.map((k) => [k.unresolvedSpeakerName, text.slice(k.start, k.end)])).toEqual([
      ["مصدر مطلع في الوزارة", "الاتفاق قريب."],
    ]);
  });

  it("takes an organisation as the speaker, and splits two reports in one sentence", () => {
    const text = ["عنوان الخبر", "وأكدت وزارة الدفاع الأمريكية أن العمليات مستمرة، وأضافت أن داعش هزم."].join("\n");
    const y = extract(parse(text, "x"), NAMES);
    expect(y.quotes.map((k) => [k.verb, k.speakerEntityId, text.slice(k.start, k.end)])).toEqual([
      ["أكد", "us-department-of-defense", "العمليات مستمرة"],
      ["أضاف", "us-department-of-defense", "داعش هزم."],
    ]);
  });

  it("keeps every span exact: trimmed, inside its sentences, and holding what it stands for", () => {
    const inside = (span: { start: number; end: number }, sentences: number[]) => {
      const first = parsed.sentences[Math.min(...sentences)]!;
      const last = parsed.sentences[Math.max(...sentences)]!;
      expect(span.start).toBeGreaterThanOrEqual(first.start);
      expect(span.end).toBeLessThanOrEqual(last.end);
    };
    const spans = [
      ...x.entityMentions.map((m) => ({ ...m, sentences: [m.sentenceIndex] })),
      ...x.quotes.map((k) => ({ ...k, sentences: k.sentenceIndexes })),
      ...x.quotes.map((k) => ({ start: k.verbStart, end: k.verbEnd, sentences: k.sentenceIndexes })),
      ...x.quantities.map((q) => ({ ...q, sentences: [q.sentenceIndex] })),
      ...x.dates.map((d) => ({ ...d, sentences: [d.sentenceIndex] })),
    ];
    expect(spans.length).toBeGreaterThan(50);
    for (const s of spans) {
      expect(s.start).toBeLessThan(s.end);
      expect(at(s)).toBe(at(s).trim());
      inside(s, s.sentences);
    }
    // Each kind of span holds its own words: the verb as written, the year of a date.
    for (const k of x.quotes) expect(at({ start: k.verbStart, end: k.verbEnd }), k.verb).toMatch(k.implicitVerb ? /^[إأا]ن$/ : new RegExp(`^${k.verb.slice(0, 2)}`));
    for (const d of x.dates) expect(at(d)).toContain(d.value.slice(0, 4));
    for (const q of x.quantities) {
      expect(q.unitAr).not.toBe("");
      expect(at(q)).toContain(q.unitAr);
    }
  });
});
