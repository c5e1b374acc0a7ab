import { parse } from "node-html-parser";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { codePointLabel, nestMarks, splitBidiControls, textOf, type MarkNode, type Span, type TextNode } from "../../src/serve/pages/marks.js";
import { clip } from "../../src/serve/pages/parts.js";
import { Reading } from "../../src/serve/pages/read.js";
import { SourcePage } from "../../src/serve/pages/source-page.js";

/** The reading view's pure parts: spans as nested marks over the text, and the page as escaped HTML. */

type Named = Span & { name: string };
const span = (name: string, start: number, end: number): Named => ({ name, start, end });
const slice = (text: string, s: { start: number; end: number }) => Array.from(text).slice(s.start, s.end).join("");

/** Every mark in the tree, depth first. */
function marks<S extends Span>(nodes: readonly TextNode<S>[]): MarkNode<S>[] {
  return nodes.flatMap((n) => (typeof n === "string" ? [] : [n, ...marks(n.children)]));
}

/** The tree as a bracketed string: [name text]. */
const show = (nodes: readonly TextNode<Named>[]): string => nodes.map((n) => (typeof n === "string" ? n : `[${n.span.name} ${show(n.children)}]`)).join("");

describe("nestMarks", () => {
  it("nests a name inside a longer name and both inside a sentence's evidence", () => {
    const text = "وقالت وزارة الخارجية القطرية اليوم";
    const ministry = span("org", 6, 28);
    const country = span("country", 21, 28);
    const evidence = span("claim", 0, 34);
    const tree = nestMarks(text, [country, ministry, evidence]);
    expect(show(tree)).toBe("[claim وقالت [org وزارة الخارجية [country القطرية]] اليوم]");
    expect(textOf(tree)).toBe(text);
  });

  it("splits a span that crosses another into pieces, each with its own offsets, text equal to the source there", () => {
    const text = "abcdefghij";
    const tree = nestMarks(text, [span("a", 0, 6), span("b", 4, 9)]);
    expect(show(tree)).toBe("[a abcd[b ef]][b ghi]j");
    for (const m of marks(tree)) expect(textOf(m.children)).toBe(slice(text, m));
    expect(marks(tree).map((m) => [m.span.name, m.start, m.end])).toEqual([
      ["a", 0, 6],
      ["b", 4, 6],
      ["b", 6, 9],
    ]);
  });

  it("counts code points, not UTF-16 units, and keeps identical spans apart", () => {
    const text = "𝐀𝐁 قطر 😀x";
    const tree = nestMarks(text, [span("one", 3, 6), span("two", 3, 6), span("emoji", 7, 8)]);
    for (const m of marks(tree)) expect(textOf(m.children)).toBe(slice(text, m));
    expect(show(tree)).toBe("𝐀𝐁 [one [two قطر]] [emoji 😀]x");
  });

  it("leaves out empty spans and spans outside the text", () => {
    const tree = nestMarks("abc", [span("empty", 1, 1), span("out", 2, 9), span("ok", 0, 1)]);
    expect(show(tree)).toBe("[ok a]bc");
  });

  it("keeps every mark's text equal to the source at its offsets over many random spans", () => {
    const text = Array.from({ length: 60 }, (_, i) => String.fromCodePoint(0x0627 + (i % 20))).join("");
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const spans = Array.from({ length: 40 }, (_, i) => {
      const start = Math.floor(next() * 59);
      return span(`s${i}`, start, start + 1 + Math.floor(next() * (60 - start - 1)));
    });
    const tree = nestMarks(text, spans);
    expect(textOf(tree)).toBe(text);
    for (const m of marks(tree)) expect(textOf(m.children)).toBe(slice(text, m));
    // Each span is covered exactly by its pieces.
    for (const s of spans) {
      const pieces = marks(tree).filter((m) => m.span === s).sort((a, b) => a.start - b.start);
      expect(pieces[0]!.start).toBe(s.start);
      expect(pieces.at(-1)!.end).toBe(s.end);
      for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.start).toBe(pieces[i - 1]!.end);
    }
  });
});

describe("bidi controls and clipping", () => {
  it("cuts out embedding, override and isolate controls, leaving marks (RLM) in the text", () => {
    expect(splitBidiControls("a\u202Eb\u200Fc\u2066d")).toEqual([
      { text: "a", control: false },
      { text: "\u202E", control: true },
      { text: "b\u200Fc", control: false },
      { text: "\u2066", control: true },
      { text: "d", control: false },
    ]);
    expect(codePointLabel("\u202E")).toBe("U+202E");
  });

  it("clips by code points", () => {
    expect(clip("𝐀𝐁𝐂", 2)).toBe("𝐀𝐁…");
    expect(clip("قطر", 3)).toBe("قطر");
  });
});

describe("SourcePage", () => {
  const hostile = 'قطر <script>alert(1)</script> <img src=x onerror="alert(2)"> &amp; \u202Eabc\u202C';
  // As the graph answers: absent properties are null.
  const reading = Reading.parse({
    source: { id: "s-1", title: "<b>title</b>", publisher: "P", language: "ar", text: hostile },
    spans: [
      { id: "m1", start: 0, end: 3, entityId: "qatar", claimIds: ["c\"1"], quoteIds: [] },
      { id: "m2", start: 4, end: 29, entityId: null, claimIds: [], quoteIds: ["q1"] },
    ],
    entities: [{ id: "qatar", type: "Country", nameAr: "قطر", nameEn: "Qatar <x>", status: "candidate" }],
    claims: [
      {
        id: 'c"1',
        predicate: "memberOf",
        modality: "asserted",
        origin: "extracted",
        confidence: 0.6,
        extractor: "sanad-frames/1",
        subject: { id: "qatar", type: "Country", nameAr: "قطر", nameEn: "Qatar <x>", status: "candidate" },
      },
    ],
    quotes: [{ id: "q1", text: "<script>", verb: "قال", speaker: { id: "p", type: "Person", nameAr: "<i>س</i>", nameEn: "S", status: "candidate" } }],
  });
  const root = parse(renderToString(h(SourcePage, { reading })));

  it("writes the text as text: no element comes from it, and its characters are all there", () => {
    const text = root.querySelector("#text")!;
    expect(text.querySelectorAll("script, img, b, i")).toHaveLength(0);
    expect(root.querySelectorAll("script").map((s) => s.getAttribute("src"))).toEqual(["/assets/pages/reading.js"]);
    expect(text.textContent).toBe(hostile);
    expect(root.querySelector("h1")!.textContent).toBe("<b>title</b>");
  });

  it("shows each bidi control as an isolated mark of its own", () => {
    const controls = root.querySelectorAll("#text .bidi-control");
    expect(controls.map((c) => [c.textContent, c.getAttribute("data-cp")])).toEqual([
      ["\u202E", "U+202E"],
      ["\u202C", "U+202C"],
    ]);
  });

  it("marks a candidate's name and an extracted claim's evidence apart from curated ones", () => {
    const name = root.querySelector('mark[data-span="m1"]')!;
    expect(name.classList.contains("s-candidate")).toBe(true);
    expect(name.classList.contains("o-extracted")).toBe(true);
    expect(name.getAttribute("data-claims")).toBe('c"1');
    const card = root.querySelector('[data-claim="c\\"1"]') ?? root.querySelectorAll("article.card.claim")[0]!;
    expect(card.classList.contains("o-extracted")).toBe(true);
    expect(card.textContent).toContain("confidence 0.60");
  });
});
