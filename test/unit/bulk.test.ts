import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { operatorCommand, writeImportFiles } from "../../src/ingest/bulk/import.js";
import { writeShard } from "../../src/ingest/bulk/shard.js";
import { DuplicateSourceError, mergeShared, sharedOf, sharedRows, sourceRows } from "../../src/ingest/bulk/reduce.js";
import { ARRAY_DELIMITER, BulkRowError, csvLines, headerLine, SHARED_TABLES, SOURCE_TABLES } from "../../src/ingest/bulk/tables.js";
import type { Claim, Entity, SourceGraph } from "../../src/model/graph.js";

/** The bulk backfill's pure stages: the merge of shared nodes as the loader's MERGE … SET leaves them, and the CSV. */

const fold = (s: string) => s.toLowerCase();

const entity = (id: string, more: Partial<Entity> = {}): Entity => ({ id, type: "Country", nameAr: `اسم ${id}`, nameEn: id, aliases: [], status: "curated", ...more });

function graph(sourceId: string, claims: Omit<Claim, "evidence">[], more: Partial<SourceGraph> = {}): SourceGraph {
  const mentions = claims.map((_, i) => ({ id: `${sourceId}:${10 * i}-${10 * i + 4}`, sourceId, start: 10 * i, end: 10 * i + 4, exact: `نص ${sourceId} ${i}`, prefix: "", suffix: "، و" }));
  return {
    source: { id: sourceId, title: "عنوان", publisher: "لوسيل", language: "ar", sha256: "0".repeat(64), text: "نص\nالمقال" },
    entities: [entity("qatar"), entity("usa")],
    mentions,
    claims: claims.map((c, i) => ({ ...c, evidence: [mentions[i]!.id] })),
    quotes: [],
    ...more,
  };
}

const claim = (more: Partial<Claim> = {}): Omit<Claim, "evidence"> => ({
  id: "claim-1", predicate: "signed", subjectId: "qatar", objectId: "usa", modality: "asserted", relationship: "SIGNED", origin: "extracted", ...more,
});

function merged(...graphs: SourceGraph[]) {
  return sharedRows(mergeShared(graphs.map((g) => sharedOf(g, fold))));
}

describe("merging shared nodes across sources", () => {
  it("keeps a claim curated once curated, the last extractor and confidence given, and one set of relationships", () => {
    const rows = merged(
      graph("a", [claim({ origin: "curated" })]),
      graph("b", [claim({ extractor: "frames@1", confidence: 0.6 })]),
      graph("c", [claim({ extractor: "frames@2" })]),
    );
    expect(rows.claim).toHaveLength(1);
    expect(rows.claim[0]).toMatchObject({ origin: "curated", labels: ["Claim"], extractor: "frames@2", confidence: 0.6 });
    expect(rows.subject).toEqual([{ start: "claim-1", end: "qatar" }]);
    expect(rows.drawn).toEqual([{ start: "qatar", end: "usa", type: "SIGNED", claimId: "claim-1", predicate: "signed" }]);
  });

  it("labels a claim no source curated Extracted", () => {
    const rows = merged(graph("a", [claim()]), graph("b", [claim()]));
    expect(rows.claim[0]).toMatchObject({ origin: "extracted", labels: ["Claim", "Extracted"] });
  });

  it("writes a claim's text from its first evidence spans in mention id order, whichever source gave them", () => {
    const sources = ["f", "b", "e", "a", "d", "c", "g"].map((s) => graph(s, [claim()]));
    const text = merged(...sources).claim[0]!.text as string;
    expect(text.split(" … ")).toEqual(["نص a 0", "نص b 0", "نص c 0", "نص d 0", "نص e 0"]);
  });

  it("gives an entity the properties written last and every type it was given", () => {
    const rows = merged(
      graph("a", [], { entities: [entity("qatar", { role: "دولة", aliases: ["دولة قطر"] })] }),
      graph("b", [], { entities: [entity("qatar", { type: "Place" })] }),
    );
    expect(rows.entity).toEqual([expect.objectContaining({ id: "qatar", labels: ["Entity", "Country", "Place"], type: "Place", role: null, aliases: [] })]);
  });

  it("refuses a source given twice, naming both parts", () => {
    expect(() => mergeShared([sharedOf(graph("a", []), fold), sharedOf(graph("a", []), fold)], ["shard x", "shard y"])).toThrow(DuplicateSourceError);
    expect(() => mergeShared([sharedOf(graph("a", []), fold), sharedOf(graph("a", []), fold)], ["shard x", "shard y"])).toThrow(/shard x and shard y/);
  });

  it("marks a mention some claim cites as Evidence, and only those", () => {
    const g = graph("a", [claim()]);
    g.mentions.push({ id: "a:50-54", sourceId: "a", start: 50, end: 54, exact: "قطر", prefix: "", suffix: "", entityId: "qatar" });
    const rows = sourceRows(g);
    expect(rows.mention.map((m) => m.labels)).toEqual([["Mention", "Evidence"], ["Mention"]]);
    expect(rows.refersTo).toEqual([{ start: "a:50-54", end: "qatar" }]);
  });
});

