import { ARTICLE, CONJUNCTIONS, NAME_LINKS, ORGANIZATION_HEADS, PREPOSITIONS, TITLES, bareStem } from "../../../lexicon/index.js";
import { TAGS, type Sequence } from "./sequence.js";

/**
 * Feature templates of the tagger. Features are strings ("w=قطر"), turned into indexes by a
 * lookup: training adds every new string, a trained model answers -1 for strings it does not
 * know. Everything about a word that does not depend on its neighbours (its forms, affixes,
 * shape, and the indexes it contributes as a neighbour) is computed once per distinct word and
 * cached, so tagging a sentence costs one map lookup per word plus one for its bigram.
 */

const MIN_STEM = 2;

/** The word without its conjunction and preposition (ل + ال written لل gives ال back), and without the article too. */
export function stripClitics(w: string): { bare: string; stem: string } {
  let s = w;
  const conjunction = CONJUNCTIONS.find((c) => c !== "" && s.startsWith(c) && s.length - c.length > MIN_STEM);
  if (conjunction) s = s.slice(conjunction.length);
  const lamArticle = "ل" + ARTICLE.slice(1);
  if (s.startsWith(lamArticle) && s.length - lamArticle.length >= MIN_STEM) s = ARTICLE + s.slice(lamArticle.length);
  else {
    const preposition = PREPOSITIONS.find((p) => p !== "" && s.startsWith(p) && s.length - p.length > MIN_STEM);
    if (preposition) s = s.slice(preposition.length);
  }
  const bare = s;
  if (s.startsWith(ARTICLE) && s.length - ARTICLE.length >= MIN_STEM) s = s.slice(ARTICLE.length);
  return { bare, stem: s };
}

function charClass(c: string): string {
  if (/\p{Script=Arabic}/u.test(c)) return "a";
  if (/[0-9]/.test(c)) return "9";
  if (/\p{L}/u.test(c)) return "L";
  return "-";
}

/** Character classes with runs collapsed, and a length bucket. */
function shape(w: string): string {
  let s = "";
  for (const c of w) {
    const k = charClass(c);
    if (!s.endsWith(k)) s += k;
  }
  const n = [...w].length;
  return `${s}${n <= 2 ? n : n <= 4 ? "s" : n <= 7 ? "m" : "l"}`;
}

/** Features of the word itself. */
function ownFeatures(w: string): string[] {
  const { bare, stem } = stripClitics(w);
  const cps = [...w];
  const stemCps = [...stem];
  const out = [`w=${w}`, `b=${bare}`, `s=${stem}`, `r=${bareStem(w)}`, `sh=${shape(w)}`, `art=${bare !== stem}`, `cl=${w.length - bare.length}`, `k=${kind(bare)}`];
  for (let k = 1; k <= 3; k++) {
    if (cps.length > k) out.push(`p${k}=${cps.slice(0, k).join("")}`, `x${k}=${cps.slice(-k).join("")}`);
    if (stemCps.length > k) out.push(`sp${k}=${stemCps.slice(0, k).join("")}`, `sx${k}=${stemCps.slice(-k).join("")}`);
  }
  return out;
}

/** Title (العقيد), organisation head (وزارة), name link (عبد، بن) or none, from the lexicon's lists. */
function kind(bare: string): string {
  if (TITLES.has(bare)) return "title";
  if (ORGANIZATION_HEADS.has(bare)) return "org";
  if (NAME_LINKS.has(bare)) return "link";
  return "";
}

/** Features a word gives its neighbours: as the word 2 before, 1 before, 1 after, 2 after. */
function neighbourFeatures(w: string): string[] {
  const { bare, stem } = stripClitics(w);
  const k = kind(bare);
  return [`L2=${stem}`, `L1=${w}`, `L1s=${stem}`, `R1=${w}`, `R1s=${stem}`, `R2=${stem}`, `L1k=${k}`, `L2k=${k}`];
}

/** Punctuation only, at most two characters: what matters is a quote, bracket, comma or period. */
function gapKey(gap: string): string {
  return gap.replace(/\s+/g, "").slice(0, 2);
}

