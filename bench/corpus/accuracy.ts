import { extract, type Extraction, type NameIndex } from "../../src/ingest/extract/index.js";
import { parse } from "../../src/ingest/parse/index.js";
import type { GroundTruth, SyntheticArticle } from "./truth.js";

/**
 * Precision and recall of the extractor (src/ingest/extract) against the generator's ground truth.
 * An extracted item counts only when it equals a true one exactly: same span, and the same entity,
 * speaker, value or date. Quote attributes (verb, setting, outlet) are scored on the quotes found.
 * The generator writes curated gazetteer names and people after titles; what lies outside its
 * truth (world-data names, nested mentions, the statistical tagger's finds) is scored on real
 * articles by `npm run eval -- dev`, not here.
 */

export interface Score {
  /** Items in the ground truth. */
  truth: number;
  /** Items the extractor returned. */
  found: number;
  /** Found items equal to a true one. */
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export const CATEGORIES = ["mentions", "candidates", "quotes", "quantities", "dates"] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Accuracy {
  articles: number;
  scores: Record<Category, Score>;
  /** Among correct quotes: share with the right verb, implicit flag, setting and outlet. */
  quoteAttributes: { verb: number; implicitVerb: number; setting: number; outlet: number };
  /** A few disagreements per category, for reading. */
  examples: Record<Category, { missed: string[]; spurious: string[] }>;
}

type Keyed = Map<string, string>;

/** Each item keyed by what must be equal, mapped to a readable description. */
function truthKeys(t: GroundTruth, text: string): Record<Category, Keyed> {
  const at = (s: { start: number; end: number }) => `${s.start}-${s.end} «${text.slice(s.start, s.end).slice(0, 60)}»`;
  return {
    mentions: new Map(t.mentions.map((m) => [`${m.start}:${m.end}:${m.entityId}`, `${m.entityId} ${at(m)}`])),
    candidates: new Map(t.candidates.map((m) => [`${m.start}:${m.end}:${m.name}`, `${m.name} ${at(m)}`])),
    quotes: new Map(
      t.quotes.map((q) => {
        const who = "entityId" in q.speaker ? q.speaker.entityId : `candidate:${q.speaker.candidate}`;
        return [`${q.start}:${q.end}:${who}`, `${who} ${at(q)}`];
      }),
    ),
    quantities: new Map(t.quantities.map((q) => [`${q.start}:${q.end}:${q.value}:${q.unit}:${q.bound}`, `${q.value} ${q.unit} ${q.bound} ${at(q)}`])),
    dates: new Map(t.dates.map((d) => [`${d.start}:${d.end}:${d.value}:${d.precision}`, `${d.value} ${at(d)}`])),
  };
}

function extractionKeys(x: Extraction, text: string, names: NameIndex): Record<Category, Keyed> {
  return truthKeys(
    {
      mentions: x.entityMentions
        .filter((m) => !m.nested && names.curated.has(m.entityId))
        .map((m) => ({ entityId: m.entityId, start: m.start, end: m.end })),
      candidates: x.candidates.filter((m) => m.via === "title").map((m) => ({ name: m.name, start: m.start, end: m.end })),
      quotes: x.quotes.map((q) => ({
        start: q.start,
        end: q.end,
        speaker: q.speakerEntityId !== undefined ? { entityId: q.speakerEntityId } : { candidate: q.unresolvedSpeakerName },
        verb: q.verb,
        implicitVerb: q.implicitVerb,
      })),
      quantities: x.quantities.map((q) => ({ start: q.start, end: q.end, value: q.value, bound: q.bound, unit: q.unit ?? `?${q.unitAr}` })),
      dates: x.dates.map((d) => ({ start: d.start, end: d.end, value: d.value, precision: d.precision })),
    },
    text,
  );
}

function score(truth: number, found: number, correct: number): Score {
  const precision = found === 0 ? 1 : correct / found;
  const recall = truth === 0 ? 1 : correct / truth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truth, found, correct, precision, recall, f1 };
}

const EXAMPLES = 5;

/** Runs parse + extract on every article and scores it against the article's ground truth. */
export function measureAccuracy(articles: readonly SyntheticArticle[], names: NameIndex): Accuracy {
  const totals = Object.fromEntries(CATEGORIES.map((c) => [c, { truth: 0, found: 0, correct: 0 }])) as Record<Category, { truth: number; found: number; correct: number }>;
  const examples = Object.fromEntries(CATEGORIES.map((c) => [c, { missed: [] as string[], spurious: [] as string[] }])) as Accuracy["examples"];
  const attributes = { verb: 0, implicitVerb: 0, setting: 0, outlet: 0 };
  let correctQuotes = 0;

  for (const article of articles) {
    const x = extract(parse(article.text, article.meta.id), names, { trusted: true });
    const expected = truthKeys(article.truth, article.text);
    const got = extractionKeys(x, article.text, names);
    for (const c of CATEGORIES) {
      const t = totals[c];
      t.truth += expected[c].size;
      t.found += got[c].size;
      for (const [key, label] of got[c]) {
        if (expected[c].has(key)) t.correct++;
        else if (examples[c].spurious.length < EXAMPLES) examples[c].spurious.push(`${article.meta.id} ${label}`);
      }
      for (const [key, label] of expected[c]) {
        if (!got[c].has(key) && examples[c].missed.length < EXAMPLES) examples[c].missed.push(`${article.meta.id} ${label}`);
      }
    }
    for (const q of x.quotes) {
      const t = article.truth.quotes.find((tq) => tq.start === q.start && tq.end === q.end);
      if (!t) continue;
      correctQuotes++;
      if (t.verb === q.verb) attributes.verb++;
      if (t.implicitVerb === q.implicitVerb) attributes.implicitVerb++;
      if (t.settingId === q.settingEntityId) attributes.setting++;
      if (t.outletId === q.outletEntityId) attributes.outlet++;
    }
  }
  const share = (n: number) => (correctQuotes === 0 ? 1 : n / correctQuotes);
  return {
    articles: articles.length,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, score(totals[c].truth, totals[c].found, totals[c].correct)])) as Record<Category, Score>,
    quoteAttributes: {
      verb: share(attributes.verb),
      implicitVerb: share(attributes.implicitVerb),
      setting: share(attributes.setting),
      outlet: share(attributes.outlet),
    },
    examples,
  };
}
