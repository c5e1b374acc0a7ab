import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readFacts } from "../../src/ingest/read/index.js";
import { locateEvidence, resolveFacts } from "../../src/ingest/resolve/index.js";
import { claimId, mentionId, spanOf } from "../../src/model/ids.js";
import { cpLength, sliceCp, toCodePoint, toUtf16 } from "../../src/model/offsets.js";
import { fold } from "../../src/lexicon/arabic.js";

const seed = (name: string) => fileURLToPath(new URL(`../../seed/${name}`, import.meta.url));
const bad = (name: string) => fileURLToPath(new URL(`../fixtures/bad-input/${name}`, import.meta.url));
const where = { file: "x.facts.yaml", line: 7, column: 9, field: "facts[0].evidence[0]", article: "a.txt" };

describe("fold", () => {
  it("drops harakat and tatweel, unifies hamza forms, ى and ة, lower-cases", () => {
    expect(fold("وَقَّعَتا")).toBe("وقعتا");
    expect(fold("المُكَوَّن")).toBe("المكون");
    expect(fold("إستراتيجي")).toBe("استراتيجي");
    expect(fold("آلاف")).toBe("الاف");
    expect(fold("أبو")).toBe("ابو");
    expect(fold("مصطفى")).toBe("مصطفي");
    expect(fold("الفلوجة")).toBe("الفلوجه");
    expect(fold("لـ")).toBe("ل");
    expect(fold(" Daesh ")).toBe("daesh");
    expect(fold("a \n\t b")).toBe("a b");
    expect(fold("يوليو ٢٠١٧")).toBe("يوليو 2017");
  });
});

describe("locateEvidence", () => {
  const text = "قال إن قطر شريك.\nوقال إن قطر شريك أساسي.\nوَقَّعَتا على المذكرة";

  it("finds a unique exact match, end exclusive", () => {
    const r = locateEvidence(text, "شريك أساسي", where);
    expect(r).toEqual({ ok: true, match: "exact", span: { start: 29, end: 39 } });
    expect(text.slice(29, 39)).toBe("شريك أساسي");
  });

  it("reports ambiguous words with the lines they occur on", () => {
    expect(locateEvidence(text, "قطر شريك", where)).toEqual({
      ok: false,
      problem: {
        file: "x.facts.yaml",
        line: 7,
        column: 9,
        field: "facts[0].evidence[0]",
        reason: "evidence words found 2 times in a.txt, at lines 1, 2 — make them longer so they are unique",
        origin: "resolve:evidence",
        severity: "error",
      },
    });
  });

  it("reports words that are not there, with the longest beginning that is", () => {
    const r = locateEvidence(text, "قطر شريك استراتيجي", where);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.reason).toBe('evidence words not found in a.txt; the longest beginning that occurs is "قطر شريك أس"');
    const none = locateEvidence(text, "xyz", { file: "f.yaml" });
    expect(none).toEqual({ ok: false, problem: { file: "f.yaml", reason: "evidence words not found in the article", origin: "resolve:evidence", severity: "error" } });
  });

  it("falls back to a folded match and maps it to the original offsets, harakat included", () => {
    const r = locateEvidence(text, "وقعتا", where);
    const start = text.indexOf("وَقَّعَتا");
    expect(r).toEqual({ ok: true, match: "folded", span: { start, end: start + "وَقَّعَتا".length } });
    // The final letter's harakat belong to the span, in a folded match and in an exact one.
    expect(locateEvidence("قد كتبَ الولدُ", "قد كتب", where)).toEqual({ ok: true, match: "exact", span: { start: 0, end: 7 } });
    expect(locateEvidence("قد كتبَ الولدُ", "قَد كتب", where)).toEqual({ ok: true, match: "folded", span: { start: 0, end: 7 } });
  });

  it("matches across a line break after folding whitespace", () => {
    const r = locateEvidence("لضمان\nهزيمتهم باستمرار", "لضمان هزيمتهم", where);
    expect(r).toEqual({ ok: true, match: "folded", span: { start: 0, end: 13 } });
  });

  it("counts offsets in code points when the text has characters outside the BMP", () => {
    const t = "😀 قطر شريك";
    expect(locateEvidence(t, "قطر", where)).toEqual({ ok: true, match: "exact", span: { start: 2, end: 5 } });
    expect(locateEvidence(t, "قَطَر", where)).toEqual({ ok: true, match: "folded", span: { start: 2, end: 5 } });
    expect(sliceCp(t, 2, 5)).toBe("قطر");
  });

  it("rejects empty words", () => {
    const r = locateEvidence(text, "  ", where);
    expect(r.ok === false && r.problem.reason).toBe("evidence words are empty");
    const marks = locateEvidence(text, "ـّ", where);
    expect(marks.ok === false && marks.problem.reason).toBe("evidence words have no letters");
  });

  it("keeps CRLF offsets exact", () => {
    const t = "سطر أول\r\nقطر شريك أساسي\r\n";
    expect(locateEvidence(t, "قطر شريك", where)).toEqual({ ok: true, match: "exact", span: { start: 9, end: 17 } });
  });
});

