import autocannon from "autocannon";

/**
 * A bounded load of mixed analyst queries against a running API, with autocannon: a fixed number
 * of connections for a fixed time, loopback only. Full mode (50 connections, 60 s) belongs to
 * `npm run bench`; the test suite runs a short one (test/integration/reliability-load.test.ts).
 * A request fails when the socket errs or times out, when the status is not 2xx, or when a 200
 * carries GraphQL errors.
 */

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

export const FULL_LOAD: LoadOptions = { connections: 50, durationSeconds: 60 };
export const SHORT_LOAD: LoadOptions = { connections: 10, durationSeconds: 5 };

/** What analysts ask, after the GraphiQL examples: lookups, nested evidence, search, timelines, counts, paths. */
export const ANALYST_QUERIES: readonly { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: "entityByName", query: "query($n: String!) { entitiesByName(name: $n) { id type nameAr nameEn aliases } }", variables: { n: "لقطر" } },
  {
    name: "entityWithEvidence",
    query: `query($id: ID!) { entity(id: $id) { nameEn claimCount quoteCount
      claimsAsSubject(limit: 20) { predicate modality date object { id nameEn } evidence { exact start end source { id title } } }
      relations { type direction predicate other { id nameEn } } } }`,
    variables: { id: "qatar" },
  },
  {
    name: "quotesBySpeaker",
    query: `query($id: ID!) { entity(id: $id) { quotes { text verb setting { nameEn } evidence { start end exact prefix suffix } } } }`,
    variables: { id: "myles-caggins" },
  },
  { name: "searchQuotes", query: "query($p: String!) { searchQuotes(phrase: $p) { text speaker { nameEn } } }", variables: { p: "عضو مؤسس" } },
  { name: "searchClaims", query: "query($p: String!) { searchClaims(phrase: $p) { predicate text subject { nameEn } } }", variables: { p: "مذكرة تفاهم" } },
  { name: "searchEntities", query: "query($p: String!) { searchEntities(phrase: $p) { id nameEn } }", variables: { p: "security forces" } },
  {
    name: "timeline",
    query: `query { timeline(entityId: "qatar", from: "2010", to: "2020") { date datePrecision predicate subject { nameEn } object { nameEn } } }`,
  },
  { name: "counts", query: "{ claimCountsByPredicate { predicate count } quoteCountsBySpeaker { speaker { id } count } }" },
  { name: "paths", query: `{ paths(fromId: "qatar", toId: "sdf", maxHops: 3) { hops nodes { kind id } relationships { type } } }` },
  { name: "sources", query: "{ sources { id title length mentionsConnection { totalCount } } }" },
];

export interface LoadReport extends LoadOptions {
  /** How long it ran: durationSeconds, or less when stopped. */
  elapsedSeconds: number;
  requests: number;
  requestsPerSecond: number;
  /** Socket errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  status5xx: number;
  /** 200 responses that carry GraphQL errors, by query name. */
  graphqlErrors: Record<string, number>;
  /** Failed requests of every kind above. */
  failed: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

function assertLoopback(url: URL): void {
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`load tests run against loopback only, not ${url.hostname}`);
}

/**
 * Runs the mixed analyst load against the GraphQL endpoint `graphqlUrl` (e.g.
 * http://127.0.0.1:4000/graphql) for `durationSeconds`, or until `signal` aborts.
 */
export async function runAnalystLoad(graphqlUrl: string, { connections, durationSeconds }: LoadOptions, signal?: AbortSignal): Promise<LoadReport> {
  const url = new URL(graphqlUrl);
  assertLoopback(url);
  const graphqlErrors: Record<string, number> = {};
  const options: autocannon.Options = {
    url: url.origin,
    connections,
    duration: durationSeconds,
    timeout: 30,
    requests: ANALYST_QUERIES.map(({ name, query, variables }) => ({
      method: "POST" as const,
      path: url.pathname,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables: variables ?? {} }),
      onResponse: (status: number, body: string) => {
        if (status === 200 && body.includes('"errors"')) graphqlErrors[name] = (graphqlErrors[name] ?? 0) + 1;
      },
    })),
  };
  const result = await new Promise<autocannon.Result>((ok, fail) => {
    const instance = autocannon(options, (err, res) => (err ? fail(err instanceof Error ? err : new Error(String(err))) : ok(res)));
    signal?.addEventListener("abort", () => instance.stop(), { once: true });
  });
  const gqlFailed = Object.values(graphqlErrors).reduce((a, b) => a + b, 0);
  return {
    connections,
    durationSeconds,
    elapsedSeconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result["5xx"],
    graphqlErrors,
    failed: result.errors + result.non2xx + gqlFailed,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
}

export function formatLoadReport(r: LoadReport): string {
  return (
    `${r.connections} connections × ${r.elapsedSeconds.toFixed(1)} s: ${r.requests} requests (${r.requestsPerSecond.toFixed(0)}/s), ` +
    `${r.failed} failed (${r.errors} socket errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx, ${r.status5xx} 5xx, ` +
    `${JSON.stringify(r.graphqlErrors)} GraphQL errors); latency p50 ${r.latencyMs.p50} ms, p90 ${r.latencyMs.p90} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`
  );
}
