import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkRejections } from "../../src/ingest/check/index.js";
import { checkSeedFile } from "../../src/ingest/read/index.js";
import { applyRejections, replacedCandidates } from "../../src/ingest/review/index.js";
import { validateSourceGraph } from "../../src/ingest/validate/index.js";
import { runArticles } from "../../src/ingest/pipeline/stages.js";
import { formatProblem } from "../../src/model/problem.js";
import type { SourceGraph } from "../../src/model/graph.js";
import { mentionId, sha256Hex, spanOf } from "../../src/model/ids.js";
import { InputError } from "../../src/model/problem.js";
import { Gazetteer, Rejections } from "../../src/model/seed-files.js";
import { accept, EMPTY_REJECTIONS, merge, proposedId, reject, type GraphClaim, type GraphEntity } from "../../src/tools/review/decide.js";
import { formatReviewList } from "../../src/tools/review/format.js";

const FILE = "seed/gazetteer.yaml";
const REJECTIONS = "seed/rejections.yaml";
const GAZETTEER = `# A curated gazetteer: these comments must survive every decision.
entities:
  # Countries
  - id: qatar
    type: Country
    nameAr: قطر
    nameEn: Qatar
    aliases: [دولة قطر]

  - id: fahd-otaibi
    type: Person
    nameAr: فهد العتيبي
    nameEn: Fahd Al-Otaibi
`;

const person = (id: string, nameAr: string, sources = ["src-a"]): GraphEntity => ({ id, type: "Person", nameAr, nameEn: nameAr, status: "candidate", sources });
const SALEM = person("candidate-aaaaaaaaaaaa", "سالم بن راشد الحمداني");
const SALEM_SHORT = person("candidate-bbbbbbbbbbbb", "سالم الحمداني", ["src-b"]);

function problemOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error("expected an InputError");
}

const entries = (text: string) => Gazetteer.parse(parse(text)).entities;

describe("accept", () => {
  it("appends a curated entry made from the candidate, leaving the rest of the file as it was", () => {
    const d = accept(GAZETTEER, FILE, SALEM.id, SALEM, { id: "salem-al-hamdani", nameEn: "Salem Al-Hamdani" });
    expect(d).toMatchObject({ changed: true, sources: ["src-a"] });
    expect(d.text.startsWith(GAZETTEER)).toBe(true);
    expect(d.text.slice(GAZETTEER.length)).toBe(
      "\n  - id: salem-al-hamdani\n    type: Person\n    nameAr: سالم بن راشد الحمداني\n    nameEn: Salem Al-Hamdani\n    replaces: [candidate-aaaaaaaaaaaa]\n",
    );
  });

  it("changes nothing the second time, even once the graph no longer has the candidate", () => {
    const once = accept(GAZETTEER, FILE, SALEM.id, SALEM).text;
    expect(accept(once, FILE, SALEM.id, undefined)).toMatchObject({ changed: false, text: once, message: expect.stringContaining("already accepted") });
  });

  it("proposes an id from the English name, else from the type and the candidate's hash", () => {
    expect(proposedId(SALEM, "Salem bin Rāshid Al-Hamdani")).toBe("salem-bin-rashid-al-hamdani");
    expect(proposedId(SALEM)).toBe("person-aaaaaaaaaaaa");
    expect(entries(accept(GAZETTEER, FILE, SALEM.id, SALEM).text).at(-1)).toMatchObject({ id: "person-aaaaaaaaaaaa", nameEn: SALEM.nameAr });
  });

  it("records a candidate whose name an entry of its type already has under that entry", () => {
    const d = accept(GAZETTEER, FILE, "candidate-cccccccccccc", person("candidate-cccccccccccc", "فهد العتيبي"));
    expect(entries(d.text).find((e) => e.id === "fahd-otaibi")?.replaces).toEqual(["candidate-cccccccccccc"]);
    expect(entries(d.text)).toHaveLength(2);
  });

  it("refuses an id the graph does not know, a curated entity and an agreement, naming the id", () => {
    expect(problemOf(() => accept(GAZETTEER, FILE, "candidate-000000000000", undefined))).toContain('unknown id "candidate-000000000000"');
    expect(problemOf(() => accept(GAZETTEER, FILE, "qatar", { ...person("qatar", "قطر"), status: "curated" }))).toContain('"qatar" is a gazetteer entity');
    const agreement: GraphEntity = { ...person("agreement-0123456789ab", "مذكرة تفاهم"), type: "Agreement" };
    expect(problemOf(() => accept(GAZETTEER, FILE, agreement.id, agreement))).toContain("is an agreement");
  });

  it("refuses an id that is already taken, with the line of both", () => {
    expect(problemOf(() => accept(GAZETTEER, FILE, SALEM.id, SALEM, { id: "qatar" }))).toMatch(/seed\/gazetteer\.yaml:\d+:\d+ \(entities\[2\]\.id\): duplicate id "qatar" at line 4/);
  });
});

