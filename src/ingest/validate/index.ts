import { SourceGraph } from "../../model/graph.js";
import { formatPath, problemAt, type Problem } from "../../model/problem.js";
import { sha256Hex } from "../../model/ids.js";
import { cpLength, sliceCp } from "../../model/offsets.js";

/**
 * The validate stage: checks a SourceGraph before it is loaded; pure. The schema is checked first; the other checks
 * assume its shapes, so they run only when it passes. Problems carry `file` (what the caller names
 * the graph by) and the field path, e.g. "mentions[4].exact"; a graph has no lines.
 */
export function validateSourceGraph(graph: SourceGraph, file: string): Problem[] {
  const parsed = SourceGraph.safeParse(graph);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => problemAt("validate:schema", file, undefined, `schema: ${i.message}`, { field: formatPath(i.path) }));
  }
  const g = parsed.data;
  const problems: Problem[] = [];
  const report = (field: string, reason: string) => problems.push(problemAt("validate:graph", file, undefined, reason, { field }));

  const text = g.source.text;
  const length = cpLength(text);
  if (sha256Hex(text) !== g.source.sha256) report("source.sha256", "does not match the sha256 of source.text");

  const unique = (items: readonly { id: string }[], name: string): Set<string> => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const j = seen.get(item.id);
      if (j === undefined) seen.set(item.id, i);
      else report(`${name}[${i}].id`, `duplicate id "${item.id}" (also ${name}[${j}])`);
    });
    return new Set(seen.keys());
  };
  const entities = unique(g.entities, "entities");
  const mentions = unique(g.mentions, "mentions");
  unique(g.claims, "claims");
  unique(g.quotes, "quotes");

  const entityRef = (field: string, id: string | undefined) => {
    if (id !== undefined && !entities.has(id)) report(field, `unknown entity id "${id}"`);
  };
  const mentionRefs = (name: string, evidence: readonly string[]) =>
    evidence.forEach((id, k) => {
      if (!mentions.has(id)) report(`${name}.evidence[${k}]`, `evidence "${id}" is not a mention of this graph`);
    });

  g.entities.forEach((e, i) => entityRef(`entities[${i}].partOf`, e.partOf));

  g.mentions.forEach((m, i) => {
    const at = `mentions[${i}]`;
    if (m.sourceId !== g.source.id) report(`${at}.sourceId`, `mention of source "${m.sourceId}" in the graph of "${g.source.id}"`);
    entityRef(`${at}.entityId`, m.entityId);
    if (!(m.start < m.end && m.end <= length)) {
      report(at, `span ${m.start}-${m.end} is not within the text (0 <= start < end <= ${length})`);
      return;
    }
    const exact = sliceCp(text, m.start, m.end);
    if (exact !== m.exact) report(`${at}.exact`, `"${m.exact}" is not the text at ${m.start}-${m.end}, which reads "${exact}"`);
    const before = sliceCp(text, 0, m.start);
    if (!before.endsWith(m.prefix)) report(`${at}.prefix`, `"${m.prefix}" is not the text just before ${m.start}`);
    const after = sliceCp(text, m.end, length);
    if (!after.startsWith(m.suffix)) report(`${at}.suffix`, `"${m.suffix}" is not the text just after ${m.end}`);
  });

  g.claims.forEach((c, i) => {
    const at = `claims[${i}]`;
    entityRef(`${at}.subjectId`, c.subjectId);
    entityRef(`${at}.objectId`, c.objectId);
    if ((c.objectId === undefined) === (c.value === undefined)) report(at, "a claim has either an object entity or a literal value, not both or neither");
    mentionRefs(at, c.evidence);
  });

  g.quotes.forEach((q, i) => {
    const at = `quotes[${i}]`;
    entityRef(`${at}.speakerId`, q.speakerId);
    entityRef(`${at}.settingId`, q.settingId);
    entityRef(`${at}.outletId`, q.outletId);
    mentionRefs(at, q.evidence);
  });
  return problems;
}
