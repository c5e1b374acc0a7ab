import { describe, expect, it } from "vitest";
import { POST_IMPORT_FILE, toAdminImportCsv } from "../../src/serve/export/csv.js";
import { ExportError, prepareGraph, propertyTypes, type GraphRows } from "../../src/serve/export/graph.js";

/** The pure side of the exports; the formats' consumers are exercised in test/integration/export.test.ts. */

const rows: GraphRows = {
  nodes: [
    { ref: "4:x:2", labels: ["Mention"], props: { id: "s:0-3", start: 0n, end: 3n, exact: "قطر", prefix: "" } },
    { ref: "4:x:1", labels: ["Country", "Entity"], props: { id: "qatar", nameAr: "قطر", nameEn: "Qatar", aliases: [] } },
    { ref: "4:x:3", labels: ["Claim"], props: { id: "c1", predicate: "signed", date: "2017-07" } },
  ],
  relationships: [
    { type: "REFERS_TO", start: "4:x:2", end: "4:x:1", props: {} },
    { type: "SUBJECT", start: "4:x:3", end: "4:x:1", props: {} },
  ],
};

describe("prepareGraph", () => {
  it("keys nodes by kind and id, puts the kind label first and orders everything", () => {
    const graph = prepareGraph(rows);
    expect(graph.nodes.map((n) => [n.key, n.labels])).toEqual([
      ["Claim:c1", ["Claim"]],
      ["Entity:qatar", ["Entity", "Country"]],
      ["Mention:s:0-3", ["Mention"]],
    ]);
    expect(graph.relationships.map((r) => `${r.start}-${r.type}->${r.end}`)).toEqual(["Claim:c1-SUBJECT->Entity:qatar", "Mention:s:0-3-REFERS_TO->Entity:qatar"]);
  });

  it("refuses nodes it cannot key and keys two nodes share", () => {
    expect(() => prepareGraph({ nodes: [{ ref: "a", labels: ["Claim"], props: {} }], relationships: [] })).toThrow(ExportError);
    expect(() => prepareGraph({ nodes: [{ ref: "a", labels: ["A", "B"], props: { id: "x" } }], relationships: [] })).toThrow(/one kind label/);
    const twice = { nodes: [0, 1].map((i) => ({ ref: `r${i}`, labels: ["Claim"], props: { id: "same" } })), relationships: [] };
    expect(() => prepareGraph(twice)).toThrow("two nodes share the key Claim:same");
  });
});

describe("propertyTypes", () => {
  it("reads one type per property from the values, widening int to long", () => {
    const types = propertyTypes([{ n: 1n, xs: ["a"], f: 1.5, b: true }, { n: 2n ** 40n, xs: [] }]);
    expect(Object.fromEntries(types)).toEqual({
      b: { scalar: "boolean", array: false },
      f: { scalar: "double", array: false },
      n: { scalar: "long", array: false },
      xs: { scalar: "string", array: true },
    });
  });

  it("refuses a property that no typed column could hold", () => {
    expect(() => propertyTypes([{ v: "a" }, { v: 1.5 }])).toThrow("property v has values of types string and double");
    expect(() => propertyTypes([{ v: ["a"] }, { v: "a" }])).toThrow(/list on some elements/);
  });
});

describe("toAdminImportCsv", () => {
  it("restores the empty lists the importer cannot store, by id", () => {
    const files = toAdminImportCsv(prepareGraph(rows));
    expect(files.map((f) => f.name)).toEqual(["nodes.csv", "relationships.csv", POST_IMPORT_FILE]);
    expect(files[2]!.text).toBe('MATCH (n:`Entity`) WHERE n.id IN ["qatar"] SET n.`aliases` = [];\n');
  });

  it("refuses a list value holding the importer's list delimiter", () => {
    const bad = { nodes: [{ ref: "a", labels: ["Entity", "Country"], props: { id: "x", aliases: ["a;b"] } }], relationships: [] };
    expect(() => toAdminImportCsv(prepareGraph(bad))).toThrow(ExportError);
  });
});
