import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatPath, InputError, parsePath, type Problem } from "../../src/model/problem.js";
import { FactsFile, Gazetteer } from "../../src/model/seed-files.js";
import { checkFacts, checkGazetteer } from "../../src/ingest/check/index.js";
import {
  checkSeedFile,
  decodeArticle,
  factsPathFor,
  firstInvalidUtf8,
  MAX_ARTICLE_BYTES,
  parseSeedFile,
  readArticle,
  readArticleMeta,
  readFacts,
  readGazetteer,
} from "../../src/ingest/read/index.js";
import { ARTICLE_STAGES, runArticles, TEXT_STAGES } from "../../src/ingest/pipeline/stages.js";

/** The stages before the text is parsed: read, check, index and resolve. */
const BEFORE_BUILD = ARTICLE_STAGES.filter((s) => !TEXT_STAGES.includes(s));
const seed = (name: string) => fileURLToPath(new URL(`../../seed/${name}`, import.meta.url));
const bad = (name: string) => fileURLToPath(new URL(`../fixtures/bad-input/${name}`, import.meta.url));

/** The problems of an InputError thrown by `f`; fails the test if it does not throw one. */
async function problemsOf(f: () => unknown): Promise<Problem[]> {
  try {
    await f();
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error("expected an InputError");
}

async function gazetteerFixture(name: string) {
  return checkSeedFile(Gazetteer, await readFile(bad(name), "utf8"), name);
}

async function factsFixture(name: string) {
  return checkSeedFile(FactsFile, await readFile(bad(name), "utf8"), name);
}

describe("the real seed files", () => {
  it("the gazetteer validates and holds the ids other code relies on", async () => {
    const g = await readGazetteer(seed("gazetteer.yaml"));
    const ids = new Set(g.value.entities.map((e) => e.id));
    for (const id of [
      "qatar", "united-states", "global-coalition", "isis", "myles-caggins", "robert-white", "sdf", "isf", "iraq", "syria",
      "us-department-of-defense", "operation-inherent-resolve", "cjtf-oir", "lusail", "pentagon-briefing",
      "qatar-us-ct-mou", "us-qatar-ct-dialogue", "us-army", "nato", "iran", "covid-19",
    ]) {
      expect(ids, id).toContain(id);
    }
    const byId = new Map(g.value.entities.map((e) => [e.id, e]));
    expect(byId.get("myles-caggins")).toMatchObject({ type: "Person", rank: "عقيد / Colonel", role: "المتحدث باسم التحالف الدولي ومدير الشؤون العامة" });
    expect(byId.get("myles-caggins")?.aliases).toEqual(expect.arrayContaining(["مايلز كاجينز", "العقيد كاجينز"]));
    expect(byId.get("myles-caggins")?.descriptions).toEqual(expect.arrayContaining(["المتحدث باسم التحالف الدولي", "كاجينز"]));
    expect(byId.get("robert-white")?.aliases).toEqual(expect.arrayContaining(["الجنرال وايت"]));
    expect(byId.get("robert-white")?.descriptions).toEqual(["وايت"]);
    expect(byId.get("isis")?.aliases).toEqual(expect.arrayContaining(["داعش", "تنظيم داعش", "ISIS", "ISIL", "Daesh"]));
    expect(byId.get("isis")?.descriptions).toEqual(["التنظيم"]);
    // Role holders and unnamed agreements are reached only through curated articles or their names.
    expect(byId.get("qatar-us-ct-mou")?.unnamed).toBe(true);
    expect(byId.get("us-secretary-of-defense")?.unnamed).toBe(true);
    expect(byId.get("qatar-us-ct-mou")?.type).toBe("Agreement");
    expect(byId.get("pentagon-briefing")?.type).toBe("Event");
    expect(byId.get("lusail")?.type).toBe("Organization");
    expect(byId.get("qatar")?.wikidata).toBe("Q846");
    expect(byId.get("isis")?.wikidata).toBeUndefined();
    // No entity names the same surface form as another (the reader rejects collisions).
    expect(checkGazetteer(g)).toEqual([]);
    // locate points at the written line of a field.
    expect(g.locate("entities[0].id")).toEqual({ line: 25, column: 9 });
  });

  it("the meta file validates, names the article and invents no url or date", async () => {
    const meta = await readArticleMeta(seed("article-ar.meta.yaml"));
    expect(meta.value).toEqual({
      id: "lusail-qatar-coalition-2020",
      file: "article-ar.txt",
      title: "قطر شريك أساسي ومؤسس للتحالف الدولي لمكافحة تنظيم داعش",
      publisher: "Lusail",
      language: "ar",
    });
    expect(meta.articlePath).toBe(seed("article-ar.txt"));
  });

  it("the facts validate against the gazetteer and every evidence resolves exactly", async () => {
    const run = await runArticles([{ metaPath: seed("article-ar.meta.yaml"), gazetteerPath: seed("gazetteer.yaml") }], BEFORE_BUILD);
    expect(run.problems).toEqual([]);
    const s = run.articles[0]!;
    if (!s.facts || !s.article || !s.resolved) throw new Error("the seed article has a facts file, a text and resolved facts");
    expect(s.facts.file).toBe(seed("article-ar.facts.yaml"));
    expect(s.resolved).toHaveLength(s.facts.value.facts.length);
    expect(s.facts.value.facts.length).toBeGreaterThanOrEqual(100);
    expect(s.resolved.flatMap((r) => r.evidence).every((e) => e.match === "exact")).toBe(true);
    expect(s.article.bom).toBe(false);

    const signed = s.facts.value.facts.filter((f) => f.predicate === "signed");
    expect(signed.map((f) => f.subject).sort()).toEqual(["qatar", "united-states"]);
    for (const f of signed) {
      expect(f).toMatchObject({ object: "qatar-us-ct-mou", relationship: "SIGNED", date: { value: "2017-07", precision: "month" } });
    }
    const partners = s.facts.value.facts.filter((f) => f.predicate === "partnersWith");
    expect(partners.map((f) => [f.subject, f.object, f.relationship])).toEqual([
      ["global-coalition", "isf", "PARTNERS_WITH"],
      ["global-coalition", "sdf", "PARTNERS_WITH"],
    ]);
    const negated = s.resolved.find((r) => r.fact.modality === "negated")!;
    expect(negated.fact).toMatchObject({ predicate: "controlsTerritory", subject: "isis" });
    const span = negated.evidence[0]!.span;
    expect(s.article.text.slice(span.start, span.end)).toBe("لم يعد تنظيم داعش يسيطر اليوم على أي أراض");
    const nato = s.resolved.find((r) => r.fact.subject === "nato" && r.fact.predicate === "develops")!;
    expect(nato.fact.modality).toBe("possible");
    expect(s.resolved.find((r) => r.fact.predicate === "heldOn")?.fact.value).toEqual({ date: "2019-11-12", precision: "day" });
    expect(s.resolved.find((r) => r.fact.predicate === "hasMemberCount")?.fact.value).toEqual({ quantity: 82, unit: "member", bound: "exact" });
  });

  it("the facts file lies next to the meta file", () => {
    expect(factsPathFor("seed/article-ar.meta.yaml")).toBe("seed/article-ar.facts.yaml");
    expect(() => factsPathFor("seed/article-ar.yaml")).toThrow(/meta/);
  });
});

describe("parseSeedFile: YAML and schema problems are located", () => {
  it("a YAML syntax error names the line and column of the unclosed quote", async () => {
    const r = await gazetteerFixture("syntax-error.gazetteer.yaml");
    expect(r.located).toBeUndefined();
    expect(r.problems).toEqual([
      { file: "syntax-error.gazetteer.yaml", line: 4, column: 13, reason: 'YAML: the string opened here with " is never closed', origin: "read:yaml", severity: "error" },
    ]);
  });

  it("other YAML errors (a duplicate key) are located too", () => {
    const problems = checkSeedFile(Gazetteer, "entities:\n  - id: a\n    id: b\n", "dup-key.yaml").problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "dup-key.yaml", line: 3, column: 5 });
    expect(problems[0]!.reason).toMatch(/^YAML: Map keys must be unique/);
  });

  it("a missing field is reported at its entity, with the field path", async () => {
    const r = await gazetteerFixture("missing-field.gazetteer.yaml");
    expect(r.problems).toEqual([
      {
        file: "missing-field.gazetteer.yaml",
        line: 6,
        column: 5,
        field: "entities[1].nameEn",
        reason: 'missing required field "nameEn" (expected string)',
      origin: "read:schema",
      severity: "error",
      },
    ]);
  });

  it("wrong types and unknown fields are reported at the value", async () => {
    const r = await factsFixture("wrong-type.facts.yaml");
    expect(r.problems).toEqual([
      {
        file: "wrong-type.facts.yaml",
        line: 5,
        column: 12,
        field: "facts[0].value",
        reason: "matches none of the allowed forms; closest: quantity: Invalid input: expected number, received string",
      origin: "read:schema",
      severity: "error",
      },
      { file: "wrong-type.facts.yaml", line: 11, column: 15, field: "facts[1].evidence", reason: "Invalid input: expected array, received string", origin: "read:schema", severity: "error" },
      { file: "wrong-type.facts.yaml", line: 12, column: 5, field: "facts[1].colour", reason: 'unknown field "colour"', origin: "read:schema", severity: "error" },
    ]);
  });

  it("an empty YAML file is one problem", () => {
    expect(checkSeedFile(Gazetteer, "# nothing yet\n", "empty.yaml").problems).toEqual([
      { file: "empty.yaml", line: 1, column: 1, reason: "file is empty", origin: "read:empty", severity: "error" },
    ]);
  });

  it("parseSeedFile throws an InputError carrying the problems", async () => {
    const problems = await problemsOf(async () => parseSeedFile(Gazetteer, await readFile(bad("missing-field.gazetteer.yaml"), "utf8"), "m.yaml"));
    expect(problems.map((p) => p.field)).toEqual(["entities[1].nameEn"]);
  });

  it("field paths print and parse as facts[3].evidence[0]", () => {
    expect(formatPath(["facts", 3, "evidence", 0])).toBe("facts[3].evidence[0]");
    expect(parsePath("facts[3].evidence[0]")).toEqual(["facts", 3, "evidence", 0]);
    expect(parsePath("source")).toEqual(["source"]);
  });
});

