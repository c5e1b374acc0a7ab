import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Claim, Mention, SourceGraph } from "../../src/model/graph.js";
import { mentionId, sha256Hex, spanOf } from "../../src/model/ids.js";
import { ARTICLE_STAGES, runArticles, TEXT_STAGES } from "../../src/ingest/pipeline/stages.js";
import { validateSourceGraph } from "../../src/ingest/validate/index.js";

/** The origin and severity of the validate stage's graph checks. */
const GRAPH = { origin: "validate:graph", severity: "error" } as const;
const seed = (name: string) => fileURLToPath(new URL(`../../seed/${name}`, import.meta.url));

/** The graph of the real seed article as the pipeline would build it from the curated files. */
async function seedGraph(): Promise<SourceGraph> {
  const before = ARTICLE_STAGES.filter((stage) => !TEXT_STAGES.includes(stage));
  const { articles } = await runArticles([{ metaPath: seed("article-ar.meta.yaml"), gazetteerPath: seed("gazetteer.yaml") }], before);
  const s = articles[0]!;
  if (!s.meta || !s.article || !s.resolved || !s.gazetteer) throw new Error("the seed article reads and resolves");
  const { id, title, publisher, language } = s.meta;
  const text = s.article.text;
  const mentions = new Map<string, Mention>();
  const mention = (start: number, end: number): string => {
    const mid = mentionId(id, start, end);
    if (!mentions.has(mid)) mentions.set(mid, { id: mid, sourceId: id, start, end, ...spanOf(text, start, end) });
    return mid;
  };
  const claims: Claim[] = s.resolved.map(({ fact, claimId, evidence }) => ({
    id: claimId,
    predicate: fact.predicate,
    subjectId: fact.subject,
    ...(fact.object !== undefined && { objectId: fact.object }),
    ...(fact.value !== undefined && { value: fact.value }),
    ...(fact.date !== undefined && { date: fact.date }),
    modality: fact.modality,
    evidence: evidence.map((e) => mention(e.span.start, e.span.end)),
    ...(fact.relationship !== undefined && { relationship: fact.relationship }),
    origin: "curated" as const,
  }));
  const q = text.indexOf("إن قطر هي عضو مؤسس");
  const quoteMention = mention(q, q + 18);
  return {
    source: { id, title, publisher, language, sha256: s.article.sha256, text },
    entities: s.gazetteer.value.entities.map((e) => ({ ...e, status: "curated" as const })),
    mentions: [...mentions.values()],
    claims,
    quotes: [
      { id: "quote-1", text: "قطر هي عضو مؤسس", verb: "قال", implicitVerb: false, speakerId: "myles-caggins", settingId: "pentagon-briefing", outletId: "lusail", evidence: [quoteMention] },
    ],
  };
}

