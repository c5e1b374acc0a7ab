import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { GazetteerEntry } from "../../model/seed-files.js";
import { fold } from "../arabic.js";
import { GeneratedCountries, OrganizationsFile, type WorldEntity } from "./schema.js";

/**
 * World knowledge the curated gazetteer does not hold: every country with its nisbas and capital
 * (countries.generated.json, from `npm run generate:world`) and the organisations news names most
 * (organizations.yaml). Loaded and checked once, at import.
 */

export { nisbaBase, nisbaForms } from "./nisba.js";
export { Adjective, WorldEntity } from "./schema.js";

const HERE = dirname(fileURLToPath(import.meta.url));

function load(): readonly WorldEntity[] {
  const countries = GeneratedCountries.parse(JSON.parse(readFileSync(resolve(HERE, "countries.generated.json"), "utf8")));
  const organizations = OrganizationsFile.parse(parse(readFileSync(resolve(HERE, "organizations.yaml"), "utf8")));
  return Object.freeze([...countries.entities, ...organizations.organizations]);
}

export const WORLD: readonly WorldEntity[] = load();

/** Every form that names the entity unambiguously: names, aliases and, if asked, unflagged nisbas. */
export function surfaceForms(e: WorldEntity, options: { adjectives?: boolean } = {}): string[] {
  const adjectives = options.adjectives ? e.adjectives.filter((a) => !a.ambiguous).map((a) => a.form) : [];
  return [e.nameAr, e.nameEn, ...e.aliases, ...adjectives];
}

/**
 * The world entities as gazetteer entries, after the curated ones, which win: a world entity with
 * a curated id, or whose name is a curated form, is left out (the curated entry is that thing);
 * a world alias that is a curated form (compared folded) is dropped. Ambiguous forms are never
 * aliases; nisbas become aliases only if asked (they mention a country without naming it).
 */
export function withWorld(
  curated: readonly GazetteerEntry[],
  options: { adjectives?: boolean; world?: readonly WorldEntity[] } = {},
): GazetteerEntry[] {
  const ids = new Set(curated.map((c) => c.id));
  const taken = new Set(curated.flatMap((c) => [c.nameAr, c.nameEn, ...c.aliases].map(fold)));
  const out: GazetteerEntry[] = [...curated];
  for (const e of options.world ?? WORLD) {
    if (ids.has(e.id) || taken.has(fold(e.nameAr)) || taken.has(fold(e.nameEn))) continue;
    const [, , ...rest] = surfaceForms(e, options);
    const entry: GazetteerEntry = {
      id: e.id,
      type: e.type,
      nameAr: e.nameAr,
      nameEn: e.nameEn,
      aliases: rest.filter((f) => !taken.has(fold(f))),
    };
    if (e.wikidata) entry.wikidata = e.wikidata;
    // A capital belongs to its country as a ministry to its state.
    const partOf = e.partOf ?? e.capitalOf;
    if (partOf) entry.partOf = partOf;
    out.push(entry);
  }
  return out;
}
