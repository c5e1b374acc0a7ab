import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MultiDirectedGraph } from "graphology";
import { parse as parseGraphML } from "graphology-graphml";
import jsonld, { type Options } from "jsonld";
import neo4j, { type Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../src/config.js";
import { ADMIN_IMPORT_OPTIONS, NODES_FILE, POST_IMPORT_FILE, RELATIONSHIPS_FILE } from "../../src/serve/export/csv.js";
import { exportGraph, GRAPHML_FILE, JSONLD_FILE } from "../../src/serve/export/write.js";
import { admin, instanceFromEnv, start, stop } from "../../src/neo4j/local-server.js";
import { graphChecksum, graphCounts, testDriver } from "../support/graph.js";
import { freePort } from "../support/serve.js";
import { TEST_JVM } from "../support/neo4j-jvm.js";

/**
 * Each export format read back by a real consumer and compared with the database: GraphML by
 * graphology-graphml, JSON-LD expanded by the jsonld processor (offline), CSV bulk-loaded by
 * neo4j-admin into a fresh database of a second project-managed instance.
 */

const driver = testDriver();
const outDir = mkdtempSync(join(tmpdir(), "sanad-export-"));
const BASE = "http://127.0.0.1:4000";
afterAll(async () => {
  await driver.close();
  rmSync(outDir, { recursive: true, force: true });
});

type Counts = Record<string, number>;
interface Expected {
  nodes: number;
  relationships: number;
  labels: Counts;
  types: Counts;
}

async function countsOf(d: Driver): Promise<Expected> {
  const { records: labels } = await d.executeQuery("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n");
  const { records: types } = await d.executeQuery("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n");
  return {
    ...(await graphCounts(d)),
    labels: Object.fromEntries(labels.map((r) => [r.get("label") as string, Number(r.get("n"))])),
    types: Object.fromEntries(types.map((r) => [r.get("type") as string, Number(r.get("n"))])),
  };
}

function tally(values: Iterable<string>): Counts {
  const counts: Counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

let expected: Expected;
beforeAll(async () => {
  expected = await countsOf(driver);
});

describe("GraphML export", () => {
  it("is read by graphology-graphml with every node and edge, their labels, types and names", async () => {
    await exportGraph(driver, { format: "graphml", outDir, baseUrl: BASE });
    const graph = parseGraphML(MultiDirectedGraph, readFileSync(join(outDir, GRAPHML_FILE), "utf8"));

    expect(graph.order).toBe(expected.nodes);
    expect(graph.size).toBe(expected.relationships);
    const labels = graph.mapNodes((_n, a) => String(a.labels).split(":").filter((l) => l.length > 0)).flat();
    expect(tally(labels)).toEqual(expected.labels);
    expect(tally(graph.mapEdges((_e, a) => String(a.label)))).toEqual(expected.types);

    expect(graph.getNodeAttributes("Entity:qatar")).toMatchObject({
      labels: ":Entity:Country",
      label: "قطر",
      type: "Country",
      nameAr: "قطر",
      nameEn: "Qatar",
      wikidata: "Q846",
    });
    // Typed attributes arrive as numbers, not text.
    const mention = graph.getNodeAttributes("Mention:lusail-qatar-coalition-2020:0-3");
    expect(mention).toMatchObject({ exact: "قطر", start: 0, end: 3, prefix: "" });
    const signed = graph.filterEdges((_e, a, source, target) => a.label === "SIGNED" && source === "Entity:qatar" && target === "Entity:qatar-us-ct-mou");
    expect(signed).toHaveLength(1);
    expect(graph.getEdgeAttribute(signed[0]!, "predicate")).toBe("signed");
  });
});

describe("JSON-LD export", () => {
  const OA = "http://www.w3.org/ns/oa#";
  const SCHEMA = "https://schema.org/";
  type Expanded = Record<string, unknown> & { "@id"?: string; "@type"?: string[] };
  const values = (node: Expanded, property: string) => (node[property] as Record<string, unknown>[] | undefined) ?? [];
  const first = (node: Expanded, property: string) => values(node, property)[0]?.["@value"];

  it("expands offline (safe mode: no term dropped) into entities, sameAs links and annotations on the source spans", async () => {
    await exportGraph(driver, { format: "jsonld", outDir, baseUrl: BASE });
    const doc = JSON.parse(readFileSync(join(outDir, JSONLD_FILE), "utf8")) as object;
    const documentLoader = async (url: string): Promise<never> => {
      throw new Error(`the export must not need a remote context, but asked for ${url}`);
    };
    // safe mode (jsonld >= 8, newer than its typings) fails on any term the context does not define.
    const options: Options.Expand & { safe: boolean } = { documentLoader, safe: true };
    const expanded = (await jsonld.expand(doc, options)) as Expanded[];

    const typed = (t: string) => expanded.filter((n) => n["@type"]?.includes(t));
    const entities = expanded.filter((n) => n["@id"]?.startsWith("urn:sanad:entity:"));
    expect(entities).toHaveLength(expected.labels.Entity!);
    expect(typed(`${SCHEMA}Country`)).toHaveLength(expected.labels.Country!);
    expect(typed(`${SCHEMA}Person`)).toHaveLength(expected.labels.Person!);
    expect(typed(`${SCHEMA}Organization`)).toHaveLength(expected.labels.Organization!);

    const { records: wikidata } = await driver.executeQuery("MATCH (e:Entity) WHERE e.wikidata IS NOT NULL RETURN e.id AS id, e.wikidata AS q");
    const sameAs = Object.fromEntries(
      entities.filter((e) => values(e, `${SCHEMA}sameAs`).length > 0).map((e) => [e["@id"], values(e, `${SCHEMA}sameAs`)[0]!["@id"]]),
    );
    expect(sameAs).toEqual(Object.fromEntries(wikidata.map((r) => [`urn:sanad:entity:${r.get("id")}`, `http://www.wikidata.org/entity/${r.get("q")}`])));
    expect(sameAs["urn:sanad:entity:qatar"]).toBe("http://www.wikidata.org/entity/Q846");

    const annotations = typed(`${OA}Annotation`);
    expect(annotations).toHaveLength(expected.labels.Claim! + expected.labels.Quote!);
    // One target per evidence span, each pointing at the source with both selectors.
    const targets = annotations.flatMap((a) => values(a, `${OA}hasTarget`) as Expanded[]);
    expect(targets).toHaveLength(expected.types.EVIDENCE!);
    const { records: sources } = await driver.executeQuery("MATCH (s:Source) RETURN s.id AS id, s.text AS text");
    const textOf = new Map(sources.map((r) => [`${BASE}/sources/${r.get("id")}`, [...(r.get("text") as string)]]));
    for (const target of targets) {
      const source = values(target, `${OA}hasSource`)[0]!["@id"] as string;
      const selectors = values(target, `${OA}hasSelector`) as Expanded[];
      const quote = selectors.find((s) => s["@type"]?.includes(`${OA}TextQuoteSelector`))!;
      const position = selectors.find((s) => s["@type"]?.includes(`${OA}TextPositionSelector`))!;
      const [startAt, endAt] = [Number(first(position, `${OA}start`)), Number(first(position, `${OA}end`))];
      expect(textOf.get(source)!.slice(startAt, endAt).join("")).toBe(first(quote, `${OA}exact`));
    }

    const signed = annotations.filter((a) =>
      (values(a, `${OA}hasBody`) as Expanded[]).some((b) => values(b, "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")[0]?.["@id"] === "urn:sanad:predicate:signed"),
    );
    expect(signed).toHaveLength(2);
    for (const a of signed) expect(a["@id"]).toMatch(new RegExp(`^${BASE}/annotations/claims/claim-`));
  });
});


describe("CSV export", () => {
  it("loads with neo4j-admin database import into a fresh database, giving the same graph", { timeout: 600_000 }, async () => {
    const result = await exportGraph(driver, { format: "csv", outDir, baseUrl: BASE });
    expect(result.files.map((f) => f.slice(outDir.length + 1)).sort()).toEqual([NODES_FILE, POST_IMPORT_FILE, RELATIONSHIPS_FILE]);

    // A second project-managed instance of its own, beside the tests' server.
    const reimport = instanceFromEnv(readEnv(), `${process.env.TEST_NEO4J_INSTANCE ?? "test"}-reimport`, {
      bolt: await freePort(),
      http: await freePort(),
    });
    reimport.log = () => undefined;
    reimport.jvm = TEST_JVM;
    await stop(reimport);
    await admin(reimport, [
      "database",
      "import",
      "full",
      `--nodes=${join(outDir, NODES_FILE)}`,
      `--relationships=${join(outDir, RELATIONSHIPS_FILE)}`,
      ...ADMIN_IMPORT_OPTIONS,
      // Not in the working directory, where neo4j-admin would put it.
      `--report-file=${join(outDir, "import.report")}`,
      "--overwrite-destination=true",
      "neo4j",
    ]);
    await start(reimport);
    const copy = neo4j.driver(`bolt://127.0.0.1:${reimport.boltPort}`, neo4j.auth.basic("neo4j", reimport.password));
    try {
      const statements = readFileSync(join(outDir, POST_IMPORT_FILE), "utf8").split(";\n").filter((s) => s.trim().length > 0);
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) await copy.executeQuery(statement);

      const copied = await countsOf(copy);
      expect(copied).toEqual(expected);
      expect(copied.labels).toMatchObject({ Source: 1, Claim: expected.labels.Claim, Country: expected.labels.Country });
      expect(await graphChecksum(copy)).toBe(await graphChecksum(driver));
    } finally {
      await copy.close();
      await stop(reimport);
    }
  });
});
