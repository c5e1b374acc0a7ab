import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { GazetteerEntry } from "../../model/seed-files.js";
import { fold } from "../arabic.js";
import { GeneratedCountries, OrganizationsFile, PlacesFile, type WorldEntity } from "./schema.js";

/**
 * World knowledge the curated gazetteer does not hold: every country with its nisbas and capital
 * (countries.generated.json, from `npm run generate:world`), the cities, regions, seas and rivers
 * news names most (places.yaml) and the organisations (organizations.yaml). Loaded and checked
 * once, at import.
 */

export { nisbaBase, nisbaForms } from "./nisba.js";
export { Adjective, WorldEntity } from "./schema.js";

const HERE = dirname(fileURLToPath(import.meta.url));

function load(): readonly WorldEntity[] {
  const countries = GeneratedCountries.parse(JSON.parse(readFileSync(resolve(HERE, "countries.generated.json"), "utf8")));
  const organizations = OrganizationsFile.parse(parse(readFileSync(resolve(HERE, "organizations.yaml"), "utf8")));
  const places = PlacesFile.parse(parse(readFileSync(resolve(HERE, "places.yaml"), "utf8")));
  return Object.freeze([...countries.entities, ...places.places, ...organizations.organizations]);
}

export const WORLD: readonly WorldEntity[] = load();

/** Every form that names the entity unambiguously: names, aliases and, if asked, unflagged nisbas. */
export function surfaceForms(e: WorldEntity, options: { adjectives?: boolean } = {}): string[] {
  const adjectives = options.adjectives ? e.adjectives.filter((a) => !a.ambiguous).map((a) => a.form) : [];
  return [e.nameAr, e.nameEn, ...e.aliases, ...adjectives];
}

/**
 * The world entities as gazetteer entries, after the curated ones, which win: a world entity with
 * a curated id, or whose name is a curated form, is left out (the curated entry is that thing,
 * and gains only the world's nisbas, if asked);
 * a world form that is a curated form (compared folded) is dropped. Ambiguous forms (القاعدة "the
 * base", المالية "financial") become descriptions: they name the entity only in an article that
 * also names it. Nisbas become aliases only if asked (they mention a country without naming it).
 */
export function withWorld(
  curated: readonly GazetteerEntry[],
  options: { adjectives?: boolean; world?: readonly WorldEntity[] } = {},
): GazetteerEntry[] {
  const ids = new Set(curated.map((c) => c.id));
  const taken = new Set(curated.flatMap((c) => [c.nameAr, c.nameEn, ...c.aliases, ...(c.descriptions ?? [])].map(fold)));
  const free = (f: string) => !taken.has(fold(f));
  const world = options.world ?? WORLD;
  // A curated country keeps its own names; the world data adds the nisbas it does not list.
  const worldById = new Map(world.map((e) => [e.id, e]));
  const out: GazetteerEntry[] = curated.map((c) => {
    const w = worldById.get(c.id);
    const nisbas = w && options.adjectives ? w.adjectives.filter((a) => !a.ambiguous && free(a.form)).map((a) => a.form) : [];
    return nisbas.length > 0 ? { ...c, aliases: [...c.aliases, ...nisbas] } : c;
  });
  for (const e of world) {
    if (ids.has(e.id) || !free(e.nameAr) || !free(e.nameEn)) continue;
    const [, , ...rest] = surfaceForms(e, options);
    const ambiguous = [...(e.ambiguousAliases ?? []), ...(options.adjectives ? e.adjectives.filter((a) => a.ambiguous).map((a) => a.form) : [])];
    const entry: GazetteerEntry = {
      id: e.id,
      type: e.type,
      nameAr: e.nameAr,
      nameEn: e.nameEn,
      aliases: rest.filter(free),
    };
    if (ambiguous.some(free)) entry.descriptions = ambiguous.filter(free);
    if (e.wikidata) entry.wikidata = e.wikidata;
    // A capital belongs to its country as a ministry to its state.
    const partOf = e.partOf ?? e.capitalOf;
    if (partOf) entry.partOf = partOf;
    out.push(entry);
  }
  return out;
}
