import type { Span } from "../../model/graph.js";
import type { Position, Problem } from "../../model/problem.js";
import type { CuratedFact, FactsFile } from "../../model/seed-files.js";
import { claimId } from "../../model/ids.js";
import { locateEvidence, type EvidenceMatch } from "./locate.js";

export interface ResolvedEvidence {
  words: string;
  span: Span;
  match: EvidenceMatch;
}

export interface ResolvedFact {
  /** Index in the facts file, for messages. */
  index: number;
  fact: CuratedFact;
  claimId: string;
  evidence: ResolvedEvidence[];
}

/** Finds where a field of the facts file was written; the reader's Located.locate fits. */
export type Locator = (field: string) => Position | undefined;

/**
 * Resolves the evidence words of every fact to spans of the article; pure. Facts with any
 * unresolved evidence are left out of `resolved` and reported in `problems`.
 */
export function resolveFacts(
  facts: FactsFile,
  text: string,
  where: { file: string; article: string; locate?: Locator },
): { resolved: ResolvedFact[]; problems: Problem[] } {
  const resolved: ResolvedFact[] = [];
  const problems: Problem[] = [];
  facts.facts.forEach((fact, index) => {
    const evidence: ResolvedEvidence[] = [];
    fact.evidence.forEach((words, k) => {
      const field = `facts[${index}].evidence[${k}]`;
      const pos = where.locate?.(field);
      const r = locateEvidence(text, words, { file: where.file, article: where.article, field, ...(pos && { line: pos.line, column: pos.column }) });
      if (r.ok) evidence.push({ words, span: r.span, match: r.match });
      else problems.push(r.problem);
    });
    if (evidence.length === fact.evidence.length) resolved.push({ index, fact, claimId: claimId(fact), evidence });
  });
  return { resolved, problems };
}
