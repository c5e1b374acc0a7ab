import { createHash } from "node:crypto";
import neo4j, { type Driver } from "neo4j-driver";
import { inject } from "vitest";
import { openDriver } from "../../src/neo4j/driver-config.js";

export function testDriver(): Driver {
  return openDriver(inject("neo4j"));
}

/**
 * A checksum of the whole graph by content (labels, properties, relationships between
 * identified nodes), independent of internal ids: equal checksums mean an identical graph.
 */
export async function graphChecksum(driver: Driver): Promise<string> {
  const { records: nodes } = await driver.executeQuery(
    "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props",
  );
  const { records: rels } = await driver.executeQuery(
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, properties(a) AS a, properties(b) AS b",
  );
  const key = (props: unknown) => JSON.stringify((props as Record<string, unknown>).id ?? props);
  const canon = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      x && typeof x === "object" && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => p.localeCompare(q)))
        : neo4j.isInt(x) ? (x as { toString(): string }).toString() : x,
    );
  const lines = [
    ...nodes.map((r) => canon([[...(r.get("labels") as string[])].sort(), r.get("props")])),
    ...rels.map((r) => canon([r.get("type"), r.get("props"), key(r.get("a")), key(r.get("b"))])),
  ].sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

export async function graphCounts(driver: Driver): Promise<{ nodes: number; relationships: number }> {
  const { records } = await driver.executeQuery(
    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships",
  );
  const r = records[0]!;
  return { nodes: Number(r.get("nodes")), relationships: Number(r.get("relationships")) };
}

/** The whole graph as counts and a checksum: equal states mean nothing was written or lost. */
export interface GraphState {
  counts: { nodes: number; relationships: number };
  checksum: string;
}

export async function graphState(driver: Driver): Promise<GraphState> {
  return { counts: await graphCounts(driver), checksum: await graphChecksum(driver) };
}
