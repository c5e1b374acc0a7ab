import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { analyseText, knownEntities } from "../../ingest/pipeline/analyse.js";
import { GoldFile } from "./dev-gold.js";
import { scoreDev, type DevDoc, type DevScore } from "./dev.js";

/** Reads a gold folder (gold.json beside its .txt files), runs the pipeline on each text and scores it. */
export interface DevRun {
  score: DevScore;
  /** Articles per second over five passes of the set, after the gazetteer load and a scored warm-up pass. */
  articlesPerSecond: number;
}

const TIMED_PASSES = 5;

export async function runDev(dir: string, gazetteer: string): Promise<DevRun> {
  const gold = GoldFile.parse(JSON.parse(await readFile(join(dir, "gold.json"), "utf8")));
  const texts = await Promise.all(gold.map((g) => readFile(join(dir, g.file), "utf8")));
  const known = await knownEntities(gazetteer);
  // Only a date printed in the text may resolve relative dates (the guidelines' rule).
  const meta = gold.map((g) => ({ id: `dev-${g.file.replace(/\.txt$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")}`, ...(g.date && g.date_source === "text" ? { published: g.date } : {}) }));
  // Scored once; timed over a few more passes, after a warm-up pass, so that the figure is not the JIT's.
  const graphs = texts.map((t, i) => analyseText(t, known, meta[i]!));
  const t0 = performance.now();
  for (let r = 0; r < TIMED_PASSES; r++) texts.forEach((t, i) => analyseText(t, known, meta[i]!));
  const seconds = (performance.now() - t0) / 1000 / TIMED_PASSES;
  const docs: DevDoc[] = gold.map((g, i) => ({ gold: g, text: texts[i]!, graph: graphs[i]! }));
  return { score: scoreDev(docs), articlesPerSecond: seconds > 0 ? texts.length / seconds : Infinity };
}
