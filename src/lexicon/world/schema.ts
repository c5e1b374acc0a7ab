import { z } from "zod";
import { EntityType, Id } from "../../model/seed-files.js";

/** The one schema of the world data (generated and reviewed); the types are inferred from it. */

const Wikidata = z.string().regex(/^Q[0-9]+$/);
const Form = z.string().min(1);

export const Adjective = z
  .object({
    form: Form,
    /** Also a common word or another thing's name (المالية "financial"): never a mention on its own. */
    ambiguous: z.literal(true).optional(),
  })
  .strict();
export type Adjective = z.infer<typeof Adjective>;

export const WorldEntity = z
  .object({
    id: Id,
    type: EntityType.extract(["Country", "Place", "Organization"]),
    nameAr: Form,
    nameEn: Form,
    /** Other Arabic and English forms; clitics are the matcher's business, not listed here. */
    aliases: z.array(Form).default([]),
    /** Forms that are also common words or other things' names (القاعدة "the base"): a mention only in context. */
    ambiguousAliases: z.array(Form).optional(),
    /** Nisba adjectives of a country (القطري، القطرية …): they mention it without naming it. */
    adjectives: z.array(Adjective).default([]),
    /** A capital: as a name alone it often stands for its government. */
    capitalOf: Id.optional(),
    /** A dependent territory's sovereign, or an organisation's parent (مجلس الأمن → الأمم المتحدة). */
    partOf: Id.optional(),
    /** Only where a package gives it or it was checked; left out rather than guessed. */
    wikidata: Wikidata.optional(),
    iso2: z.string().regex(/^[A-Z]{2}$/).optional(),
  })
  .strict();
export type WorldEntity = z.infer<typeof WorldEntity>;

/** countries.generated.json: countries, dependent territories and capitals, sorted by id. */
export const GeneratedCountries = z.object({ entities: z.array(WorldEntity).min(1) }).strict();

/** places.yaml: cities, regions, seas and rivers beyond the capitals; written and reviewed by hand. */
export const PlacesFile = z.object({ places: z.array(WorldEntity.extend({ type: z.literal("Place") })).min(1) }).strict();

/** organizations.yaml: written and reviewed by hand. */
export const OrganizationsFile = z
  .object({ organizations: z.array(WorldEntity.extend({ type: z.literal("Organization") })).min(1) })
  .strict();

const ReviewedCapital = z
  .object({ en: Form, ar: Form, aliases: z.array(Form).default([]) })
  .strict();

/** What the packages lack or get wrong for one country (keyed by ISO 3166-1 alpha-2). */
export const ReviewedCountry = z
  .object({
    /** Replaces the packages' Arabic short name (the one news uses: ميانمار, not بورما). */
    nameAr: Form.optional(),
    nameEn: Form.optional(),
    /** Forms news uses that the packages lack. */
    aliases: z.array(Form).default([]),
    /** Package forms that are misspelt or name another thing too (الكونغو for both Congos). */
    dropAliases: z.array(Form).default([]),
    /** Masculine indefinite nisbas replacing the rule's (أمريكي، أميركي); [] where none is used. */
    nisba: z.array(Form).optional(),
    /** Adjective forms that are also common words (المالية "financial"). */
    ambiguous: z.array(Form).default([]),
    /** The capital, where CLDR has no Arabic name for it; null where it is contested or left out. */
    capital: ReviewedCapital.nullable().optional(),
    /** A country the packages list as dependent, or a territory they list as sovereign. */
    type: z.enum(["Country", "Place"]).optional(),
    /** Where the package's id is another item (the Kingdom of the Netherlands for NL). */
    wikidata: Wikidata.optional(),
  })
  .strict();
export type ReviewedCountry = z.infer<typeof ReviewedCountry>;

export const ReviewedCountries = z
  .object({ countries: z.record(z.string().regex(/^[A-Z]{2}$/), ReviewedCountry) })
  .strict();
export type ReviewedCountries = z.infer<typeof ReviewedCountries>;
