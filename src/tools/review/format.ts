import type { Context, ReviewList } from "./graph.js";

/** Pure: the review list as terminal text, each item with the commands that decide it. */

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ");
}

/** "source:start-end  …prefix [exact] suffix…" */
export function contextLine(c: Context): string {
  return `${c.sourceId}:${c.start}-${c.end}  …${oneLine(c.prefix)}[${oneLine(c.exact)}]${oneLine(c.suffix)}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function formatReviewList(list: ReviewList, maxConfidence: number): string {
  const out: string[] = [];
  out.push(`Candidates (${list.candidates.length})`);
  out.push(`  npm run review -- accept <id> [--id <new-id>] [--name-en <name>] | merge <keep-id> <other-id> | reject <id> [--reason <why>]`);
  for (const c of list.candidates) {
    out.push(``, `  ${c.id}  ${c.type}  «${c.name}»  ${plural(c.mentions, "mention")} in ${c.sources.join(", ") || "no source (a quote's outlet or speaker)"}`);
    for (const ctx of c.contexts) out.push(`      ${contextLine(ctx)}`);
  }
  out.push(``, `Extracted claims with confidence ≤ ${maxConfidence} (${list.claims.length})`);
  out.push(`  npm run review -- reject <claim-id> [--reason <why>] [--everywhere]`);
  for (const c of list.claims) {
    const object = c.object ? `«${c.object.name}» (${c.object.id})` : "a value";
    const qualifiers = [c.modality !== "asserted" ? c.modality : "", c.date ?? ""].filter((q) => q !== "").join(", ");
    out.push(``, `  ${c.id}  ${c.predicate}${qualifiers ? ` [${qualifiers}]` : ""}  confidence ${c.confidence}  «${c.subject.name}» (${c.subject.id}) → ${object}`);
    for (const ctx of c.evidence) out.push(`      ${contextLine(ctx)}`);
  }
  return out.join("\n");
}
