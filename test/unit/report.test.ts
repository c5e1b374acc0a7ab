import { describe, expect, it } from "vitest";
import { buildNameIndex } from "../../src/ingest/extract/index.js";
import { buildSeedGraphs } from "../../src/ingest/pipeline/seed-project.js";
import { buildSourceGraph } from "../../src/ingest/pipeline/stages.js";
import { coverage } from "../../src/tools/report/coverage.js";
import { merges } from "../../src/tools/report/merges.js";
import { sha256Hex } from "../../src/model/ids.js";

describe("coverage report", () => {
  it("leaves no body sentence of the seed article without a claim or a quote", async () => {
    const [seed] = await buildSeedGraphs();
    const c = coverage(seed!.graph, seed!.parsed);
    expect(c.bodySentences).toBeGreaterThan(25);
    expect(c.uncovered).toEqual([]);
    expect(c.quotesBySpeaker).toEqual({ "Myles B. Caggins III": 5, "Robert White": 7 });
    // Iran is named only inside the longer name of the militias it backs: a nested mention.
    expect(c.entitiesByType.Country).toBe(5);
  });

  it("lists an uncovered sentence with its reason", async () => {
    const [seed] = await buildSeedGraphs();
    const gazetteer = seed!.graph.entities.filter((e) => e.status === "curated");
    const text = "عنوان تجريبي\nقطر دولة في الخليج. الطقس معتدل اليوم.\n";
    const built = buildSourceGraph(
      { meta: { id: "made-up", title: "t", publisher: "p", language: "ar" }, text, sha256: sha256Hex(text), file: "made-up.txt" },
      buildNameIndex(gazetteer),
      [],
      { trusted: false },
    );
    const c = coverage(built.graph, built.parsed);
    expect(c.uncovered.map((u) => [u.text, u.reason])).toEqual([
      ["قطر دولة في الخليج.", "names entities but no curated fact rests on it, no relation frame matched it and it has no reporting verb"],
      ["الطقس معتدل اليوم.", "names no known entity and has no curated fact"],
    ]);
    expect(text.slice(c.uncovered[0]!.start, c.uncovered[0]!.end)).toBe("قطر دولة في الخليج.");
  });
});

describe("merge report", () => {
  it("says why a candidate stands for mentions of two articles, or for a short form in one", () => {
    const names = buildNameIndex([]);
    const build = (id: string, text: string) =>
      buildSourceGraph({ meta: { id, title: id, publisher: "p", language: "ar" }, text, sha256: sha256Hex(text), file: `${id}.txt` }, names, [], { trusted: false }).graph;
    const a = build("a", "عنوان\nوقال السفير جون سميث إن العلاقات قوية. وأكد السفير سميث أن الزيارة ناجحة.");
    const b = build("b", "عنوان\nوقال السفير جون سميث إن الاتفاق قريب.");
    const out = merges([a, b]);
    const smith = out.find((m) => m.name === "جون سميث")!;
    expect(smith.reason).toMatch(/^the same type \(Person\) and folded name «جون سميث» in 2 sources/u);
    expect(smith.sources).toEqual({ a: ["جون سميث", "سميث"], b: ["جون سميث"] });
    expect(merges([a])[0]!.reason).toBe("«سميث» refers back to «جون سميث», written in full before it in the article");
  });
});
