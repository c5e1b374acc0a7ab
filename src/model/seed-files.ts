import { z } from "zod";

/**
 * The one schema for every curated file under seed/ (gazetteer, article meta, facts).
 * TypeScript types are inferred from it; never restate them by hand.
 */

/** Stable, readable ids: lower-case ASCII words joined by hyphens (e.g. "qatar", "robert-white"). */
export const Id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case words joined by hyphens");

export const EntityType = z.enum([
  "Person",
  "Organization",
  "Country",
  "Place",
  "Event",
  "Agreement",
  "Operation",
  "Product",
]);
export type EntityType = z.infer<typeof EntityType>;

export const GazetteerEntry = z
  .object({
    id: Id,
    type: EntityType,
    nameAr: z.string().min(1),
    nameEn: z.string().min(1),
    /** Other surface forms, Arabic or English; clitics (و ف ب ل ك ال لل) are handled by the matcher, not listed here. */
    aliases: z.array(z.string().min(1)).default([]),
    /**
     * Descriptive forms: a generic noun or a role ("مذكرة التفاهم", "المتحدث باسم التحالف الدولي",
     * a bare surname). They refer to this entity only in an article that also names it, or whose
     * curated facts file vouches for the article's reading; elsewhere they are left unresolved.
     */
    descriptions: z.array(z.string().min(1)).optional(),
    /**
     * The articles describe this entity but never name it (a role holder, an unnamed agreement or
     * meeting): every form of it is a description, so no other article reaches it by its words.
     */
    unnamed: z.literal(true).optional(),
    role: z.string().min(1).optional(),
    rank: z.string().min(1).optional(),
    /** Only where confirmed; left out rather than guessed. */
    wikidata: z.string().regex(/^Q[0-9]+$/).optional(),
    glossEn: z.string().min(1).optional(),
    /** Organisation or country this entity belongs to (e.g. a ministry to its state). */
    partOf: Id.optional(),
    /**
     * The candidate ids (`npm run review -- accept | merge`) this entry was made from or absorbed:
     * the record of the decision, and how a rejection written against a candidate id still finds
     * the claims of the entity it became.
     */
    replaces: z.array(Id).min(1).optional(),
  })
  .strict();
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;

export const Gazetteer = z.object({ entities: z.array(GazetteerEntry).min(1) }).strict();
export type Gazetteer = z.infer<typeof Gazetteer>;

export const ArticleMeta = z
  .object({
    id: Id,
    /** Path of the article text, relative to the meta file. */
    file: z.string().min(1),
    title: z.string().min(1),
    publisher: z.string().min(1),
    language: z.string().min(2).default("ar"),
    url: z.url().optional(),
    published: z.iso.date().optional(),
  })
  .strict();
export type ArticleMeta = z.infer<typeof ArticleMeta>;

export const DatePrecision = z.enum(["day", "month", "year"]);
export const Modality = z.enum(["asserted", "possible", "negated"]);
/** How a quantity's figure reads: "أكثر من" makes it a lower bound, "حوالي" an approximation. */
export const ValueBound = z.enum(["exact", "lower", "upper", "approximate"]);

/** A literal object of a claim: a quantity, a date or a plain string. */
export const LiteralValue = z.union([
  z
    .object({
      quantity: z.number(),
      unit: z.string().min(1),
      bound: ValueBound.default("exact"),
    })
    .strict(),
  z.object({ date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/), precision: DatePrecision }).strict(),
  z.object({ text: z.string().min(1) }).strict(),
]);
export type LiteralValue = z.infer<typeof LiteralValue>;

export const CuratedFact = z
  .object({
    predicate: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, "predicates are camelCase words"),
    subject: Id,
    object: Id.optional(),
    value: LiteralValue.optional(),
    /** Date qualifier of the claim (when it happened), with its precision. */
    date: z.object({ value: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/), precision: DatePrecision }).strict().optional(),
    modality: Modality.default("asserted"),
    /** The exact words of the article the claim rests on; each must occur exactly once. */
    evidence: z.array(z.string().min(1)).min(1),
    /** Also draw the claim as a direct relationship for browsing (e.g. SIGNED, PARTNERS_WITH). */
    relationship: z.string().regex(/^[A-Z][A-Z_]*$/).optional(),
  })
  .strict()
  .refine((f) => (f.object === undefined) !== (f.value === undefined), {
    message: "a fact has either an object entity or a literal value, not both",
  });
export type CuratedFact = z.infer<typeof CuratedFact>;

export const FactsFile = z
  .object({
    source: Id,
    facts: z.array(CuratedFact).min(1),
  })
  .strict();
export type FactsFile = z.infer<typeof FactsFile>;

/**
 * Machine readings a reviewer refused (`npm run review -- reject`), in seed/rejections.yaml beside
 * the gazetteer; the next ingest leaves them out. Git is the audit trail.
 */
export const ClaimRejection = z
  .object({
    /** The claim's id when it was rejected, for people; matching goes by the statement below. */
    claim: z.string().regex(/^claim-[0-9a-f]{16}$/, "claim ids are claim- and 16 hex digits"),
    predicate: z.string().min(1),
    /** Entity ids; a candidate id still matches after the candidate was accepted or merged (GazetteerEntry.replaces). */
    subject: Id,
    object: Id.optional(),
    /** Only as read in these sources; absent: wherever the extractor reads it. */
    sources: z.array(Id).min(1).optional(),
    reason: z.string().min(1).optional(),
  })
  .strict();
export type ClaimRejection = z.infer<typeof ClaimRejection>;

/** A candidate that names nothing (a headline fragment, a generic phrase): not written, nor the claims and quotes that hang on it. */
export const EntityRejection = z
  .object({
    entity: Id,
    type: EntityType,
    /** Its name when rejected, for people. */
    name: z.string().min(1),
    reason: z.string().min(1).optional(),
  })
  .strict();
export type EntityRejection = z.infer<typeof EntityRejection>;

export const Rejections = z
  .object({
    claims: z.array(ClaimRejection).default([]),
    entities: z.array(EntityRejection).default([]),
  })
  .strict();
export type Rejections = z.infer<typeof Rejections>;

/**
 * One line of an NDJSON article stream (`npm run ingest -- articles.ndjson`, or `-` for standard
 * input): the text and, optionally, its meta (as a meta file's, without `file`). Without meta the
 * article gets its id from its text's hash and its title from its first line, as a bare text file does.
 */
export const NdjsonArticle = z
  .object({
    text: z.string().refine((t) => t.trim() !== "", "article has no text (only whitespace)"),
    meta: ArticleMeta.omit({ file: true }).optional(),
  })
  .strict();
export type NdjsonArticle = z.infer<typeof NdjsonArticle>;
