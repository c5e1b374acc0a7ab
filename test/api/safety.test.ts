import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { apiDriver, gql, neo4jTarget, query, startTestApi, useTestApi } from "./support.js";

/** Hostile requests are refused with a 4xx and a clear code, and the server keeps serving. */

const api = useTestApi();

async function stillServes() {
  const data = await query<{ entity: { id: string } }>(api.url, `{ entity(id: "qatar") { id } }`);
  expect(data.entity.id).toBe("qatar");
}

async function expectRefused(r: { status: number; errors?: { message: string; extensions?: { code?: string } }[] }, code: string, message: RegExp) {
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(r.errors?.[0]?.extensions?.code).toBe(code);
  expect(r.errors?.[0]?.message).toMatch(message);
  expect(JSON.stringify(r)).not.toMatch(/\bat .+\.(js|ts):\d+/); // no stack trace
  await stillServes();
}

describe("hostile queries", () => {
  it("refuses deep nesting", async () => {
    const deep = `{ entities { ${"partOf { ".repeat(10)}id${" }".repeat(10)} } }`;
    await expectRefused(await gql(api.url, deep), "GRAPHQL_VALIDATION_FAILED", /depth limit/i);
  });

  it("refuses an alias bomb", async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: entity(id: "qatar") { id }`).join(" ");
    await expectRefused(await gql(api.url, `{ ${aliases} }`), "GRAPHQL_VALIDATION_FAILED", /aliases limit/i);
  });

  it("refuses a page over the maximum, as literal or variable", async () => {
    await expectRefused(await gql(api.url, "{ claims(limit: 1000) { id } }"), "BAD_USER_INPUT", /limit must be between 0 and 100/);
    await expectRefused(await gql(api.url, "query($n: Int) { quotesConnection(first: $n) { totalCount } }", { n: 1000 }), "BAD_USER_INPUT", /first must be/);
    await expectRefused(await gql(api.url, "query($n: Int = 1000) { timeline(limit: $n) { id } }"), "BAD_USER_INPUT", /limit must be/);
    await expectRefused(await gql(api.url, `{ paths(fromId: "qatar", toId: "sdf", maxHops: 12) { hops } }`), "BAD_USER_INPUT", /maxHops must be between 1 and 4/);
  });

  it("refuses nested lists whose pages multiply past 10 000 objects", async () => {
    const q = "{ entities(limit: 100) { claimsAsSubject(limit: 100) { evidence { id } } } }";
    await expectRefused(await gql(api.url, q), "BAD_USER_INPUT", /more than 10000 objects/);
    // Fragments and variables count the same.
    const viaFragment = "query($n: Int = 100) { entities(limit: $n) { ...C } } fragment C on Entity { claimsAsSubject(limit: $n) { evidence { id } } }";
    await expectRefused(await gql(api.url, viaFragment), "BAD_USER_INPUT", /more than 10000 objects/);
  });

  it("takes a broken Lucene phrase literally instead of failing", async () => {
    for (const phrase of ['"قطر AND (', "*", "\\", "title:[a TO", "   ", "AND OR NOT"]) {
      const r = await gql<{ searchQuotes: unknown[]; searchClaims: unknown[]; searchEntities: unknown[] }>(
        api.url,
        "query($p: String!) { searchQuotes(phrase: $p) { id } searchClaims(phrase: $p) { id } searchEntities(phrase: $p) { id } }",
        { p: phrase },
      );
      expect(r.errors, phrase).toBeUndefined();
      expect(r.status).toBe(200);
    }
    await stillServes();
  });

  it("refuses an over-long search phrase", async () => {
    await expectRefused(await gql(api.url, "query($p: String!) { searchQuotes(phrase: $p) { id } }", { p: "قطر ".repeat(100) }), "BAD_USER_INPUT", /at most 200/);
  });

  it("refuses a 200 kB body with 413", async () => {
    const body = JSON.stringify({ query: "{ entities { id } }", variables: { pad: "x".repeat(200_000) } });
    const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe("PAYLOAD_TOO_LARGE");
    await stillServes();
  });

  it("refuses an over-long document", async () => {
    const q = `{ ${"__typename ".repeat(3000)} }`;
    await expectRefused(await gql(api.url, q), "GRAPHQL_PARSE_FAILED", /2000 tokens/);
  });

  it("refuses mutations: the API is read-only", async () => {
    await expectRefused(await gql(api.url, `mutation { deleteEntities { nodesDeleted } }`), "BAD_REQUEST", /read-only/);
  });

  it("gives no field suggestions", async () => {
    const r = await gql(api.url, "{ entitys { id } }");
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.message).not.toMatch(/did you mean/i);
  });

  it("rejects a malformed date filter", async () => {
    await expectRefused(await gql(api.url, `{ timeline(from: "July 2017") { id } }`), "GRAPHQL_VALIDATION_FAILED", /PartialDate/);
  });
});

describe("health and readiness", () => {
  it("GET /health and GET /ready answer 200 while Neo4j is up", async () => {
    expect((await fetch(`${api.site}/health`)).status).toBe(200);
    expect((await fetch(`${api.site}/ready`)).status).toBe(200);
  });

  it("serves the offline GraphiQL page without any CDN", async () => {
    const res = await fetch(`${api.site}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/graphiql/i);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(assets.length).toBe(2);
    for (const asset of assets) {
      expect(asset.startsWith("/")).toBe(true); // served here, not from a CDN
      const r = await fetch(`${api.site}${asset}`);
      expect(r.status).toBe(200);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
  });
});

