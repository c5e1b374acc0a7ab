import { createHash } from "node:crypto";
import type { CuratedFact } from "./seed-files.js";
import { hasAstral, sliceCp, toUtf16 } from "./offsets.js";

/** What makes two claims the same statement, whichever article they come from. */
export type ClaimKey = Pick<CuratedFact, "predicate" | "subject" | "object" | "value" | "date"> & {
  modality?: CuratedFact["modality"];
};

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** JSON with object keys sorted and undefined fields dropped, so equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Stable claim id: "claim-" + 16 hex digits of the sha256 of predicate, subject, object or value,
 * date and modality. Modality is part of the statement: "X is a member" and "X is no longer a
 * member" must not merge into one Claim node. Evidence and relationship are not.
 */
export function claimId(fact: ClaimKey): string {
  const key = {
    predicate: fact.predicate,
    subject: fact.subject,
    object: fact.object,
    value: fact.value,
    date: fact.date,
    modality: fact.modality ?? "asserted",
  };
  return `claim-${sha256Hex(canonicalJson(key)).slice(0, 16)}`;
}

export function mentionId(sourceId: string, start: number, end: number): string {
  return `${sourceId}:${start}-${end}`;
}

/** Characters of context kept on each side of a mention (W3C TextQuoteSelector prefix/suffix). */
export const CONTEXT_CHARS = 32;

export interface SpanText {
  exact: string;
  prefix: string;
  suffix: string;
}

/** The text of a span and up to CONTEXT_CHARS code points either side; offsets in code points. */
export function spanOf(text: string, start: number, end: number): SpanText {
  if (!hasAstral(text)) {
    return { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start), suffix: text.slice(end, end + CONTEXT_CHARS) };
  }
  const s = toUtf16(text, start);
  const e = toUtf16(text, end);
  const before = text.slice(0, s);
  const after = text.slice(e);
  return {
    exact: text.slice(s, e),
    prefix: lastCodePoints(before, CONTEXT_CHARS),
    suffix: sliceCp(after, 0, CONTEXT_CHARS),
  };
}

function lastCodePoints(text: string, n: number): string {
  if (!hasAstral(text)) return text.slice(-n);
  return Array.from(text).slice(-n).join("");
}
