import type { Claim, Mention, Quote, Source } from "../../model/graph.js";

/**
 * Claims and quotes as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), written in
 * this one place for the API (GET /annotations/:collection/:id) and the JSON-LD export. Pure: the
 * callers read the graph and pass plain values. Each evidence span becomes one target on
 * /sources/:id, the exact text the offsets count in (the article's own URL, an HTML page, would not
 * match them), with the article's URL as the target's scope. Its selectors are equivalent
 * descriptions of the same words; the third, an RFC 5147 fragment, appended to the source's URL
 * opens the reading view (the same URL asked for as HTML) at those words. `target` is always a list, one per
 * evidence span, in the order given.
 */

/** The API's URL collections of annotations. */
export type AnnotationCollection = "claims" | "quotes";

/** `base`, here and below: where the API is served, without a trailing slash, e.g. http://127.0.0.1:4000. */
export const sourceUrl = (base: string, sourceId: string) => `${base}/sources/${encodeURIComponent(sourceId)}`;
export const annotationUrl = (base: string, collection: AnnotationCollection, id: string) =>
  `${base}/annotations/${collection}/${encodeURIComponent(id)}`;

/** One evidence span, offsets in code points of its source's text, with the source's language and URL where known. */
export type EvidenceSpan = Pick<Mention, "sourceId" | "start" | "end" | "exact" | "prefix" | "suffix"> & Partial<Pick<Source, "language" | "url">>;

/** What a claim says, as the graph stores it (value and date flattened), with its subject's and object's English names. */
export type ClaimStatement = Pick<Claim, "predicate"> & {
  subject: string;
  object?: string;
  modality?: string;
  date?: string;
  valueText?: string;
  valueDate?: string;
  valueQuantity?: number;
  valueUnit?: string;
};

/** What a quote says, with its speaker's Arabic name. */
export type QuoteStatement = Pick<Quote, "text" | "verb"> & { speaker: string };

export type TextualBody = { type: "TextualBody"; purpose: "describing"; format: "text/plain"; language: "en" | "ar"; value: string };
export type TextQuoteSelector = { type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string };
export type TextPositionSelector = { type: "TextPositionSelector"; start: number; end: number };
/** The same words as an RFC 5147 fragment of the source (char=start,end): with the source's URL, a link to the reading view at those words. */
export type FragmentSelector = { type: "FragmentSelector"; conformsTo: "http://tools.ietf.org/rfc/rfc5147"; value: string };
export type Target = {
  type: "SpecificResource";
  source: { id: string; type: "Text"; format: "text/plain"; language?: string };
  scope?: string;
  selector: [TextQuoteSelector, TextPositionSelector, FragmentSelector];
};

/** `More`: further bodies a caller adds after the description, e.g. the export's rdf:Statement. */
export type Annotation<More = never> = {
  id: string;
  type: "Annotation";
  motivation: "describing";
  body: TextualBody | [TextualBody, ...More[]];
  target: Target[];
};

/** A readable one-line statement of a claim: "Qatar signed Qatar–US MoU (2017-07)". */
export function describeClaim(claim: ClaimStatement): string {
  const quantity = claim.valueQuantity !== undefined ? `${claim.valueQuantity} ${claim.valueUnit ?? ""}` : undefined;
  const value = claim.object ?? claim.valueText ?? claim.valueDate ?? quantity ?? "";
  const date = claim.date ? ` (${claim.date})` : "";
  const modality = claim.modality && claim.modality !== "asserted" ? ` [${claim.modality}]` : "";
  return `${claim.subject} ${claim.predicate} ${value}${date}${modality}`.replace(/\s+/g, " ").trim();
}

/** "<speaker> <verb>: <text>", in Arabic as the article has it. */
export function describeQuote(quote: QuoteStatement): string {
  return `${quote.speaker} ${quote.verb}: ${quote.text}`.trim();
}

export function evidenceTarget(base: string, span: EvidenceSpan): Target {
  return {
    type: "SpecificResource",
    source: { id: sourceUrl(base, span.sourceId), type: "Text", format: "text/plain", ...(span.language !== undefined ? { language: span.language } : {}) },
    ...(span.url !== undefined ? { scope: span.url } : {}),
    selector: [
      { type: "TextQuoteSelector", exact: span.exact, prefix: span.prefix, suffix: span.suffix },
      { type: "TextPositionSelector", start: span.start, end: span.end },
      { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc5147", value: `char=${span.start},${span.end}` },
    ],
  };
}

function annotation<More>(id: string, description: TextualBody, more: readonly More[], base: string, evidence: readonly EvidenceSpan[]): Annotation<More> {
  return {
    id,
    type: "Annotation",
    motivation: "describing",
    // One body is the body itself; Web Annotation takes a list only when there are several.
    body: more.length > 0 ? [description, ...more] : description,
    target: evidence.map((span) => evidenceTarget(base, span)),
  };
}

const describing = (language: TextualBody["language"], value: string): TextualBody => ({ type: "TextualBody", purpose: "describing", format: "text/plain", language, value });

/** The annotation of claim `id`. */
export function claimAnnotation<More = never>(base: string, id: string, claim: ClaimStatement, evidence: readonly EvidenceSpan[], more: readonly More[] = []): Annotation<More> {
  return annotation(annotationUrl(base, "claims", id), describing("en", describeClaim(claim)), more, base, evidence);
}

/** The annotation of quote `id`. */
export function quoteAnnotation<More = never>(base: string, id: string, quote: QuoteStatement, evidence: readonly EvidenceSpan[], more: readonly More[] = []): Annotation<More> {
  return annotation(annotationUrl(base, "quotes", id), describing("ar", describeQuote(quote)), more, base, evidence);
}
