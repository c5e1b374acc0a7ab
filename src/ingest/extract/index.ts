import type { ParsedSource } from "../parse/types.js";
import { ARTICLE, COUNTRY_ANAPHORS, fold, ORGANIZATION_ANAPHORS, procliticBefore } from "../../lexicon/index.js";
import { matchNames } from "../../lexicon/match.js";
import { findDates } from "./dates.js";
import { analyse, type Doc } from "./doc.js";
import { affiliations, findNames, findPersonRefs, locate, significantWords, type LocatedName, type PersonRef } from "./names.js";
import { headedOrganizations, taggedNames, type TaggedName } from "./candidates.js";
import { findRelations, type Party } from "./relations.js";
import { recognise } from "./ner/index.js";
import { findQuantities } from "./quantities.js";
import { findQuotes } from "./quotes.js";
import type { CandidateMention, DateMention, EntityMention, Extraction, NameIndex } from "./types.js";

export { buildNameIndex } from "./names.js";

/** Names the extractor on the claims it finds; bump it when a frame changes what it extracts. */
export const EXTRACTOR = "sanad-frames/1";
export type * from "./types.js";

export interface ExtractOptions {
  /** The article's curated facts vouch for its reading: descriptions resolve without the entity's name. */
  trusted?: boolean;
  /** The article's date (YYYY-MM-DD…), to resolve "اليوم", "أمس", "الثلاثاء الماضي". */
  published?: string;
}

/**
 * Rule-based extraction over a parsed source: entity mentions, reported statements, relations
 * (claims and the agreements they name), quantities, dates and candidates. Only headline, heading
 * and body sentences are read, never boilerplate.
 */
export function extract(parsed: ParsedSource, names: NameIndex, options: ExtractOptions = {}): Extraction {
  const doc = analyse(parsed);
  const inSentence = <M extends { firstToken: number }>(m: M) => (doc.tokens[m.firstToken]?.sentence ?? -1) >= 0;
  const { located, nested } = findNames(doc, names, options.trusted ?? false);
  const named = new Set(located.map((m) => m.entityId));
  const roles = locate(doc, matchNames(doc.folded, names.roles), names)
    .filter(inSentence)
    .filter((m) => options.trusted || named.has(m.entityId));
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  const spans = taggedNames(doc, recognise(doc, names.tagger), [...located, ...nested]);
  // A head noun bounds an organisation's name better than the tagger; the tagger's people stay.
  const headed = headedOrganizations(doc, [...located, ...nested]).filter((o) => !spans.some((t) => t.type === "Person" && overlaps(t, o)));
  const tagged = [...spans.filter((t) => t.type === "Person" || !headed.some((o) => overlaps(o, t))), ...headed].sort((a, b) => a.start - b.start);
  const refs = findPersonRefs(doc, located, names, tagged, options.trusted ?? false);

  const entityMentions: EntityMention[] = [...located, ...nested].map((m) => ({
    entityId: m.entityId,
    start: m.start,
    end: m.end,
    sentenceIndex: doc.tokens[m.firstToken]!.sentence,
    ...(m.nested ? { nested: true as const } : {}),
  }));
  for (const r of refs) {
    if (r.entityId && !located.some((m) => m.start < r.end && r.start < m.end)) {
      entityMentions.push({ entityId: r.entityId, start: r.start, end: r.end, sentenceIndex: r.sentence });
    }
  }
  entityMentions.sort((a, b) => a.start - b.start);

  const candidates: CandidateMention[] = refs.flatMap((r) => {
    if (!r.candidateName) return [];
    const confidence = r.tagger;
    const via = confidence === undefined ? ("title" as const) : ("tagger" as const);
    const local = isLocalPerson(r.candidateName) ? { local: true as const } : {};
    return [{ name: r.candidateName, type: "Person" as const, via, confidence: confidence ?? 1, ...local, start: r.start, end: r.end, sentenceIndex: r.sentence }];
  });
  // Places and organisations the tagger or a head noun found: each distinct name is one candidate in the article.
  for (const t of tagged) {
    if (t.type === "Person" || refs.some((r) => overlaps(r, t))) continue;
    const name = t.name ?? parsed.text.slice(t.start, t.end);
    const via = t.headed ? ("head" as const) : ("tagger" as const);
    candidates.push({ name, type: t.type, via, confidence: t.confidence, ...(t.local && { local: t.local }), start: t.start, end: t.end, sentenceIndex: t.sentence });
  }
  candidates.sort((a, b) => a.start - b.start);
  const dates = findDates(doc);
  const dated = datelineDate(dates);
  const published = options.published ?? dated;
  const { claims, agreements } = findRelations(doc, partiesOf(doc, located, refs, tagged, names), dates, published);
  return {
    ...(dated && { datelineDate: dated }),
    claims,
    agreements,
    entityMentions,
    quotes: findQuotes(doc, located, roles, refs, affiliations(doc, refs, located, names), names, candidates),
    quantities: findQuantities(doc, dates),
    dates,
    candidates,
  };
}