describe("validateSourceGraph", () => {
  let good: SourceGraph;
  const mutate = (f: (g: SourceGraph) => void): SourceGraph => {
    const g = structuredClone(good);
    f(g);
    return g;
  };
  const firstClaimWithObject = (g: SourceGraph) => g.claims.findIndex((c) => c.objectId !== undefined);

  beforeAll(async () => {
    good = await seedGraph();
  });

  it("accepts the graph of the real seed article", () => {
    expect(good.claims.length).toBeGreaterThanOrEqual(100);
    expect(good.mentions.length).toBeGreaterThan(100);
    expect(validateSourceGraph(good, "seed")).toEqual([]);
  });

  it("reports a mention whose exact text differs from the source", () => {
    const g = mutate((g) => (g.mentions[0]!.exact = "قطر"));
    const m = good.mentions[0]!;
    expect(validateSourceGraph(g, "g")).toEqual([
      { file: "g", field: "mentions[0].exact", ...GRAPH, reason: `"قطر" is not the text at ${m.start}-${m.end}, which reads "${m.exact}"` },
    ]);
  });

  it("reports spans outside the text or empty", () => {
    const length = good.source.text.length;
    const g = mutate((g) => {
      g.mentions[0]!.end = length + 1;
      g.mentions[1]!.end = g.mentions[1]!.start;
    });
    const m1 = good.mentions[1]!;
    expect(validateSourceGraph(g, "g")).toEqual([
      { file: "g", field: "mentions[0]", ...GRAPH, reason: `span ${good.mentions[0]!.start}-${length + 1} is not within the text (0 <= start < end <= ${length})` },
      { file: "g", field: "mentions[1]", ...GRAPH, reason: `span ${m1.start}-${m1.start} is not within the text (0 <= start < end <= ${length})` },
    ]);
  });

  it("reports prefix and suffix that are not the text around the span", () => {
    const g = mutate((g) => {
      g.mentions[2]!.prefix = "xx";
      g.mentions[2]!.suffix = "yy";
    });
    const m = good.mentions[2]!;
    expect(validateSourceGraph(g, "g")).toEqual([
      { file: "g", field: "mentions[2].prefix", ...GRAPH, reason: `"xx" is not the text just before ${m.start}` },
      { file: "g", field: "mentions[2].suffix", ...GRAPH, reason: `"yy" is not the text just after ${m.end}` },
    ]);
  });

  it("reports evidence that is not a mention, and unknown entity ids in claims, quotes and mentions", () => {
    const i = firstClaimWithObject(good);
    const g = mutate((g) => {
      g.claims[i]!.evidence.push("nowhere:1-2");
      g.claims[i]!.objectId = "atlantis";
      g.quotes[0]!.speakerId = "nobody";
      g.quotes[0]!.outletId = "no-paper";
      g.mentions[0]!.entityId = "ghost";
    });
    expect(validateSourceGraph(g, "g")).toEqual([
      { file: "g", field: "mentions[0].entityId", ...GRAPH, reason: 'unknown entity id "ghost"' },
      { file: "g", field: `claims[${i}].objectId`, ...GRAPH, reason: 'unknown entity id "atlantis"' },
      { file: "g", field: `claims[${i}].evidence[${good.claims[i]!.evidence.length}]`, ...GRAPH, reason: 'evidence "nowhere:1-2" is not a mention of this graph' },
      { file: "g", field: "quotes[0].speakerId", ...GRAPH, reason: 'unknown entity id "nobody"' },
      { file: "g", field: "quotes[0].outletId", ...GRAPH, reason: 'unknown entity id "no-paper"' },
    ]);
  });

  it("reports duplicate ids", () => {
    const g = mutate((g) => {
      g.entities.push({ ...g.entities[0]! });
      g.claims.push({ ...g.claims[0]! });
    });
    expect(validateSourceGraph(g, "g")).toEqual([
      { file: "g", field: `entities[${good.entities.length}].id`, ...GRAPH, reason: `duplicate id "${good.entities[0]!.id}" (also entities[0])` },
      { file: "g", field: `claims[${good.claims.length}].id`, ...GRAPH, reason: `duplicate id "${good.claims[0]!.id}" (also claims[0])` },
    ]);
  });

  it("reports a claim with both an object and a value, and a mention of another source", () => {
    const i = firstClaimWithObject(good);
    const g = mutate((g) => {
      g.claims[i]!.value = { text: "x" };
      g.mentions[0]!.sourceId = "other-source";
    });
    expect(validateSourceGraph(g, "g")).toEqual([
      { file: "g", field: "mentions[0].sourceId", ...GRAPH, reason: `mention of source "other-source" in the graph of "${good.source.id}"` },
      { file: "g", field: `claims[${i}]`, ...GRAPH, reason: "a claim has either an object entity or a literal value, not both or neither" },
    ]);
  });

  it("reports a sha256 that is not the text's", () => {
    const g = mutate((g) => (g.source.sha256 = sha256Hex("other text")));
    expect(validateSourceGraph(g, "g")).toEqual([{ file: "g", field: "source.sha256", ...GRAPH, reason: "does not match the sha256 of source.text" }]);
  });

  it("reports schema violations with their field path, and stops there", () => {
    const g = mutate((g) => {
      (g.source as { sha256: string }).sha256 = "not-a-hash";
      (g.mentions[0] as { start: number }).start = -1;
    });
    const problems = validateSourceGraph(g, "g");
    expect(problems.map((p) => p.field)).toEqual(["source.sha256", "mentions[0].start"]);
    expect(problems.every((p) => p.file === "g" && p.reason.startsWith("schema: "))).toBe(true);
  });

  it("counts offsets in code points", () => {
    const text = "😀 قطر";
    const g: SourceGraph = {
      source: { id: "s", title: "t", publisher: "p", language: "ar", sha256: sha256Hex(text), text },
      entities: [{ id: "qatar", type: "Country", nameAr: "قطر", nameEn: "Qatar", aliases: [], status: "curated" }],
      mentions: [{ id: mentionId("s", 2, 5), sourceId: "s", start: 2, end: 5, entityId: "qatar", ...spanOf(text, 2, 5) }],
      claims: [],
      quotes: [],
    };
    expect(g.mentions[0]).toMatchObject({ exact: "قطر", prefix: "😀 ", suffix: "" });
    expect(validateSourceGraph(g, "g")).toEqual([]);
    g.mentions[0]!.end = 6;
    expect(validateSourceGraph(g, "g")[0]?.reason).toBe("span 2-6 is not within the text (0 <= start < end <= 5)");
  });
});
