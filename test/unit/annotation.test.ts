import { describe, expect, it } from "vitest";
import { annotationUrl, claimAnnotation, describeClaim, describeQuote, evidenceTarget, quoteAnnotation, sourceUrl, type EvidenceSpan } from "../../src/serve/annotation/index.js";

/** The one writer of claim and quote Web Annotations; the API and the export serve what it returns. */

const BASE = "http://127.0.0.1:4000";
const span: EvidenceSpan = { sourceId: "lusail-2020", start: 5, end: 8, exact: "قطر", prefix: "وقعت ", suffix: " و", language: "ar", url: "https://lusail.example/a" };

describe("describeClaim", () => {
  it("names the object, else the value: text, then date, then quantity with its unit", () => {
    expect(describeClaim({ subject: "Qatar", predicate: "signed", object: "Qatar–US MoU", valueText: "ignored", date: "2017-07" })).toBe("Qatar signed Qatar–US MoU (2017-07)");
    expect(describeClaim({ subject: "ISIS", predicate: "leaderName", valueText: "Abu  Bakr", valueDate: "2019" })).toBe("ISIS leaderName Abu Bakr");
    expect(describeClaim({ subject: "Qatar", predicate: "founded", valueDate: "1971-09" })).toBe("Qatar founded 1971-09");
    expect(describeClaim({ subject: "SDF", predicate: "fighterCount", valueQuantity: 30, valueUnit: "fighters", date: "2020" })).toBe("SDF fighterCount 30 fighters (2020)");
    expect(describeClaim({ subject: "SDF", predicate: "fighterCount", valueQuantity: 2.5 })).toBe("SDF fighterCount 2.5");
    expect(describeClaim({ subject: "X", predicate: "p" })).toBe("X p");
  });

  it("marks a modality other than asserted", () => {
    expect(describeClaim({ subject: "Qatar", predicate: "memberOf", object: "Coalition", modality: "negated" })).toBe("Qatar memberOf Coalition [negated]");
    expect(describeClaim({ subject: "Qatar", predicate: "memberOf", object: "Coalition", modality: "asserted" })).toBe("Qatar memberOf Coalition");
  });
});

describe("describeQuote", () => {
  it("reads speaker, verb and words, trimmed where the speaker is unknown", () => {
    expect(describeQuote({ speaker: "روبرت وايت", verb: "قال", text: "نجحنا" })).toBe("روبرت وايت قال: نجحنا");
    expect(describeQuote({ speaker: "", verb: "قال", text: "نجحنا" })).toBe("قال: نجحنا");
  });
});

describe("evidenceTarget", () => {
  it("points the selectors at the API's plain-text source, scoped to the article's URL; the fragment links the reading view", () => {
    expect(evidenceTarget(BASE, span)).toEqual({
      type: "SpecificResource",
      source: { id: `${BASE}/sources/lusail-2020`, type: "Text", format: "text/plain", language: "ar" },
      scope: "https://lusail.example/a",
      selector: [
        { type: "TextQuoteSelector", exact: "قطر", prefix: "وقعت ", suffix: " و" },
        { type: "TextPositionSelector", start: 5, end: 8 },
        { type: "FragmentSelector", conformsTo: "http://tools.ietf.org/rfc/rfc5147", value: "char=5,8" },
      ],
    });
  });

  it("leaves out the language and scope it is not given", () => {
    const target = evidenceTarget(BASE, { ...span, language: undefined, url: undefined });
    expect(Object.keys(target)).toEqual(["type", "source", "selector"]);
    expect(target.source).toEqual({ id: `${BASE}/sources/lusail-2020`, type: "Text", format: "text/plain" });
  });

  it("escapes ids into the URLs", () => {
    expect(sourceUrl(BASE, "a b/c")).toBe(`${BASE}/sources/a%20b%2Fc`);
    expect(annotationUrl(BASE, "quotes", "q?1")).toBe(`${BASE}/annotations/quotes/q%3F1`);
  });
});

describe("claimAnnotation and quoteAnnotation", () => {
  it("write the annotation at its API URL, with the description as its one body and a target per span in order", () => {
    const second = { ...span, start: 40, end: 43 };
    const claim = claimAnnotation(BASE, "claim-0150f1ce88aa5c39", { subject: "Qatar", predicate: "signed", object: "MoU" }, [span, second]);
    expect(JSON.stringify(claim)).toBe(
      JSON.stringify({
        id: `${BASE}/annotations/claims/claim-0150f1ce88aa5c39`,
        type: "Annotation",
        motivation: "describing",
        body: { type: "TextualBody", purpose: "describing", format: "text/plain", language: "en", value: "Qatar signed MoU" },
        target: [evidenceTarget(BASE, span), evidenceTarget(BASE, second)],
      }),
    );
    expect(claim.target.map((t) => t.selector[1].start)).toEqual([5, 40]);
  });

  it("list further bodies after the description", () => {
    const quotation = { type: "schema:Quotation", text: "نجحنا" };
    const quote = quoteAnnotation(BASE, "quote-1", { speaker: "وايت", verb: "قال", text: "نجحنا" }, [span], [quotation]);
    expect(quote.id).toBe(`${BASE}/annotations/quotes/quote-1`);
    expect(quote.body).toEqual([{ type: "TextualBody", purpose: "describing", format: "text/plain", language: "ar", value: "وايت قال: نجحنا" }, quotation]);
    expect(quote.target).toHaveLength(1);
  });
});
