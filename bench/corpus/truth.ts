import type { DateMention, QuantityMention } from "../../src/ingest/extract/types.js";
import type { FactsFile } from "../../src/model/seed-files.js";

/**
 * What a synthetic article says, recorded by the generator as it writes each phrase: the answer
 * the extractor is scored against. Offsets index the article text (JS string indices = code points
 * for Arabic), end exclusive, and follow the extractor's span conventions (src/text/match.ts): a
 * conjunction or preposition written onto a name is outside its span, ل fused with the article
 * ("للتحالف") inside it.
 */

export interface Span {
  start: number;
  end: number;
}

/** A gazetteer entity named in the text. */
export interface TruthMention extends Span {
  entityId: string;
}

/** A person named after a title word who is not in the gazetteer: the span is the name without the title. */
export interface TruthCandidate extends Span {
  name: string;
}

/** Who said it: a gazetteer entity, or a person not in the gazetteer, by name as written. */
export type TruthSpeaker = { entityId: string } | { candidate: string };

/** A reported statement; the span is its content, from after أن / إن / ":" to the end of its paragraph. */
export interface TruthQuote extends Span {
  speaker: TruthSpeaker;
  /** Dictionary form of the reporting verb ("قال" when the paper dropped it). */
  verb: string;
  implicitVerb: boolean;
  settingId?: string;
  outletId?: string;
}

export type TruthQuantity = Pick<QuantityMention, "start" | "end" | "value" | "bound"> & { unit: string };
export type TruthDate = Pick<DateMention, "start" | "end" | "value" | "precision">;

export interface GroundTruth {
  mentions: TruthMention[];
  candidates: TruthCandidate[];
  quotes: TruthQuote[];
  quantities: TruthQuantity[];
  dates: TruthDate[];
}

export interface SyntheticArticle {
  meta: { id: string; title: string; publisher: string; language: string; published: string };
  text: string;
  /** Curated claims about the article, as a facts file would hold them; evidence words occur once in the text. */
  facts: FactsFile;
  truth: GroundTruth;
}
