import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { removeSources } from "../../src/ingest/load/run.js";
import { SEED_DIR } from "../../src/ingest/pipeline/seed-project.js";
import { MAX_ARTICLE_BYTES } from "../../src/ingest/read/article.js";
import { cliEnv, REPO_ROOT, runCli, STACK_FRAME, type Cli } from "../support/cli.js";
import { graphState, testDriver, type GraphState } from "../support/graph.js";

/**
 * Broken input through the real commands (`npm run seed -- --dir`, `npm run ingest`) against the
 * tests' Neo4j: every case exits 1 with "Input rejected, nothing was written:" and problems that
 * name the file and, where there is one, the line, column and field; the graph is exactly as it
 * was (node and relationship counts, content checksum).
 */

const BAD = join(REPO_ROOT, "test/fixtures/bad-input");
const OWN = join(REPO_ROOT, "test/fixtures/reliability");
const SEED_FILES = ["gazetteer.yaml", "article-ar.meta.yaml", "article-ar.facts.yaml", "article-ar.txt"];

let driver: Driver;
let before: GraphState;
let work: string;
const env = () => cliEnv(inject("neo4j"));

beforeAll(async () => {
  driver = testDriver();
  before = await graphState(driver);
  work = await mkdtemp(join(tmpdir(), "sanad-bad-input-"));
});

