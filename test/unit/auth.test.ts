import { describe, expect, it } from "vitest";
import { readEnv } from "../../src/config.js";
import { isLoopback } from "../../src/serve/api/auth.js";
import { requestBookmarks } from "../../src/serve/api/execution.js";

describe("which hosts are loopback", () => {
  it("takes 127.0.0.0/8, ::1 (bracketed or IPv4-mapped) and localhost, and nothing else", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1", "localhost", "LOCALHOST"]) expect(isLoopback(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "::ffff:10.0.0.1", "sanad.example.org", "128.0.0.1"]) expect(isLoopback(host), host).toBe(false);
  });
});

describe("authentication settings", () => {
  it("wants an HS256 secret of 256 bits and not both a secret and a key set", () => {
    expect(() => readEnv({ SANAD_JWT_SECRET: "s".repeat(31) })).toThrow(/SANAD_JWT_SECRET: SANAD_JWT_SECRET needs at least 32 characters/);
    expect(() => readEnv({ SANAD_JWT_SECRET: "s".repeat(32), SANAD_JWKS_URL: "https://id.example.org/jwks.json" })).toThrow(/not both/);
    expect(() => readEnv({ SANAD_JWKS_URL: "not a url" })).toThrow(/SANAD_JWKS_URL/);
  });
});

describe("X-Neo4j-Bookmark", () => {
  it("holds one or more bookmarks, comma-separated as Express joins repeated headers", () => {
    expect(requestBookmarks(undefined)).toEqual([]);
    expect(requestBookmarks("FB:a")).toEqual(["FB:a"]);
    expect(requestBookmarks("FB:a, FB:b,,")).toEqual(["FB:a", "FB:b"]);
  });
});
