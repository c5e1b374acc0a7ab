import neo4j, { type Driver } from "neo4j-driver";
import { browserPostConnect, BROWSER_ASSETS_PATH } from "../serve/api/browser-assets.js";
import { API_DRIVER_CONFIG } from "../serve/api/server.js";
import type { Env, Neo4jTarget } from "../config.js";
import { instanceFromEnv, start, stop, type InstanceOptions } from "../neo4j/local-server.js";

/** The Neo4j the commands work on: NEO4J_URI when set, else the project-managed "main" instance. */
export interface Connection {
  driver: Driver;
  target: Neo4jTarget;
  /** The local instance, when this project manages it. */
  local?: InstanceOptions;
  /** Whether this connection started the local instance (and so may stop it). */
  startedHere: boolean;
  /** Closes the driver, and stops the local server if this connection started it. */
  close(): Promise<void>;
}

export async function connect(env: Env, { stopOnClose = false } = {}): Promise<Connection> {
  let local: InstanceOptions | undefined;
  let startedHere = false;
  let target: Neo4jTarget;
  if (env.NEO4J_URI) {
    target = { uri: env.NEO4J_URI, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD, database: env.NEO4J_DATABASE };
  } else {
    // The Browser applies the project's style and opens its guide, both served by the API.
    local = {
      ...instanceFromEnv(env),
      settings: { "browser.post_connect_cmd": browserPostConnect(`http://127.0.0.1:${env.PORT}${BROWSER_ASSETS_PATH}`) },
    };
    startedHere = await start(local);
    target = { uri: `bolt://127.0.0.1:${local.boltPort}`, username: "neo4j", password: env.NEO4J_PASSWORD };
  }
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), {
    ...API_DRIVER_CONFIG,
    logging: { level: "error", logger: (_level, message) => console.error(`neo4j-driver: ${message}`) },
  });
  return {
    driver,
    target,
    ...(local ? { local } : {}),
    startedHere,
    async close() {
      await driver.close();
      if (local && startedHere && stopOnClose) await stop(local);
    },
  };
}