export type Lookup = (feature: string) => number;

interface WordEntry {
  own: Int32Array;
  /** Indexes of L2, L1, L1s, R1, R1s, R2, L1k, L2k features of this word. */
  asNeighbour: Int32Array;
  /** Stem, for bigrams. */
  stem: string;
}

const BOUNDARY = "<s>";
const CACHE_LIMIT = 200_000;

/** Most features a token can have: own (8 + 12), neighbours (8), gaps (2), bigram (1), gazetteer (3), bias (1). */
export const MAX_FEATURES = 35;

export class Featurizer {
  private readonly words = new Map<string, WordEntry>();
  private readonly gaps = new Map<string, Int32Array>();
  private readonly gazetteer: Int32Array;
  private readonly bias: number;

  constructor(private readonly lookup: Lookup) {
    this.bias = lookup("bias");
    // Per gazetteer label (tag index): the label on this word, the word before, the word after.
    this.gazetteer = Int32Array.from(TAGS.flatMap((t) => [lookup(`g=${t}`), lookup(`gL=${t}`), lookup(`gR=${t}`)]));
  }

  private word(w: string): WordEntry {
    let e = this.words.get(w);
    if (e) return e;
    // Lookups of a trained model never change; the cache only bounds its memory on long runs.
    if (this.words.size >= CACHE_LIMIT) this.words.clear();
    e = {
      own: Int32Array.from(ownFeatures(w).map(this.lookup)),
      asNeighbour: Int32Array.from(neighbourFeatures(w).map(this.lookup)),
      stem: stripClitics(w).stem,
    };
    this.words.set(w, e);
    return e;
  }

  private gap(g: string): Int32Array {
    let e = this.gaps.get(g);
    if (e) return e;
    if (this.gaps.size >= CACHE_LIMIT) this.gaps.clear();
    const key = gapKey(g);
    e = Int32Array.of(this.lookup(`gb=${key}`), this.lookup(`ga=${key}`));
    this.gaps.set(g, e);
    return e;
  }

  /**
   * Feature indexes of every word of the sequence: word i's are out[offsets[i], offsets[i + 1]).
   * Unknown features (-1) are left out. `out` must hold MAX_FEATURES per word.
   */
  featurize(seq: Sequence, out: Int32Array, offsets: Int32Array): void {
    const n = seq.words.length;
    const entries: WordEntry[] = seq.words.map((w) => this.word(w));
    let pos = 0;
    const push = (f: number) => {
      if (f >= 0) out[pos++] = f;
    };
    for (let i = 0; i < n; i++) {
      offsets[i] = pos;
      const e = entries[i]!;
      push(this.bias);
      for (const f of e.own) push(f);
      const l2 = entries[i - 2];
      const l1 = entries[i - 1];
      const r1 = entries[i + 1];
      const r2 = entries[i + 2];
      if (l2) {
        push(l2.asNeighbour[0]!);
        push(l2.asNeighbour[7]!);
      }
      if (l1) {
        push(l1.asNeighbour[1]!);
        push(l1.asNeighbour[2]!);
        push(l1.asNeighbour[6]!);
      } else push(this.lookup(`L1=${BOUNDARY}`));
      if (r1) {
        push(r1.asNeighbour[3]!);
        push(r1.asNeighbour[4]!);
      } else push(this.lookup(`R1=${BOUNDARY}`));
      if (r2) push(r2.asNeighbour[5]!);
      push(this.lookup(`bg=${l1 ? l1.stem : BOUNDARY}|${e.stem}`));
      push(this.gap(seq.gaps[i]!)[0]!);
      push(this.gap(seq.gaps[i + 1]!)[1]!);
      const g = seq.gazetteer;
      if (g[i]! > 0) push(this.gazetteer[3 * g[i]!]!);
      if (i > 0 && g[i - 1]! > 0) push(this.gazetteer[3 * g[i - 1]! + 1]!);
      if (i + 1 < n && g[i + 1]! > 0) push(this.gazetteer[3 * g[i + 1]! + 2]!);
    }
    offsets[n] = pos;
  }
}