describe("merge", () => {
  it("makes the other candidate's name an alias of a curated entry, after its names", () => {
    const other = person("candidate-dddddddddddd", "فهد بن سعد العتيبي");
    const d = merge(GAZETTEER, FILE, { id: "fahd-otaibi", found: undefined }, { id: other.id, found: other });
    expect(d.text).toContain("    nameEn: Fahd Al-Otaibi\n    aliases: [فهد بن سعد العتيبي]\n    replaces: [candidate-dddddddddddd]\n");
    expect(merge(d.text, FILE, { id: "fahd-otaibi", found: undefined }, { id: other.id, found: undefined })).toMatchObject({ changed: false, text: d.text });
  });

  it("makes a curated entry of a kept candidate, with both candidates under replaces", () => {
    const d = merge(GAZETTEER, FILE, { id: SALEM.id, found: SALEM }, { id: SALEM_SHORT.id, found: SALEM_SHORT }, { id: "salem-al-hamdani" });
    expect(entries(d.text).at(-1)).toMatchObject({ id: "salem-al-hamdani", nameAr: SALEM.nameAr, aliases: [SALEM_SHORT.nameAr], replaces: [SALEM.id, SALEM_SHORT.id] });
    expect(d.sources).toEqual(["src-a", "src-b"]);
    // The kept candidate is known by its new entry from then on.
    expect(merge(d.text, FILE, { id: SALEM.id, found: undefined }, { id: SALEM_SHORT.id, found: undefined }).changed).toBe(false);
  });

  it("refuses entities of different types, a curated other, world data kept, and unknown ids", () => {
    const org: GraphEntity = { ...person("candidate-eeeeeeeeeeee", "مؤسسة الواحة"), type: "Organization" };
    expect(problemOf(() => merge(GAZETTEER, FILE, { id: "fahd-otaibi", found: undefined }, { id: org.id, found: org }))).toContain("is a Person");
    expect(problemOf(() => merge(GAZETTEER, FILE, { id: SALEM.id, found: SALEM }, { id: "qatar", found: undefined }))).toContain("done by hand");
    const doha: GraphEntity = { ...person("doha", "الدوحة"), type: "Place", status: "reference" };
    expect(problemOf(() => merge(GAZETTEER, FILE, { id: "doha", found: doha }, { id: SALEM.id, found: SALEM }))).toContain("src/lexicon/world");
    expect(problemOf(() => merge(GAZETTEER, FILE, { id: SALEM.id, found: SALEM }, { id: "candidate-ffffffffffff", found: undefined }))).toContain('unknown id "candidate-ffffffffffff"');
  });
});

describe("reject", () => {
  const claim: GraphClaim = { id: "claim-0123456789abcdef", predicate: "metWith", origin: "extracted", subjectId: "fahd-otaibi", objectId: SALEM_SHORT.id, sources: ["src-b"] };

  it("starts the list from its template and records the claim's statement as read in its sources", () => {
    const d = reject(undefined, REJECTIONS, GAZETTEER, FILE, { id: claim.id, claim }, { reason: "not what the article says" });
    expect(d.text.startsWith(EMPTY_REJECTIONS.split("claims:")[0]!)).toBe(true);
    expect(d.text).toContain("claims:\n  - claim: claim-0123456789abcdef\n    predicate: metWith\n    subject: fahd-otaibi\n    object: candidate-bbbbbbbbbbbb\n    sources: [src-b]\n    reason: not what the article says\nentities: []\n");
    expect(reject(d.text, REJECTIONS, GAZETTEER, FILE, { id: claim.id, claim })).toMatchObject({ changed: false, text: d.text });
    const everywhere = reject(undefined, REJECTIONS, GAZETTEER, FILE, { id: claim.id, claim }, { everywhere: true });
    expect(Rejections.parse(parse(everywhere.text)).claims[0]!.sources).toBeUndefined();
  });

  it("records a candidate with its type and name", () => {
    const d = reject(undefined, REJECTIONS, GAZETTEER, FILE, { id: SALEM.id, entity: SALEM });
    expect(Rejections.parse(parse(d.text)).entities).toEqual([{ entity: SALEM.id, type: "Person", name: SALEM.nameAr }]);
  });

  it("refuses a curated claim, a gazetteer entity and an unknown id", () => {
    expect(problemOf(() => reject(undefined, REJECTIONS, GAZETTEER, FILE, { id: claim.id, claim: { ...claim, origin: "curated" } }))).toContain("is curated");
    expect(problemOf(() => reject(undefined, REJECTIONS, GAZETTEER, FILE, { id: "qatar", entity: undefined }))).toContain('"qatar" is a gazetteer entity');
    expect(problemOf(() => reject(undefined, REJECTIONS, GAZETTEER, FILE, { id: "claim-ffffffffffffffff", claim: undefined }))).toContain('unknown id "claim-ffffffffffffffff"');
  });

  it("the check stage names a rejected gazetteer entity at its line", () => {
    const text = "claims: []\nentities:\n  - entity: qatar\n    type: Country\n    name: قطر\n";
    const located = checkSeedFile(Rejections, text, REJECTIONS).located!;
    expect(checkRejections(located, Gazetteer.parse(parse(GAZETTEER)))).toMatchObject([{ file: REJECTIONS, line: 3, field: "entities[0].entity", origin: "check:rejected-curated" }]);
  });
});

