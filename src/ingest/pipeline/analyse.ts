import { checkGazetteer } from "../check/index.js";
import { readGazetteer } from "../read/index.js";
import { buildNameIndex } from "../extract/index.js";
import type { SourceGraph } from "../../model/graph.js";
import { InputError } from "../../model/problem.js";
import type { GazetteerEntry } from "../../model/seed-files.js";
import { sha256Hex } from "../../model/ids.js";
import { buildSourceGraph } from "./stages.js";

/**
 * Text in, graph out: the pipeline on an article nobody curated (no meta or facts file), as the
 * evaluation and `npm run ingest` of a bare text see it.
 */
export interface KnownEntities {
  entries: readonly GazetteerEntry[];
  index: ReturnType<typeof buildNameIndex>;
}

/** The gazetteer through the read and check stages' code, for a run that has no article files. */
export async function knownEntities(gazetteerPath: string): Promise<KnownEntities> {
  const gazetteer = await readGazetteer(gazetteerPath);
  const problems = checkGazetteer(gazetteer);
  if (problems.length > 0) throw new InputError(problems);
  const entries = gazetteer.value.entities;
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
