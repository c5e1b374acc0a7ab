import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import autocannon from "autocannon";
import type { Neo4jTarget } from "../src/config.js";
import { QUERIES, type BenchQuery } from "./queries.js";
import { percentile } from "./stats.js";

/**
 * The query benchmark's machinery: the API (`src/cli/serve.ts`, as users run it) and the
 * hand-written Cypher endpoint (bench/cypher-server.ts) each in a child process, loaded in turn
 * by autocannon on 127.0.0.1, with the API's resident memory sampled from /proc while it works.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface Endpoint {
  name: "graphql" | "cypher";
  pid: number;
  /** URL for a query: the GraphQL endpoint, or the Cypher server's path for it. */
  url(query: BenchQuery): string;
  body(query: BenchQuery): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

function neo4jEnv(target: Neo4jTarget): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEO4J_URI: target.uri,
    NEO4J_USERNAME: target.username,
    NEO4J_PASSWORD: target.password,
    ...(target.database ? { NEO4J_DATABASE: target.database } : {}),
  };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((ok) => {
      if (child.exitCode !== null) return ok();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        ok();
      });
      child.kill("SIGTERM");
    });
}

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, seconds = 90): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (code ${child.exitCode}) before it was ready`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} was not ready within ${seconds} s`);
}

/** The API as `npm run serve` runs it, on a free port, logging warnings only. */
export async function startGraphqlEndpoint(target: Neo4jTarget): Promise<Endpoint> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/serve.ts")], {
    cwd: ROOT,
    env: { ...neo4jEnv(target), PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/ready`)).ok, "the GraphQL API", child);
  return {
    name: "graphql",
    pid: child.pid!,
    url: () => `${base}/graphql`,
    body: (q) => JSON.stringify({ query: q.graphql, variables: q.variables }),
    stop: stopper(child),
  };
}

export async function startCypherEndpoint(target: Neo4jTarget): Promise<Endpoint> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "bench/cypher-server.ts")], {
    cwd: ROOT,
    env: neo4jEnv(target),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((ok, fail) => {
    child.once("exit", (code) => fail(new Error(`the Cypher server exited (code ${code})`)));
    child.stdout.once("data", (line: Buffer) => ok((JSON.parse(line.toString("utf8")) as { port: number }).port));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    name: "cypher",
    pid: child.pid!,
    url: (q) => `${base}/${q.name}`,
    body: (q) => JSON.stringify(q.variables),
    stop: stopper(child),
  };
}

async function fetchData(endpoint: Endpoint, query: BenchQuery): Promise<unknown> {
  const res = await fetch(endpoint.url(query), { method: "POST", headers: { "content-type": "application/json" }, body: endpoint.body(query) });
  const json = (await res.json()) as { data?: unknown; errors?: unknown };
  if (!res.ok || json.errors) throw new Error(`${endpoint.name} ${query.name}: HTTP ${res.status} ${JSON.stringify(json.errors ?? json)}`);
  return json.data;
}

/** The queries with the variables that depend on the graph (a cursor) asked of the API. */
export async function prepareQueries(graphql: Endpoint, queries: readonly BenchQuery[]): Promise<BenchQuery[]> {
  return Promise.all(
    queries.map(async (q) => (q.prepare ? { ...q, variables: await q.prepare((query, variables) => fetchData(graphql, { ...q, graphql: query, variables })) } : q)),
  );
}

/**
 * Both endpoints must give the same answer, and a non-trivial one, before either is timed.
 * Returns the size of each answer (JSON characters).
 */
export async function checkSameAnswers(graphql: Endpoint, cypher: Endpoint, queries = QUERIES): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const q of queries) {
    const [a, b] = [await fetchData(graphql, q), await fetchData(cypher, q)];
    if (!isDeepStrictEqual(a, b)) {
      throw new Error(`${q.name}: GraphQL and Cypher answers differ\nGraphQL: ${JSON.stringify(a).slice(0, 1500)}\nCypher:  ${JSON.stringify(b).slice(0, 1500)}`);
    }
    sizes[q.name] = JSON.stringify(a).length;
  }
  return sizes;
}

export interface LoadResult {
  requests: number;
  /** CPU time (user + system) the endpoint's process spent per request, from /proc. */
  cpuMsPerRequest: number;
  /** Requests per second over the run. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** Non-2xx answers and socket errors; a run with any is not trusted. */
  failures: number;
}

/**
 * autocannon with `connections` concurrent connections for `seconds`; latencies of every
 * response, in ms. A window in which no answer came back and nothing failed (a busy machine, a
 * smoke run's short window) measured nothing: it is run again, twice as long, up to a minute.
 */
export async function loadTest(endpoint: Endpoint, query: BenchQuery, connections: number, seconds: number): Promise<LoadResult> {
  const result = await loadWindow(endpoint, query, connections, seconds);
  return result.requests > 0 || result.failures > 0 || seconds >= 60 ? result : loadTest(endpoint, query, connections, seconds * 2);
}

async function loadWindow(endpoint: Endpoint, query: BenchQuery, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const cpu0 = cpuMs(endpoint.pid);
  const result = await new Promise<autocannon.Result>((ok, fail) => {
    const instance = autocannon(
      {
        url: endpoint.url(query),
        method: "POST",
        headers: { "content-type": "application/json" },
        body: endpoint.body(query),
        connections,
        duration: seconds,
        // autocannon stops only at a sample tick (every second by default): a shorter run would
        // otherwise go on to the next whole second.
        sampleInt: Math.min(1000, seconds * 1000),
      },
      (err, r) => (err ? fail(err instanceof Error ? err : new Error(String(err))) : ok(r)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const cpu = cpuMs(endpoint.pid) - cpu0;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    cpuMsPerRequest: latencies.length > 0 ? cpu / latencies.length : Number.NaN,
    // Over the time it really ran, which can pass `seconds` by up to a tick.
    throughput: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Clock ticks per second of /proc/<pid>/stat's times: USER_HZ, 100 on Linux. */
const USER_HZ = 100;

/** CPU time a process has used so far (user + system), in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start at state; utime and stime are the 12th and 13th after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/** Samples a process's resident memory (VmRSS, /proc) every `everyMs`; `stop()` gives the peak seen and the kernel's VmHWM. */
export function sampleRss(pid: number, everyMs = 100): { stop(): { peakMiB: number; hwmMiB: number } } {
  const read = (field: string) => {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) / 1024 : 0;
  };
  let peak = read("VmRSS");
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, read("VmRSS"));
    } catch {
      // The process ended; the peak so far stands.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      let hwm = peak;
      try {
        hwm = read("VmHWM");
      } catch {
        // As above.
      }
      return { peakMiB: peak, hwmMiB: hwm };
    },
  };
}
