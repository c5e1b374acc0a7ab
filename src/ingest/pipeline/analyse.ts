import { readGazetteer } from "../read/index.js";
import { buildNameIndex } from "../extract/index.js";
import type { SourceGraph } from "../../model/graph.js";
import type { GazetteerEntry } from "../../model/seed-files.js";
import { sha256Hex } from "../resolve/index.js";
import { buildSourceGraph } from "./build.js";

/**
 * Text in, graph out: the pipeline on an article nobody curated (no meta or facts file), as the
 * evaluation and `npm run ingest` of a bare text see it.
 */
export interface KnownEntities {
  entries: readonly GazetteerEntry[];
  index: ReturnType<typeof buildNameIndex>;
}

export async function knownEntities(gazetteerPath: string): Promise<KnownEntities> {
  const entries = (await readGazetteer(gazetteerPath)).value.entities;
  return { entries, index: buildNameIndex(entries) };
}

export function analyseText(
  text: string,
  known: KnownEntities,
  meta: { id: string; title?: string; published?: string; file?: string },
): SourceGraph {
  return buildSourceGraph(
    {
      meta: {
        id: meta.id,
        title: meta.title ?? meta.id,
        publisher: "unknown",
        language: "ar",
        ...(meta.published ? { published: meta.published } : {}),
      },
      text,
      sha256: sha256Hex(text),
      file: meta.file ?? meta.id,
    },
    known.index,
    [],
    { trusted: false },
  ).graph;
}