/** A small graph as build makes it: fahd (curated) met salem-short (candidate), who spoke; a curated claim too. */
function graph(): SourceGraph {
  const text = "التقى فهد العتيبي مع سالم الحمداني في قطر. وقال الحمداني إن التعاون مستمر.";
  const span = (words: string, entityId?: string) => {
    const start = text.indexOf(words);
    return { id: mentionId("src-b", start, start + words.length), sourceId: "src-b", start, end: start + words.length, ...spanOf(text, start, start + words.length), ...(entityId && { entityId }) };
  };
  const mentions = [
    span("فهد العتيبي", "fahd-otaibi"),
    span("سالم الحمداني", SALEM_SHORT.id),
    span("قطر", "qatar"),
    span("التقى فهد العتيبي مع سالم الحمداني"),
    span("التعاون مستمر"),
  ];
  return {
    source: { id: "src-b", title: "t", publisher: "p", language: "ar", sha256: sha256Hex(text), text },
    entities: [
      { id: "qatar", type: "Country", nameAr: "قطر", nameEn: "Qatar", aliases: [], status: "curated" },
      { id: "fahd-otaibi", type: "Person", nameAr: "فهد العتيبي", nameEn: "Fahd", aliases: [], status: "curated" },
      { id: SALEM_SHORT.id, type: "Person", nameAr: SALEM_SHORT.nameAr, nameEn: SALEM_SHORT.nameAr, aliases: [], status: "candidate" },
    ],
    mentions,
    claims: [
      { id: "claim-1111111111111111", predicate: "metWith", subjectId: "fahd-otaibi", objectId: SALEM_SHORT.id, modality: "asserted", evidence: [mentions[3]!.id], origin: "extracted", extractor: "x", confidence: 0.6 },
      { id: "claim-2222222222222222", predicate: "visited", subjectId: "fahd-otaibi", objectId: "qatar", modality: "asserted", evidence: [mentions[3]!.id], origin: "curated" },
    ],
    quotes: [{ id: "quote-1", text: "التعاون مستمر", verb: "قال", implicitVerb: false, speakerId: SALEM_SHORT.id, evidence: [mentions[4]!.id] }],
  };
}

describe("the review stage", () => {
  const metWith = { claim: "claim-1111111111111111", predicate: "metWith", subject: "fahd-otaibi", object: SALEM_SHORT.id };

  it("drops a rejected extracted claim, in the sources it was rejected for only", () => {
    const g = graph();
    const out = applyRejections(g, { claims: [{ ...metWith, sources: ["src-b"] }], entities: [] }, new Map());
    expect(out.claims.map((c) => c.predicate)).toEqual(["visited"]);
    expect(validateSourceGraph(out, "t")).toEqual([]);
    expect(applyRejections(g, { claims: [{ ...metWith, sources: ["src-a"] }], entities: [] }, new Map())).toBe(g);
  });

  it("follows a rejected candidate id to the entry that replaced it", () => {
    const g = graph();
    const merged: SourceGraph = {
      ...g,
      entities: g.entities.map((e) => (e.id === SALEM_SHORT.id ? { ...e, id: "salem-al-hamdani", status: "curated" } : e)),
      mentions: g.mentions.map((m) => (m.entityId === SALEM_SHORT.id ? { ...m, entityId: "salem-al-hamdani" } : m)),
      claims: g.claims.map((c) => (c.objectId === SALEM_SHORT.id ? { ...c, objectId: "salem-al-hamdani" } : c)),
      quotes: g.quotes.map((q) => ({ ...q, speakerId: "salem-al-hamdani" })),
    };
    const replaced = replacedCandidates({ entities: [{ id: "salem-al-hamdani", type: "Person", nameAr: "س", nameEn: "S", aliases: [], replaces: [SALEM.id, SALEM_SHORT.id] }] });
    expect(applyRejections(merged, { claims: [metWith], entities: [] }, replaced).claims.map((c) => c.predicate)).toEqual(["visited"]);
  });

  it("never drops a curated claim", () => {
    const rejection = { claim: "claim-2222222222222222", predicate: "visited", subject: "fahd-otaibi", object: "qatar" };
    expect(applyRejections(graph(), { claims: [rejection], entities: [] }, new Map()).claims).toHaveLength(2);
  });

  it("drops a rejected candidate with its mentions, claims and quotes, keeping spans other claims rest on", () => {
    const out = applyRejections(graph(), { claims: [], entities: [{ entity: SALEM_SHORT.id, type: "Person", name: SALEM_SHORT.nameAr }] }, new Map());
    expect(out.entities.map((e) => e.id)).toEqual(["qatar", "fahd-otaibi"]);
    expect(out.claims.map((c) => c.predicate)).toEqual(["visited"]);
    expect(out.quotes).toEqual([]);
    expect(out.mentions.map((m) => m.exact)).toEqual(["فهد العتيبي", "قطر", "التقى فهد العتيبي مع سالم الحمداني"]);
    expect(validateSourceGraph(out, "t")).toEqual([]);
  });
});

