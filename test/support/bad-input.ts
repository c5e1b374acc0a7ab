import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildArticles, buildSeedGraphs, SEED_DIR } from "../../src/ingest/pipeline/seed-project.js";
import { MAX_ARTICLE_BYTES } from "../../src/ingest/read/article.js";
import { InputError } from "../../src/model/problem.js";
import { REPO_ROOT, type Cli } from "./cli.js";

/**
 * Broken inputs and the located problems each must be refused with. test/unit/bad-input.test.ts
 * runs every case through the pipeline functions the commands call; the reliability test runs a
 * few through the real commands against Neo4j.
 */

export const BAD = join(REPO_ROOT, "test/fixtures/bad-input");
const SEED_FILES = ["gazetteer.yaml", "article-ar.meta.yaml", "article-ar.facts.yaml", "article-ar.txt"];

/** What `npm run ingest -- <files> [--gazetteer g]` or `npm run seed -- --dir <dir>` is given. */
export type BadInput =
  | { command: "ingest"; files: string[]; gazetteer?: string; expected: string[] }
  | { command: "seed"; dir: string; expected: string[] };

export interface BadInputCase {
  name: string;
  /** Prepares the broken input in fresh folders from `folder`; `expected` holds the starts of the problem lines. */
  prepare(folder: () => Promise<string>): Promise<BadInput>;
}

interface Position {
  line: number;
  column: number;
}

function positionAt(text: string, offset: number): Position {
  const lines = text.slice(0, offset).split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** A copy of seed/ to break. */
async function seedCopy(folder: () => Promise<string>): Promise<string> {
  const dir = await folder();
  for (const f of SEED_FILES) await copyFile(join(SEED_DIR, f), join(dir, f));
  return dir;
}

/** Replaces the first `from` in a copied file with `to`; returns where `to` begins. */
async function edit(dir: string, file: string, from: string, to: string): Promise<Position> {
  const path = join(dir, file);
  const text = await readFile(path, "utf8");
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`${file} no longer contains ${JSON.stringify(from)}; update this case`);
  await writeFile(path, text.slice(0, at) + to + text.slice(at + from.length));
  return positionAt(text, at);
}

/** Index of the fact whose entry contains `line` in a facts file. */
async function factAt(dir: string, line: number): Promise<number> {
  const lines = (await readFile(join(dir, "article-ar.facts.yaml"), "utf8")).split("\n").slice(0, line);
  return lines.filter((l) => l.startsWith("  - predicate:")).length - 1;
}

/** A folder holding one article of the fixtures with its meta file and a facts file beside it. */
async function factsKit(folder: () => Promise<string>, factsFixture: string): Promise<{ meta: string; facts: string }> {
  const dir = await folder();
  const meta = join(dir, "fixture.meta.yaml");
  const facts = join(dir, "fixture.facts.yaml");
  await writeFile(meta, `id: fixture\nfile: ${join(BAD, "evidence-article.txt")}\ntitle: t\npublisher: p\n`);
  await copyFile(join(BAD, factsFixture), facts);
  return { meta, facts };
}

const SMALL_GAZETTEER = join(BAD, "small.gazetteer.yaml");

