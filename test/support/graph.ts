import type { Driver } from "neo4j-driver";
import { inject } from "vitest";
import { graphChecksum as contentChecksum } from "../../src/neo4j/checksum.js";
import { openDriver } from "../../src/neo4j/driver-config.js";

export function testDriver(): Driver {
  return openDriver(inject("neo4j"));
}

/** A checksum of the whole graph by content: equal checksums mean an identical graph (src/neo4j/checksum.ts). */
export async function graphChecksum(driver: Driver): Promise<string> {
  return (await contentChecksum(driver)).checksum;
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
