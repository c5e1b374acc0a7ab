import type { Driver } from "neo4j-driver";
import type { Env, Neo4jTarget } from "../config.js";
import { BROWSER_ASSETS_PATH, browserPostConnect } from "./browser.js";
import { openDriver, type DriverOptions } from "./driver-config.js";
import { instanceFromEnv, start, stop, target as localTarget, type InstanceOptions } from "./local-server.js";

/**
 * The environment to a Neo4j connection, for every process: NEO4J_URI when set (then nothing is
 * started or stopped), else a project-managed instance ("main" for the commands, "test" and
 * "bench" on their own ports).
 */
export interface Connection {
  driver: Driver;
  target: Neo4jTarget;
  /** The local instance, when this project manages it. */
  local?: InstanceOptions;
  /** Whether this connection started the local instance (and so may stop it). */
  startedHere: boolean;
  /** Closes the driver, and stops the local server if this connection started it and stopOnClose. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** The project-managed instance used when NEO4J_URI is unset; default "main" on NEO4J_BOLT_PORT/NEO4J_HTTP_PORT. */
  instance?: { name: string; ports?: { bolt: number; http: number } };
  /**
   * Settings the instance adds to neo4j.conf. Default: the Browser applies the project's style
   * and opens its guide, both served by the API on PORT.
   */
  settings?: Record<string, string>;
  /** false: connect to the instance's address without starting it (the API waits for Neo4j). Default true. */
  start?: boolean;
  stopOnClose?: boolean;
  /** Wait until the server answers before returning. */
  verify?: boolean;
  driver?: DriverOptions;
}

/** NEO4J_URI and its credentials, when set. */
export function targetFromEnv(env: Env): Neo4jTarget | undefined {
  if (!env.NEO4J_URI) return undefined;
  return { uri: env.NEO4J_URI, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD, ...(env.NEO4J_DATABASE ? { database: env.NEO4J_DATABASE } : {}) };
}

export async function connect(env: Env, options: ConnectOptions = {}): Promise<Connection> {
  let local: InstanceOptions | undefined;
  let startedHere = false;
  let target = targetFromEnv(env);
  if (!target) {
    local = {
      ...instanceFromEnv(env, options.instance?.name, options.instance?.ports),
      settings: options.settings ?? { "browser.post_connect_cmd": browserPostConnect(`http://127.0.0.1:${env.PORT}${BROWSER_ASSETS_PATH}`) },
    };
    if (options.start ?? true) startedHere = await start(local);
    target = localTarget(local);
  }
  const driver = openDriver(target, options.driver);
  if (options.verify) {
    try {
      await driver.verifyConnectivity();
    } catch (e) {
      await driver.close();
      throw e;
    }
  }
  return {
    driver,
    target,
    ...(local ? { local } : {}),
    startedHere,
    async close() {
      await driver.close();
      if (local && startedHere && options.stopOnClose) await stop(local);
    },
  };
}