describe("configuration", () => {
  it("allows only the configured CORS origins, and can turn introspection off", async () => {
    const configured = await startTestApi(api.driver, { SANAD_CORS_ORIGINS: "https://analyst.example.org", SANAD_INTROSPECTION: "false" });
    try {
      const preflight = (origin: string) =>
        fetch(configured.url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
      expect((await preflight("https://analyst.example.org")).headers.get("access-control-allow-origin")).toBe("https://analyst.example.org");
      expect((await preflight("https://elsewhere.example.org")).headers.get("access-control-allow-origin")).toBeNull();
      const introspection = await gql(configured.url, "{ __schema { queryType { name } } }");
      expect(introspection.status).toBe(400);
      expect(introspection.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    } finally {
      await configured.close();
    }
  });

  it("allows no cross-origin caller by default", async () => {
    const res = await fetch(api.url, { method: "OPTIONS", headers: { origin: "https://elsewhere.example.org", "access-control-request-method": "POST" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

/** A TCP relay to Neo4j that can be cut and restored, to play an outage without stopping Neo4j. */
async function relay(target: { host: string; port: number }) {
  let up = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    open.add(client).add(upstream);
    for (const s of [client, upstream]) s.on("close", () => open.delete(s)).on("error", () => undefined);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    uri: `bolt://127.0.0.1:${(server.address() as AddressInfo).port}`,
    up() {
      up = true;
    },
    down() {
      up = false;
      for (const s of open) s.destroy();
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe("Neo4j outage", () => {
  it("starts without Neo4j, answers 503 / SERVICE_UNAVAILABLE, and serves again when Neo4j is back", async () => {
    const t = neo4jTarget();
    const bolt = new URL(t.uri);
    const proxy = await relay({ host: bolt.hostname, port: Number(bolt.port || 7687) });
    // Retrying a failed read for the production 3 s would only slow this test down.
    const proxied = apiDriver({ ...t, uri: proxy.uri }, { maxTransactionRetryTime: 200 });
    const outageApi = await startTestApi(proxied);
    const base = outageApi.url.replace(/\/graphql$/, "");
    try {
      const expectDown = async () => {
        expect((await fetch(`${base}/health`)).status).toBe(200);
        expect((await fetch(`${base}/ready`)).status).toBe(503);
        const r = await gql(outageApi.url, `{ entity(id: "qatar") { id } }`);
        expect(r.status).toBe(503);
        expect(r.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
        expect((await fetch(`${base}/annotations/claims/any`)).status).toBe(503);
      };
      const expectUp = async () => {
        expect((await fetch(`${base}/ready`)).status).toBe(200);
        const data = await query<{ entity: { id: string } }>(outageApi.url, `{ entity(id: "qatar") { id } }`);
        expect(data.entity.id).toBe("qatar");
      };
      await expectDown();
      proxy.up();
      await expectUp();
      proxy.down();
      await expectDown();
      proxy.up();
      await expectUp();
    } finally {
      await outageApi.close();
      await proxied.close();
      await proxy.close();
    }
  });
});
