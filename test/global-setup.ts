import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import "vitest";
import type { TestProject } from "vitest/node";
import { readEnv, type Neo4jTarget } from "../src/config.js";
import { openDriver } from "../src/neo4j/driver-config.js";
import { REPO_ROOT } from "../src/paths.js";
import { instanceFromEnv, start, stop, target as localTarget } from "../src/neo4j/local-server.js";
import { buildSeedGraphs, loadSourceGraphs } from "../src/ingest/pipeline/seed-project.js";
import { TEST_JVM } from "./support/neo4j-jvm.js";

/**
 * Picks the tests' Neo4j, never the one `npm start` serves (the tests wipe their database):
 * TEST_NEO4J_URI if set; else a testcontainers Neo4j when a Docker engine answers; else the
 * project-managed server's "test" instance on its own ports and data folder. The database is
 * wiped and seeded from seed/ before the tests.
 */

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: Neo4jTarget;
    /** The same server's HTTP address, where Neo4j Browser is served at /browser/. */
    neo4jHttp: string;
    /** The instance folder (conf, logs) when the server is the project-managed one, else null. */
    neo4jInstanceDir: string | null;
    /** The file whose lock a file that writes to the shared graph holds while it runs (test/support/writer-lock.ts). */
    writerLock: string;
  }
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import("testcontainers");
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** dist/, which the tests' child processes run as `npm start` does (rebuilt only when stale). */
async function buildDist(): Promise<void> {
  await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/build.ts", "--if-stale"], { cwd: REPO_ROOT });
}

export default async function setup(project: TestProject) {
  // Both integration projects list this file and vitest runs it once per project; the first run
  // serves them all, since what it provides to the whole run reaches every project.
  const run = project.vitest;
  if (run.getProvidedContext().neo4j) return;
  const built = buildDist();
  // The seed article's graph is built (in this process) while Neo4j starts (in its own).
  const seedGraphs = buildSeedGraphs();
  // Awaited after the start: a broken seed is reported there, not as an unhandled rejection.
  void seedGraphs.catch(() => undefined);
  const env = readEnv();
  let target: Neo4jTarget;
  let http: string;
  let teardown: () => Promise<void> = async () => undefined;
  let instanceDir: string | null = null;

  if (process.env.TEST_NEO4J_URI) {
    target = {
      uri: process.env.TEST_NEO4J_URI,
      username: process.env.TEST_NEO4J_USERNAME ?? "neo4j",
      password: process.env.TEST_NEO4J_PASSWORD ?? env.NEO4J_PASSWORD,
    };
    http = process.env.TEST_NEO4J_HTTP_URL ?? `http://${new URL(target.uri).hostname}:7474`;
  } else if (await dockerAnswers()) {
    const { Neo4jContainer } = await import("@testcontainers/neo4j");
    const container = await new Neo4jContainer("neo4j:5.26-community").withApoc().withPassword(env.NEO4J_PASSWORD).start();
    target = { uri: container.getBoltUri(), username: container.getUsername(), password: container.getPassword() };
    http = container.getHttpUri();
    teardown = async () => void (await container.stop());
  } else {
    // TEST_NEO4J_INSTANCE and the ports let several test runs (or engineers) work side by side.
    const instance = {
      ...instanceFromEnv(env, process.env.TEST_NEO4J_INSTANCE ?? "test", {
        bolt: Number(process.env.TEST_NEO4J_BOLT_PORT ?? 7688),
        http: Number(process.env.TEST_NEO4J_HTTP_PORT ?? 7475),
      }),
      // Tests log in with wrong passwords on purpose; the default lock-out after 3 failures would
      // then refuse the right password to the tests that follow.
      settings: { "dbms.security.auth_max_failed_attempts": "0" },
      jvm: TEST_JVM,
    };
    const startedHere = await start(instance);
    target = localTarget(instance);
    http = `http://127.0.0.1:${instance.httpPort}`;
    instanceDir = join(instance.home, "instances", instance.name);
    if (startedHere) teardown = async () => void (await stop(instance));
  }

  const driver = openDriver(target);
  const session = driver.session();
  try {
    await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
    // Every integration test starts from the seeded article graph.
    await loadSourceGraphs(driver, (await seedGraphs).map((b) => b.graph));
  } finally {
    await session.close();
    await driver.close();
  }
  await built;
  run.provide("neo4j", target);
  run.provide("neo4jHttp", http);
  run.provide("neo4jInstanceDir", instanceDir);
  const locks = await mkdtemp(join(tmpdir(), "sanad-test-locks-"));
  const writerLock = join(locks, "shared-graph");
  await writeFile(writerLock, "");
  run.provide("writerLock", writerLock);
  return async () => {
    await teardown();
    await rm(locks, { recursive: true, force: true });
  };
}
