import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeSources } from "../../src/ingest/load/run.js";
import { buildArticles, loadSourceGraphs, SEED_DIR } from "../../src/ingest/pipeline/seed-project.js";
import { graphChecksum, testDriver } from "../support/graph.js";
import { holdWriterLock } from "../support/writer-lock.js";

holdWriterLock();

const driver = testDriver();
const meta = fileURLToPath(new URL("../fixtures/second-article/doha-briefing.meta.yaml", import.meta.url));
const SECOND = "test-doha-briefing";
let seededOnly: string;

beforeAll(async () => {
  seededOnly = await graphChecksum(driver);
  const built = await buildArticles([{ metaPath: meta }], `${SEED_DIR}/gazetteer.yaml`);
  await loadSourceGraphs(driver, built.map((b) => b.graph));
});
afterAll(async () => {
  await removeSources(driver, [SECOND]);
  await driver.close();
});

describe("a second article naming the same entities", () => {
  it("resolves its names to the seed's nodes: one Qatar, one coalition, one Caggins", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (e:Entity) WHERE e.id IN ['qatar', 'global-coalition', 'myles-caggins', 'sdf']
       MATCH (e)<-[:REFERS_TO]-(m:Mention)
       RETURN e.id AS id, collect(DISTINCT m.sourceId) AS sources, collect(m.exact) AS surfaces ORDER BY id`,
    );
    expect(records.map((r) => r.get("id"))).toEqual(["global-coalition", "myles-caggins", "qatar", "sdf"]);
    for (const r of records) expect([...(r.get("sources") as string[])].sort()).toEqual(["lusail-qatar-coalition-2020", SECOND]);
    const { records: qatars } = await driver.executeQuery("MATCH (e:Entity) WHERE e.nameEn = 'Qatar' RETURN count(e) AS n");
    expect(Number(qatars[0]!.get("n"))).toBe(1);
  });

  it("finds Qatar behind the clitic in لقطر", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (m:Mention {sourceId: $id})-[:REFERS_TO]->(:Entity {id: 'qatar'}) RETURN m.exact AS exact, m.prefix AS prefix`,
      { id: SECOND },
    );
    expect(records.some((r) => r.get("exact") === "قطر" && (r.get("prefix") as string).endsWith("إن ل"))).toBe(true);
  });

  it("gives the same claim a second evidence instead of a second claim", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (c:Claim {predicate: 'foundingMemberOf'})-[:SUBJECT]->(:Entity {id: 'qatar'})
       MATCH (c)-[:EVIDENCE]->(m:Mention)-[:IN]->(s:Source)
       RETURN c.id AS claim, s.id AS source, m.exact AS exact, m.start AS start, m.end AS end, s.text AS text`,
    );
    expect(new Set(records.map((r) => r.get("claim"))).size).toBe(1);
    expect(new Set(records.map((r) => r.get("source")))).toEqual(new Set(["lusail-qatar-coalition-2020", SECOND]));
    for (const r of records) {
      expect([...(r.get("text") as string)].slice(Number(r.get("start")), Number(r.get("end"))).join("")).toBe(r.get("exact"));
    }
    const { records: edges } = await driver.executeQuery(
      "MATCH (:Entity {id: 'global-coalition'})-[r:PARTNERS_WITH]->(:Entity {id: 'sdf'}) RETURN count(r) AS n",
    );
    expect(Number(edges[0]!.get("n"))).toBe(1);
  });

  it("adds a speaker nobody prepared for as a candidate for review, with his statement", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (p:Person {status: 'candidate'})-[:STATED]->(q:Quote {sourceId: $id}) RETURN p.nameAr AS name, q.verb AS verb, q.text AS text`,
      { id: SECOND },
    );
    expect(records.map((r) => [r.get("name"), r.get("verb")])).toEqual([["جون سميث", "قال"]]);
    expect(records[0]!.get("text")).toContain("لقطر دورا مستمرا");
  });

  it("can be retracted, leaving exactly the seeded graph", async () => {
    await removeSources(driver, [SECOND]);
    expect(await graphChecksum(driver)).toBe(seededOnly);
  });
});
