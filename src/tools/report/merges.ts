import { fold } from "../../lexicon/index.js";
import type { SourceGraph } from "../../model/graph.js";

/**
 * Pure: why nodes that no curator made stand for more than one mention. A candidate's id is made
 * of its type and folded name (src/ingest/pipeline/build.ts), so two articles that write the same
 * name of the same type share it; within an article a later short form ("سميث") refers to the name
 * written in full before it; an agreement with known parties and date is one node across articles.
 */
export interface Merge {
  nodeId: string;
  type: string;
  name: string;
  reason: string;
  /** Source id → the words that name the node there. */
  sources: Record<string, string[]>;
}

export function merges(graphs: readonly SourceGraph[]): Merge[] {
  const seen = new Map<string, { type: string; name: string; sources: Map<string, Set<string>> }>();
  for (const g of graphs) {
    const byId = new Map(g.entities.map((e) => [e.id, e]));
    for (const m of g.mentions) {
      const e = m.entityId ? byId.get(m.entityId) : undefined;
      if (!e || e.status !== "candidate") continue;
      const node = seen.get(e.id) ?? { type: e.type, name: e.nameAr, sources: new Map<string, Set<string>>() };
      seen.set(e.id, node);
      const words = node.sources.get(g.source.id) ?? new Set<string>();
      words.add(m.exact);
      node.sources.set(g.source.id, words);
    }
  }
  const out: Merge[] = [];
  for (const [nodeId, n] of seen) {
    const forms = new Set([...n.sources.values()].flatMap((s) => [...s]));
    const shortForms = [...forms].filter((f) => fold(f) !== fold(n.name));
    let reason: string;
    if (n.sources.size >= 2 && n.type === "Agreement") reason = `the same kind of agreement between the same parties on the same date in ${n.sources.size} sources`;
    else if (n.sources.size >= 2) reason = `the same type (${n.type}) and folded name «${fold(n.name)}» in ${n.sources.size} sources; no source gives it another id`;
    else if (shortForms.length > 0) reason = `${shortForms.map((f) => `«${f}»`).join("، ")} refers back to «${n.name}», written in full before it in the article`;
    else continue;
    out.push({ nodeId, type: n.type, name: n.name, reason, sources: Object.fromEntries([...n.sources].map(([k, v]) => [k, [...v]])) });
  }
  return out.sort((a, b) => Object.keys(b.sources).length - Object.keys(a.sources).length || a.nodeId.localeCompare(b.nodeId));
}
