import { describe, expect, it } from "vitest";
import { fold, isInitial, normalizeForMatch, originalSpan } from "../../src/lexicon/index.js";
import { type NameForm, compileNames, matchNames } from "../../src/lexicon/match.js";

describe("normalizeForMatch", () => {
  it("folds harakat, tatweel, alef forms, ya, ta marbuta, digits, case and whitespace", () => {
    expect(normalizeForMatch("وَقَّعَتا").text).toBe("وقعتا");
    expect(normalizeForMatch("لـ\"لوسيل\"").text).toBe('ل"لوسيل"');
    expect(normalizeForMatch("أإآٱا").text).toBe("ااااا");
    expect(normalizeForMatch("إلى مدرسة").text).toBe("الي مدرسه");
    expect(normalizeForMatch("٢٠١٩ و۳").text).toBe("2019 و3");
    expect(normalizeForMatch("ISIS Daesh").text).toBe("isis daesh");
    expect(normalizeForMatch("قطر \r\n\t  شريك").text).toBe("قطر شريك");
    expect(normalizeForMatch("عضوًا").text).toBe("عضوا");
  });

  it("maps every folded character back to its original offset", () => {
    const original = "الدَّعْمُ  الذي\nقدَّمَتْهُ حكومةُ قطرَ";
    const f = normalizeForMatch(original);
    expect(f.map).toHaveLength(f.text.length + 1);
    expect(f.map.at(-1)).toBe(original.length);
    for (let i = 0; i < f.text.length; i++) {
      const c = original[f.map[i]!]!;
      expect(c === f.text[i] || /\s/.test(c) || fold(c) === f.text[i]).toBe(true);
    }
    const fs = f.text.indexOf("حكومه قطر");
    const span = originalSpan(f, fs, fs + "حكومه قطر".length);
    // The span ends after the last letter's harakat, which belong to it.
    expect(original.slice(span.start, span.end)).toBe("حكومةُ قطرَ");
  });

  it("recognises initials: single letters and Arabic names of Latin letters", () => {
    expect(isInitial("بي")).toBe(true);
    expect(isInitial("J")).toBe(true);
    expect(isInitial("إس")).toBe(true);
    expect(isInitial("كاجينز")).toBe(false);
    expect(isInitial("3")).toBe(false);
  });
});

const FORMS: NameForm[] = [
  { entityId: "qatar", form: "قطر" },
  { entityId: "united-states", form: "الولايات المتحدة" },
  { entityId: "isis", form: "داعش" },
  { entityId: "global-coalition", form: "التحالف" },
  { entityId: "us-department-of-defense", form: "وزارة الدفاع الأمريكية" },
  { entityId: "adjective", form: "الأمريكية" },
  { entityId: "committee", form: "اللجنة" },
  { entityId: "nato", form: "ناتو" },
  { entityId: "isis", form: "ISIS" },
];
const matcher = compileNames(FORMS);
const found = (text: string) => matchNames(text, matcher).map((m) => [m.entityId, text.slice(m.start, m.end)]);

describe("matchNames", () => {
  it("finds a name behind its proclitics, the span leaving them out", () => {
    expect(found("قطر ولقطر وقطر فقطر بقطر")).toEqual([
      ["qatar", "قطر"],
      ["qatar", "قطر"],
      ["qatar", "قطر"],
      ["qatar", "قطر"],
      ["qatar", "قطر"],
    ]);
    expect(found("داعش لداعش ولداعش")).toEqual([
      ["isis", "داعش"],
      ["isis", "داعش"],
      ["isis", "داعش"],
    ]);
  });

  it("takes proclitics on the first word of a multi-word name only", () => {
    expect(found("والولايات المتحدة وبالولايات المتحدة")).toEqual([
      ["united-states", "الولايات المتحدة"],
      ["united-states", "الولايات المتحدة"],
    ]);
    expect(found("الولايات والمتحدة")).toEqual([]);
  });

  it("keeps the preposition in the span where ل fuses with the article", () => {
    expect(found("للتحالف وللتحالف بالتحالف كالتحالف")).toEqual([
      ["global-coalition", "للتحالف"],
      ["global-coalition", "للتحالف"],
      ["global-coalition", "التحالف"],
      ["global-coalition", "التحالف"],
    ]);
    expect(found("للجنة")).toEqual([["committee", "للجنة"]]);
  });

  it("needs the article where the form has one, and allows it where the form has none", () => {
    expect(found("تحالف جديد")).toEqual([]);
    expect(found("الناتو وناتو")).toEqual([
      ["nato", "الناتو"],
      ["nato", "ناتو"],
    ]);
  });

  it("matches whole words only", () => {
    expect(found("القطري قطرية فقط داعشي")).toEqual([]);
  });

  it("lets the longest match win", () => {
    expect(found("ولوزارة الدفاع الأمريكية والقوات الأمريكية")).toEqual([
      ["us-department-of-defense", "وزارة الدفاع الأمريكية"],
      ["adjective", "الأمريكية"],
    ]);
  });

  it("matches through harakat and case, and maps back to the text as written", () => {
    const text = "قَطَرُ، وISIS";
    expect(found(text)).toEqual([
      ["qatar", "قَطَرُ"],
      ["isis", "ISIS"],
    ]);
  });
});
