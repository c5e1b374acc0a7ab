import type { Config, Driver } from "neo4j-driver";
import { readEnv } from "../../src/config.js";
import { openDriver } from "../../src/neo4j/driver-config.js";
import { instanceFromEnv, isAlive, status, target, type InstanceOptions } from "../../src/neo4j/local-server.js";
import { waitFor } from "./cli.js";
import { TEST_JVM } from "./neo4j-jvm.js";

/**
 * A project-managed Neo4j of the fault tests' own, which they kill and restart: never the
 * shared test server, which the other test files use in the same run. TEST_FAULTS_NEO4J_* move
 * it when two runs share a machine.
 */
export function faultInstance(): InstanceOptions {
  return ownInstance("FAULTS", "faults", { bolt: 7723, http: 7724 });
}

/** A test file's own project-managed Neo4j, moved by TEST_<prefix>_NEO4J_INSTANCE / _BOLT_PORT / _HTTP_PORT. */
export function ownInstance(prefix: string, name: string, ports: { bolt: number; http: number }): InstanceOptions {
  const env = (key: string) => process.env[`TEST_${prefix}_NEO4J_${key}`];
  return {
    ...instanceFromEnv(readEnv(), env("INSTANCE") ?? name, {
      bolt: Number(env("BOLT_PORT") ?? ports.bolt),
      http: Number(env("HTTP_PORT") ?? ports.http),
    }),
    jvm: TEST_JVM,
    log: () => undefined,
  };
}

export function faultDriver(o: InstanceOptions, config: Config = {}): Driver {
  return openDriver(target(o), { quiet: true, config });
}

/** SIGKILL to the Neo4j JVM (no shutdown hook, no checkpoint), once it is gone. */
export async function killNeo4j(o: InstanceOptions): Promise<number> {
  const { pid } = await status(o);
  if (pid === undefined) throw new Error(`Neo4j instance "${o.name}" is not running`);
  process.kill(pid, "SIGKILL");
  await waitFor("the Neo4j process to die", async () => (isAlive(pid) ? undefined : true), 30_000, 50);
  return pid;
}

/** Deletes every node; with `schema`, every constraint and index too (token lookups stay). */
export async function wipe(driver: Driver, { schema = false } = {}): Promise<void> {
  // CALL ... IN TRANSACTIONS needs an auto-commit transaction, which executeQuery is not.
  const session = driver.session();
  try {
    await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
  } finally {
    await session.close();
  }
  if (!schema) return;
  const { records: constraints } = await driver.executeQuery("SHOW CONSTRAINTS YIELD name");
  for (const r of constraints) await driver.executeQuery(`DROP CONSTRAINT \`${r.get("name") as string}\``);
  const { records: indexes } = await driver.executeQuery("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'");
  for (const r of indexes) await driver.executeQuery(`DROP INDEX \`${r.get("name") as string}\``);
}

export interface RunningTransaction {
  id: string;
  query: string;
  millis: number;
}

/** Transactions running on the server other than the one asking. */
export async function runningTransactions(driver: Driver): Promise<RunningTransaction[]> {
  const { records } = await driver.executeQuery(
    `SHOW TRANSACTIONS YIELD transactionId, currentQuery, elapsedTime
     WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
     RETURN transactionId AS id, currentQuery AS query, elapsedTime.milliseconds AS millis`,
  );
  return records.map((r) => ({ id: r.get("id") as string, query: r.get("query") as string, millis: Number(r.get("millis")) }));
}
