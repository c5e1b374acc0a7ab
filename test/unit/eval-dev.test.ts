import { describe, expect, it } from "vitest";
import type { Claim, Entity, Mention, Quote, SourceGraph } from "../../src/model/graph.js";
import { findWord, GoldDoc, GoldFile, occurrences } from "../../src/tools/eval/dev-gold.js";
import { scoreDev, type DevDoc } from "../../src/tools/eval/dev.js";

// Invented sentences and a hand-built graph: every number below is worked out by hand in the comments.

const TEXT_A =
  "وقعت مصر وتونس مذكرة تفاهم ثنائية في القاهرة يوم 3 مايو 2021. وقال سالم حداد إن «التعاون سيستمر طويلا». ونقلت وكالة النبأ عن حداد أن الحدود آمنة. وأشاد الجيش التونسي بالاتفاق.";
const TEXT_B = "وقعت الكويت مذكرة تفاهم مع البحرين.";

const goldA = GoldDoc.parse({
  file: "01-a.txt",
  url: "https://example.org/a",
  outlet: "Invented",
  date: "2021-05-04",
  date_source: "text",
  entities: [
    { key: "egypt", type: "Country", forms: ["مصر"], wikidata: "Q79" },
    { key: "tunisia", type: "Country", forms: ["تونس"], adjectives: ["التونسي"], wikidata: "Q948" },
    { key: "cairo", type: "Place", forms: ["القاهرة"] },
    { key: "mou", type: "Agreement", forms: ["مذكرة تفاهم ثنائية"] },
    { key: "haddad", type: "Person", forms: ["سالم حداد", "حداد"] },
    { key: "naba", type: "Organization", forms: ["وكالة النبأ"] },
  ],
  relations: [
    { type: "signed", subject: "egypt", object: "mou", evidence: "وقعت مصر وتونس", date: "2021-05-03", date_precision: "day", date_text: "3 مايو 2021" },
    { type: "signed", subject: "tunisia", object: "mou", evidence: "وقعت مصر وتونس", date: "2021-05-03", date_precision: "day", date_text: "3 مايو 2021" },
    { type: "agreementBetween", subject: "mou", object: "egypt", evidence: "وقعت مصر وتونس" },
  ],
  quotes: [
    { speaker: "haddad", verb: "وقال", evidence: "التعاون سيستمر طويلا", direct: true },
    { speaker: "haddad", verb: "ونقلت", evidence: "الحدود آمنة", direct: false, via: "naba" },
  ],
});

const goldB = GoldDoc.parse({
  file: "02-b.txt",
  url: "https://example.org/b",
  outlet: "Invented",
  date: null,
  date_source: null,
  entities: [
    { key: "kuwait", type: "Country", forms: ["الكويت"], wikidata: "Q817" },
    { key: "bahrain", type: "Country", forms: ["البحرين"], wikidata: "Q398" },
    { key: "mou_b", type: "Agreement", forms: ["مذكرة تفاهم"] },
  ],
  relations: [
    { type: "signed", subject: "kuwait", object: "mou_b", evidence: "وقعت الكويت" },
    { type: "agreementBetween", subject: "mou_b", object: "bahrain", evidence: "مع البحرين" },
  ],
  quotes: [],
});

function node(id: string, type: Entity["type"], nameAr: string, more: Partial<Entity> = {}): Entity {
  return { id, type, nameAr, nameEn: id, aliases: [], status: "candidate", ...more };
}

const EGYPT = node("n-egypt", "Country", "مصر", { status: "curated", wikidata: "Q79" });
const MOU = node("n-mou", "Agreement", "مذكرة تفاهم ثنائية", { status: "curated", aliases: ["مذكرة تفاهم"] });