afterAll(async () => {
  await driver?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

let folders = 0;
async function folder(): Promise<string> {
  const dir = join(work, String(++folders));
  await mkdir(dir);
  return dir;
}

/** A copy of seed/ to break. */
async function seedCopy(): Promise<string> {
  const dir = await folder();
  for (const f of SEED_FILES) await copyFile(join(SEED_DIR, f), join(dir, f));
  return dir;
}

interface Position {
  line: number;
  column: number;
}

function positionAt(text: string, offset: number): Position {
  const lines = text.slice(0, offset).split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Replaces the first `from` in a copied file with `to`; returns where `to` begins. */
async function edit(dir: string, file: string, from: string, to: string): Promise<Position> {
  const path = join(dir, file);
  const text = await readFile(path, "utf8");
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`${file} no longer contains ${JSON.stringify(from)}; update this test`);
  await writeFile(path, text.slice(0, at) + to + text.slice(at + from.length));
  return positionAt(text, at);
}

/** Index of the fact whose entry contains `line` in a facts file. */
async function factAt(dir: string, line: number): Promise<number> {
  const lines = (await readFile(join(dir, "article-ar.facts.yaml"), "utf8")).split("\n").slice(0, line);
  return lines.filter((l) => l.startsWith("  - predicate:")).length - 1;
}

interface Case {
  name: string;
  /** Prepares the broken input; returns the command, its arguments and the lines stderr must hold. */
  run(): Promise<{ cli: Cli; args: string[]; expected: string[] }>;
}

/** A folder holding one article of the fixtures with its meta file and a facts file beside it. */
async function factsKit(factsFixture: string): Promise<{ meta: string; facts: string }> {
  const dir = await folder();
  const meta = join(dir, "fixture.meta.yaml");
  const facts = join(dir, "fixture.facts.yaml");
  await writeFile(meta, `id: fixture\nfile: ${join(BAD, "evidence-article.txt")}\ntitle: t\npublisher: p\n`);
  await copyFile(join(BAD, factsFixture), facts);
  return { meta, facts };
}

const smallGazetteer = ["--gazetteer", join(BAD, "small.gazetteer.yaml")];

const ingestCases: Case[] = [
  {
    name: "an empty file",
    run: async () => ({ cli: "ingest", args: [join(BAD, "empty.txt")], expected: [`${BAD}/empty.txt: article file is empty`] }),
  },
  {
    name: "a file of whitespace only",
    run: async () => {
      const file = join(await folder(), "blank.txt");
      await writeFile(file, " \r\n\n\t\n");
      return { cli: "ingest", args: [file], expected: [`${file}: article has no text (only whitespace)`] };
    },
  },
  {
    name: "a file that is not UTF-8",
    run: async () => ({
      cli: "ingest",
      args: [join(BAD, "not-utf8.txt")],
      expected: [`${BAD}/not-utf8.txt:2:3: not UTF-8: invalid byte 0xff at byte offset 16; save the article as UTF-8`],
    }),
  },
  {
    name: "a binary file",
    run: async () => ({
      cli: "ingest",
      args: [join(BAD, "binary.txt")],
      expected: [`${BAD}/binary.txt:2:4: binary file: NUL byte at byte offset 8; an article must be UTF-8 text`],
    }),
  },
  {
    name: "an article one byte above MAX_ARTICLE_BYTES",
    run: async () => {
      const file = join(await folder(), "huge.txt");
      await writeFile(file, "ق".repeat(MAX_ARTICLE_BYTES / 2) + ".");
      return {
        cli: "ingest",
        args: [file],
        expected: [`${file}: article is ${MAX_ARTICLE_BYTES + 1} bytes (2.00 MiB), above the limit of ${MAX_ARTICLE_BYTES} bytes (2.00 MiB)`],
      };
    },
  },
  {
    name: "a YAML syntax error in the gazetteer",
    run: async () => ({
      cli: "ingest",
      args: [join(BAD, "evidence-article.txt"), "--gazetteer", join(BAD, "syntax-error.gazetteer.yaml")],
      expected: [`${BAD}/syntax-error.gazetteer.yaml:4:13: YAML: the string opened here with " is never closed`],
    }),
  },
  {
    name: "a gazetteer entity without a required field",
    run: async () => ({
      cli: "ingest",
      args: [join(BAD, "evidence-article.txt"), "--gazetteer", join(BAD, "missing-field.gazetteer.yaml")],
      expected: [`${BAD}/missing-field.gazetteer.yaml:6:5 (entities[1].nameEn): missing required field "nameEn" (expected string)`],
    }),
  },
  {
    name: "a duplicate entity id and an unknown partOf id",
    run: async () => ({
      cli: "ingest",
      args: [join(BAD, "evidence-article.txt"), "--gazetteer", join(BAD, "duplicate-id.gazetteer.yaml")],
      expected: [
        `${BAD}/duplicate-id.gazetteer.yaml:10:9 (entities[2].id): duplicate id "qatar" at line 2 and line 10 (entities[0] and entities[2])`,
        `${BAD}/duplicate-id.gazetteer.yaml:14:13 (entities[2].partOf): unknown entity id "atlantis"`,
      ],
    }),
  },
  {
    name: "one surface form claimed by two entities",
    run: async () => ({
      cli: "ingest",
      args: [join(BAD, "evidence-article.txt"), "--gazetteer", join(BAD, "alias-collision.gazetteer.yaml")],
      expected: [`${BAD}/alias-collision.gazetteer.yaml:11:24 (entities[1].aliases[1]): surface form "التَّنظيم" of "global-coalition" is also claimed by "isis"`],
    }),
  },
  {
    name: "mistyped fact fields and an unknown field",
    run: async () => {
      const kit = await factsKit("wrong-type.facts.yaml");
      return {
        cli: "ingest",
        args: [kit.meta, ...smallGazetteer],
        expected: [
          `${kit.facts}:5:12 (facts[0].value): matches none of the allowed forms; closest: quantity: Invalid input: expected number, received string`,
          `${kit.facts}:11:15 (facts[1].evidence): Invalid input: expected array, received string`,
          `${kit.facts}:12:5 (facts[1].colour): unknown field "colour"`,
        ],
      };
    },
  },
  {
    name: "an unknown entity id in a fact",
    run: async () => {
      const kit = await factsKit("unknown-entity.facts.yaml");
      return {
        cli: "ingest",
        args: [kit.meta, ...smallGazetteer],
        expected: [
          `${kit.facts}:8:14 (facts[1].subject): unknown entity id "atlantis" (not in the gazetteer)`,
          `${kit.facts}:14:20 (facts[2].date.value): date "2017-07" does not have precision "day"`,
        ],
      };
    },
  },
  {
    name: "evidence words missing from the article, and found twice",
    run: async () => {
      const kit = await factsKit("evidence.facts.yaml");
      return {
        cli: "ingest",
        args: [kit.meta, ...smallGazetteer],
        expected: [
          `${kit.facts}:13:9 (facts[1].evidence[1]): evidence words not found in evidence-article.txt`,
          `${kit.facts}:7:9 (facts[0].evidence[0]): evidence words found 2 times in evidence-article.txt, at lines 1, 2`,
        ],
      };
    },
  },
  {
    name: "a meta file naming a non-existent article",
    run: async () => ({
      cli: "ingest",
      args: [join(BAD, "missing-article.meta.yaml")],
      expected: [`${BAD}/missing-article.meta.yaml:2:7 (file): article file "no-such-article.txt" does not exist`],
    }),
  },
  {
    name: "a good article together with a broken one: neither is written",
    run: async () => ({
      cli: "ingest",
      args: [join(BAD, "evidence-article.txt"), join(BAD, "empty.txt")],
      expected: [`${BAD}/empty.txt: article file is empty`],
    }),
  },
];

const seedCases: Case[] = [
  {
    name: "seed: an empty gazetteer",
    run: async () => {
      const dir = await seedCopy();
      await writeFile(join(dir, "gazetteer.yaml"), "");
      return { cli: "seed", args: ["--dir", dir], expected: [`${dir}/gazetteer.yaml:1:1: file is empty`] };
    },
  },
  {
    name: "seed: an unclosed quote in the gazetteer",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "gazetteer.yaml", "    nameAr: قطر\n", '    nameAr: "قطر\n');
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/gazetteer.yaml:${p.line}:13: YAML: the string opened here with " is never closed`],
      };
    },
  },
  {
    name: "seed: a nested mapping in the facts and a repeated key in the meta file",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "article-ar.facts.yaml", "    subject: qatar\n", "    subject: qatar: x\n");
      const meta = await readFile(join(dir, "article-ar.meta.yaml"), "utf8");
      await writeFile(join(dir, "article-ar.meta.yaml"), `${meta}id: again\n`);
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [
          `${dir}/article-ar.meta.yaml:${meta.split("\n").length}:1: YAML: Map keys must be unique`,
          `${dir}/article-ar.facts.yaml:${p.line}:14: YAML: Nested mappings are not allowed in compact mappings`,
        ],
      };
    },
  },
  {
    name: "seed: a gazetteer entity without nameEn",
    run: async () => {
      const dir = await seedCopy();
      await edit(dir, "gazetteer.yaml", "    nameEn: United States\n", "");
      const gazetteer = await readFile(join(dir, "gazetteer.yaml"), "utf8");
      const entity = positionAt(gazetteer, gazetteer.indexOf("id: united-states"));
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/gazetteer.yaml:${entity.line}:${entity.column} (entities[1].nameEn): missing required field "nameEn" (expected string)`],
      };
    },
  },
  {
    name: "seed: a duplicate entity id",
    run: async () => {
      const dir = await seedCopy();
      const file = join(dir, "gazetteer.yaml");
      const text = await readFile(file, "utf8");
      await writeFile(file, `${text}\n  - id: qatar\n    type: Place\n    nameAr: قطر الجديدة\n    nameEn: New Qatar\n`);
      const first = positionAt(text, text.indexOf("id: qatar"));
      const second = text.split("\n").length + 1;
      const index = text.split("\n").filter((l) => l.startsWith("  - id:")).length;
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${file}:${second}:9 (entities[${index}].id): duplicate id "qatar" at line ${first.line} and line ${second} (entities[0] and entities[${index}])`],
      };
    },
  },
  {
    name: "seed: a fact without its subject",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "article-ar.facts.yaml", "    subject: qatar\n", "");
      const fact = await factAt(dir, p.line);
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/article-ar.facts.yaml:${p.line - 1}:5 (facts[${fact}].subject): missing required field "subject" (expected string)`],
      };
    },
  },
  {
    name: "seed: a quantity written as a string",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "article-ar.facts.yaml", "value: { quantity: 82,", 'value: { quantity: "82",');
      const fact = await factAt(dir, p.line);
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [
          `${dir}/article-ar.facts.yaml:${p.line}:${p.column + 7} (facts[${fact}].value): matches none of the allowed forms; closest: quantity: Invalid input: expected number, received string`,
        ],
      };
    },
  },
  {
    name: "seed: a fact about an unknown entity",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "article-ar.facts.yaml", "    subject: qatar\n", "    subject: atlantis\n");
      const fact = await factAt(dir, p.line);
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/article-ar.facts.yaml:${p.line}:14 (facts[${fact}].subject): unknown entity id "atlantis" (not in the gazetteer)`],
      };
    },
  },
  {
    name: "seed: evidence words that are not in the article",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "article-ar.facts.yaml", '"قطر شريك أساسي"', '"قطر شريك هامشي"');
      const fact = await factAt(dir, p.line);
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/article-ar.facts.yaml:${p.line}:${p.column} (facts[${fact}].evidence[0]): evidence words not found in article-ar.txt`],
      };
    },
  },
  {
    name: "seed: evidence words found more than once",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "article-ar.facts.yaml", '"قطر شريك أساسي"', '"قطر"');
      const fact = await factAt(dir, p.line);
      const times = (await readFile(join(dir, "article-ar.txt"), "utf8")).split("قطر").length - 1;
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/article-ar.facts.yaml:${p.line}:${p.column} (facts[${fact}].evidence[0]): evidence words found ${times} times in article-ar.txt, at lines`],
      };
    },
  },
  {
    name: "seed: a facts file for another article",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "article-ar.facts.yaml", "source: lusail-qatar-coalition-2020", "source: another-article");
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/article-ar.facts.yaml:${p.line}:9 (source): facts are for source "another-article" but the article meta id is "lusail-qatar-coalition-2020"`],
      };
    },
  },
  {
    name: "seed: a meta file naming a non-existent article",
    run: async () => {
      const dir = await seedCopy();
      const p = await edit(dir, "article-ar.meta.yaml", "file: article-ar.txt", "file: article-gone.txt");
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/article-ar.meta.yaml:${p.line}:7 (file): article file "article-gone.txt" does not exist (looked for ${dir}/article-gone.txt)`],
      };
    },
  },
  {
    name: "seed: an unknown field in the meta file",
    run: async () => {
      const dir = await seedCopy();
      const meta = await readFile(join(dir, "article-ar.meta.yaml"), "utf8");
      await writeFile(join(dir, "article-ar.meta.yaml"), `${meta}author: someone\n`);
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/article-ar.meta.yaml:${meta.split("\n").length}:1 (author): unknown field "author"`],
      };
    },
  },
  {
    name: "seed: an article with a byte that is not UTF-8",
    run: async () => {
      const dir = await seedCopy();
      const file = join(dir, "article-ar.txt");
      const bytes = await readFile(file);
      const line3 = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1;
      await writeFile(file, Buffer.concat([bytes.subarray(0, line3), Buffer.from([0xff]), bytes.subarray(line3)]));
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${file}:3:1: not UTF-8: invalid byte 0xff at byte offset ${line3}; save the article as UTF-8`],
      };
    },
  },
  {
    name: "seed: an article replaced by a binary file",
    run: async () => {
      const dir = await seedCopy();
      await copyFile(join(BAD, "binary.txt"), join(dir, "article-ar.txt"));
      return {
        cli: "seed",
        args: ["--dir", dir],
        expected: [`${dir}/article-ar.txt:2:4: binary file: NUL byte at byte offset 8; an article must be UTF-8 text`],
      };
    },
  },
];