describe("cross-field and cross-file checks", () => {
  it("a duplicate id names both lines", async () => {
    const g = (await gazetteerFixture("duplicate-id.gazetteer.yaml")).located!;
    expect(checkGazetteer(g)).toEqual([
      {
        file: "duplicate-id.gazetteer.yaml",
        line: 10,
        column: 9,
        field: "entities[2].id",
        reason: 'duplicate id "qatar" at line 2 and line 10 (entities[0] and entities[2])',
      origin: "check:duplicate-id",
      severity: "error",
      },
      { file: "duplicate-id.gazetteer.yaml", line: 14, column: 13, field: "entities[2].partOf", reason: 'unknown entity id "atlantis"', origin: "check:part-of", severity: "error" },
    ]);
  });

  it("readGazetteer only reads: the duplicate is the check stage's", async () => {
    const g = await readGazetteer(bad("duplicate-id.gazetteer.yaml"));
    expect(checkGazetteer(g).map((p) => [p.line, p.field])).toEqual([
      [10, "entities[2].id"],
      [14, "entities[2].partOf"],
    ]);
  });

  it("two entities may not claim one surface form, compared after folding", async () => {
    const g = (await gazetteerFixture("alias-collision.gazetteer.yaml")).located!;
    const problems = checkGazetteer(g);
    expect(problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [11, 24, "entities[1].aliases[1]"],
      [11, 37, "entities[1].aliases[2]"],
    ]);
    expect(problems[0]!.reason).toBe(
      'surface form "التَّنظيم" of "global-coalition" is also claimed by "isis" (entities[0].aliases[0], line 6); a surface form must name one entity',
    );
    expect(problems[1]!.reason).toContain('"isis" of "global-coalition" is also claimed by "isis" (entities[0].nameEn, line 5)');
  });

  it("facts: unknown entity ids, date precision, repeated claims and the source id", async () => {
    const g = (await gazetteerFixture("small.gazetteer.yaml")).located!;
    const facts = (await factsFixture("unknown-entity.facts.yaml")).located!;
    const meta = { id: "lusail-qatar-coalition-2020", file: "a.txt", title: "t", publisher: "p", language: "ar" };
    expect(checkFacts(facts, g.value, meta)).toEqual([
      {
        file: "unknown-entity.facts.yaml",
        line: 1,
        column: 9,
        field: "source",
        reason: 'facts are for source "fixture" but the article meta id is "lusail-qatar-coalition-2020"',
      origin: "check:facts-source",
      severity: "error",
      },
      {
        file: "unknown-entity.facts.yaml",
        line: 8,
        column: 14,
        field: "facts[1].subject",
        reason: 'unknown entity id "atlantis" (not in the gazetteer)',
      origin: "check:unknown-entity",
      severity: "error",
      },
      {
        file: "unknown-entity.facts.yaml",
        line: 14,
        column: 20,
        field: "facts[2].date.value",
        reason: 'date "2017-07" does not have precision "day"',
      origin: "check:date-precision",
      severity: "error",
      },
      {
        file: "unknown-entity.facts.yaml",
        line: 16,
        column: 5,
        field: "facts[3]",
        reason: "same claim as facts[0] (line 3); list both evidences under one fact",
      origin: "check:same-claim",
      severity: "error",
      },
    ]);
  });

  it("readFacts keeps positions for later problems (locate)", async () => {
    const facts = await readFacts(bad("evidence.facts.yaml"));
    expect(facts.locate("facts[1].evidence[1]")).toEqual({ line: 13, column: 9 });
    expect(facts.locateKey("facts[1].subject")).toEqual({ line: 9, column: 5 });
    // An absent field locates at its nearest present ancestor.
    expect(facts.locate("facts[1].date")).toEqual({ line: 8, column: 5 });
  });

  it("a meta file whose article does not exist is a problem at `file`", async () => {
    const problems = await problemsOf(() => readArticleMeta(bad("missing-article.meta.yaml")));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: bad("missing-article.meta.yaml"), line: 2, column: 7, field: "file" });
    expect(problems[0]!.reason).toMatch(/^article file "no-such-article.txt" does not exist/);
  });

  it("the read and check stages gather the problems of every file, in stage order", async () => {
    const { problems } = await runArticles([
      { metaPath: bad("missing-article.meta.yaml"), gazetteerPath: bad("duplicate-id.gazetteer.yaml"), factsPath: bad("unknown-entity.facts.yaml") },
    ]);
    // The facts are not checked against a gazetteer that failed its own checks.
    expect(problems.map((p) => [p.origin, p.field])).toEqual([
      ["read:meta", "file"],
      ["check:duplicate-id", "entities[2].id"],
      ["check:part-of", "entities[2].partOf"],
    ]);
  });
});

