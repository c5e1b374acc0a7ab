import { readFileSync } from "node:fs";
import { readGazetteer } from "../../read/index.js";
import { type Doc } from "../doc.js";
import { type Model, deserializeModel } from "./model.js";
import { conllChunks } from "./chunks.js";
import type { GazetteerEntry } from "../../../model/seed-files.js";
import { WORLD } from "../../../lexicon/world/index.js";
import { type NerGazetteer, TAGS, type TagType, gazetteerLabels, nerGazetteer, sequenceOf, sequenceOfWords } from "./sequence.js";

export { nerGazetteer, type NerGazetteer } from "./sequence.js";
export { parseConll } from "./conll.js";

/** The model trained on ANERcorp by `npm run train:ner`. */
export const MODEL_URL = new URL("../../../../models/ner-anercorp.json.gz", import.meta.url);

export type NerType = "Person" | "Place" | "Organization" | "Misc";

/** A mention the tagger found: text.slice(start, end) in the source's original offsets. */
export interface NerSpan {
  start: number;
  end: number;
  type: NerType;
  /** Lowest per-word confidence of the span's tags, in (0, 1]; a ranking, not a calibrated probability. */
  confidence: number;
}

const NER_TYPE: Readonly<Record<TagType, NerType>> = {
  PERS: "Person",
  LOC: "Place",
  ORG: "Organization",
  MISC: "Misc",
};

let cached: Model | undefined;

/**
 * The model, read once per process. Sharing it is safe: its weights and feature index never
 * change after loading; only its caches of per-word feature indexes and its scratch buffers
 * are written, and tagging is synchronous, so no two calls use them at once.
 */
export function nerModel(): Model {
  cached ??= deserializeModel(readFileSync(MODEL_URL));
  return cached;
}

/** Named-entity mentions of a document, sentence by sentence, with exact original offsets. */
export function recognise(doc: Doc, gazetteer: NerGazetteer = taggerGazetteer(), model: Model = nerModel()): NerSpan[] {
  const labels = gazetteerLabels(doc, gazetteer);
  const spans: NerSpan[] = [];
  for (const [first, end] of doc.sentenceTokens) {
    if (end <= first) continue;
    const { tags, confidence } = model.tag(sequenceOf(doc, first, end, labels));
    for (const c of conllChunks(Array.from(tags, (t) => TAGS[t]!))) {
      let conf = 1;
      for (let i = c.first; i < c.end; i++) conf = Math.min(conf, confidence[i]!);
      spans.push({
        start: doc.tokens[first + c.first]!.start,
        end: doc.tokens[first + c.end - 1]!.end,
        type: NER_TYPE[c.type as TagType],
        confidence: conf,
      });
    }
  }
  return spans;
}

/**
 * BIO tags (PERS, LOC, ORG, MISC) of one pre-tokenised sentence, a tag a word: each word takes
 * the tag of its first letter-or-digit piece; punctuation-only words are O.
 */
export function tagWords(words: readonly string[], gazetteer: NerGazetteer = taggerGazetteer(), model: Model = nerModel()): string[] {
  const { sequence, owner } = sequenceOfWords(words, gazetteer);
  const { tags } = model.tag(sequence);
  const out: string[] = words.map(() => "O");
  for (let k = owner.length - 1; k >= 0; k--) out[owner[k]!] = TAGS[tags[k]!]!;
  return out;
}

/** Countries, dependent territories and capitals of the world data: the names the model was trained with (not its organisations). */
const WORLD_PLACES = WORLD.filter((e) => e.type !== "Organization");
let world: NerGazetteer | undefined;

/**
 * Names the tagger reads as a feature: the curated entries first (they win where both list a
 * form), then the world data. Without curated entries the result is built once and shared.
 */
export function taggerGazetteer(curated: readonly GazetteerEntry[] = []): NerGazetteer {
  if (curated.length > 0) return nerGazetteer([...curated, ...WORLD_PLACES]);
  world ??= nerGazetteer(WORLD_PLACES);
  return world;
}

/** The gazetteer the model was trained with, as training and evaluation read it: the curated file and the world data. */
export async function readNerGazetteer(path: string): Promise<NerGazetteer> {
  return taggerGazetteer((await readGazetteer(path)).value.entities);
}
