import type { SourceGraph } from "../../model/graph.js";
import type { ClaimRejection, Gazetteer, Rejections } from "../../model/seed-files.js";

/**
 * The review stage: the reviewer's rejections (seed/rejections.yaml, `npm run review -- reject`)
 * taken out of a built graph; pure. Accepted and merged candidates need no stage: they are
 * gazetteer entries, which the extractor resolves like any other.
 */

/** Candidate id → the gazetteer entry that replaced it (GazetteerEntry.replaces). */
export function replacedCandidates(gazetteer: Gazetteer): Map<string, string> {
  return new Map(gazetteer.entities.flatMap((e) => (e.replaces ?? []).map((candidate) => [candidate, e.id] as const)));
}

/** What makes a rejection and an extracted claim the same statement: predicate, subject and object ids. */
function statementKey(predicate: string, subject: string, object: string | undefined): string {
  return `${predicate}\u0000${subject}\u0000${object ?? ""}`;
}

/** The statements rejected in `sourceId`, keyed as statementKey, with candidate ids read as what replaced them. */
export function rejectedStatements(claims: readonly ClaimRejection[], sourceId: string, replaced: ReadonlyMap<string, string>): Set<string> {
  const now = (id: string) => replaced.get(id) ?? id;
  return new Set(
    claims
      .filter((r) => !r.sources || r.sources.includes(sourceId))
      .map((r) => statementKey(r.predicate, now(r.subject), r.object === undefined ? undefined : now(r.object))),
  );
}

/**
 * The graph without what the reviewer rejected: extracted claims whose statement was rejected in
 * this source, and rejected candidates with the claims and quotes that rest on them (a setting or
 * outlet of a quote is only dropped from it). A curated claim is never dropped: its facts file
 * says otherwise. Spans that only served what was dropped go too, and candidates nothing refers to.
 */
export function applyRejections(graph: SourceGraph, rejections: Rejections, replaced: ReadonlyMap<string, string>): SourceGraph {
  const statements = rejectedStatements(rejections.claims, graph.source.id, replaced);
  const entities = new Set(rejections.entities.map((r) => r.entity));
  const candidate = new Set(graph.entities.filter((e) => e.status === "candidate").map((e) => e.id));
  const gone = (id: string | undefined) => id !== undefined && entities.has(id) && candidate.has(id);
  if (statements.size === 0 && !graph.entities.some((e) => gone(e.id))) return graph;

  const claims = graph.claims.filter(
    (c) => c.origin === "curated" || !(statements.has(statementKey(c.predicate, c.subjectId, c.objectId)) || gone(c.subjectId) || gone(c.objectId)),
  );
  const quotes = graph.quotes
    .filter((q) => !gone(q.speakerId))
    .map((q) => {
      const { settingId, outletId, ...rest } = q;
      return { ...rest, ...(settingId && !gone(settingId) && { settingId }), ...(outletId && !gone(outletId) && { outletId }) };
    });
  const evidence = new Set([...claims, ...quotes].flatMap((x) => x.evidence));
  const mentions = graph.mentions.flatMap((m) => {
    if (!gone(m.entityId)) return m.entityId || evidence.has(m.id) ? [m] : [];
    if (!evidence.has(m.id)) return [];
    const span = { ...m };
    delete span.entityId;
    return [span];
  });
  const referred = new Set([
    ...mentions.flatMap((m) => (m.entityId ? [m.entityId] : [])),
    ...claims.flatMap((c) => [c.subjectId, ...(c.objectId ? [c.objectId] : [])]),
    ...quotes.flatMap((q) => [q.speakerId, ...(q.settingId ? [q.settingId] : []), ...(q.outletId ? [q.outletId] : [])]),
  ]);
  return {
    ...graph,
    entities: graph.entities.filter((e) => !candidate.has(e.id) || (referred.has(e.id) && !gone(e.id))),
    mentions,
    claims,
    quotes,
  };
}
