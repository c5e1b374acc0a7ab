import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readEnv } from "../../src/config.js";
import { REPO_ROOT } from "../support/cli.js";
import { findSecrets, scanRepository } from "../support/secrets.js";

/**
 * What the repository itself holds: no password but the documented local-only default, and a
 * Neo4j configuration that listens on loopback. The running servers are checked in
 * test/integration/reliability-exposure.test.ts.
 */

/** The documented local-only default, from .env.example, which must also be the configuration's default. */
function documentedDefault(): string {
  const line = readFileSync(join(REPO_ROOT, ".env.example"), "utf8").match(/^NEO4J_PASSWORD=(.+)$/m);
  expect(line, ".env.example documents NEO4J_PASSWORD").not.toBeNull();
  return line![1]!.trim();
}

describe("no password in the repository", () => {
  it("finds a planted password in every form it looks for, and lets references and the default pass", () => {
    // Put together here, so that this file itself holds no password.
    const fake = ["hunter2", "hunter2"].join("");
    const planted = [
      ["src/x.ts", `const password = "${fake}";`],
      ["src/x.ts", `neo4j.auth.basic("neo4j", "${fake}")`],
      ["src/x.ts", `const uri = "bolt://neo4j:${fake}@db.example.org:7687";`],
      [".env", `NEO4J_PASSWORD=${fake}`],
      ["docker-compose.yml", `      NEO4J_AUTH: neo4j/\${NEO4J_PASSWORD:-${fake}}`],
      ["config.yaml", `  api_key: ${fake}`],
      ["src/x.ts", `const key = "AKIA${"A".repeat(16)}";`],
    ];
    for (const [file, text] of planted) expect(findSecrets(file!, text!, ["sanad-local-only"]).length, text).toBe(1);
    const harmless = [
      ["src/x.ts", "password: env.NEO4J_PASSWORD,"],
      ["src/x.ts", "password: string;"],
      [".env.example", "NEO4J_PASSWORD=sanad-local-only"],
      ["docker-compose.yml", "      NEO4J_PASSWORD: ${NEO4J_PASSWORD:-sanad-local-only}"],
      ["src/x.ts", "neo4j.auth.basic(t.username, t.password)"],
    ];
    for (const [file, text] of harmless) expect(findSecrets(file!, text!, ["sanad-local-only"]), text).toEqual([]);
  });

  it("has none in any file git would commit, except the documented local-only default", () => {
    const allowed = documentedDefault();
    expect(allowed).toBe("sanad-local-only");
    expect(readEnv({}).NEO4J_PASSWORD).toBe(allowed);
    const { files, findings } = scanRepository(REPO_ROOT, [allowed]);
    expect(files).toBeGreaterThan(50);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.value}`)).toEqual([]);
  });

  it("documents every connection variable in .env.example and keeps .env out of git", () => {
    const example = readFileSync(join(REPO_ROOT, ".env.example"), "utf8");
    for (const name of ["NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "PORT"]) expect(example).toMatch(new RegExp(`^#? ?${name}=`, "m"));
    expect(execFileSync("git", ["check-ignore", ".env"], { cwd: REPO_ROOT, encoding: "utf8" }).trim()).toBe(".env");
  });
});

describe("loopback by default", () => {
  it("the Neo4j configuration listens on 127.0.0.1 only, and the API's default host is 127.0.0.1", () => {
    const template = readFileSync(join(REPO_ROOT, "neo4j/conf/neo4j.conf"), "utf8");
    expect(template).toMatch(/^server\.default_listen_address=127\.0\.0\.1$/m);
    const addresses = [...template.matchAll(/^server\.\w+\.listen_address=(.*)$/gm)].map((m) => m[1]);
    for (const address of addresses) expect(address).toMatch(/^127\.0\.0\.1:/);
    expect(readEnv({}).HOST).toBe("127.0.0.1");
  });
});
