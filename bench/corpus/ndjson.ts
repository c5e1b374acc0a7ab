import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { GazetteerEntry } from "../../src/model/seed-files.js";
import type { NdjsonArticle } from "../../src/model/seed-files.js";
import { generateArticle } from "./generate.js";

/**
 * Writes synthetic articles [first, first + count) as NDJSON (src/model/seed-files.ts
 * NdjsonArticle), one at a time, so that a corpus of any size is written in constant memory.
 * `idPrefix` replaces "synthetic" in the source ids (tests use their own ids).
 */
export async function writeNdjsonCorpus(
  path: string,
  gazetteer: readonly GazetteerEntry[],
  { count, first = 0, idPrefix = "synthetic" }: { count: number; first?: number; idPrefix?: string },
): Promise<void> {
  const out = createWriteStream(path);
  for (let i = first; i < first + count; i++) {
    const { meta, text } = generateArticle(i, gazetteer);
    const line: NdjsonArticle = { text, meta: { ...meta, id: meta.id.replace(/^synthetic/, idPrefix) } };
    if (!out.write(JSON.stringify(line) + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
