import { MAIN_RELATIONS, type DevScore, type DocDetails, type Ratio } from "./dev.js";
import type { DevRun } from "./dev-run.js";

/** The dev-set scores as Markdown tables (stdout and EVALUATION.md alike), with the metrics' definitions. */

export const SECTION_TITLE = "Dev set (realnews-dev)";

const pct = (hit: number, total: number): string => (total ? `${hit}/${total} (${((100 * hit) / total).toFixed(1)} %)` : "–");
const ratio = (r: Ratio): string => pct(r.hit, r.total);

function table(head: string[], rows: (string | number)[][]): string {
  const align = head.map((_, i) => (i === 0 ? "---" : "---:"));
  return [head, align, ...rows.map((r) => r.map(String))].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

export const FOOTNOTES = [
  "Occurrences: every place a gold `forms`, `adjectives` or `title_refs` string stands in the text as a word (attached proclitics و ف ب ك ل ال لل before it and an enclitic or nisba ending after it allowed, since the gold strips them); overlapping occurrences of one entity count once, as the longest.",
  "Found (exact): some graph mention linked to a node has exactly an occurrence's span. Found (overlap): some linked mention overlaps an occurrence. Entity recall counts an entity found when any of its occurrences is; mention recall counts occurrences, by kind.",
  "Right type: of the entities found, those whose best-overlapping mention (intersection over union) links a node of the gold type (Operation counts as Event).",
  "Each linked mention names the gold entity whose occurrence it overlaps most (intersection over union), or none. Linked-node precision: of the nodes with a linked mention in a document (counted once per document), those whose mentions name exactly one gold entity. Spurious: they name none. False merge in a document: they name two or more. Mentions that name none (anaphors the gold leaves out, or noise) are not held against a node.",
  "False merge across documents: a node whose gold entities (the one most of its mentions name, per document) have two different Wikidata ids (a curated node's own id counts, as the seed article's referent) or two gold types; or a curated Agreement, Event, Operation or Person node whose gold entity in some document has no form equal, after folding, to the node's full name (Agreement, Event, Operation) or to one of its names (Person): it was reached by a description such as «مذكرة تفاهم» or a title.",
  "Known entities: gold entities whose Wikidata id is that of a curated node of the graph; share of their occurrences overlapped by a mention linked to that node, and entities with all of them linked.",
  "A node stands for the gold entities its mentions in that document name; a node without mentions there (a gazetteer node a claim points to) stands for the gold entities with a form equal, after folding, to its nameAr or an alias. A gold relation is found when a claim has its predicate and subject and object nodes that stand for its subject and object. Supported: claims with an entity object that match some gold relation (claims with a literal value are not scored). Main types: " +
    MAIN_RELATIONS.join(", ") +
    ".",
  "A gold quote is found when an extracted quote's evidence mentions overlap the gold evidence; right speaker when such a quote's speaker node stands for the gold speaker. Attribution precision: of the extracted quotes that overlap some gold quote, those whose speaker stands for the speaker of one of them. Via: of the gold quotes with `via`, those found whose extracted quote's relay (`viaId`, else `outletId`) stands for the gold via.",
  "Date accuracy: of the claims matching a gold relation that has a `date`, those with the same value and precision. Date precision: of the matching claims that carry a date, those whose value is the gold's.",
  "Speed: articles per second of `analyseText` over five passes of the set, after the gazetteer is loaded and a first (scored) pass has warmed up the pipeline.",
];

function summary(s: DevScore, run: DevRun): string {
  const e = s.entities;
  const rows: [string, string][] = [
    ["Entity recall, overlap ¹ ²", pct(e.all.overlap, e.all.total)],
    ["Entity recall, exact ¹ ²", pct(e.all.exact, e.all.total)],
    ["Found entities with the right type ³", pct(e.all.typed, e.all.overlap)],
    ["Linked-node precision ⁴", pct(e.nodes.precise, e.nodes.total)],
    ["Spurious nodes ⁴", String(e.nodes.spurious)],
    ["False merges in a document ⁴", String(e.nodes.merged)],
    ["False merges across documents ⁵", String(e.crossDocMerges.length)],
    ["Linked mentions naming no gold entity ⁴", String(e.unannotatedMentions)],
    ["Known entities: occurrences linked to their gazetteer node ⁶", ratio(e.known.mentions)],
    ["Known entities with every occurrence linked ⁶", pct(e.known.entitiesAllLinked, e.known.entities)],
    ["Relation recall, main types ⁷", ratio(s.relations.main)],
    ["Relation recall, all types ⁷", ratio(s.relations.all)],
    ["Claims supported by a gold relation ⁷", ratio(s.relations.precision)],
    ["Quotes found ⁸", pct(s.quotes.found, s.quotes.gold)],
    ["Quotes found with the right speaker ⁸", pct(s.quotes.rightSpeaker, s.quotes.gold)],
    ["Attribution precision ⁸", ratio(s.quotes.attribution)],
    ["Extracted quotes overlapping no gold quote ⁸", String(s.quotes.unmatched)],
    ["Relayed quotes with the right via ⁸", `${pct(s.quotes.via.right, s.quotes.via.gold)}, ${s.quotes.via.found} found`],
    ["Date accuracy ⁹", ratio(s.dates.accuracy)],
    ["Date precision ⁹", ratio(s.dates.precision)],
    ["Speed ¹⁰", `${run.articlesPerSecond.toFixed(0)} articles/s`],
  ];
  return table(["metric", "value"], rows);
}

export function formatDev(run: DevRun, opts: { command: string; markdown: boolean; details: boolean }): string {
  const s = run.score;
  const e = s.entities;
  const types = Object.entries(e.byType).sort(([, a], [, b]) => b.total - a.total);
  const rel = Object.entries(s.relations.byType).sort(
    ([a, x], [b, y]) => Number((MAIN_RELATIONS as readonly string[]).includes(b)) - Number((MAIN_RELATIONS as readonly string[]).includes(a)) || y.gold - x.gold || a.localeCompare(b),
  );
  const origins = Object.entries(s.relations.byOrigin).map(([o, n]) => `${n} ${o}`).join(", ") || "none";
  const parts = [
    `${opts.markdown ? `## ${SECTION_TITLE}\n\n` : ""}${s.docs} documents. Reproduce with \`${opts.command}\`.`,
    summary(s, run),
    `### Entities by type ¹ ² ³\n\n${table(
      ["type", "gold", "found, exact", "found, overlap", "right type"],
      [...types, ["all", e.all] as const].map(([t, r]) => [t, r.total, pct(r.exact, r.total), pct(r.overlap, r.total), pct(r.typed, r.overlap)]),
    )}`,
    `### Mentions by kind ¹ ²\n\n${table(
      ["kind", "gold", "exact", "overlap"],
      Object.entries(e.mentions).map(([k, r]) => [k, r.total, pct(r.exact, r.total), pct(r.overlap, r.total)]),
    )}`,
    `### Relations by type ⁷\n\nClaims extracted: ${origins}; ${s.relations.literalClaims} with a literal value.\n\n${table(
      ["type", "gold", "found", "extracted", "supported"],
      rel.map(([t, r]) => [(MAIN_RELATIONS as readonly string[]).includes(t) ? `**${t}**` : t, r.gold, pct(r.found, r.gold), r.extracted, pct(r.supported, r.extracted)]),
    )}`,
    e.crossDocMerges.length
      ? `### False merges across documents ⁵\n\n${e.crossDocMerges.map((m) => `- \`${m.nodeId}\`: ${m.reason}; ${m.docs.map((d) => `${d.file} (${d.keys.join(", ")})`).join("; ")}`).join("\n")}`
      : "",
    `### Definitions\n\n${FOOTNOTES.map((f, i) => `${i + 1}. ${f}`).join("\n")}`,
    opts.details ? `### Per document\n\n${s.details.map(formatDetails).join("\n\n")}` : "",
  ];
  return parts.filter(Boolean).join("\n\n");
}

