import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { removeSources } from "../../src/ingest/load/run.js";
import { buildArticles, loadSourceGraphs, SEED_DIR } from "../../src/ingest/pipeline/seed-project.js";
import { rejectionsPathFor } from "../../src/ingest/read/index.js";
import { Gazetteer, Rejections } from "../../src/model/seed-files.js";
import { accept, reject } from "../../src/tools/review/decide.js";
import { claimById, entityById, type ReviewList } from "../../src/tools/review/graph.js";
import { cliEnv, runCli, STACK_FRAME } from "../support/cli.js";
import { graphChecksum, testDriver } from "../support/graph.js";
import { holdWriterLock } from "../support/writer-lock.js";

/**
 * The review loop end to end: an article nobody curated is ingested, `npm run review` lists what
 * the machine proposed, the reviewer accepts a candidate, merges two, rejects a claim and a
 * candidate (the real CLI for most, against a copy of seed/), and the next ingest applies each
 * decision. The graph is left as the seed made it.
 */

holdWriterLock();

const driver = testDriver();
const SOURCE = "test-review-oasis";
const meta = fileURLToPath(new URL("../fixtures/review/oasis.meta.yaml", import.meta.url));
const env = cliEnv(inject("neo4j"));
let dir: string;
let gazetteer: string;
let seededOnly: string;
/** The curated ids the decisions add; removed again at the end, as a retraction keeps the curated gazetteer. */
const ADDED = ["oasis-foundation", "salem-al-hamdani"];

async function ingest(): Promise<void> {
  const built = await buildArticles([{ metaPath: meta }], gazetteer);
  await loadSourceGraphs(driver, built.map((b) => b.graph));
}

async function review(...args: string[]) {
  const result = await runCli("review", ["--seed-dir", dir, ...args], env);
  expect(result.stderr).not.toMatch(STACK_FRAME);
  return result;
}

async function mentionsOf(entityId: string): Promise<string[]> {
  const { records } = await driver.executeQuery("MATCH (:Entity {id: $id})<-[:REFERS_TO]-(m:Mention) RETURN m.id AS id ORDER BY id", { id: entityId });
  return records.map((r) => r.get("id") as string);
}

async function entitiesOfSource(): Promise<{ id: string; status: string; name: string }[]> {
  const { records } = await driver.executeQuery(
    "MATCH (:Mention {sourceId: $source})-[:REFERS_TO]->(e:Entity) RETURN DISTINCT e.id AS id, e.status AS status, e.nameAr AS name ORDER BY id",
    { source: SOURCE },
  );
  return records.map((r) => r.toObject() as { id: string; status: string; name: string });
}