describe("import CSV", () => {
  it("quotes every string (an empty string stays one), leaves absent values empty, and keeps newlines inside quotes", () => {
    const line = csvLines(SOURCE_TABLES.mention, [{ id: "m1", labels: ["Mention", "Evidence"], sourceId: "a", start: 0, end: 3, exact: 'قال "نعم"\nثم', prefix: "", suffix: "x", entityId: null }]);
    expect(line).toBe(`"m1","Mention${ARRAY_DELIMITER}Evidence","a",0,3,"قال ""نعم""\nثم","","x",\n`);
  });

  it("types columns in the header as the loader types the properties", () => {
    expect(headerLine(SOURCE_TABLES.source)).toBe("id:ID(Source),title,publisher,language,sha256,text,url,published,length:int\n");
    expect(headerLine(SHARED_TABLES.drawn)).toBe(":START_ID(Entity),:END_ID(Entity),:TYPE,claimId,predicate\n");
    expect(headerLine(SHARED_TABLES.entity)).toContain("aliases:string[]");
    expect(csvLines(SOURCE_TABLES.quote, [{ id: "q", sourceId: "a", speakerId: "p", text: "t", verb: "قال", implicitVerb: false }])).toBe('"q","a","p","t","قال","false"\n');
  });

  it("refuses a property without a column, and a list element holding the array delimiter", () => {
    expect(() => csvLines(SOURCE_TABLES.quote, [{ id: "q", mood: "x" }])).toThrow(/no column for property "mood"/);
    expect(() => csvLines(SHARED_TABLES.entity, [{ id: "e", aliases: [`a${ARRAY_DELIMITER}b`] }])).toThrow(BulkRowError);
  });
});

describe("backfill folder", () => {
  it("gathers shards in name order, writes headers and the merged shared tables, and names every file in the import command", () => {
    const out = mkdtempSync(join(tmpdir(), "sanad-bulk-unit-"));
    try {
      writeShard(out, "b", [graph("later", [claim({ extractor: "frames@2" })])], fold);
      writeShard(out, "a", [graph("first", [claim({ origin: "curated" })])], fold);
      const files = writeImportFiles(out);
      expect(files).toEqual({ out, shards: ["a", "b"], sources: 2 });
      expect(readFileSync(join(out, "shared", "Claim.csv"), "utf8")).toMatch(/^"claim-1","Claim",.*"curated","frames@2",/);
      const command = operatorCommand(files);
      expect(command).toContain("--nodes=Source=headers/Source.csv,shards/a/Source.csv,shards/b/Source.csv");
      expect(command).toContain("--relationships=headers/DRAWN.csv,shared/DRAWN.csv");
      expect(command).toContain("--multiline-fields=true");

      writeShard(out, "c", [graph("first", [])], fold);
      expect(() => writeImportFiles(out)).toThrow(/source "first" is given twice in the backfill \(shard a and shard c\)/);
      rmSync(join(out, "shards", "c", "shared.json"));
      expect(() => writeImportFiles(out)).toThrow(/shards\/c is incomplete/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
