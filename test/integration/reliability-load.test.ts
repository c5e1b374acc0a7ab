import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatLoadReport, runAnalystLoad, SHORT_LOAD, type LoadReport } from "../../bench/reliability-load.js";
import { cliEnv } from "../support/cli.js";
import { graphState, testDriver, type GraphState } from "../support/graph.js";
import { documents, fetchSchema, injections } from "../support/injection.js";
import { startServe, type ServeProcess } from "../support/serve.js";

/**
 * The API (`npm run serve`, its own process) under a bounded load of mixed analyst queries
 * (short mode here; the full 50 connections × 60 s is bench/reliability-load.ts in
 * `npm run bench`), then hostile requests sent while the load runs. Nothing may fail, nothing
 * may answer 5xx, and the graph must not change.
 */

let driver: Driver;
let before: GraphState;
let api: ServeProcess;

beforeAll(async () => {
  driver = testDriver();
  before = await graphState(driver);
  api = await startServe(cliEnv(inject("neo4j"), { HOST: "127.0.0.1" }));
});

afterAll(async () => {
  const exit = await api?.stop();
  await driver?.close();
  expect(exit?.code).toBe(0);
});

function expectHeld(r: LoadReport) {
  expect(r.requests).toBeGreaterThan(0);
  expect({ failed: r.failed, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, status5xx: r.status5xx, graphqlErrors: r.graphqlErrors }).toEqual({
    failed: 0,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    status5xx: 0,
    graphqlErrors: {},
  });
}

/** pino lines of level error (50) or fatal (60) the API wrote. */
function loggedErrors(): string[] {
  return api.cli.output().stdout.split("\n").filter((l) => /"level":(50|60)\b/.test(l));
}

describe("a bounded load of mixed analyst queries", () => {
  it(`holds ${SHORT_LOAD.connections} connections for ${SHORT_LOAD.durationSeconds} s: no failed request, no 5xx`, async () => {
    const report = await runAnalystLoad(api.url, SHORT_LOAD);
    console.log(`reliability load (short mode): ${formatLoadReport(report)}`);
    expectHeld(report);
    expect(loggedErrors()).toEqual([]);
    expect(await graphState(driver)).toEqual(before);
  });
});

interface Reply {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(body: string): Promise<Reply> {
  const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: res.status, body: (await res.json()) as Reply["body"] };
}

const ask = (query: string, variables: Record<string, unknown> = {}) => post(JSON.stringify({ query, variables }));

/** Each hostile request, and what the API must answer to it: a 4xx with this code and message. */
const HOSTILE: { name: string; send: () => Promise<Reply>; status: number; code: string; message: RegExp }[] = [
  {
    name: "nesting 10 deep",
    send: () => ask(`{ entities { ${"partOf { ".repeat(10)}id${" }".repeat(10)} } }`),
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    message: /depth limit/i,
  },
  {
    name: "50 aliases",
    send: () => ask(`{ ${Array.from({ length: 50 }, (_, i) => `a${i}: entity(id: "qatar") { id }`).join(" ")} }`),
    status: 400,
    code: "GRAPHQL_VALIDATION_FAILED",
    message: /aliases limit/i,
  },
  {
    name: "a page of 1000",
    send: () => ask("query($n: Int) { claims(limit: $n) { id } }", { n: 1000 }),
    status: 400,
    code: "BAD_USER_INPUT",
    message: /limit must be between 0 and 100/,
  },
  {
    name: "nested pages multiplying past the result bound",
    send: () => ask("{ entities(limit: 100) { claimsAsSubject(limit: 100) { evidence { id } } } }"),
    status: 400,
    code: "BAD_USER_INPUT",
    message: /more than 10000 objects/,
  },
  {
    name: "an over-long search phrase",
    send: () => ask("query($p: String!) { searchQuotes(phrase: $p) { id } }", { p: "قطر ".repeat(100) }),
    status: 400,
    code: "BAD_USER_INPUT",
    message: /at most 200/,
  },
  {
    name: "a 200 kB body",
    send: () => post(JSON.stringify({ query: "{ entities { id } }", variables: { pad: "x".repeat(200_000) } })),
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
    message: /larger than/,
  },
  {
    name: "3000 tokens",
    send: () => ask(`{ ${"__typename ".repeat(3000)} }`),
    status: 400,
    code: "GRAPHQL_PARSE_FAILED",
    message: /2000 tokens/,
  },
  {
    name: "a mutation",
    send: () => ask("mutation { deleteEntities { nodesDeleted } }"),
    status: 400,
    code: "BAD_REQUEST",
    message: /read-only/,
  },
  {
    name: "a body that is not JSON",
    send: () => post('{"query": "{ entities { id } }"'),
    status: 400,
    code: "BAD_REQUEST",
    message: /not valid JSON/,
  },
];

/** Broken full-text syntax: taken literally, answered with data. */
const BROKEN_PHRASES = ['"قطر AND (', "*", "\\", "title:[a TO", "   ", "AND OR NOT", "~~~^2", "/regex/"];

describe("hostile requests while the load runs", () => {
  it("the limits hold, Cypher-looking strings in every string argument are data, and the graph is unchanged", { timeout: 180_000 }, async () => {
    const invocations = injections(await fetchSchema(api.url));
    const hostileDocuments = documents(invocations);
    const targets = new Set(invocations.map((i) => i.target));
    console.log(`Cypher-looking strings: ${invocations.length} in ${targets.size} argument paths, ${hostileDocuments.length} requests`);
    const stop = new AbortController();
    // One connection keeps a request in flight beside every hostile one without loading the
    // machine for the whole check, which the first test's ten already do for its 5 s.
    const load = runAnalystLoad(api.url, { connections: 1, durationSeconds: 120 }, stop.signal);
    try {
      for (let round = 0; round < 3; round++) {
        await Promise.all(
          HOSTILE.map(async (h) => {
            const r = await h.send();
            expect(r.status, h.name).toBe(h.status);
            expect(r.body.errors?.[0]?.extensions?.code, h.name).toBe(h.code);
            expect(r.body.errors?.[0]?.message, h.name).toMatch(h.message);
          }),
        );
        for (const phrase of BROKEN_PHRASES) {
          const r = await ask(
            "query($p: String!) { searchQuotes(phrase: $p) { id } searchClaims(phrase: $p) { id } searchEntities(phrase: $p) { id } }",
            { p: phrase },
          );
          expect(r.status, phrase).toBe(200);
          expect(r.body.errors, phrase).toBeUndefined();
        }
      }
      // Every string argument of the schema, and every string filter, with Cypher-looking text.
      expect(hostileDocuments.length).toBeGreaterThan(10);
      for (const doc of hostileDocuments) {
        const r = await ask(doc.query);
        expect(r.status, doc.targets.join(", ")).toBe(200);
        expect(r.body.errors, doc.targets.join(", ")).toBeUndefined();
        expect(Object.keys(r.body.data ?? {})).toHaveLength(doc.targets.length);
      }
      // Nothing of it was read as Cypher: no id, name or phrase matched a node.
      const probe = await ask(`{ entity(id: "') DETACH DELETE n //") { id } entitiesByName(name: "$param") { id } }`);
      expect(probe.body.data).toEqual({ entity: null, entitiesByName: [] });
    } finally {
      stop.abort();
    }
    const report = await load;
    console.log(`reliability load under hostile requests: ${formatLoadReport(report)}`);
    expectHeld(report);
    expect(loggedErrors()).toEqual([]);
    expect(await graphState(driver)).toEqual(before);
  });
});
