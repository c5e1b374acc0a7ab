import type { Config, Driver } from "neo4j-driver";
import { afterAll, beforeAll, inject } from "vitest";
import { readEnv, type Neo4jTarget } from "../../src/config.js";
import { targetFromEnv } from "../../src/neo4j/connect.js";
import { openDriver } from "../../src/neo4j/driver-config.js";
import { instanceFromEnv, target } from "../../src/neo4j/local-server.js";
import { startApi, type RunningApi } from "../../src/serve/api/server.js";

/**
 * The tests' Neo4j from global-setup (seeded from seed/), or, run without it, the one in
 * NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD, which must hold the seeded graph (`npm run seed`).
 */
export function neo4jTarget(): Neo4jTarget {
  const provided = inject("neo4j") as Neo4jTarget | undefined;
  if (provided) return provided;
  const env = readEnv();
  return targetFromEnv(env) ?? target(instanceFromEnv(env));
}

export function apiDriver(t: Neo4jTarget = neo4jTarget(), config: Config = {}): Driver {
  return openDriver(t, { quiet: true, config });
}

/** The API on a free port, quiet, with its defaults unless `env` overrides them. */
export function startTestApi(driver: Driver, env: Record<string, string> = {}): Promise<RunningApi> {
  return startApi({ driver, env: readEnv({ ...process.env, PORT: "4000", HOST: "127.0.0.1", LOG_LEVEL: "silent", ...env }), port: 0 });
}

/** The API a test file shares: its driver, GraphQL endpoint and site root (where /annotations, /sources are). */
export interface TestApi {
  readonly driver: Driver;
  readonly url: string;
  readonly site: string;
}

/** Starts the API before the calling file's tests and closes it after them; read it only inside tests and hooks. */
export function useTestApi(): TestApi {
  let running: { driver: Driver; api: RunningApi } | undefined;
  beforeAll(async () => {
    const driver = apiDriver();
    running = { driver, api: await startTestApi(driver) };
  });
  afterAll(async () => {
    await running?.api.close();
    await running?.driver.close();
  });
  const started = () => {
    if (!running) throw new Error("the test API is read before its beforeAll ran");
    return running;
  };
  return {
    get driver() {
      return started().driver;
    },
    get url() {
      return started().api.url;
    },
    get site() {
      return started().api.url.replace(/\/graphql$/, "");
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse<T>, "status">) };
}

/** The data of a query that must succeed. */
export async function query<T = Record<string, unknown>>(url: string, q: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await gql<T>(url, q, variables);
  if (r.status !== 200 || r.errors || !r.data) throw new Error(`query failed (${r.status}): ${JSON.stringify(r.errors)}`);
  return r.data;
}

/** Text between code-point offsets, as TextPositionSelector counts them. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}
