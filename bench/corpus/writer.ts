import type { CuratedFact } from "../../src/model/seed-files.js";
import type { GroundTruth, Span, TruthQuantity, TruthQuote, TruthSpeaker } from "./truth.js";

/** Letters written onto the following word: conjunctions و ف, prepositions ب ك ل. */
export type Clitic = "" | "و" | "ف" | "ب" | "ك" | "ل" | "وب" | "ول";

type FactDraft = Omit<CuratedFact, "evidence"> & { evidence: Span[] };

/**
 * Appends an article phrase by phrase and records, as it goes, what each phrase is: the ground
 * truth comes from the writing, never from reading the text back.
 */
export class ArticleWriter {
  private readonly parts: string[] = [];
  private length = 0;
  readonly truth: GroundTruth = { mentions: [], candidates: [], quotes: [], quantities: [], dates: [] };
  private readonly facts: FactDraft[] = [];
  private open: TruthQuote | undefined;

  get position(): number {
    return this.length;
  }

  put(text: string): Span {
    const start = this.length;
    this.parts.push(text);
    this.length += text.length;
    return { start, end: this.length };
  }

  /**
   * A gazetteer name, with a clitic written onto it. The span leaves the clitic out, except ل
   * before the article, which fuses with it (ل + التحالف → للتحالف) and stays in the span.
   */
  entity(entityId: string, form: string, clitic: Clitic = ""): Span {
    let span: Span;
    if (clitic.endsWith("ل") && form.startsWith("ال")) {
      this.put(clitic.slice(0, -1));
      span = this.put(`ل${form.slice(1)}`);
    } else {
      this.put(clitic);
      span = this.put(form);
    }
    this.truth.mentions.push({ entityId, ...span });
    return span;
  }

  /** A person outside the gazetteer, after a title word: the span is the name alone. */
  candidate(title: string, name: string): Span {
    this.put(`${title} `);
    const span = this.put(name);
    this.truth.candidates.push({ name, ...span });
    return span;
  }

  quantity(written: string, value: Omit<TruthQuantity, "start" | "end">): Span {
    const span = this.put(written);
    this.truth.quantities.push({ ...span, ...value });
    return span;
  }

  date(written: string, value: string, precision: "day" | "month" | "year"): Span {
    const span = this.put(written);
    this.truth.dates.push({ ...span, value, precision });
    return span;
  }

  /** The text written since `start`. */
  textFrom(start: number): string {
    return this.parts.join("").slice(start);
  }

  /** Opens a quote whose content starts here; it runs to the end of the paragraph. */
  quote(speaker: TruthSpeaker, verb: string, options: { implicitVerb?: boolean; settingId?: string; outletId?: string } = {}): void {
    this.closeQuote();
    this.open = {
      start: this.length,
      end: this.length,
      speaker,
      verb,
      implicitVerb: options.implicitVerb ?? false,
      ...(options.settingId && { settingId: options.settingId }),
      ...(options.outletId && { outletId: options.outletId }),
    };
  }

  private closeQuote(): void {
    if (!this.open) return;
    this.open.end = this.length;
    this.truth.quotes.push(this.open);
    this.open = undefined;
  }

  /** Ends the paragraph (and any quote in it) with a line break. */
  paragraph(): void {
    this.closeQuote();
    this.put("\n");
  }

  fact(fact: FactDraft): void {
    this.facts.push(fact);
  }

  finish(): { text: string; truth: GroundTruth; facts: CuratedFact[] } {
    this.closeQuote();
    const text = this.parts.join("");
    const facts = this.facts.map((f) => ({ ...f, evidence: f.evidence.map((s) => text.slice(s.start, s.end)) }));
    return { text, truth: this.truth, facts };
  }
}
