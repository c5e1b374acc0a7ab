import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateArticle, generateCorpus, measureAccuracy, type SyntheticArticle } from "../../bench/corpus/index.js";
import { buildNameIndex, type NameIndex } from "../../src/ingest/extract/index.js";
import type { GazetteerEntry } from "../../src/model/seed-files.js";
import { buildSourceGraph } from "../../src/ingest/pipeline/stages.js";
import { SEED_DIR } from "../../src/ingest/pipeline/seed-project.js";
import { sha256Hex } from "../../src/model/ids.js";
import { resolveFacts } from "../../src/ingest/resolve/index.js";
import { readGazetteer } from "../../src/ingest/read/index.js";
import { fold } from "../../src/lexicon/arabic.js";

let gazetteer: GazetteerEntry[];
let names: NameIndex;
let corpus: SyntheticArticle[];

beforeAll(async () => {
  gazetteer = (await readGazetteer(join(SEED_DIR, "gazetteer.yaml"))).value.entities;
  names = buildNameIndex(gazetteer);
  corpus = generateCorpus(gazetteer, { count: 150 });
});

describe("synthetic corpus: deterministic", () => {
  it("gives the same articles for the same seed, and article i whatever the corpus size", () => {
    const again = generateCorpus(gazetteer, { count: 150 });
    expect(again).toEqual(corpus);
    expect(generateCorpus(gazetteer, { count: 3, first: 40 })).toEqual(corpus.slice(40, 43));
    expect(generateArticle(7, gazetteer)).toEqual(corpus[7]);
  });

  it("gives other articles for another seed", () => {
    const other = generateCorpus(gazetteer, { count: 5, seed: 7 });
    expect(other.map((a) => a.text)).not.toEqual(corpus.slice(0, 5).map((a) => a.text));
  });

  it("names articles synthetic-000001, … and keeps them article-sized", () => {
    expect(corpus[0]!.meta.id).toBe("synthetic-000001");
    expect(corpus[149]!.meta.id).toBe("synthetic-000150");
    const lengths = corpus.map((a) => a.text.length);
    expect(Math.min(...lengths)).toBeGreaterThan(700);
    expect(Math.max(...lengths)).toBeLessThan(6000);
  });
});

describe("synthetic corpus: ground truth", () => {
  const formsOf = (id: string) => {
    const e = gazetteer.find((g) => g.id === id)!;
    return new Set([e.nameAr, ...e.aliases, ...(e.descriptions ?? [])].map(fold));
  };

  it("records every gazetteer mention as a span that reads one of the entity's names (ل fused with ال kept)", () => {
    let checked = 0;
    for (const a of corpus) {
      for (const m of a.truth.mentions) {
        const exact = a.text.slice(m.start, m.end);
        const bare = exact.startsWith("لل") ? `ا${exact.slice(1)}` : exact;
        expect(formsOf(m.entityId).has(fold(bare)), `${a.meta.id} ${m.entityId} «${exact}»`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it("records quotes from after their marker to the end of their paragraph", () => {
    for (const a of corpus) {
      for (const q of a.truth.quotes) {
        expect(a.text[q.end - 1]).toBe(".");
        expect(["\n", undefined]).toContain(a.text[q.end]);
        expect(a.text.slice(q.start - 3, q.start)).toMatch(/(أن|إن|:) $/);
      }
    }
    expect(corpus.flatMap((a) => a.truth.quotes).some((q) => q.implicitVerb)).toBe(true);
    expect(corpus.flatMap((a) => a.truth.quotes).some((q) => "candidate" in q.speaker)).toBe(true);
  });

  it("writes quantities and dates whose values it knows, in both digit systems", () => {
    const all = corpus.flatMap((a) => a.truth.quantities.map((q) => ({ q, text: a.text.slice(q.start, q.end) })));
    expect(all.find(({ text }) => /[٠-٩]/.test(text))).toBeDefined();
    const approx = all.find(({ q }) => q.unit === "km2")!;
    expect(approx.q.bound).toBe("approximate");
    expect(approx.q.value % 1000).toBe(0);
    const days = corpus.flatMap((a) => a.truth.dates.filter((d) => d.precision === "day"));
    for (const d of days) expect(d.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("carries curated facts whose evidence occurs once in the article, so the pipeline accepts every article", () => {
    let claims = 0;
    for (const a of corpus.slice(0, 60)) {
      const { resolved, problems } = resolveFacts(a.facts, a.text, { file: a.meta.id, article: a.meta.id });
      expect(problems).toEqual([]);
      const built = buildSourceGraph({ meta: a.meta, text: a.text, sha256: sha256Hex(a.text), file: a.meta.id }, names, resolved, { trusted: true });
      claims += built.graph.claims.length;
      expect(built.graph.source.id).toBe(a.meta.id);
    }
    expect(claims).toBeGreaterThan(100);
  });
});

describe("extraction accuracy against the ground truth", () => {
  it("scores the extractor on the corpus", () => {
    const acc = measureAccuracy(corpus, names);
    expect(acc.articles).toBe(150);
    for (const k of ["mentions", "quantities", "dates"] as const) {
      expect(acc.scores[k].precision, k).toBeGreaterThan(0.99);
      expect(acc.scores[k].recall, k).toBeGreaterThan(0.99);
    }
    expect(acc.scores.quotes.f1).toBeGreaterThan(0.95);
    expect(acc.scores.candidates.precision).toBeGreaterThan(0.95);
    expect(acc.scores.mentions.truth).toBe(corpus.reduce((n, a) => n + a.truth.mentions.length, 0));
  });

  it("counts a wrong span, entity or value as both a miss and a spurious find", () => {
    const [a] = corpus;
    const exact = measureAccuracy([a!], names);
    const m = a!.truth.mentions[0]!;
    const shifted: SyntheticArticle = {
      ...a!,
      truth: { ...a!.truth, mentions: [{ ...m, end: m.end + 1 }, ...a!.truth.mentions.slice(1)] },
    };
    const off = measureAccuracy([shifted], names);
    expect(off.scores.mentions.correct).toBe(exact.scores.mentions.correct - 1);
    expect(off.examples.mentions.missed[0]).toContain(m.entityId);
    expect(off.examples.mentions.spurious[0]).toContain(m.entityId);
    const q = a!.truth.quantities[0]!;
    const wrongValue: SyntheticArticle = { ...a!, truth: { ...a!.truth, quantities: [{ ...q, value: q.value + 1 }, ...a!.truth.quantities.slice(1)] } };
    expect(measureAccuracy([wrongValue], names).scores.quantities.recall).toBeLessThan(exact.scores.quantities.recall);
  });
});
