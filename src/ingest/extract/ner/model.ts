import { gunzipSync, gzipSync } from "node:zlib";
import { Featurizer, MAX_FEATURES } from "./features.js";
import { TAGS, TAG_COUNT, type Sequence } from "./sequence.js";

/**
 * A linear-chain tagger: per-word feature weights for each tag, plus tag-to-tag transition
 * weights (row TAG_COUNT is the sentence start), decoded with Viterbi.
 */
export interface Weights {
  /** weights[f * TAG_COUNT + t]. */
  features: Float32Array | Float64Array;
  /** transitions[p * TAG_COUNT + t], p = TAG_COUNT for the sentence start. */
  transitions: Float32Array | Float64Array;
}

const T = TAG_COUNT;

/** Scratch space for one sentence, grown as needed and reused: tagging allocates little. */
export class Scratch {
  feats = new Int32Array(0);
  offsets = new Int32Array(0);
  emissions = new Float64Array(0);
  scores = new Float64Array(0);
  back = new Int32Array(0);

  private capacity = 0;

  ensure(n: number): void {
    if (this.capacity >= n) return;
    const size = Math.max(n, 2 * this.capacity);
    this.capacity = size;
    this.feats = new Int32Array(size * MAX_FEATURES);
    this.offsets = new Int32Array(size + 1);
    this.emissions = new Float64Array(size * T);
    this.scores = new Float64Array(size * T);
    this.back = new Int32Array(size * T);
  }
}

/** Per-tag sums of the feature weights of each word (features as Featurizer.featurize lays them out) into scratch.emissions. */
export function emit(w: Weights, n: number, feats: Int32Array, offsets: Int32Array, s: Scratch): void {
  const { emissions } = s;
  const W = w.features;
  emissions.fill(0, 0, n * T);
  for (let i = 0; i < n; i++) {
    const base = i * T;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const f = feats[k]! * T;
      for (let t = 0; t < T; t++) emissions[base + t]! += W[f + t]!;
    }
  }
}

/** Best tag sequence into `tags`, from scratch.emissions. */
export function viterbi(w: Weights, n: number, s: Scratch, tags: Uint8Array): void {
  const { emissions, scores, back } = s;
  const tr = w.transitions;
  for (let t = 0; t < T; t++) scores[t] = emissions[t]! + tr[T * T + t]!;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        const v = scores[(i - 1) * T + p]! + tr[p * T + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      scores[i * T + t] = best + emissions[i * T + t]!;
      back[i * T + t] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let t = 0; t < T; t++) {
    if (scores[(n - 1) * T + t]! > best) {
      best = scores[(n - 1) * T + t]!;
      arg = t;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    tags[i] = arg;
    arg = back[i * T + arg]!;
  }
}

/** A trained model: its feature index, weights and a featurizer bound to that index. */
export class Model {
  readonly featurizer: Featurizer;
  private readonly scratch = new Scratch();

  constructor(
    readonly index: ReadonlyMap<string, number>,
    readonly weights: Weights,
  ) {
    this.featurizer = new Featurizer((f) => index.get(f) ?? -1);
  }

  /**
   * Tag indexes of the sequence, and for each word a confidence: the share of its tag among the
   * tags its own scores and the transition from the tag before allow (a softmax, not calibrated).
   */
  tag(seq: Sequence): { tags: Uint8Array; confidence: Float64Array } {
    const n = seq.words.length;
    const tags = new Uint8Array(n);
    const confidence = new Float64Array(n);
    if (n === 0) return { tags, confidence };
    const s = this.scratch;
    s.ensure(n);
    this.featurizer.featurize(seq, s.feats, s.offsets);
    emit(this.weights, n, s.feats, s.offsets, s);
    viterbi(this.weights, n, s, tags);
    const tr = this.weights.transitions;
    const em = s.emissions;
    for (let i = 0; i < n; i++) {
      const prev = (i === 0 ? T : tags[i - 1]!) * T;
      const mine = em[i * T + tags[i]!]! + tr[prev + tags[i]!]!;
      let sum = 0;
      for (let t = 0; t < T; t++) sum += Math.exp(em[i * T + t]! + tr[prev + t]! - mine);
      confidence[i] = 1 / sum;
    }
    return { tags, confidence };
  }
}

/** Weights are stored as integers in units of 1 / SCALE. */
const SCALE = 1000;
const FORMAT = "sanad-ner-perceptron/1";

interface ModelFile {
  format: string;
  tags: readonly string[];
  scale: number;
  /** (TAG_COUNT + 1) × TAG_COUNT, row by row. */
  transitions: number[];
  /** Feature → [tag, weight, tag, weight, …], tags ascending, zero weights left out. */
  features: Record<string, number[]>;
}

/**
 * The model as gzipped JSON, byte for byte the same for the same weights: features sorted,
 * weights rounded to 1/SCALE, those that round to less than `prune` units dropped, and the gzip
 * header's OS byte set to "unknown" (the time field is zero already).
 */
export function serializeModel(index: ReadonlyMap<string, number>, weights: Weights, prune: number): Buffer {
  const features: Record<string, number[]> = {};
  const names = [...index.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const f = index.get(name)!;
    const row: number[] = [];
    for (let t = 0; t < T; t++) {
      const v = Math.round(weights.features[f * T + t]! * SCALE);
      if (Math.abs(v) >= prune) row.push(t, v);
    }
    if (row.length > 0) features[name] = row;
  }
  const file: ModelFile = {
    format: FORMAT,
    tags: TAGS,
    scale: SCALE,
    transitions: Array.from(weights.transitions, (v) => Math.round(v * SCALE)),
    features,
  };
  const gz = gzipSync(Buffer.from(JSON.stringify(file)), { level: 9 });
  gz[9] = 0xff;
  return gz;
}

export function deserializeModel(bytes: Buffer): Model {
  const file = JSON.parse(gunzipSync(bytes).toString("utf8")) as ModelFile;
  if (file.format !== FORMAT || file.tags.join() !== TAGS.join()) throw new Error(`not a ${FORMAT} model with tags ${TAGS.join()}`);
  const names = Object.keys(file.features);
  const index = new Map<string, number>();
  const features = new Float32Array(names.length * T);
  names.forEach((name, f) => {
    index.set(name, f);
    const row = file.features[name]!;
    for (let k = 0; k < row.length; k += 2) features[f * T + row[k]!] = row[k + 1]! / file.scale;
  });
  const transitions = Float32Array.from(file.transitions, (v) => v / file.scale);
  return new Model(index, { features, transitions });
}
