import { z } from "zod";
import { DatePrecision, EntityType, Id, LiteralValue, Modality } from "./seed-files.js";

/**
 * The graph one source contributes, as the pipeline hands it to `load`.
 * Offsets count Unicode code points of Source.text (for Arabic these equal JS string indices),
 * end exclusive, as in the W3C Web Annotation TextPositionSelector.
 */

export const Span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() });
export type Span = z.infer<typeof Span>;

export const Source = z.object({
  id: Id,
  title: z.string(),
  publisher: z.string(),
  language: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  text: z.string(),
  url: z.string().optional(),
  published: z.string().optional(),
});
export type Source = z.infer<typeof Source>;

export const Entity = z.object({
  id: Id,
  type: EntityType,
  nameAr: z.string(),
  nameEn: z.string(),
  aliases: z.array(z.string()),
  role: z.string().optional(),
  rank: z.string().optional(),
  wikidata: z.string().optional(),
  glossEn: z.string().optional(),
  partOf: Id.optional(),
  /**
   * "curated" from the gazetteer; "reference" from the maintained world data (countries, places,
   * organisations), written only while some source names it; "candidate" found in the text and
   * awaiting review.
   */
  status: z.enum(["curated", "reference", "candidate"]),
});
export type Entity = z.infer<typeof Entity>;

/** A span of the source text; `entityId` when the span names an entity. */
export const Mention = Span.extend({
  id: z.string(),
  sourceId: Id,
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  entityId: Id.optional(),
});
export type Mention = z.infer<typeof Mention>;

export const Claim = z.object({
  /** Stable over sources: the same statement in two articles is one Claim with two evidences. */
  id: z.string(),
  predicate: z.string(),
  subjectId: Id,
  objectId: Id.optional(),
  value: LiteralValue.optional(),
  date: z.object({ value: z.string(), precision: DatePrecision }).optional(),
  modality: Modality,
  evidence: z.array(z.string()).min(1),
  relationship: z.string().optional(),
  /** "curated" from seed facts (which win when both say the same thing), "extracted" by the relation frames. */
  origin: z.enum(["curated", "extracted"]),
  /** The extractor and its version, when a frame found the claim (a curated claim too, when one also did). */
  extractor: z.string().optional(),
  /** How much the frame that found it is trusted, in (0, 1]; absent for a claim only curated. */
  confidence: z.number().gt(0).max(1).optional(),
});
export type Claim = z.infer<typeof Claim>;

export const Quote = z.object({
  id: z.string(),
  text: z.string(),
  verb: z.string(),
  /** The newspaper dropped the verb ("الجنرال ... إن ..."): read as قال. */
  implicitVerb: z.boolean().default(false),
  speakerId: Id,
  settingId: Id.optional(),
  outletId: Id.optional(),
  evidence: z.array(z.string()).min(1),
});
export type Quote = z.infer<typeof Quote>;

export const SourceGraph = z.object({
  source: Source,
  entities: z.array(Entity),
  mentions: z.array(Mention),
  claims: z.array(Claim),
  quotes: z.array(Quote),
});
export type SourceGraph = z.infer<typeof SourceGraph>;
