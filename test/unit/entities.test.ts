import { describe, expect, it } from "vitest";
import { procliticLength, taggedNames } from "../../src/ingest/extract/candidates.js";
import { analyse } from "../../src/ingest/extract/doc.js";
import { buildNameIndex, extract } from "../../src/ingest/extract/index.js";
import { parse } from "../../src/ingest/parse/index.js";
import { fold } from "../../src/lexicon/arabic.js";
import type { GazetteerEntry } from "../../src/model/seed-files.js";

/** Entity rules on sentences written for these tests: world data, nesting, descriptions, candidates. */

const CURATED: GazetteerEntry[] = [
  {
    id: "oslo-accord-2031",
    type: "Agreement",
    nameAr: "مذكرة تفاهم بحرية",
    nameEn: "Maritime MoU",
    aliases: [],
    unnamed: true,
  },
  {
    id: "lena-berg",
    type: "Person",
    nameAr: "لينا بيرغ",
    nameEn: "Lena Berg",
    aliases: [],
    descriptions: ["بيرغ", "المتحدثة باسم المنظمة"],
  },
];
const NAMES = buildNameIndex(CURATED);

function run(body: string, trusted = false) {
  const text = `عنوان تجريبي\n${body}`;
  const x = extract(parse(text, "t"), NAMES, { trusted });
  const mentions = x.entityMentions.map((m) => `${m.entityId}:${text.slice(m.start, m.end)}${m.nested ? ":nested" : ""}`);
  const candidates = x.candidates.map((c) => `${c.type}:${c.via}:${text.slice(c.start, c.end)}${c.local ? ":local" : ""}`);
  return { mentions, candidates };
}

describe("world data in the text", () => {
  it("links countries by name and by nisba, capitals and organisations, with clitics off the span", () => {
    const { mentions } = run("وصل الوزير الكيني إلى نيروبي قادما من لأوغندا، وبحث مع الاتحاد الأفريقي.");
    expect(mentions).toEqual(["kenya:الكيني", "nairobi:نيروبي", "uganda:أوغندا", "african-union:الاتحاد الأفريقي"]);
  });

  it("links cities, regions and rivers of the reviewed places file, and a capital in its news spelling", () => {
    const { mentions } = run("وتقدمت القوات نحو تلعفر غرب الموصل وعلى ضفاف نهر الفرات، فيما عقد الاجتماع في كوالالمبور.");
    expect(mentions).toEqual(["tal-afar:تلعفر", "mosul:الموصل", "euphrates:نهر الفرات", "kuala-lumpur:كوالالمبور"]);
    expect(NAMES.entries.get("tal-afar")?.partOf).toBe("iraq");
  });

  it("also reads a name nested in a longer one", () => {
    const { mentions } = run("وقالت قيادة قوات الأمم المتحدة في لبنان إن الوضع هادئ.");
    expect(mentions).toContain("lebanon:لبنان");
    const nested = run("وتتبع قوة الأمم المتحدة المؤقتة في لبنان الأمم المتحدة.").mentions;
    expect(nested).toContain("unifil:قوة الأمم المتحدة المؤقتة في لبنان");
    expect(nested).toContain("lebanon:لبنان:nested");
    expect(nested).toContain("united-nations:الأمم المتحدة:nested");
  });

  it("reads an ambiguous nisba only where the article names its country", () => {
    expect(run("وأعلنت الوزارة المالية خطتها.").mentions).not.toContain("mali:المالية");
    expect(run("وفي مالي أعلنت الحكومة المالية خطتها.").mentions).toContain("mali:المالية");
  });
});

describe("descriptions and unnamed entities", () => {
  it("resolve a description only in an article that names the entity, or whose curated facts vouch for it", () => {
    expect(run("وقالت بيرغ إن الوضع هادئ.").mentions.filter((m) => m.startsWith("lena-berg"))).toEqual([]);
    expect(run("وقالت لينا بيرغ إن الوضع هادئ. وأضافت بيرغ أن العمل مستمر.").mentions.filter((m) => m.startsWith("lena-berg"))).toEqual([
      "lena-berg:لينا بيرغ",
      "lena-berg:بيرغ",
    ]);
    expect(run("وقالت بيرغ إن الوضع هادئ.", true).mentions).toContain("lena-berg:بيرغ");
  });

  it("never reach an unnamed entity from an uncurated article, whatever its words", () => {
    expect(run("ووقعت النرويج مذكرة تفاهم بحرية مع الدنمارك.").mentions.filter((m) => m.startsWith("oslo"))).toEqual([]);
    expect(run("ووقعت النرويج مذكرة تفاهم بحرية مع الدنمارك.", true).mentions).toContain("oslo-accord-2031:مذكرة تفاهم بحرية");
  });
});

describe("candidates", () => {
  it("types the tagger's and the head rule's names, cutting only proclitics the text also writes without", () => {
    const words = new Set([fold("فرانس")]);
    expect(procliticLength(fold("لفرانس"), words)).toBe(1);
    expect(procliticLength(fold("والحرس"), words)).toBe(1);
    expect(procliticLength(fold("للتنمية"), words)).toBe(0);
    expect(procliticLength(fold("وليد"), words)).toBe(0);
  });

  it("finds an organisation by its head noun and complements; without a country in it, it stays local", () => {
    const { candidates } = run("وقالت حركة الأمل الوطنية إن قوات الحرس الكينية انسحبت، وأكدت وزارة الخارجية ذلك.");
    expect(candidates).toContain("Organization:head:حركة الأمل الوطنية:local");
    expect(candidates).toContain("Organization:head:قوات الحرس الكينية");
    expect(candidates).toContain("Organization:head:وزارة الخارجية:local");
  });

  it("keeps compound names whole after a title, and a given name in ة", () => {
    const { candidates } = run("وقال الشيخ عبد الرحمن آل خليفة إن الاجتماع مثمر. وأكد الدكتور أسامة حداد أن العمل مستمر.");
    expect(candidates).toContain("Person:title:عبد الرحمن آل خليفة");
    expect(candidates).toContain("Person:title:أسامة حداد");
  });
});

describe("people after a title and an office", () => {
  it("reads the name after an office that names its organisation (باسم حركة …، للأمن الوطني)", () => {
    const { candidates } = run("وقال الناطق العسكري باسم حركة الأمل سمير داود إن الهجوم فشل. وأكد المدير العام للأمن الوطني العميد كريم ناصر أن الوضع مستقر.");
    expect(candidates).toContain("Person:title:سمير داود");
    expect(candidates).toContain("Person:title:كريم ناصر");
  });
});

describe("tagger spans", () => {
  it("end before the words that open the report (قوله، إن), and keep a name that folds like a preposition (علي)", () => {
    const text = "عنوان تجريبي\nونقلت الوكالة عن العميد يحيى رسول قوله إن العمل مستمر. وقال علي حسن إن الوضع هادئ.";
    const doc = analyse(parse(text, "t"));
    const span = (words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length, type: "Person" as const, confidence: 0.9 });
    const names = taggedNames(doc, [span("يحيى رسول قوله"), span("علي حسن")], []);
    expect(names.map((n) => text.slice(n.start, n.end))).toEqual(["يحيى رسول", "علي حسن"]);
  });
});

describe("metonymy", () => {
  it("reads a capital after بقيادة or مع as its country, and elsewhere as the city", () => {
    const { mentions } = run("وشنت القوات بقيادة واشنطن غارات، وعززت التعاون مع بغداد، ثم عقد الاجتماع في واشنطن.");
    expect(mentions).toEqual(["united-states:واشنطن", "iraq:بغداد", "washington:واشنطن"]);
  });
});
