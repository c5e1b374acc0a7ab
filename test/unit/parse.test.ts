import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/ingest/parse/index.js";
import type { ParsedSource } from "../../src/ingest/parse/types.js";

const ARTICLE = readFileSync(new URL("../../seed/article-ar.txt", import.meta.url), "utf8");

const blockText = (p: ParsedSource, kind: string) =>
  p.blocks.filter((b) => b.kind === kind).map((b) => p.text.slice(b.start, b.end));

/**
 * Blocks tile the text: in order, non-empty, trimmed, with only whitespace between them and around
 * them; each sentence lies inside its block, after the one before, with only whitespace between
 * sentences of one block.
 */
function expectExactOffsets(p: ParsedSource) {
  let end = 0;
  for (const b of p.blocks) {
    expect(b.start, `block ${b.index}`).toBeGreaterThanOrEqual(end);
    expect(b.end).toBeGreaterThan(b.start);
    expect(p.text.slice(end, b.start).trim(), `between blocks before ${b.index}`).toBe("");
    expect(p.text.slice(b.start, b.end)).toBe(p.text.slice(b.start, b.end).trim());
    end = b.end;
  }
  expect(p.text.slice(end).trim()).toBe("");
  for (const [i, s] of p.sentences.entries()) {
    const block = p.blocks[s.blockIndex]!;
    expect(s.index).toBe(i);
    expect(block.kind).not.toBe("boilerplate");
    expect(s.start).toBeGreaterThanOrEqual(block.start);
    expect(s.end).toBeLessThanOrEqual(block.end);
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.text).toBe(p.text.slice(s.start, s.end));
    expect(s.text).toBe(s.text.trim());
    const previous = p.sentences[i - 1];
    if (previous?.blockIndex === s.blockIndex) expect(p.text.slice(previous.end, s.start).trim(), `before sentence ${i}`).toBe("");
    else expect(p.text.slice(block.start, s.start).trim(), `before sentence ${i}`).toBe("");
  }
}

describe("parse: the seed article", () => {
  const p = parse(ARTICLE, "article-ar");

  it("finds the headline, five headings, the paragraphs and the page chrome", () => {
    expect(p.sourceId).toBe("article-ar");
    expect(blockText(p, "headline")).toEqual(["قطر شريك أساسي ومؤسس للتحالف الدولي لمكافحة تنظيم داعش"]);
    expect(blockText(p, "heading")).toEqual([
      "مكافحة الإرهاب",
      "العزم الصلب",
      "تحديات كبيرة",
      "ألف عملية مستقلة",
      "فيروس كورونا",
    ]);
    expect(blockText(p, "boilerplate")).toEqual(["ليست هناك تعليقات"]);
    expect(p.blocks.map((b) => b.kind).join(" ")).toBe(
      "headline paragraph paragraph paragraph heading paragraph paragraph heading paragraph paragraph heading " +
        "paragraph heading paragraph paragraph paragraph heading paragraph paragraph paragraph boilerplate",
    );
    expect(p.blocks.map((b) => b.index)).toEqual(p.blocks.map((_, i) => i));
  });

  it("keeps the boilerplate out of the sentences", () => {
    expect(p.sentences.some((s) => s.text.includes("تعليقات"))).toBe(false);
    expect(p.sentences.at(-1)!.text.endsWith("من هذا العام.")).toBe(true);
  });

  it("joins the paragraph broken mid-sentence by a stray line break", () => {
    const joined = p.blocks.filter((b) => p.text.slice(b.start, b.end).includes("لضمان\nهزيمتهم باستمرار"));
    expect(joined).toHaveLength(1);
    expect(joined[0]!.kind).toBe("paragraph");
    expect(p.text.slice(joined[0]!.start, joined[0]!.end)).toMatch(/^وقال العقيد .*جديرة بالنظر\.$/s);
    const sentence = p.sentences.find((s) => s.text.includes("لضمان\nهزيمتهم"))!;
    expect(sentence.text.startsWith("وقال العقيد مايلز بي. كاجينز الثالث")).toBe(true);
    expect(sentence.text.endsWith("حتى تمام العمل.")).toBe(true);
  });

  it("splits sentences at their ends, not at the initial in “بي.”", () => {
    expect(p.sentences.filter((s) => s.text.includes("مايلز بي. كاجينز"))).toHaveLength(1);
    expect(p.sentences.filter((s) => s.text === "بي.")).toHaveLength(0);
    const bodies = p.sentences.filter((s) => s.kind === "body");
    expect(bodies).toHaveLength(32);
    expect(p.sentences).toHaveLength(38);
    expect(p.sentences[0]).toMatchObject({ index: 0, blockIndex: 0, kind: "headline" });
    expect(p.sentences.filter((s) => s.kind === "heading").map((s) => s.text)).toEqual(blockText(p, "heading"));
    // "وتابع: …" stays one sentence through its colons; the next sentence starts at "كان اللقاء".
    const tabi = p.sentences.findIndex((s) => s.text.startsWith("وتابع:"));
    expect(p.sentences[tabi]!.text.endsWith("المقرر إقامتها في قطر عام 2022.")).toBe(true);
    expect(p.sentences[tabi + 1]!.text.startsWith("كان اللقاء إيجابيًا وبناء")).toBe(true);
    expect(p.sentences.filter((s) => s.text.includes("كوفيد-19"))).toHaveLength(2);
  });

  it("gives exact, trimmed offsets", () => {
    expectExactOffsets(p);
  });

  it("keeps offsets exact with \\r\\n line endings", () => {
    const crlf = ARTICLE.replace(/\n/g, "\r\n");
    const q = parse(crlf, "article-ar");
    expectExactOffsets(q);
    expect(q.blocks.map((b) => b.kind)).toEqual(p.blocks.map((b) => b.kind));
    expect(q.sentences.map((s) => s.text.replace(/\r/g, ""))).toEqual(p.sentences.map((s) => s.text));
  });
});