export const INGEST_CASES: BadInputCase[] = [
  {
    name: "an empty file",
    prepare: async () => ({ command: "ingest", files: [join(BAD, "empty.txt")], expected: [`${BAD}/empty.txt: article file is empty`] }),
  },
  {
    name: "a file of whitespace only",
    prepare: async (folder) => {
      const file = join(await folder(), "blank.txt");
      await writeFile(file, " \r\n\n\t\n");
      return { command: "ingest", files: [file], expected: [`${file}: article has no text (only whitespace)`] };
    },
  },
  {
    name: "a file that is not UTF-8",
    prepare: async () => ({
      command: "ingest",
      files: [join(BAD, "not-utf8.txt")],
      expected: [`${BAD}/not-utf8.txt:2:3: not UTF-8: invalid byte 0xff at byte offset 16; save the article as UTF-8`],
    }),
  },
  {
    name: "a binary file",
    prepare: async () => ({
      command: "ingest",
      files: [join(BAD, "binary.txt")],
      expected: [`${BAD}/binary.txt:2:4: binary file: NUL byte at byte offset 8; an article must be UTF-8 text`],
    }),
  },
  {
    name: "an article one byte above MAX_ARTICLE_BYTES",
    prepare: async (folder) => {
      const file = join(await folder(), "huge.txt");
      await writeFile(file, "ق".repeat(MAX_ARTICLE_BYTES / 2) + ".");
      return {
        command: "ingest",
        files: [file],
        expected: [`${file}: article is ${MAX_ARTICLE_BYTES + 1} bytes (2.00 MiB), above the limit of ${MAX_ARTICLE_BYTES} bytes (2.00 MiB)`],
      };
    },
  },
  {
    name: "a YAML syntax error in the gazetteer",
    prepare: async () => ({
      command: "ingest",
      files: [join(BAD, "evidence-article.txt")],
      gazetteer: join(BAD, "syntax-error.gazetteer.yaml"),
      expected: [`${BAD}/syntax-error.gazetteer.yaml:4:13: YAML: the string opened here with " is never closed`],
    }),
  },
  {
    name: "a gazetteer entity without a required field",
    prepare: async () => ({
      command: "ingest",
      files: [join(BAD, "evidence-article.txt")],
      gazetteer: join(BAD, "missing-field.gazetteer.yaml"),
      expected: [`${BAD}/missing-field.gazetteer.yaml:6:5 (entities[1].nameEn): missing required field "nameEn" (expected string)`],
    }),
  },
  {
    name: "a duplicate entity id and an unknown partOf id",
    prepare: async () => ({
      command: "ingest",
      files: [join(BAD, "evidence-article.txt")],
      gazetteer: join(BAD, "duplicate-id.gazetteer.yaml"),
      expected: [
        `${BAD}/duplicate-id.gazetteer.yaml:10:9 (entities[2].id): duplicate id "qatar" at line 2 and line 10 (entities[0] and entities[2])`,
        `${BAD}/duplicate-id.gazetteer.yaml:14:13 (entities[2].partOf): unknown entity id "atlantis"`,
      ],
    }),
  },
  {
    name: "one surface form claimed by two entities",
    prepare: async () => ({
      command: "ingest",
      files: [join(BAD, "evidence-article.txt")],
      gazetteer: join(BAD, "alias-collision.gazetteer.yaml"),
      expected: [
        `${BAD}/alias-collision.gazetteer.yaml:11:24 (entities[1].aliases[1]): surface form "التَّنظيم" of "global-coalition" is also claimed by "isis" (entities[0].aliases[0], line 6)`,
        `${BAD}/alias-collision.gazetteer.yaml:11:37 (entities[1].aliases[2]): surface form "isis" of "global-coalition" is also claimed by "isis" (entities[0].nameEn, line 5)`,
      ],
    }),
  },
  {
    name: "mistyped fact fields and an unknown field",
    prepare: async (folder) => {
      const kit = await factsKit(folder, "wrong-type.facts.yaml");
      return {
        command: "ingest",
        files: [kit.meta],
        gazetteer: SMALL_GAZETTEER,
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
    prepare: async (folder) => {
      const kit = await factsKit(folder, "unknown-entity.facts.yaml");
      return {
        command: "ingest",
        files: [kit.meta],
        gazetteer: SMALL_GAZETTEER,
        expected: [
          `${kit.facts}:8:14 (facts[1].subject): unknown entity id "atlantis" (not in the gazetteer)`,
          `${kit.facts}:14:20 (facts[2].date.value): date "2017-07" does not have precision "day"`,
          `${kit.facts}:16:5 (facts[3]): same claim as facts[0] (line 3); list both evidences under one fact`,
          // Its short evidence words are found twice in the article as well.
          ...[[6, 0], [10, 1], [19, 3]].map(([line, fact]) => `${kit.facts}:${line}:16 (facts[${fact}].evidence[0]): evidence words found 2 times in evidence-article.txt, at lines 1, 2`),
        ],
      };
    },
  },
  {
    name: "evidence words missing from the article, and found twice",
    prepare: async (folder) => {
      const kit = await factsKit(folder, "evidence.facts.yaml");
      return {
        command: "ingest",
        files: [kit.meta],
        gazetteer: SMALL_GAZETTEER,
        expected: [
          `${kit.facts}:13:9 (facts[1].evidence[1]): evidence words not found in evidence-article.txt`,
          `${kit.facts}:7:9 (facts[0].evidence[0]): evidence words found 2 times in evidence-article.txt, at lines 1, 2`,
        ],
      };
    },
  },
  {
    name: "a meta file naming a non-existent article",
    prepare: async () => ({
      command: "ingest",
      files: [join(BAD, "missing-article.meta.yaml")],
      expected: [`${BAD}/missing-article.meta.yaml:2:7 (file): article file "no-such-article.txt" does not exist`],
    }),
  },
  {
    name: "a good article together with a broken one: neither is written",
    prepare: async () => ({
      command: "ingest",
      files: [join(BAD, "evidence-article.txt"), join(BAD, "empty.txt")],
      expected: [`${BAD}/empty.txt: article file is empty`],
    }),
  },
];

export const SEED_CASES: BadInputCase[] = [
  {
    name: "seed: an empty gazetteer",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      await writeFile(join(dir, "gazetteer.yaml"), "");
      return { command: "seed", dir, expected: [`${dir}/gazetteer.yaml:1:1: file is empty`] };
    },
  },
  {
    name: "seed: an unclosed quote in the gazetteer",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "gazetteer.yaml", "    nameAr: قطر\n", '    nameAr: "قطر\n');
      return { command: "seed", dir, expected: [`${dir}/gazetteer.yaml:${p.line}:13: YAML: the string opened here with " is never closed`] };
    },
  },
  {
    name: "seed: a nested mapping in the facts and a repeated key in the meta file",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "article-ar.facts.yaml", "    subject: qatar\n", "    subject: qatar: x\n");
      const meta = await readFile(join(dir, "article-ar.meta.yaml"), "utf8");
      await writeFile(join(dir, "article-ar.meta.yaml"), `${meta}id: again\n`);
      return {
        command: "seed",
        dir,
        expected: [
          `${dir}/article-ar.meta.yaml:${meta.split("\n").length}:1: YAML: Map keys must be unique`,
          `${dir}/article-ar.facts.yaml:${p.line}:14: YAML: Nested mappings are not allowed in compact mappings`,
        ],
      };
    },
  },
  {
    name: "seed: a gazetteer entity without nameEn",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      await edit(dir, "gazetteer.yaml", "    nameEn: United States\n", "");
      const gazetteer = await readFile(join(dir, "gazetteer.yaml"), "utf8");
      const entity = positionAt(gazetteer, gazetteer.indexOf("id: united-states"));
      return {
        command: "seed",
        dir,
        expected: [`${dir}/gazetteer.yaml:${entity.line}:${entity.column} (entities[1].nameEn): missing required field "nameEn" (expected string)`],
      };
    },
  },
  {
    name: "seed: a duplicate entity id",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const file = join(dir, "gazetteer.yaml");
      const text = await readFile(file, "utf8");
      await writeFile(file, `${text}\n  - id: qatar\n    type: Place\n    nameAr: قطر الجديدة\n    nameEn: New Qatar\n`);
      const first = positionAt(text, text.indexOf("id: qatar"));
      const second = text.split("\n").length + 1;
      const index = text.split("\n").filter((l) => l.startsWith("  - id:")).length;
      return {
        command: "seed",
        dir,
        expected: [`${file}:${second}:9 (entities[${index}].id): duplicate id "qatar" at line ${first.line} and line ${second} (entities[0] and entities[${index}])`],
      };
    },
  },
  {
    name: "seed: a fact without its subject",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "article-ar.facts.yaml", "    subject: qatar\n", "");
      const fact = await factAt(dir, p.line);
      return {
        command: "seed",
        dir,
        expected: [`${dir}/article-ar.facts.yaml:${p.line - 1}:5 (facts[${fact}].subject): missing required field "subject" (expected string)`],
      };
    },
  },
  {
    name: "seed: a quantity written as a string",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "article-ar.facts.yaml", "value: { quantity: 82,", 'value: { quantity: "82",');
      const fact = await factAt(dir, p.line);
      return {
        command: "seed",
        dir,
        expected: [
          `${dir}/article-ar.facts.yaml:${p.line}:${p.column + 7} (facts[${fact}].value): matches none of the allowed forms; closest: quantity: Invalid input: expected number, received string`,
        ],
      };
    },
  },
  {
    name: "seed: a fact about an unknown entity",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "article-ar.facts.yaml", "    subject: qatar\n", "    subject: atlantis\n");
      const fact = await factAt(dir, p.line);
      return {
        command: "seed",
        dir,
        expected: [`${dir}/article-ar.facts.yaml:${p.line}:14 (facts[${fact}].subject): unknown entity id "atlantis" (not in the gazetteer)`],
      };
    },
  },
  {
    name: "seed: evidence words that are not in the article",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "article-ar.facts.yaml", '"قطر شريك أساسي"', '"قطر شريك هامشي"');
      const fact = await factAt(dir, p.line);
      return {
        command: "seed",
        dir,
        expected: [`${dir}/article-ar.facts.yaml:${p.line}:${p.column} (facts[${fact}].evidence[0]): evidence words not found in article-ar.txt`],
      };
    },
  },
  {
    name: "seed: evidence words found more than once",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "article-ar.facts.yaml", '"قطر شريك أساسي"', '"قطر"');
      const fact = await factAt(dir, p.line);
      const times = (await readFile(join(dir, "article-ar.txt"), "utf8")).split("قطر").length - 1;
      return {
        command: "seed",
        dir,
        expected: [`${dir}/article-ar.facts.yaml:${p.line}:${p.column} (facts[${fact}].evidence[0]): evidence words found ${times} times in article-ar.txt, at lines`],
      };
    },
  },
  {
    name: "seed: a facts file for another article",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "article-ar.facts.yaml", "source: lusail-qatar-coalition-2020", "source: another-article");
      return {
        command: "seed",
        dir,
        expected: [`${dir}/article-ar.facts.yaml:${p.line}:9 (source): facts are for source "another-article" but the article meta id is "lusail-qatar-coalition-2020"`],
      };
    },
  },
  {
    name: "seed: a meta file naming a non-existent article",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const p = await edit(dir, "article-ar.meta.yaml", "file: article-ar.txt", "file: article-gone.txt");
      return {
        command: "seed",
        dir,
        expected: [`${dir}/article-ar.meta.yaml:${p.line}:7 (file): article file "article-gone.txt" does not exist (looked for ${dir}/article-gone.txt)`],
      };
    },
  },
  {
    name: "seed: an unknown field in the meta file",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const meta = await readFile(join(dir, "article-ar.meta.yaml"), "utf8");
      await writeFile(join(dir, "article-ar.meta.yaml"), `${meta}author: someone\n`);
      return { command: "seed", dir, expected: [`${dir}/article-ar.meta.yaml:${meta.split("\n").length}:1 (author): unknown field "author"`] };
    },
  },
  {
    name: "seed: an article with a byte that is not UTF-8",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      const file = join(dir, "article-ar.txt");
      const bytes = await readFile(file);
      const line3 = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1;
      await writeFile(file, Buffer.concat([bytes.subarray(0, line3), Buffer.from([0xff]), bytes.subarray(line3)]));
      return { command: "seed", dir, expected: [`${file}:3:1: not UTF-8: invalid byte 0xff at byte offset ${line3}; save the article as UTF-8`] };
    },
  },
  {
    name: "seed: an article replaced by a binary file",
    prepare: async (folder) => {
      const dir = await seedCopy(folder);
      await copyFile(join(BAD, "binary.txt"), join(dir, "article-ar.txt"));
      return { command: "seed", dir, expected: [`${dir}/article-ar.txt:2:4: binary file: NUL byte at byte offset 8; an article must be UTF-8 text`] };
    },
  },
];

/** The command line a user would type for the input. */
export function commandLine(input: BadInput): { cli: Cli; args: string[] } {
  if (input.command === "seed") return { cli: "seed", args: ["--dir", input.dir] };
  return { cli: "ingest", args: [...input.files, ...(input.gazetteer ? ["--gazetteer", input.gazetteer] : [])] };
}

/**
 * The problems the command's pipeline call refuses the input with, one formatted line each.
 * Ingest's arguments are mapped as src/cli/ingest.ts maps them; no case has a meta file beside a text.
 */
export async function refusal(input: BadInput): Promise<string[]> {
  try {
    if (input.command === "seed") await buildSeedGraphs(input.dir);
    else {
      const articles = input.files.map((f) => (f.endsWith(".meta.yaml") ? { metaPath: f } : { articlePath: f }));
      await buildArticles(articles, input.gazetteer ?? join(SEED_DIR, "gazetteer.yaml"));
    }
  } catch (e) {
    if (e instanceof InputError) return e.message.split("\n");
    throw e;
  }
  throw new Error("the input was accepted");
}
