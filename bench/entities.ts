import type { Driver } from "neo4j-driver";
import { fold } from "../src/lexicon/arabic.js";
import { Rng } from "./corpus/random.js";

/**
 * Many entities for the name-lookup benchmark: open-world extraction turns every unknown name into
 * a candidate entity, so `entitiesByName` must stay flat as they grow. These are candidate persons
 * with invented two-word Arabic names (deterministic), written with the properties the loader
 * writes for an entity, searchKeys folded as the loader folds them. No invented name is a single
 * word, so none folds to the benchmark's key ("قطر"): the answer is the same at every size.
 */

const LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
const BATCH = 10_000;

function word(rng: Rng): string {
  let w = "";
  for (let i = rng.int(3, 6); i > 0; i--) w += LETTERS[rng.int(0, LETTERS.length - 1)];
  return w;
}

/** Persons `from` … `from + count − 1`; the same numbers give the same persons. */
export function syntheticEntities(from: number, count: number): { id: string; props: Record<string, unknown> }[] {
  const rng = new Rng(from + 13);
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const nameAr = `${word(rng)} ${word(rng)}`;
    const nameEn = `Person ${i}`;
    return {
      id: `synthetic-person-${i}`,
      props: { type: "Person", nameAr, nameEn, aliases: [], searchKeys: [...new Set([fold(nameAr), fold(nameEn)])].sort(), status: "candidate" },
    };
  });
}

/** Adds candidate persons until the database holds `total` entities. */
export async function growEntities(driver: Driver, total: number, database?: string): Promise<number> {
  const { records } = await driver.executeQuery("MATCH (e:Entity) RETURN count(e) AS n", {}, { database });
  const existing = Number(records[0]!.get("n"));
  const rows = syntheticEntities(existing, Math.max(0, total - existing));
  for (let i = 0; i < rows.length; i += BATCH) {
    await driver.executeQuery("UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e:Person, e += row.props", { rows: rows.slice(i, i + BATCH) }, { database });
  }
  await driver.executeQuery("CALL db.awaitIndexes(300)", {}, { database });
  return existing + rows.length;
}