/** A graph over `text`; mentions are given as [exact words, occurrence number, linked node]. */
function graph(
  id: string,
  text: string,
  entities: Entity[],
  spans: [string, number, string | undefined][],
  claims: Omit<Claim, "id" | "modality" | "origin">[],
  quotes: Omit<Quote, "id" | "verb" | "implicitVerb">[],
): SourceGraph {
  const mentions: Mention[] = spans.map(([exact, nth, entityId], i) => {
    let start = -1;
    for (let k = 0; k <= nth; k++) start = text.indexOf(exact, start + 1);
    if (start < 0) throw new Error(`no ${exact} in the test text`);
    return { id: `m${i + 1}`, sourceId: id, start, end: start + exact.length, exact, prefix: "", suffix: "", ...(entityId ? { entityId } : {}) };
  });
  return {
    source: { id, title: id, publisher: "test", language: "ar", sha256: "0".repeat(64), text },
    entities,
    mentions,
    claims: claims.map((c, i) => ({ id: `c${i}`, modality: "asserted", origin: "extracted", ...c })),
    quotes: quotes.map((q, i) => ({ id: `q${i}`, verb: "قال", implicitVerb: false, ...q })),
  };
}

const graphA = graph(
  "doc-a",
  TEXT_A,
  [EGYPT, MOU, node("n-tunisia", "Country", "تونس"), node("n-haddad", "Person", "سالم حداد"), node("n-naba", "Organization", "وكالة النبأ"), node("n-spur", "Place", "الحدود")],
  [
    ["مصر", 0, "n-egypt"], // m1: exact
    ["وتونس", 0, "n-tunisia"], // m2: overlap only (the و is inside the mention)
    ["مذكرة تفاهم ثنائية", 0, "n-mou"], // m3
    ["القاهرة", 0, "n-egypt"], // m4: Cairo linked to Egypt, a false merge in the document
    ["سالم حداد", 0, "n-haddad"], // m5
    ["الحدود", 0, "n-spur"], // m6: names no gold entity
    ["التعاون سيستمر طويلا", 0, undefined], // m7: quote evidence
    ["الحدود آمنة", 0, undefined], // m8: quote evidence
    ["بالاتفاق", 0, undefined], // m9: quote evidence no gold quote has
  ],
  [
    { predicate: "signed", subjectId: "n-egypt", objectId: "n-mou", date: { value: "2021-05-03", precision: "day" }, evidence: ["m1"] },
    { predicate: "signed", subjectId: "n-tunisia", objectId: "n-mou", date: { value: "2021-05", precision: "month" }, evidence: ["m2"] },
    { predicate: "partnerOf", subjectId: "n-egypt", objectId: "n-tunisia", evidence: ["m1"] },
    { predicate: "foundedIn", subjectId: "n-egypt", value: { text: "long ago" }, evidence: ["m1"] },
  ],
  [
    { speakerId: "n-haddad", text: "التعاون سيستمر طويلا", evidence: ["m7"] },
    // Misattributed: the agency relays the words, Haddad says them.
    { speakerId: "n-naba", text: "الحدود آمنة", evidence: ["m8"], viaId: "n-naba" } as Omit<Quote, "id" | "verb" | "implicitVerb">,
    { speakerId: "n-haddad", text: "بالاتفاق", evidence: ["m9"] },
  ],
);

const graphB = graph(
  "doc-b",
  TEXT_B,
  [EGYPT, MOU, node("n-kw", "Country", "الكويت", { status: "curated", wikidata: "Q817" })],
  [
    ["الكويت", 0, "n-egypt"], // Kuwait linked to the curated Egypt: a false merge across documents
    ["مذكرة تفاهم", 0, "n-mou"], // another MoU linked to the curated one by a description
  ],
  // n-kw has no mention here: it stands for the gold entity whose form is its name.
  [{ predicate: "signed", subjectId: "n-kw", objectId: "n-mou", evidence: ["m1"] }],
  [],
);

const docs: DevDoc[] = [
  { gold: goldA, text: TEXT_A, graph: graphA },
  { gold: goldB, text: TEXT_B, graph: graphB },
];