function formatDetails(d: DocDetails): string {
  const lines = [`#### ${d.file}`];
  const add = (title: string, items: string[]): void => {
    if (items.length) lines.push(`${title} (${items.length}):`, ...items.map((i) => `- ${i}`));
  };
  add("Missed entities", d.missedEntities.map((m) => `${m.key} (${m.type}): ${m.forms.join(" | ") || "(no form)"}`));
  add("False merges", d.falseMerges.map((m) => `node ${m.nodeId} names ${m.keys.join(", ")}`));
  add("Spurious nodes", d.spuriousNodes.map((m) => `node ${m.nodeId}: ${m.exact.join(" | ")}`));
  add("Missed relations", d.missedRelations.map((r) => `${r.type}(${r.subject} → ${r.object}): «${r.evidence}»`));
  add("Unsupported claims", d.unsupportedClaims.map((c) => `${c.predicate}(${c.subjectId} → ${c.objectId}) stands for (${c.subjectKeys.join(",") || "–"} → ${c.objectKeys.join(",") || "–"})`));
  add("Missed quotes", d.missedQuotes.map((q) => `${q.speaker}: «${q.evidence}»`));
  add("Misattributed quotes", d.misattributedQuotes.map((q) => `«${q.evidence}»: gold ${q.goldSpeakers.join(", ")}, extracted ${q.speakerId} (${q.speakerKeys.join(", ") || "no gold entity"})`));
  add("Quotes overlapping no gold quote", d.unmatchedQuotes.map((q) => `${q.speakerId}: «${q.text.slice(0, 80)}»`));
  return lines.join("\n");
}