describe.concurrent("bad input is refused with located problems, and nothing is written", () => {
  it.for([...ingestCases, ...seedCases])("$name", async (c) => {
    const { cli, args, expected } = await c.run();
    const result = await runCli(cli, args, env());
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines).toContain("Input rejected, nothing was written:");
    for (const line of expected) expect(lines.some((l) => l.startsWith(line)), `expected a line starting\n  ${line}\nin\n${result.stderr}`).toBe(true);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).not.toMatch(/^Seeded/m);
    expect(await graphState(driver)).toEqual(before);
  });
});

describe("a byte-order mark and Windows line endings are accepted", () => {
  const SOURCE = "reliability-bom-crlf";

  afterAll(async () => {
    await removeSources(driver, [SOURCE]);
    // The graph is back to what it was, or the tests after this one would see a different graph.
    expect(await graphState(driver)).toEqual(before);
  });

  it("stores the text without the BOM, keeps CRLF, and every offset is exact", async () => {
    const dir = await folder();
    const lf = await readFile(join(OWN, "bom-crlf/article.txt"), "utf8");
    const crlf = lf.replace(/\n/g, "\r\n");
    await writeFile(join(dir, "article-bom-crlf.txt"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, "utf8")]));
    for (const f of ["bom-crlf.meta.yaml", "bom-crlf.facts.yaml"]) await copyFile(join(OWN, "bom-crlf", f), join(dir, f));

    const result = await runCli("ingest", [join(dir, "bom-crlf.meta.yaml")], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Seeded 1 source(s): ${SOURCE}`);

    const { records } = await driver.executeQuery(
      `MATCH (s:Source {id: $id})
       OPTIONAL MATCH (m:Mention)-[:IN]->(s)
       RETURN s.text AS text, s.sha256 AS sha, s.length AS length,
              collect({start: m.start, end: m.end, exact: m.exact, prefix: m.prefix, suffix: m.suffix}) AS mentions`,
      { id: SOURCE },
    );
    expect(records).toHaveLength(1);
    const text = records[0]!.get("text") as string;
    expect(text).toBe(crlf);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(records[0]!.get("sha")).toBe(createHash("sha256").update(crlf, "utf8").digest("hex"));
    const codePoints = Array.from(text);
    expect(Number(records[0]!.get("length"))).toBe(codePoints.length);

    const mentions = records[0]!.get("mentions") as { start: unknown; end: unknown; exact: string; prefix: string; suffix: string }[];
    expect(mentions.length).toBeGreaterThanOrEqual(10);
    for (const m of mentions) {
      const start = Number(m.start);
      const end = Number(m.end);
      expect(codePoints.slice(start, end).join("")).toBe(m.exact);
      expect(codePoints.slice(0, start).join("").endsWith(m.prefix)).toBe(true);
      expect(codePoints.slice(end).join("").startsWith(m.suffix)).toBe(true);
    }

    // The curated evidence lies after two CRLFs and a character outside the BMP: its offsets
    // count code points of the stored text, not bytes of the file nor UTF-16 units.
    const { records: claims } = await driver.executeQuery(
      `MATCH (c:Claim)-[:EVIDENCE]->(m:Mention {sourceId: $id})
       RETURN c.predicate AS predicate, m.start AS start, m.end AS end, m.exact AS exact ORDER BY predicate`,
      { id: SOURCE },
    );
    const expected = [
      ["assessedProgressOf", "قوات الأمن العراقية تتقدم بثبات في التدريب"],
      ["visited", "زار الجنرال روبرت وايت العراق في مارس 2021"],
    ];
    expect(claims.map((r) => [r.get("predicate"), r.get("exact")])).toEqual(expected);
    for (const r of claims) {
      const exact = r.get("exact") as string;
      const utf16 = text.indexOf(exact);
      expect(text.indexOf(exact, utf16 + 1)).toBe(-1);
      const start = Array.from(text.slice(0, utf16)).length;
      expect(start).toBe(utf16 - 1); // the emoji is two UTF-16 units, one code point
      expect(Number(r.get("start"))).toBe(start);
      expect(Number(r.get("end"))).toBe(start + Array.from(exact).length);
    }
    expect(text.indexOf(expected[0]![1]!)).toBeGreaterThan(text.indexOf("\r\n", text.indexOf("\r\n") + 1));
  });
});
