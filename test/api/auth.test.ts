import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApolloServer } from "@apollo/server";
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from "jose";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../src/config.js";
import { createApp, type RunningApi } from "../../src/serve/api/server.js";
import { apiDriver, startTestApi } from "./support.js";
import { cliEnv, spawnCli } from "../support/cli.js";

/**
 * An API that may leave loopback: with a key it answers only requests that carry a valid bearer
 * JWT, checked at the door (every route but /health and /ready) and by @neo4j/graphql's
 * @authentication in the schema; without a key it will not listen beyond loopback.
 */

const ISSUER = "https://issuer.sanad.test";
const AUDIENCE = "sanad-api";
const QATAR = `{ entity(id: "qatar") { id nameEn } }`;

interface Reply {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  challenge: string | null;
}

async function post(url: string, query: string, token?: string): Promise<Reply> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as Reply["body"], challenge: res.headers.get("www-authenticate") };
}

function jwt(claims: JWTPayload, key: KeyLike | Uint8Array, { alg = "HS256", expires = "5m", kid }: { alg?: string; expires?: string | number; kid?: string } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);
}

const secretOf = (text: string) => new TextEncoder().encode(text);

let driver: Driver;
beforeAll(() => {
  driver = apiDriver();
});
afterAll(async () => {
  await driver.close();
});

describe("an API with an HS256 secret", () => {
  const secret = randomBytes(32).toString("base64url");
  const valid = () => jwt({ sub: "analyst-1" }, secretOf(secret));
  let api: RunningApi;
  let site: string;

  beforeAll(async () => {
    api = await startTestApi(driver, { SANAD_JWT_SECRET: secret, SANAD_JWT_ISSUER: ISSUER, SANAD_JWT_AUDIENCE: AUDIENCE });
    site = api.url.replace(/\/graphql$/, "");
  });
  afterAll(async () => {
    await api.close();
  });

  it("refuses a request without a token: 401 with a Bearer challenge, no data", async () => {
    const r = await post(api.url, QATAR);
    expect(r.status).toBe(401);
    expect(r.challenge).toBe('Bearer realm="sanad"');
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(r.body.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
  });

  it("refuses an expired token", async () => {
    const expired = await jwt({ sub: "analyst-1" }, secretOf(secret), { expires: Math.floor(Date.now() / 1000) - 60 });
    const r = await post(api.url, QATAR, expired);
    expect(r.status).toBe(401);
    expect(r.challenge).toMatch(/error="invalid_token"/);
    expect(r.body.errors?.[0]?.message).toBe("The token has expired.");
  });

  it("refuses a token signed with another secret", async () => {
    const forged = await jwt({ sub: "analyst-1" }, secretOf(randomBytes(32).toString("base64url")));
    const r = await post(api.url, QATAR, forged);
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0]?.message).toMatch(/signature does not verify/);
  });

  it("refuses a token for another audience, and one that is no JWT", async () => {
    const elsewhere = await new SignJWT({ sub: "analyst-1" }).setProtectedHeader({ alg: "HS256" }).setIssuer(ISSUER).setAudience("another-api").setExpirationTime("5m").sign(secretOf(secret));
    expect((await post(api.url, QATAR, elsewhere)).body.errors?.[0]?.message).toBe('The token\'s "aud" claim is not accepted.');
    expect((await post(api.url, QATAR, "not.a.jwt")).status).toBe(401);
  });

  it("answers a valid token with the data", async () => {
    const r = await post(api.url, QATAR, await valid());
    expect(r).toMatchObject({ status: 200, body: { data: { entity: { id: "qatar", nameEn: "Qatar" } } } });
    expect(r.body.errors).toBeUndefined();
  });

  it("keeps /health and /ready open, and guards every route that reads the graph", async () => {
    expect((await fetch(`${site}/health`)).status).toBe(200);
    expect((await fetch(`${site}/ready`)).status).toBe(200);
    const token = await valid();
    for (const path of ["/sources/lusail-qatar-coalition-2020", "/annotations/claims/claim-120a9e72b4a61fa9"]) {
      expect((await fetch(`${site}${path}`)).status, path).toBe(401);
      expect((await fetch(`${site}${path}`, { headers: { authorization: `Bearer ${token}` } })).status, path).toBe(200);
    }
    // Introspection too: the schema is not shown to strangers.
    expect((await post(api.url, "{ __schema { queryType { name } } }")).status).toBe(401);
  });
});

/** Every Query field with made-up required arguments, selecting only __typename: what @neo4j/graphql must refuse. */
async function everyQueryField(apollo: ApolloServer): Promise<Record<string, string>> {
  interface TypeRef { kind: string; name: string | null; ofType: TypeRef | null }
  const introspection = await apollo.executeOperation<{ __schema: { queryType: { fields: { name: string; type: TypeRef; args: { name: string; type: TypeRef; defaultValue: string | null }[] }[] } } }>({
    query: "{ __schema { queryType { fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } args { name defaultValue type { kind name ofType { kind name } } } } } } }",
  });
  if (introspection.body.kind !== "single") throw new Error("expected a single result");
  const fields = introspection.body.singleResult.data!.__schema.queryType.fields;
  const leaf = (t: TypeRef): TypeRef => (t.ofType ? leaf(t.ofType) : t);
  return Object.fromEntries(
    fields.map((f) => {
      const required = f.args.filter((a) => a.type.kind === "NON_NULL" && a.defaultValue === null);
      const args = required.map((a) => `${a.name}: ${leaf(a.type).name === "Int" ? 1 : '"x"'}`).join(", ");
      const selection = leaf(f.type).kind === "OBJECT" ? " { __typename }" : "";
      return [f.name, `{ ${f.name}${args ? `(${args})` : ""}${selection} }`];
    }),
  );
}