describe("parse: general rules", () => {
  it("does not split numbers, Latin initials or domain names", () => {
    const p = parse("عنوان قصير\nبلغ النمو 3.5 في المئة حسب J. Smith من موقع www.example.com اليوم. وانتهى الأمر!", "x");
    expect(p.sentences.map((s) => s.text)).toEqual([
      "عنوان قصير",
      "بلغ النمو 3.5 في المئة حسب J. Smith من موقع www.example.com اليوم.",
      "وانتهى الأمر!",
    ]);
  });

  it("ends sentences at ؟ and ! and keeps a closing quote with its sentence", () => {
    const p = parse("هل انتهت الحرب؟ قال: «نعم.» ثم غادر!", "x");
    expect(p.blocks.map((b) => b.kind)).toEqual(["paragraph"]);
    expect(p.sentences.map((s) => s.text)).toEqual(["هل انتهت الحرب؟", "قال: «نعم.»", "ثم غادر!"]);
  });

  it("takes a short line for a heading only when a paragraph follows it", () => {
    const text = [
      "العنوان الرئيسي",
      "",
      "فقرة أولى طويلة بما يكفي لتكون فقرة من فقرات المقال وفيها أكثر من عشر كلمات بالتأكيد.",
      "عنوان فرعي",
      "فقرة ثانية طويلة بما يكفي لتكون فقرة من فقرات المقال وفيها أكثر من عشر كلمات كذلك.",
      "سطر قصير أخير",
      "شارك",
      "اقرأ أيضا: خبر آخر عن الموضوع",
    ].join("\n");
    const p = parse(text, "x");
    expect(p.blocks.map((b) => b.kind)).toEqual([
      "headline",
      "paragraph",
      "heading",
      "paragraph",
      "paragraph",
      "boilerplate",
      "boilerplate",
    ]);
  });

  it("does not join across a blank line or after a finished sentence", () => {
    const long = "هذه فقرة طويلة تنتهي دون علامة ترقيم لأن الكاتب نسيها في آخر السطر وهذا يحدث";
    const kinds = (text: string) => parse(text, "x").blocks.map((b) => b.kind);
    const next = "وهذه فقرة أخرى طويلة بما يكفي وفيها كلمات كثيرة جدا أيضا.";
    expect(kinds(`عنوان\n${long}\n\n${next}`)).toEqual(["headline", "paragraph", "paragraph"]);
    expect(kinds(`عنوان\n${long}.\n${next}`)).toEqual(["headline", "paragraph", "paragraph"]);
    const joined = parse(`عنوان\n${long}\n${next}`, "x");
    expect(joined.blocks.map((b) => b.kind)).toEqual(["headline", "paragraph"]);
    expect(joined.sentences.map((s) => s.text)).toEqual(["عنوان", `${long}\n${next}`]);
  });
});
