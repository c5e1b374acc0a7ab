import { describe, expect, it } from "vitest";
import { analyse } from "../../src/ingest/extract/doc.js";
import { nerModel, recognise, tagWords } from "../../src/ingest/extract/ner/index.js";
import { deserializeModel } from "../../src/ingest/extract/ner/model.js";
import { nerGazetteer } from "../../src/ingest/extract/ner/sequence.js";
import { train } from "../../src/ingest/extract/ner/train.js";
import { parse } from "../../src/ingest/parse/index.js";
import { formatNerScore, scoreNer } from "../../src/tools/eval/ner.js";

describe("NER scorer (conlleval rules)", () => {
  it("counts exact chunks per type and micro", () => {
    const s = scoreNer([
      { gold: ["B-PERS", "I-PERS", "O", "B-LOC"], predicted: ["B-PERS", "I-PERS", "O", "B-ORG"] },
      { gold: ["B-ORG", "I-ORG", "I-ORG"], predicted: ["B-ORG", "I-ORG", "O"] },
    ]);
    expect(s.byType.PERS).toMatchObject({ gold: 1, predicted: 1, correct: 1, f1: 100 });
    expect(s.byType.LOC).toMatchObject({ gold: 1, predicted: 0, correct: 0, f1: 0 });
    expect(s.byType.ORG).toMatchObject({ gold: 1, predicted: 2, correct: 0 });
    expect(s.micro).toMatchObject({ gold: 3, predicted: 3, correct: 1 });
    expect(s.tokens).toBe(7);
    expect(formatNerScore(s)).toMatch(/micro\s+precision\s+33\.33/);
  });

  it("starts a chunk at an I- without B-, and at an I- of another type", () => {
    const s = scoreNer([
      { gold: ["O", "I-LOC", "I-LOC", "I-PERS"], predicted: ["O", "B-LOC", "I-LOC", "B-PERS"] },
    ]);
    expect(s.micro).toMatchObject({ gold: 2, predicted: 2, correct: 2 });
  });

  it("ends chunks at sentence ends", () => {
    const s = scoreNer([
      { gold: ["B-LOC"], predicted: ["B-LOC"] },
      { gold: ["I-LOC"], predicted: ["I-LOC"] },
    ]);
    expect(s.micro).toMatchObject({ gold: 2, correct: 2 });
  });
});

/** A made-up corpus: invented names in invented sentences. */
const TINY = [
  { words: ["زار", "سامر", "الحلبي", "مدينة", "نوران", "."], tags: ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"] },
  { words: ["وقالت", "شركة", "الندى", "للبرمجيات", "إن", "رامي", "وصل"], tags: ["O", "B-ORG", "I-ORG", "I-ORG", "O", "B-PERS", "O"] },
  { words: ["في", "نوران", "،", "أعلن", "(", "سامر", ")", "الخبر"], tags: ["O", "B-LOC", "O", "O", "O", "B-PERS", "O", "O"] },
];

describe("NER training", () => {
  const options = { epochs: 3, seed: 7, prune: 0, gazetteer: nerGazetteer([]) };

  it("gives the same bytes for the same data and seed", () => {
    const a = train(TINY, options);
    const b = train(TINY, options);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it("learns what it was shown", () => {
    const model = deserializeModel(train(TINY, { ...options, epochs: 5 }));
    expect(tagWords(TINY[0]!.words, options.gazetteer, model)).toEqual(TINY[0]!.tags);
  });
});

describe("NER with the committed model", () => {
  it("loads the model once", () => {
    expect(nerModel()).toBe(nerModel());
  });

  it("finds a person after a title and a country of the gazetteer, at their offsets", () => {
    const text = "قال العقيد سامر الحلبي إن قطر ستفتتح مستشفى جديدا في الشهر المقبل.";
    const gazetteer = nerGazetteer([{ id: "qatar", type: "Country", nameAr: "قطر", nameEn: "Qatar", aliases: [] }]);
    const spans = recognise(analyse(parse(text, "invented")), gazetteer);
    const found = spans.map((s) => [text.slice(s.start, s.end), s.type]);
    expect(found).toContainEqual(["سامر الحلبي", "Person"]);
    expect(found).toContainEqual(["قطر", "Place"]);
    for (const s of spans) expect(s.confidence).toBeGreaterThan(0);
  });
});