describe("reading an article", () => {
  it("rejects an empty file", async () => {
    expect(await problemsOf(() => readArticle(bad("empty.txt")))).toEqual([{ file: bad("empty.txt"), reason: "article file is empty", origin: "read:article", severity: "error" }]);
    expect(await problemsOf(() => decodeArticle(new TextEncoder().encode(" \n\t"), "ws.txt"))).toEqual([
      { file: "ws.txt", reason: "article has no text (only whitespace)", origin: "read:article", severity: "error" },
    ]);
  });

  it("rejects non-UTF-8, naming the byte, line and column", async () => {
    expect(await problemsOf(() => readArticle(bad("not-utf8.txt")))).toEqual([
      {
        file: bad("not-utf8.txt"),
        line: 2,
        column: 3,
        reason: "not UTF-8: invalid byte 0xff at byte offset 16; save the article as UTF-8",
      origin: "read:article",
      severity: "error",
      },
    ]);
  });

  it("finds the first invalid UTF-8 byte, overlongs and surrogates included", () => {
    expect(firstInvalidUtf8(new TextEncoder().encode("قطر 😀 ok"))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // U+D800
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xd8]))).toBe(2); // truncated
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });

  it("rejects a binary file (NUL byte)", async () => {
    expect(await problemsOf(() => readArticle(bad("binary.txt")))).toEqual([
      { file: bad("binary.txt"), line: 2, column: 4, reason: "binary file: NUL byte at byte offset 8; an article must be UTF-8 text", origin: "read:article", severity: "error" },
    ]);
  });

  it("accepts a BOM and CRLF: the BOM is stripped, CRLF kept, offsets exact", async () => {
    const a = await readArticle(bad("bom-crlf.txt"));
    expect(a.bom).toBe(true);
    expect(a.bytes).toBe(46);
    expect(a.text).toBe("سطر أول\r\nقطر شريك أساسي\r\n");
    expect(a.text.indexOf("قطر")).toBe(9);
    // sha256 of the bytes after the BOM: the hash is of the stored text.
    expect(a.sha256).toBe("173558f2b5643cb2ee05b791e73fac46e3fd5d84af2d34097e44836d379ee33f");
  });

  it("rejects a file above the limit before reading it", async () => {
    expect(MAX_ARTICLE_BYTES).toBe(2 * 1024 * 1024);
    expect(await problemsOf(() => readArticle(bad("oversize.txt"), { maxBytes: 499 }))).toEqual([
      { file: bad("oversize.txt"), reason: "article is 500 bytes (0.00 MiB), above the limit of 499 bytes (0.00 MiB)", origin: "read:article", severity: "error" },
    ]);
    expect((await readArticle(bad("oversize.txt"), { maxBytes: 500 })).bytes).toBe(500);
    const big = new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61);
    expect(await problemsOf(() => decodeArticle(big, "big.txt"))).toEqual([
      { file: "big.txt", reason: "article is 2097153 bytes (2.00 MiB), above the limit of 2097152 bytes (2.00 MiB)", origin: "read:article", severity: "error" },
    ]);
  });

  it("names the file it cannot read", async () => {
    expect(await problemsOf(() => readArticle(bad("nope.txt")))).toEqual([{ file: bad("nope.txt"), reason: "cannot read article: ENOENT", origin: "read:article", severity: "error" }]);
  });
});