/** The entities relation frames work with: gazetteer names, people (known or candidates), the tagger's other names. */
function partiesOf(doc: Doc, located: readonly LocatedName[], refs: readonly PersonRef[], tagged: readonly TaggedName[], names: NameIndex): Party[] {
  const sentence = (firstToken: number) => doc.tokens[firstToken]!.sentence;
  const parties: Party[] = located
    .filter((m) => m.type !== "Person")
    .map((m) => ({ target: { entityId: m.entityId }, type: m.type, start: m.start, end: m.end, firstToken: m.firstToken, endToken: m.endToken, sentence: sentence(m.firstToken) }));
  for (const r of refs) {
    const local = r.candidateName && isLocalPerson(r.candidateName) ? { local: true as const } : {};
    const target = r.entityId ? { entityId: r.entityId } : { candidate: { name: r.candidateName!, type: "Person" as const, ...local } };
    parties.push({ target, type: "Person", start: r.start, end: r.end, firstToken: r.firstToken, endToken: r.endToken, sentence: r.sentence });
  }
  for (const t of tagged) {
    if (t.type === "Person") continue;
    // An organisation's name may hold a country's nisba ("وكالة الأنباء الماليزية"): the organisation is the party.
    const inside = (p: Party) => p.type === "Country" && p.start >= t.start && p.end <= t.end;
    if (parties.some((p) => p.start < t.end && t.start < p.end && !inside(p))) continue;
    for (let i = parties.length - 1; i >= 0; i--) if (inside(parties[i]!)) parties.splice(i, 1);
    const target = { candidate: { name: t.name ?? doc.parsed.text.slice(t.start, t.end), type: t.type, ...(t.local && { local: t.local }) } };
    parties.push({ target, type: t.type, start: t.start, end: t.end, firstToken: t.firstToken, endToken: t.endToken, sentence: t.sentence });
  }
  parties.sort((a, b) => a.firstToken - b.firstToken || b.endToken - a.endToken);
  return [...parties, ...anaphors(doc, parties, names)].sort((a, b) => a.firstToken - b.firstToken || b.endToken - a.endToken);
}

/**
 * "عضوية الحلف", "باسم القوات", "إلى التحالف": a generic noun outside any name stands for the last
 * organisation before it whose name has the same head noun (حلف شمال الأطلسي, قوات سوريا الديمقراطية);
 * "البلاد" for the last country named.
 */
function anaphors(doc: Doc, parties: readonly Party[], names: NameIndex): Party[] {
  const covered = new Set(parties.flatMap((p) => Array.from({ length: p.endToken - p.firstToken }, (_, i) => p.firstToken + i)));
  const nameOf = (p: Party): string => {
    const t = p.target;
    if ("entityId" in t) {
      const e = names.entries.get(t.entityId);
      return fold([e?.nameAr ?? "", ...(e?.aliases ?? []), doc.parsed.text.slice(p.start, p.end)].join(" "));
    }
    return "candidate" in t ? fold(t.candidate.name) : "";
  };
  const organisations = parties.filter((p) => p.type === "Organization").map((p) => ({ p, name: nameOf(p) }));
  const out: Party[] = [];
  doc.tokens.forEach((tok, k) => {
    if (tok.sentence < 0 || covered.has(k)) return;
    const country = procliticBefore(tok.f, COUNTRY_ANAPHORS);
    if (country >= 0) {
      const antecedent = parties.filter((p) => p.type === "Country" && p.endToken <= k).at(-1);
      const start = doc.folded.map[tok.fs + country]!;
      if (antecedent) out.push({ target: antecedent.target, type: "Country", start, end: tok.end, firstToken: k, endToken: k + 1, sentence: tok.sentence });
      return;
    }
    const cut = procliticBefore(tok.f, ORGANIZATION_ANAPHORS);
    if (cut < 0) return;
    const head = tok.f.slice(cut + ARTICLE.length);
    const antecedent = organisations.filter(({ p, name }) => p.endToken <= k && name.includes(head)).at(-1)?.p;
    if (!antecedent) return;
    const start = doc.folded.map[tok.fs + cut]!;
    out.push({ target: antecedent.target, type: "Organization", start, end: tok.end, firstToken: k, endToken: k + 1, sentence: tok.sentence });
  });
  return out;
}

/** How far into the text a date line or dateline ("باماكو-مالي-08 مارس 2022") stands. */
const DATELINE_CHARS = 250;

/** The article's own date: a full date at its head (date line or dateline), if it prints one. */
function datelineDate(dates: readonly DateMention[]): string | undefined {
  return dates.find((d) => d.precision === "day" && d.start < DATELINE_CHARS)?.value;
}

/** One name word ("شكري") is too little to be the same person as in another article. */
function isLocalPerson(name: string): boolean {
  return significantWords(fold(name)).length < 2;
}
