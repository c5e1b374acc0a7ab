import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { seedProject, SEED_DIR } from "../../src/ingest/pipeline/seed-project.js";
import { graphChecksum, graphCounts, testDriver } from "../support/graph.js";

const driver = testDriver();
afterAll(() => driver.close());

describe("seeding the article into a real Neo4j", () => {
  it("is idempotent: a second run leaves the graph identical", async () => {
    const before = { counts: await graphCounts(driver), sum: await graphChecksum(driver) };
    const report = await seedProject(driver);
    expect(report.writes.nodesCreated).toBe(0);
    expect(await graphCounts(driver)).toEqual(before.counts);
    expect(await graphChecksum(driver)).toBe(before.sum);
  });

  it("stores the article byte-exact, with its hash", async () => {
    const bytes = await readFile(`${SEED_DIR}/article-ar.txt`);
    const { records } = await driver.executeQuery("MATCH (s:Source {id: 'lusail-qatar-coalition-2020'}) RETURN s.text AS text, s.sha256 AS sha");
    expect(records).toHaveLength(1);
    expect(Buffer.from(records[0]!.get("text") as string, "utf8").equals(bytes)).toBe(true);
    expect(records[0]!.get("sha")).toBe("9bf621879b645f3d149d4fb4123e3248712662e957f3260a0fb3dd3ae3dc2ec2");
  });

  it("every Mention's exact text equals its source between its offsets, whatever cites it", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (m:Mention)-[:IN]->(s:Source)
       OPTIONAL MATCH (m)<-[:EVIDENCE]-(cited)
       RETURN m.start AS start, m.end AS end, m.exact AS exact, m.prefix AS prefix, m.suffix AS suffix,
              s.text AS text, collect(DISTINCT labels(cited)[0]) AS citedBy`,
    );
    expect(records.length).toBeGreaterThan(200);
    const citing = new Set(records.flatMap((r) => r.get("citedBy") as string[]));
    expect(citing).toEqual(new Set(["Claim", "Quote"]));
    for (const r of records) {
      const text = [...(r.get("text") as string)];
      const start = Number(r.get("start"));
      const end = Number(r.get("end"));
      expect(text.slice(start, end).join("")).toBe(r.get("exact"));
      expect(text.slice(0, start).join("").endsWith(r.get("prefix") as string)).toBe(true);
      expect(text.slice(end).join("").startsWith(r.get("suffix") as string)).toBe(true);
    }
  });

  it("holds the three named relations, each with its claim and evidence", async () => {
    const { records: signed } = await driver.executeQuery(
      `MATCH (c:Country)-[r:SIGNED]->(a:Agreement {id: 'qatar-us-ct-mou'})
       MATCH (claim:Claim {id: r.claimId})-[:EVIDENCE]->(m:Mention)
       RETURN c.id AS country, claim.date AS date, claim.datePrecision AS precision, collect(m.exact) AS evidence ORDER BY country`,
    );
    expect(signed.map((r) => r.get("country"))).toEqual(["qatar", "united-states"]);
    expect(signed.map((r) => [r.get("date"), r.get("precision")])).toEqual([["2017-07", "month"], ["2017-07", "month"]]);
    for (const r of signed) expect((r.get("evidence") as string[]).join(" ")).toContain("يوليو 2017");

    const { records: partners } = await driver.executeQuery(
      `MATCH (:Entity {id: 'global-coalition'})-[r:PARTNERS_WITH]->(p:Entity)
       MATCH (:Claim {id: r.claimId})-[:EVIDENCE]->(m:Mention)
       RETURN p.id AS partner, p.nameAr AS nameAr, collect(m.exact) AS evidence ORDER BY partner`,
    );
    expect(partners.map((r) => [r.get("partner"), r.get("nameAr")])).toEqual([
      ["isf", "قوات الأمن العراقية"],
      ["sdf", "قوات سوريا الديمقراطية"],
    ]);

    const { records: speakers } = await driver.executeQuery(
      `MATCH (p:Person)-[:STATED]->(q:Quote)-[:EVIDENCE]->(m:Mention)
       RETURN p.id AS speaker, count(q) AS quotes, collect(q.verb) AS verbs ORDER BY speaker`,
    );
    expect(speakers.map((r) => r.get("speaker"))).toEqual(["myles-caggins", "robert-white"]);
    for (const r of speakers) expect(Number(r.get("quotes"))).toBeGreaterThanOrEqual(4);
  });
});