describe("offsets", () => {
  it("convert between UTF-16 indices and code points", () => {
    const t = "a😀b😀c";
    expect(cpLength(t)).toBe(5);
    expect(cpLength("a\uD800b")).toBe(3);
    expect(toCodePoint(t, 3)).toBe(2);
    expect(toUtf16(t, 2)).toBe(3);
    expect(toUtf16(t, 99)).toBe(t.length);
    expect(sliceCp(t, 1, 4)).toBe("😀b😀");
  });
});

describe("ids and spans", () => {
  const fact = {
    predicate: "signed",
    subject: "qatar",
    object: "qatar-us-ct-mou",
    date: { value: "2017-07", precision: "month" as const },
    modality: "asserted" as const,
  };

  it("claimId is pinned: ids must not change between releases", () => {
    // sha256 of {"date":{"precision":"month","value":"2017-07"},"modality":"asserted","object":"qatar-us-ct-mou","predicate":"signed","subject":"qatar"}
    expect(claimId(fact)).toBe("claim-120a9e72b4a61fa9");
  });

  it("claimId ignores key order, evidence and the default modality, and separates what differs", () => {
    const same = { date: { precision: "month" as const, value: "2017-07" }, object: "qatar-us-ct-mou", subject: "qatar", predicate: "signed" };
    expect(claimId(same)).toBe(claimId(fact));
    expect(claimId({ ...fact, evidence: ["x"], relationship: "SIGNED" } as typeof fact)).toBe(claimId(fact));
    expect(claimId({ ...fact, subject: "united-states" })).not.toBe(claimId(fact));
    expect(claimId({ ...fact, date: { value: "2017", precision: "year" } })).not.toBe(claimId(fact));
    expect(claimId({ ...fact, modality: "negated" })).not.toBe(claimId(fact));
    const v = { predicate: "hasMemberCount", subject: "global-coalition" };
    expect(claimId({ ...v, value: { quantity: 82, unit: "member", bound: "exact" } })).not.toBe(
      claimId({ ...v, value: { quantity: 82, unit: "member", bound: "lower" } }),
    );
  });

  it("mentionId joins source and offsets", () => {
    expect(mentionId("lusail-qatar-coalition-2020", 12, 40)).toBe("lusail-qatar-coalition-2020:12-40");
  });

  it("spanOf gives exact text and up to 32 characters of context", () => {
    const t = "0123456789".repeat(5);
    expect(spanOf(t, 40, 42)).toEqual({ exact: "01", prefix: t.slice(8, 40), suffix: t.slice(42) });
    expect(spanOf(t, 40, 42).prefix).toHaveLength(32);
    expect(spanOf(t, 0, 3)).toEqual({ exact: "012", prefix: "", suffix: t.slice(3, 35) });
    expect(spanOf("😀😀قطر😀", 2, 5)).toEqual({ exact: "قطر", prefix: "😀😀", suffix: "😀" });
  });
});

describe("resolveFacts", () => {
  it("resolves the fixture facts and locates each problem at its evidence line", async () => {
    const facts = await readFacts(bad("evidence.facts.yaml"));
    const text = await readFile(bad("evidence-article.txt"), "utf8");
    const r = resolveFacts(facts.value, text, { file: facts.file, article: "evidence-article.txt", locate: facts.locate });
    expect(r.problems).toEqual([
      {
        file: facts.file,
        line: 7,
        column: 9,
        field: "facts[0].evidence[0]",
        reason: "evidence words found 2 times in evidence-article.txt, at lines 1, 2 — make them longer so they are unique",
        origin: "resolve:evidence",
        severity: "error",
      },
      {
        file: facts.file,
        line: 13,
        column: 9,
        field: "facts[1].evidence[1]",
        reason: 'evidence words not found in evidence-article.txt; the longest beginning that occurs is "ك"',
        origin: "resolve:evidence",
        severity: "error",
      },
    ]);
    // Only the fact whose every evidence resolved is kept.
    expect(r.resolved.map((f) => [f.index, f.fact.predicate])).toEqual([[2, "memberOf"]]);
    expect(r.resolved[0]!.evidence).toEqual([{ words: "قطر شريك أساسي في التحالف", match: "exact", span: { start: 40, end: 65 } }]);
  });

  it("every evidence of the real facts occurs exactly once in the real article", async () => {
    const facts = await readFacts(seed("article-ar.facts.yaml"));
    const text = await readFile(seed("article-ar.txt"), "utf8");
    const r = resolveFacts(facts.value, text, { file: facts.file, article: basename(seed("article-ar.txt")), locate: facts.locate });
    expect(r.problems).toEqual([]);
    expect(r.resolved).toHaveLength(facts.value.facts.length);
    for (const f of r.resolved) {
      for (const e of f.evidence) {
        expect(e.match).toBe("exact");
        expect(text.slice(e.span.start, e.span.end)).toBe(e.words);
        expect(text.indexOf(e.words, e.span.start + 1)).toBe(-1);
        expect(text.indexOf(e.words)).toBe(e.span.start);
      }
    }
    // The claim ids of distinct facts are distinct.
    expect(new Set(r.resolved.map((f) => f.claimId)).size).toBe(r.resolved.length);
  });
});
