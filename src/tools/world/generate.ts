import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "@rapideditor/country-coder";
import { parse } from "yaml";
import { z } from "zod";
import { fold } from "../../lexicon/arabic.js";
import { nisbaBase, nisbaForms } from "../../lexicon/world/nisba.js";
import { GeneratedCountries, ReviewedCountries, type ReviewedCountry, type WorldEntity } from "../../lexicon/world/schema.js";

/**
 * `npm run generate:world`: every ISO 3166-1 country and territory, with its Arabic names, nisba
 * adjectives and capital, from maintained packages (i18n-iso-countries, world-countries,
 * @rapideditor/country-coder for Wikidata ids, CLDR for capitals' Arabic names) and the reviewed
 * file for what they lack. Writes src/lexicon/world/countries.generated.json; the same packages
 * give the same bytes.
 */

const WORLD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../lexicon/world");
export const GENERATED_PATH = resolve(WORLD_DIR, "countries.generated.json");
const REVIEWED_PATH = resolve(WORLD_DIR, "countries.reviewed.yaml");

const require = createRequire(import.meta.url);
function packageJson<T>(specifier: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(readFileSync(require.resolve(specifier), "utf8")));
}

/** Only what is read of each package, checked, so that a changed package fails here and not later. */
const IsoNames = z.object({ countries: z.record(z.string(), z.union([z.string(), z.array(z.string())])) });
const WorldCountries = z.array(
  z.object({
    cca2: z.string(),
    name: z.object({ common: z.string(), official: z.string() }),
    altSpellings: z.array(z.string()),
    capital: z.array(z.string()),
    translations: z.record(z.string(), z.object({ official: z.string(), common: z.string() })),
  }),
);
type WorldCountry = z.infer<typeof WorldCountries>[number];
interface ZoneTree {
  [key: string]: ZoneTree | string;
}
const ZoneTree: z.ZodType<ZoneTree> = z.lazy(() => z.record(z.string(), z.union([z.string(), ZoneTree])));
const TimeZoneNames = (locale: string) =>
  z.object({ main: z.record(z.string(), z.object({ dates: z.object({ timeZoneNames: z.object({ zone: ZoneTree }) }) })) }).transform((j) => j.main[locale]!.dates.timeZoneNames.zone);

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** English name → stable id: "United States" → united-states, "Sana'a" → sanaa. */
export function slug(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/['’.]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** CLDR exemplar cities, Arabic by English name ("Riyadh" → الرياض), from the time-zone ids. */
function exemplarCities(): Map<string, string> {
  const ar = packageJson("cldr-dates-modern/main/ar/timeZoneNames.json", TimeZoneNames("ar"));
  const en = packageJson("cldr-dates-modern/main/en/timeZoneNames.json", TimeZoneNames("en"));
  const cities = (tree: ZoneTree, path: string[] = [], out = new Map<string, string>()): Map<string, string> => {
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value !== "string") cities(value, [...path, key], out);
      else if (key === "exemplarCity") out.set(path.join("/"), value);
    }
    return out;
  };
  const arCities = cities(ar);
  const enCities = cities(en);
  const byEnglish = new Map<string, string>();
  for (const [zone, arabic] of arCities) {
    // English CLDR names a city only where it differs from the zone id (Asia/Riyadh → Riyadh).
    byEnglish.set(enCities.get(zone) ?? zone.split("/").pop()!.replace(/_/g, " "), arabic);
  }
  return byEnglish;
}