describe("gold occurrences", () => {
  it("finds a form after proclitics and before endings, never inside another word", () => {
    expect(findWord("وتونس والتونسي", "تونس")).toEqual([1, 9]);
    expect(findWord("زار مصراتة", "مصر")).toEqual([]);
    expect(findWord("مصرف", "مصر")).toEqual([]);
  });

  it("counts overlapping occurrences of one entity once, as the longest", () => {
    const occ = occurrences(TEXT_A, goldA.entities);
    expect(occ.filter((o) => o.key === "haddad").map((o) => TEXT_A.slice(o.start, o.end))).toEqual(["سالم حداد", "حداد"]);
    expect(occ.filter((o) => o.key === "tunisia").map((o) => o.kind)).toEqual(["form", "adjective"]);
  });

  it("rejects a gold file whose relation names an unknown entity", () => {
    const bad = { ...goldB, relations: [{ type: "signed", subject: "oman", object: "mou_b", evidence: "وقعت" }] };
    expect(GoldFile.safeParse([bad]).success).toBe(false);
  });
});

describe("scoreDev", () => {
  const s = scoreDev(docs);

  it("scores entity and mention recall, exact and overlapping, and type accuracy", () => {
    // A: Egypt, Cairo (through m4), the MoU, Haddad exact; Tunisia by overlap; the agency missed. B: Kuwait, the MoU; Bahrain missed.
    expect(s.entities.all).toEqual({ total: 9, exact: 6, overlap: 7, typed: 6 });
    expect(s.entities.byType.Place).toEqual({ total: 1, exact: 1, overlap: 1, typed: 0 });
    // Forms: A مصر تونس مذكرة القاهرة «سالم حداد» «حداد» «وكالة النبأ», B الكويت البحرين «مذكرة تفاهم».
    expect(s.entities.mentions.form).toEqual({ total: 10, exact: 6, overlap: 7 });
    expect(s.entities.mentions.adjective).toEqual({ total: 1, exact: 0, overlap: 0 });
    expect(s.details[0]!.missedEntities.map((m) => m.key)).toEqual(["naba"]);
  });

  it("scores linked-node precision, spurious nodes and false merges", () => {
    expect(s.entities.nodes).toEqual({ total: 7, precise: 5, spurious: 1, merged: 1 });
    expect(s.details[0]!.falseMerges).toEqual([{ nodeId: "n-egypt", keys: ["egypt", "cairo"] }]);
    expect(s.entities.unannotatedMentions).toBe(1);
    expect(s.entities.crossDocMerges.map((m) => [m.nodeId, m.docs.map((d) => d.keys[0])])).toEqual([
      ["n-egypt", ["egypt", "kuwait"]],
      ["n-mou", ["mou_b"]],
    ]);
    // Egypt in A is linked to its curated node; Kuwait in B is not.
    expect(s.entities.known).toEqual({ entities: 2, entitiesAllLinked: 1, mentions: { hit: 1, total: 2 } });
  });

  it("scores relations by type, recall and the support of claims", () => {
    expect(s.relations.main).toEqual({ hit: 3, total: 5 });
    expect(s.relations.all).toEqual({ hit: 3, total: 5 });
    expect(s.relations.precision).toEqual({ hit: 3, total: 4 });
    expect(s.relations.byType.signed).toEqual({ gold: 3, found: 3, extracted: 3, supported: 3 });
    expect(s.relations.byType.partnerOf).toEqual({ gold: 0, found: 0, extracted: 1, supported: 0 });
    expect(s.relations.literalClaims).toBe(1);
    expect(s.relations.byOrigin).toEqual({ extracted: 5 });
  });

  it("scores quotes found, speakers, attribution precision and via", () => {
    expect(s.quotes).toMatchObject({ gold: 2, found: 2, rightSpeaker: 1, attribution: { hit: 1, total: 2 }, unmatched: 1, via: { gold: 1, found: 1, right: 1 } });
    expect(s.details[0]!.misattributedQuotes).toEqual([{ evidence: "الحدود آمنة", goldSpeakers: ["haddad"], speakerId: "n-naba", speakerKeys: ["naba"] }]);
  });

  it("scores the dates of matched claims", () => {
    expect(s.dates).toEqual({ accuracy: { hit: 1, total: 2 }, precision: { hit: 1, total: 2 } });
  });
});
