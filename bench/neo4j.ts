import neo4j, { type Driver } from "neo4j-driver";
import { readEnv, type Neo4jTarget } from "../src/config.js";
import { instanceFromEnv, start, stop, type InstanceOptions } from "../src/neo4j/local-server.js";

/**
 * The benchmark's Neo4j: NEO4J_URI when set (then nothing is started or stopped), else the
 * project-managed instance "bench" on its own ports and data folder, which the benchmark wipes.
 */
export interface BenchNeo4j {
  target: Neo4jTarget;
  driver: Driver;
  local?: InstanceOptions;
  close(): Promise<void>;
}

export const BENCH_INSTANCE = { name: "bench", bolt: 7713, http: 7714 };

export async function benchNeo4j(options: { target?: Neo4jTarget; stopAfter?: boolean } = {}): Promise<BenchNeo4j> {
  const env = readEnv();
  let target = options.target;
  let local: InstanceOptions | undefined;
  let startedHere = false;
  if (!target && env.NEO4J_URI) {
    target = { uri: env.NEO4J_URI, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE };
  }
  if (!target) {
    local = instanceFromEnv(env, BENCH_INSTANCE.name, { bolt: BENCH_INSTANCE.bolt, http: BENCH_INSTANCE.http });
    startedHere = await start(local);
    target = { uri: `bolt://127.0.0.1:${local.boltPort}`, username: "neo4j", password: local.password };
  }
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), {
    logging: { level: "error", logger: (_level, message) => console.error(`neo4j-driver: ${message}`) },
  });
  await driver.verifyConnectivity();
  return {
    target,
    driver,
    ...(local ? { local } : {}),
    async close() {
      await driver.close();
      if (local && startedHere && options.stopAfter) await stop(local);
    },
  };
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