describe("the review stage in the pipeline", () => {
  const meta = fileURLToPath(new URL("../fixtures/review/oasis.meta.yaml", import.meta.url));
  const seedGazetteer = fileURLToPath(new URL("../../seed/gazetteer.yaml", import.meta.url));

  it("reads rejections.yaml beside the gazetteer, refuses a rejected gazetteer entity, and leaves out what was rejected", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sanad-review-unit-"));
    try {
      const gazetteer = join(dir, "gazetteer.yaml");
      await copyFile(seedGazetteer, gazetteer);
      const before = (await runArticles([{ metaPath: meta, gazetteerPath: gazetteer }])).articles[0]!.built!.graph;
      const fragment = before.entities.find((e) => e.nameAr === "مؤسسة الواحة تنضم")!;
      const metWith = before.claims.find((c) => c.predicate === "metWith")!;
      const rejections = { claims: [{ claim: metWith.id, predicate: "metWith", subject: metWith.subjectId, object: metWith.objectId }], entities: [{ entity: fragment.id, type: fragment.type, name: fragment.nameAr }] };
      await writeFile(join(dir, "rejections.yaml"), JSON.stringify(rejections));
      const run = await runArticles([{ metaPath: meta, gazetteerPath: gazetteer }]);
      expect(run.problems).toEqual([]);
      const after = run.articles[0]!.built!.graph;
      expect(after.entities.map((e) => e.id)).not.toContain(fragment.id);
      expect(after.claims.map((c) => c.predicate)).not.toContain("metWith");
      expect(after.claims.length).toBe(before.claims.length - 1);

      await writeFile(join(dir, "rejections.yaml"), "entities:\n  - entity: qatar\n    type: Country\n    name: قطر\n");
      const refused = await runArticles([{ metaPath: meta, gazetteerPath: gazetteer }]);
      expect(refused.problems.map(formatProblem)).toEqual([`${join(dir, "rejections.yaml")}:2:13 (entities[0].entity): "qatar" is a gazetteer entity; remove its entry instead of rejecting it`]);
      expect(refused.articles[0]!.built).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the review list on a terminal", () => {
  it("shows each item's id, names, and its words in context", () => {
    const context = { sourceId: "src-b", start: 21, end: 34, prefix: "التقى فهد العتيبي مع\n", exact: "سالم الحمداني", suffix: " في قطر" };
    const text = formatReviewList(
      {
        candidates: [{ id: SALEM_SHORT.id, type: "Person", name: SALEM_SHORT.nameAr, mentions: 1, sources: ["src-b"], contexts: [context] }],
        claims: [
          {
            id: "claim-1111111111111111", predicate: "metWith", modality: "asserted", date: null, confidence: 0.6, extractor: "x",
            subject: { id: "fahd-otaibi", name: "فهد العتيبي", status: "curated" }, object: { id: SALEM_SHORT.id, name: SALEM_SHORT.nameAr, status: "candidate" },
            sources: ["src-b"], evidence: [context],
          },
        ],
      },
      0.6,
    );
    expect(text).toContain(`  ${SALEM_SHORT.id}  Person  «سالم الحمداني»  1 mention in src-b`);
    expect(text).toContain("      src-b:21-34  …التقى فهد العتيبي مع [سالم الحمداني] في قطر…");
    expect(text).toContain("Extracted claims with confidence ≤ 0.6 (1)");
    expect(text).toContain(`claim-1111111111111111  metWith  confidence 0.6  «فهد العتيبي» (fahd-otaibi) → «سالم الحمداني» (${SALEM_SHORT.id})`);
  });
});