describe("@authentication in the schema, behind the door", () => {
  const secret = randomBytes(32).toString("base64url");
  let apollo: ApolloServer;

  beforeAll(async () => {
    // Beyond loopback, which a key allows.
    ({ apollo } = await createApp({ driver, env: readEnv({ ...process.env, LOG_LEVEL: "silent", HOST: "0.0.0.0", SANAD_JWT_SECRET: secret }) }));
  });
  afterAll(async () => {
    await apollo.stop();
  });

  const run = (query: string, token?: string) =>
    apollo.executeOperation({ query }, { contextValue: { executionContext: driver, ...(token ? { token: `Bearer ${token}` } : {}), cypherParams: { sanadBaseUrl: "http://test" } } });

  it("@neo4j/graphql itself refuses every Query field to a request without a valid token", async () => {
    const queries = await everyQueryField(apollo);
    expect(Object.keys(queries).length).toBeGreaterThan(15);
    const forged = await jwt({ sub: "x" }, secretOf(randomBytes(32).toString("base64url")));
    for (const [field, query] of Object.entries(queries)) {
      for (const token of [undefined, forged]) {
        const r = await run(query, token);
        if (r.body.kind !== "single") throw new Error("expected a single result");
        expect(r.body.singleResult.errors?.map((e) => e.extensions?.code), `${field} with ${token ? "a forged" : "no"} token`).toEqual(["UNAUTHENTICATED"]);
        expect(r.http.status, field).toBe(401);
      }
    }
  });

  it("and verifies a valid token itself", async () => {
    const r = await run(QATAR, await jwt({ sub: "x" }, secretOf(secret)));
    if (r.body.kind !== "single") throw new Error("expected a single result");
    expect(r.body.singleResult).toEqual({ data: { entity: { id: "qatar", nameEn: "Qatar" } } });
  });
});

describe("an API with a JSON Web Key Set", () => {
  let keys: Server;
  let api: RunningApi;
  let signing: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    signing = pair.privateKey;
    const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" }] });
    keys = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(jwks));
    await new Promise<void>((ok) => keys.listen(0, "127.0.0.1", ok));
    const url = `http://127.0.0.1:${(keys.address() as AddressInfo).port}/.well-known/jwks.json`;
    api = await startTestApi(driver, { SANAD_JWKS_URL: url });
  });
  afterAll(async () => {
    await api.close();
    await new Promise((ok) => keys.close(ok));
  });

  it("answers a token signed with a key of the set, and refuses one signed with another key", async () => {
    const good = await jwt({ sub: "analyst-2" }, signing, { alg: "RS256", kid: "k1" });
    expect(await post(api.url, QATAR, good)).toMatchObject({ status: 200, body: { data: { entity: { id: "qatar" } } } });
    const stranger = (await generateKeyPair("RS256")).privateKey;
    const forged = await jwt({ sub: "analyst-2" }, stranger, { alg: "RS256", kid: "k1" });
    expect((await post(api.url, QATAR, forged)).status).toBe(401);
    expect((await post(api.url, QATAR)).status).toBe(401);
  });

  it("refuses an HS256 token: a key set's keys sign asymmetrically", async () => {
    const symmetric = await jwt({ sub: "x" }, secretOf(randomBytes(32).toString("base64url")), { kid: "k1" });
    expect((await post(api.url, QATAR, symmetric)).status).toBe(401);
  });
});

describe("listening beyond loopback", () => {
  it("refuses to start without a key, naming the variables to set", async () => {
    for (const host of ["0.0.0.0", "::", "192.0.2.10"]) {
      await expect(createApp({ driver, env: readEnv({ ...process.env, LOG_LEVEL: "silent", HOST: host, SANAD_JWT_SECRET: "", SANAD_JWKS_URL: "" }) })).rejects.toThrow(
        /HOST=.* needs authentication: set SANAD_JWT_SECRET .* or SANAD_JWKS_URL/,
      );
    }
  });

  it("npm start refuses it before Neo4j starts, in one line and without a stack trace", async () => {
    // Nothing listens on port 1: reaching for Neo4j first would fail with another message.
    const nowhere = { uri: "bolt://127.0.0.1:1", username: "neo4j", password: readEnv().NEO4J_PASSWORD };
    const refused = await spawnCli("start", [], cliEnv(nowhere, { HOST: "0.0.0.0" })).done;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^start: HOST=0\.0\.0\.0 lets other machines reach the API, which then needs authentication: set SANAD_JWT_SECRET/);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    // A setting that does not parse is named the same way.
    const invalid = await spawnCli("start", [], cliEnv(nowhere, { LOG_LEVEL: "loud" })).done;
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^Invalid environment:\n {2}LOG_LEVEL: /);
    expect(invalid.stderr).not.toMatch(/^\s+at /m);
  });
});