/** Surface forms that are not names: ISO codes, parenthesised notes, transliterations with diacritics. */
function usableEnglish(form: string, iso2: string): boolean {
  return form !== iso2 && form.length >= 3 && /^[A-Za-z][A-Za-z .,'’()-]*$/.test(form) && !form.includes("(");
}

function sortedUnique(forms: Iterable<string>, exclude: readonly string[]): string[] {
  const taken = new Set(exclude.map(fold));
  const out = new Map<string, string>();
  for (const f of forms) {
    const key = fold(f);
    if (key && !taken.has(key) && !out.has(key)) out.set(key, f.trim());
  }
  return [...out.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function adjectivesOf(nameAr: string, review: ReviewedCountry | undefined): WorldEntity["adjectives"] {
  const bases = review?.nisba ?? list(nisbaBase(nameAr));
  const ambiguous = new Set((review?.ambiguous ?? []).map(fold));
  const forms = sortedUnique(bases.flatMap(nisbaForms), []);
  return forms.map((form) => (ambiguous.has(fold(form)) ? { form, ambiguous: true } : { form }));
}

export function generateWorld(): string {
  const isoAr = packageJson("i18n-iso-countries/langs/ar.json", IsoNames).countries;
  const isoEn = packageJson("i18n-iso-countries/langs/en.json", IsoNames).countries;
  const worldCountries = new Map(packageJson("world-countries/countries.json", WorldCountries).map((c) => [c.cca2, c]));
  const reviewed = ReviewedCountries.parse(parse(readFileSync(REVIEWED_PATH, "utf8"))).countries;
  const cities = exemplarCities();

  const codes = Object.keys(isoEn).sort();
  const unknown = Object.keys(reviewed).filter((code) => !codes.includes(code));
  if (unknown.length) throw new Error(`countries.reviewed.yaml names codes ISO 3166-1 lacks: ${unknown.join(", ")}`);

  const byCode = new Map<string, { entity: WorldEntity; wc: WorldCountry | undefined; review: ReviewedCountry | undefined }>();
  for (const iso2 of codes) {
    const wc = worldCountries.get(iso2);
    const review = reviewed[iso2];
    const props = feature(iso2)?.properties;
    const nameEn = review?.nameEn ?? wc?.name.common ?? list(isoEn[iso2])[0]!;
    // i18n-iso-countries' Arabic follows CLDR and is the cleaner short name; parenthesised notes are not names.
    const packageAr = [...list(isoAr[iso2]), wc?.translations.ara?.common, wc?.translations.ara?.official].filter(
      (f): f is string => f !== undefined && !f.includes("("),
    );
    const nameAr = review?.nameAr ?? packageAr[0]!;
    const dropped = review?.dropAliases ?? [];
    const english = [wc?.name.common, wc?.name.official, ...list(isoEn[iso2]), ...(wc?.altSpellings ?? [])].filter(
      (f): f is string => f !== undefined && usableEnglish(f, iso2),
    );
    const entity: WorldEntity = {
      id: slug(nameEn),
      type: review?.type ?? (props?.level === "country" ? "Country" : "Place"),
      nameAr,
      nameEn,
      aliases: sortedUnique([...packageAr, ...english, ...(review?.aliases ?? [])], [nameAr, nameEn, ...dropped]),
      adjectives: adjectivesOf(nameAr, review),
      wikidata: review?.wikidata ?? props?.wikidata,
      iso2,
    };
    byCode.set(iso2, { entity, wc, review });
  }

  // A territory is part of its sovereign (Puerto Rico of the United States).
  for (const { entity } of byCode.values()) {
    const sovereign = feature(entity.iso2!)?.properties.country;
    const parent = sovereign === undefined ? undefined : byCode.get(sovereign)?.entity;
    if (entity.type === "Place" && parent) entity.partOf = parent.id;
  }

  const countryForms = new Set([...byCode.values()].flatMap(({ entity: e }) => [e.nameAr, e.nameEn, ...e.aliases].map(fold)));
  const capitals: WorldEntity[] = [];
  for (const { entity, wc, review } of byCode.values()) {
    if (review?.capital === null) continue;
    const en = review?.capital?.en ?? wc?.capital[0];
    const ar = review?.capital?.ar ?? (en === undefined ? undefined : cities.get(en));
    // A city-state's capital is named as the country itself: its forms already name it.
    if (en === undefined || ar === undefined || countryForms.has(fold(en))) continue;
    if (countryForms.has(fold(ar))) {
      throw new Error(`${entity.iso2}: capital ${ar} is also a country's name; give it a distinct form in countries.reviewed.yaml`);
    }
    capitals.push({
      id: slug(en),
      type: "Place",
      nameAr: ar,
      nameEn: en,
      aliases: sortedUnique(review?.capital?.aliases ?? [], [ar, en]),
      adjectives: [],
      capitalOf: entity.id,
    });
  }

  const entities = [...[...byCode.values()].map((c) => c.entity), ...capitals].sort((a, b) => (a.id < b.id ? -1 : 1));
  const data = GeneratedCountries.parse({ entities });
  return `${JSON.stringify(data, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED_PATH, generateWorld());
  console.log(`wrote ${GENERATED_PATH}`);
}
