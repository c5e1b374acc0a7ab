import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { Featurizer, MAX_FEATURES } from "./features.js";
import { Scratch, emit, serializeModel, viterbi } from "./model.js";
import { type NerGazetteer, TAG_COUNT, sequenceOfWords, tagIndex } from "./sequence.js";

/** A sentence of a CoNLL corpus: words and their BIO tags. */
export interface TaggedSentence {
  words: string[];
  tags: string[];
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Weights that round to fewer units (of 1/1000) are left out of the file. */
  prune: number;
  gazetteer: NerGazetteer;
  /** Called after each epoch with the number of sentences tagged wrong in it. */
  progress?: (epoch: number, mistakes: number) => void;
}

export const DEFAULT_TRAIN: Omit<TrainOptions, "gazetteer"> = { epochs: 30, seed: 20070218, prune: 20 };

interface Example {
  feats: Int32Array;
  offsets: Int32Array;
  gold: Uint8Array;
}

/**
 * The gold tag of each word `analyse` cuts from a CoNLL sentence: the tag of the CoNLL word it
 * comes from, continued as I- on the second and later pieces of a word ("2006-2007").
 */
function goldTags(tags: readonly string[], owner: Int32Array): Uint8Array {
  const gold = new Uint8Array(owner.length);
  owner.forEach((w, k) => {
    let t = tagIndex(tags[w]!);
    if (k > 0 && owner[k - 1] === w && t > 0 && t % 2 === 1) t += 1;
    gold[k] = t;
  });
  return gold;
}

/** Averaged structured perceptron: the same sentences, options and seed give the same bytes. */
export function train(sentences: readonly TaggedSentence[], options: TrainOptions): Buffer {
  const T = TAG_COUNT;
  const index = new Map<string, number>();
  const featurizer = new Featurizer((f) => {
    let i = index.get(f);
    if (i === undefined) {
      i = index.size;
      index.set(f, i);
    }
    return i;
  });
  const examples: Example[] = [];
  for (const s of sentences) {
    const { sequence, owner } = sequenceOfWords(s.words, options.gazetteer);
    const n = sequence.words.length;
    if (n === 0) continue;
    const feats = new Int32Array(n * MAX_FEATURES);
    const offsets = new Int32Array(n + 1);
    featurizer.featurize(sequence, feats, offsets);
    examples.push({ feats: feats.slice(0, offsets[n]), offsets, gold: goldTags(s.tags, owner) });
  }

  const F = index.size;
  const w = { features: new Float64Array(F * T), transitions: new Float64Array((T + 1) * T) };
  // Sums of (update × step) for the average: avg = w - acc / steps (Daumé's trick).
  const acc = { features: new Float64Array(F * T), transitions: new Float64Array((T + 1) * T) };
  const scratch = new Scratch();
  const order = examples.map((_, i) => i);
  const rng = xoroshiro128plus(options.seed);
  let step = 1;
  let pred = new Uint8Array(0);

  const bump = (which: "features" | "transitions", k: number, by: number) => {
    w[which][k]! += by;
    acc[which][k]! += by * step;
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = uniformInt(rng, 0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const e of order) {
      const { feats, offsets, gold } = examples[e]!;
      const n = gold.length;
      scratch.ensure(n);
      if (pred.length < n) pred = new Uint8Array(2 * n);
      emit(w, n, feats, offsets, scratch);
      viterbi(w, n, scratch, pred);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = gold[i]!;
        const p = pred[i]!;
        const pg = i === 0 ? T : gold[i - 1]!;
        const pp = i === 0 ? T : pred[i - 1]!;
        if (g !== p || pg !== pp) {
          bump("transitions", pg * T + g, 1);
          bump("transitions", pp * T + p, -1);
        }
        if (g === p) continue;
        wrong = true;
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
          bump("features", feats[k]! * T + g, 1);
          bump("features", feats[k]! * T + p, -1);
        }
      }
      if (wrong) mistakes++;
      step++;
    }
    options.progress?.(epoch, mistakes);
  }

  const average = (which: "features" | "transitions") => w[which].map((v, k) => v - acc[which][k]! / step);
  return serializeModel(index, { features: average("features"), transitions: average("transitions") }, options.prune);
}