beforeAll(async () => {
  seededOnly = await graphChecksum(driver);
  dir = await mkdtemp(join(tmpdir(), "sanad-review-"));
  gazetteer = join(dir, "gazetteer.yaml");
  await writeFile(gazetteer, await readFile(join(SEED_DIR, "gazetteer.yaml")));
  await ingest();
});
afterAll(async () => {
  await removeSources(driver, [SOURCE]);
  await driver.executeQuery("MATCH (e:Entity) WHERE e.id IN $ids DETACH DELETE e", { ids: ADDED });
  await driver.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the review loop", () => {
  let list: ReviewList;
  const candidate = (name: string) => {
    const found = list.candidates.find((c) => c.name === name);
    if (!found) throw new Error(`no candidate «${name}» in ${list.candidates.map((c) => c.name).join("، ")}`);
    return found;
  };
  const ids = {} as Record<"oasis" | "salem" | "salemShort" | "fragment" | "metWith", string>;
  const before = {} as Record<"oasis" | "salem" | "salemShort", string[]>;

  it("lists candidates and low-confidence extracted claims with their context (npm run review -- --json)", async () => {
    const result = await review("list", "--json", "--source", SOURCE);
    expect(result.code, result.stderr).toBe(0);
    list = JSON.parse(result.stdout) as ReviewList;
    const oasis = candidate("مؤسسة الواحة للتنمية الريفية");
    expect(oasis).toMatchObject({ type: "Organization", mentions: 3, sources: [SOURCE] });
    expect(oasis.contexts[0]).toMatchObject({ sourceId: SOURCE, exact: "مؤسسة الواحة للتنمية الريفية" });
    expect(oasis.contexts[0]!.prefix).toMatch(/رئيس $/);
    expect(candidate("سالم الحمداني").type).toBe("Person");
    ids.oasis = oasis.id;
    ids.salem = candidate("سالم بن راشد الحمداني").id;
    ids.salemShort = candidate("سالم الحمداني").id;
    ids.fragment = candidate("مؤسسة الواحة تنضم").id;
    const metWith = list.claims.find((c) => c.predicate === "metWith");
    expect(metWith).toMatchObject({ subject: { name: "فهد العتيبي", status: "candidate" }, object: { id: ids.salemShort } });
    expect(metWith!.confidence).toBeLessThanOrEqual(0.6);
    expect(metWith!.evidence[0]!.exact).toContain("والتقى المهندس فهد العتيبي مع الدكتور سالم الحمداني");
    for (const c of list.claims) expect(c.confidence).toBeLessThanOrEqual(0.6);
    ids.metWith = metWith!.id;
    before.oasis = await mentionsOf(ids.oasis);
    before.salem = await mentionsOf(ids.salem);
    before.salemShort = await mentionsOf(ids.salemShort);
  });

  it("accepts a candidate into the gazetteer copy, once", async () => {
    const result = await review("accept", ids.oasis, "--id", "oasis-foundation", "--name-en", "Oasis Rural Development Foundation");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("accepted as oasis-foundation");
    const text = await readFile(gazetteer, "utf8");
    const entry = Gazetteer.parse(parse(text)).entities.find((e) => e.id === "oasis-foundation");
    expect(entry).toEqual({ id: "oasis-foundation", type: "Organization", nameAr: "مؤسسة الواحة للتنمية الريفية", nameEn: "Oasis Rural Development Foundation", aliases: [], replaces: [ids.oasis] });
    // The comments of the curated file stay.
    expect(text.startsWith("# Gazetteer: every entity the seeded articles name")).toBe(true);
    // A second time changes nothing (the pure decision the CLI runs).
    const again = accept(text, gazetteer, ids.oasis, await entityById(driver, ids.oasis));
    expect(again).toMatchObject({ changed: false, text });
  });

  it("merges two candidates into one new gazetteer entry", async () => {
    const result = await review("merge", ids.salem, ids.salemShort, "--id", "salem-al-hamdani", "--name-en", "Salem bin Rashid Al-Hamdani");
    expect(result.code, result.stderr).toBe(0);
    const entry = Gazetteer.parse(parse(await readFile(gazetteer, "utf8"))).entities.find((e) => e.id === "salem-al-hamdani");
    expect(entry).toMatchObject({ type: "Person", nameAr: "سالم بن راشد الحمداني", aliases: ["سالم الحمداني"], replaces: [ids.salem, ids.salemShort] });
  });

  it("rejects an extracted claim and a candidate into rejections.yaml; a curated claim and an unknown id are refused", async () => {
    const result = await review("reject", ids.metWith, "--reason", "the test says so");
    expect(result.code, result.stderr).toBe(0);
    const path = rejectionsPathFor(gazetteer);
    const decided = reject(await readFile(path, "utf8"), path, await readFile(gazetteer, "utf8"), gazetteer, { id: ids.fragment, entity: await entityById(driver, ids.fragment) });
    await writeFile(path, decided.text);
    const rejections = Rejections.parse(parse(decided.text));
    expect(rejections.claims).toEqual([
      { claim: ids.metWith, predicate: "metWith", subject: list.claims.find((c) => c.id === ids.metWith)!.subject.id, object: ids.salemShort, sources: [SOURCE], reason: "the test says so" },
    ]);
    expect(rejections.entities).toEqual([{ entity: ids.fragment, type: "Organization", name: "مؤسسة الواحة تنضم" }]);

    const { records } = await driver.executeQuery("MATCH (c:Claim {origin: 'curated'}) RETURN c.id AS id LIMIT 1");
    const curated = records[0]!.get("id") as string;
    const curatedClaim = await claimById(driver, curated);
    const gazetteerText = await readFile(gazetteer, "utf8");
    expect(() => reject(decided.text, path, gazetteerText, gazetteer, { id: curated, claim: curatedClaim })).toThrow(`${curated} is curated`);
    expect(() => reject(decided.text, path, gazetteerText, gazetteer, { id: "claim-0000000000000000", claim: undefined })).toThrow('unknown id "claim-0000000000000000"');
    expect(await readFile(path, "utf8")).toBe(decided.text);
  });

  it("the next ingest applies every decision", async () => {
    await ingest();
    const entities = await entitiesOfSource();
    // Accepted: the same mentions, now of a curated entity; the candidate node is gone.
    expect(await mentionsOf("oasis-foundation")).toEqual(before.oasis);
    expect(entities.find((e) => e.id === "oasis-foundation")?.status).toBe("curated");
    // Merged: one node carrying the mentions of both candidates.
    expect(await mentionsOf("salem-al-hamdani")).toEqual([...before.salem, ...before.salemShort].sort());
    for (const id of [ids.oasis, ids.salem, ids.salemShort, ids.fragment]) expect(await entityById(driver, id), id).toBeUndefined();
    // Rejected: the candidate and its words, and the claim, whose subject and object ids changed with the merge.
    expect(entities.map((e) => e.name)).not.toContain("مؤسسة الواحة تنضم");
    const { records: spans } = await driver.executeQuery("MATCH (m:Mention {sourceId: $source}) WHERE m.start = 0 RETURN count(m) AS n", { source: SOURCE });
    expect(Number(spans[0]!.get("n"))).toBe(0);
    const { records: claims } = await driver.executeQuery(
      "MATCH (c:Claim)-[:EVIDENCE]->(:Mention {sourceId: $source}) RETURN DISTINCT c.predicate AS predicate, c.subjectId AS subject, c.objectId AS object",
      { source: SOURCE },
    );
    const predicates = claims.map((r) => r.get("predicate") as string);
    expect(predicates).not.toContain("metWith");
    expect(claims.map((r) => [r.get("predicate"), r.get("subject"), r.get("object")])).toContainEqual(["roleOf", "salem-al-hamdani", "oasis-foundation"]);
  });

  it("leaves the seeded graph as it was once the source is retracted", async () => {
    await removeSources(driver, [SOURCE]);
    await driver.executeQuery("MATCH (e:Entity) WHERE e.id IN $ids DETACH DELETE e", { ids: ADDED });
    expect(await graphChecksum(driver)).toBe(seededOnly);
  });
});
