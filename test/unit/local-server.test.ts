import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { instanceFromEnv, writeConf } from "../../src/neo4j/local-server.js";
import { readEnv } from "../../src/config.js";

const home = mkdtempSync(join(tmpdir(), "sanad-conf-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("an instance's neo4j.conf", () => {
  it("adds the instance's settings and one server.jvm.additional line per JVM flag, which neo4j-admin gets too", () => {
    const o = {
      ...instanceFromEnv(readEnv({ SANAD_NEO4J_HOME: home }), "conf-test", { bolt: 7999, http: 7998 }),
      settings: { "dbms.security.auth_max_failed_attempts": "0" },
      jvm: ["-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m"],
    };
    const flags = writeConf(o);
    const conf = readFileSync(join(home, "instances", "conf-test", "conf", "neo4j.conf"), "utf8").split("\n");
    expect(conf).toContain("dbms.security.auth_max_failed_attempts=0");
    expect(conf).toContain("server.bolt.listen_address=127.0.0.1:7999");
    expect(conf).toContain("server.jvm.additional=-XX:TieredStopAtLevel=1");
    expect(conf).toContain("server.jvm.additional=-XX:ReservedCodeCacheSize=256m");
    // The template's flags and heap, then the instance's, which win where they repeat one.
    expect(flags).toEqual(expect.arrayContaining(["-XX:+UseG1GC", "-Xms512m", "-Xmx1g"]));
    expect(flags.slice(-2)).toEqual(["-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m"]);
  });
});
