import type { Driver } from "neo4j-driver";
import { readEnv, type Neo4jTarget } from "../src/config.js";
import { connect, type Connection } from "../src/neo4j/connect.js";
import { openDriver } from "../src/neo4j/driver-config.js";

/**
 * The benchmark's Neo4j: the given target or NEO4J_URI when set (then nothing is started or
 * stopped), else the project-managed instance "bench" on its own ports and data folder, which the
 * benchmark wipes.
 */
export type BenchNeo4j = Connection;

export const BENCH_INSTANCE = { name: "bench", ports: { bolt: 7713, http: 7714 } };

export async function benchNeo4j(options: { target?: Neo4jTarget; stopAfter?: boolean } = {}): Promise<BenchNeo4j> {
  if (options.target) {
    const driver = openDriver(options.target);
    await driver.verifyConnectivity();
    return { driver, target: options.target, startedHere: false, close: () => driver.close() };
  }
  return connect(readEnv(), { instance: BENCH_INSTANCE, settings: {}, stopOnClose: options.stopAfter ?? false, verify: true });
}

/** Empties the database, schema included, so every run starts from the same state. */
export async function wipe(driver: Driver, database?: string): Promise<void> {
  // CALL … IN TRANSACTIONS needs an auto-commit transaction, which only session.run gives.
  const session = driver.session({ database });
  try {
    // Relationships first: detaching a node with 100,000 relationships (an often-named entity) at
    // once would exceed the transaction memory limit.
    await session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS");
    await session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS");
  } finally {
    await session.close();
  }
  const { records } = await driver.executeQuery("SHOW CONSTRAINTS YIELD name RETURN name", {}, { database });
  for (const r of records) await driver.executeQuery(`DROP CONSTRAINT \`${r.get("name") as string}\` IF EXISTS`, {}, { database });
  const indexes = await driver.executeQuery("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", {}, { database });
  for (const r of indexes.records) await driver.executeQuery(`DROP INDEX \`${r.get("name") as string}\` IF EXISTS`, {}, { database });
}

/** Nodes and relationships in the database. */
export async function countElements(driver: Driver, database?: string): Promise<{ nodes: number; relationships: number }> {
  const { records } = await driver.executeQuery(
    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships",
    {},
    { database },
  );
  const r = records[0]!;
  return { nodes: Number(r.get("nodes")), relationships: Number(r.get("relationships")) };
}
