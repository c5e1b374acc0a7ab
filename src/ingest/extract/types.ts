import type { GazetteerEntry } from "../../model/seed-files.js";
import type { NameMatcher } from "../../lexicon/match.js";
import type { NerGazetteer } from "./ner/index.js";
import type { ExtractedAgreement, ExtractedClaim } from "./relations.js";

export type { ClaimDate, ExtractedAgreement, ExtractedClaim, Target } from "./relations.js";

/** All offsets index ParsedSource.text, end exclusive; text.slice(start, end) is the exact surface. */

export interface NameIndex {
  /** Curated and world entries by id. */
  entries: ReadonlyMap<string, GazetteerEntry>;
  /** Ids of the curated entries (seed/gazetteer.yaml): the graph holds them all; world entries only where mentioned. */
  curated: ReadonlySet<string>;
  /** nameAr, nameEn and aliases of every entry. */
  names: NameMatcher;
  /** Role phrases of entries that have one ("المتحدث باسم التحالف الدولي"), for speakers described by office. */
  roles: NameMatcher;
  /** Names of organisations only, to read affiliations out of role phrases that also name the person. */
  organizations: NameMatcher;
  /** Capitals of the world data, each with its country: the government a capital may stand for. */
  capitals: ReadonlyMap<string, string>;
  /** The gazetteer the statistical tagger reads as a feature, built once. */
  tagger: NerGazetteer;
}

export interface EntityMention {
  entityId: string;
  start: number;
  end: number;
  sentenceIndex: number;
  /** Inside a longer name of another entity ("العراقية" in "قوات الأمن العراقية"). */
  nested?: true;
}

interface QuoteFields {
  /** The reported content: from after أن / إن / ":" to the end of the quote's last sentence. */
  start: number;
  end: number;
  /** Dictionary form of the reporting verb: "قال", "أضاف", … */
  verb: string;
  /**
   * The verb as written, without its conjunction (وأضاف → أضاف). When the verb is implicit
   * (implicitVerb), there is no verb to point at and this is the span of the "إن" that carries
   * the report.
   */
  verbStart: number;
  verbEnd: number;
  /** Where the text names or describes the speaker; absent when the speaker is carried over from the previous quote. */
  speakerSpan?: { start: number; end: number };
  /** "<person> … إن" without a verb: the newspaper dropped قال. */
  implicitVerb: boolean;
  /** Event the statement was made at (a press briefing). */
  settingEntityId?: string;
  /**
   * The outlet the statement was made to or relayed by ("في تصريح خاص لـ«لوسيل»", "قال لفرانس برس",
   * "نقلت وكالة الأناضول عن …"); an outlet the gazetteer does not know is named in unresolvedOutletName.
   */
  outletEntityId?: string;
  unresolvedOutletName?: string;
  /** An unresolved speaker that is an organisation ("القوات المسلحة النيجرية"); a person otherwise. */
  unresolvedSpeakerType?: "Person" | "Organization";
  /** The unresolved speaker is a local candidate (CandidateMention.local): its node belongs to this article. */
  unresolvedSpeakerLocal?: true;
  sentenceIndexes: number[];
}

/** A reported statement; its speaker is a known entity or, failing that, named as written. */
export type ExtractedQuote = QuoteFields &
  (
    | { speakerEntityId: string; unresolvedSpeakerName?: undefined }
    | { speakerEntityId?: undefined; unresolvedSpeakerName: string }
  );

import type { Bound } from "../../lexicon/index.js";

export type { Bound };

export interface QuantityMention {
  start: number;
  end: number;
  value: number;
  bound: Bound;
  /** The counted noun as written ("دولة", "كيلو متر مربع"). */
  unitAr: string;
  /** Normalised English unit where known: country, member, session, fighter, person, operation, km2, USD, … */
  unit?: string;
  /** A bare plural scale word ("آلاف من عناصر"): value is its scale as a lower bound, not a count. */
  vague: boolean;
  sentenceIndex: number;
}

export interface DateMention {
  start: number;
  end: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  value: string;
  precision: "day" | "month" | "year";
  sentenceIndex: number;
}

/**
 * A name that matches no gazetteer entry: a person named after a title word (العقيد، السفير، …),
 * or a person, place or organisation the statistical tagger found.
 */
export interface CandidateMention {
  /** The name as first written in full in the article. */
  name: string;
  type: "Person" | "Place" | "Organization";
  /** Found after a title word, by the statistical tagger, or by an organisation's head noun. */
  via: "title" | "tagger" | "head";
  /**
   * The name alone does not tell this thing from others of the same name in other articles (a
   * bare surname, "وزارة الخارجية" with no country): its node belongs to this article.
   */
  local?: true;
  /** The tagger's confidence, 1 for a name after a title word. */
  confidence: number;
  start: number;
  end: number;
  sentenceIndex: number;
}

export interface Extraction {
  /** The date the article prints at its head (date line or dateline), when it has no meta date. */
  datelineDate?: string;
  entityMentions: EntityMention[];
  /** Relations the frames found, and the agreements they name. */
  claims: ExtractedClaim[];
  agreements: ExtractedAgreement[];
  quotes: ExtractedQuote[];
  quantities: QuantityMention[];
  dates: DateMention[];
  candidates: CandidateMention[];
}
