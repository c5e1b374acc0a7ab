import { conllChunks } from "../../ingest/extract/ner/chunks.js";

/** Counts of one entity type (or of all, "micro"): exact chunk matches as conlleval counts them. */
export interface TypeScore {
  gold: number;
  predicted: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface NerScore {
  byType: Record<string, TypeScore>;
  micro: TypeScore;
  tokens: number;
}

function score(gold: number, predicted: number, correct: number): TypeScore {
  const precision = predicted === 0 ? 0 : (100 * correct) / predicted;
  const recall = gold === 0 ? 0 : (100 * correct) / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { gold, predicted, correct, precision, recall, f1 };
}

/** conlleval's scores of predicted against gold tags, sentence by sentence (a chunk never crosses sentences). */
export function scoreNer(sentences: ReadonlyArray<{ gold: readonly string[]; predicted: readonly string[] }>): NerScore {
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const count = (type: string) => {
    let c = counts.get(type);
    if (!c) counts.set(type, (c = { gold: 0, predicted: 0, correct: 0 }));
    return c;
  };
  let tokens = 0;
  for (const { gold, predicted } of sentences) {
    if (gold.length !== predicted.length) throw new Error(`${gold.length} gold tags but ${predicted.length} predicted`);
    tokens += gold.length;
    const goldChunks = conllChunks(gold);
    const key = (c: { first: number; end: number; type: string }) => `${c.first}:${c.end}:${c.type}`;
    const goldKeys = new Set(goldChunks.map(key));
    for (const c of goldChunks) count(c.type).gold++;
    for (const c of conllChunks(predicted)) {
      count(c.type).predicted++;
      if (goldKeys.has(key(c))) count(c.type).correct++;
    }
  }
  const types = [...counts.keys()].sort();
  const byType = Object.fromEntries(types.map((t) => [t, score(counts.get(t)!.gold, counts.get(t)!.predicted, counts.get(t)!.correct)]));
  const sum = (k: "gold" | "predicted" | "correct") => types.reduce((s, t) => s + counts.get(t)![k], 0);
  return { byType, micro: score(sum("gold"), sum("predicted"), sum("correct")), tokens };
}

/** conlleval-style table: one line per type, then the micro average. */
export function formatNerScore(s: NerScore): string {
  const line = (name: string, t: TypeScore) =>
    `${name.padEnd(6)} precision ${t.precision.toFixed(2).padStart(6)}  recall ${t.recall.toFixed(2).padStart(6)}  F1 ${t.f1.toFixed(2).padStart(6)}  (gold ${t.gold}, predicted ${t.predicted}, correct ${t.correct})`;
  return [...Object.entries(s.byType).map(([type, t]) => line(type, t)), line("micro", s.micro)].join("\n");
}
