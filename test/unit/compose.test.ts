import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/** Docker cannot run here; this checks docker-compose.yml against what the images document. */
describe("docker-compose.yml", async () => {
  const compose = parse(await readFile(new URL("../../docker-compose.yml", import.meta.url), "utf8")) as {
    services: Record<string, { image?: string; build?: string; environment: Record<string, string>; ports: string[]; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; volumes?: string[] }>;
    volumes: Record<string, unknown>;
  };

  it("runs Neo4j 5.26 Community with APOC, auth from the environment, a healthcheck and a data volume", () => {
    const neo4j = compose.services.neo4j!;
    expect(neo4j.image).toBe("neo4j:5.26-community");
    expect(neo4j.environment.NEO4J_PLUGINS).toBe('["apoc"]');
    expect(neo4j.environment.NEO4J_AUTH).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD/);
    expect(neo4j.healthcheck?.test.join(" ")).toContain("7474");
    expect(neo4j.volumes).toContain("neo4j-data:/data");
    expect(Object.keys(compose.volumes)).toContain("neo4j-data");
    expect(neo4j.ports).toEqual(["127.0.0.1:7474:7474", "127.0.0.1:7687:7687"]);
  });

  it("builds the API from the repository and starts it once Neo4j is healthy", () => {
    const api = compose.services.api!;
    expect(api.build).toBe(".");
    expect(api.depends_on).toEqual({ neo4j: { condition: "service_healthy" } });
    expect(api.environment.NEO4J_URI).toBe("bolt://neo4j:7687");
    expect(api.ports).toEqual(["127.0.0.1:4000:4000"]);
    // It listens on 0.0.0.0 in its container, so it must have a key, and compose refuses to start without one.
    expect(api.environment.HOST).toBe("0.0.0.0");
    expect(api.environment.SANAD_JWT_SECRET).toMatch(/^\$\{SANAD_JWT_SECRET:\?.+\}$/);
  });
});
