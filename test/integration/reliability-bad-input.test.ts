import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { removeSources } from "../../src/ingest/load/run.js";
import { commandLine, INGEST_CASES, SEED_CASES } from "../support/bad-input.js";
import { cliEnv, REPO_ROOT, runCli, STACK_FRAME } from "../support/cli.js";
import { graphState, testDriver, type GraphState } from "../support/graph.js";
import { holdWriterLock } from "../support/writer-lock.js";

/**
 * Broken input through the real commands (`npm run seed -- --dir`, `npm run ingest`) against the
 * tests' Neo4j: exit 1 with "Input rejected, nothing was written:" and the located problems, and
 * the graph exactly as it was (node and relationship counts, content checksum). Every case is
 * checked against the pipeline in test/unit/bad-input.test.ts; these few, one per way a command
 * reads its input, go through the commands: ingest checks all files before it connects, seed
 * connects first.
 */

holdWriterLock();

const OWN = join(REPO_ROOT, "test/fixtures/reliability");
const THROUGH_COMMANDS = [
  "a file that is not UTF-8",
  "a good article together with a broken one: neither is written",
  "seed: a fact about an unknown entity",
  "seed: an article replaced by a binary file",
];

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

describe.concurrent("bad input is refused with located problems, and nothing is written", () => {
  const cases = [...INGEST_CASES, ...SEED_CASES].filter((c) => THROUGH_COMMANDS.includes(c.name));
  it("runs every case named", () => expect(cases.map((c) => c.name).sort()).toEqual([...THROUGH_COMMANDS].sort()));

  it.for(cases)("$name", async (c) => {
    const input = await c.prepare(folder);
    const { cli, args } = commandLine(input);
    const result = await runCli(cli, args, env());
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines).toContain("Input rejected, nothing was written:");
    for (const line of input.expected) expect(lines.some((l) => l.startsWith(line)), `expected a line starting\n  ${line}\nin\n${result.stderr}`).toBe(true);
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
    const { records: rows } = await driver.executeQuery(
      `MATCH (c:Claim)-[:EVIDENCE]->(m:Mention {sourceId: $id})
       RETURN c.id AS id, c.origin AS origin, c.predicate AS predicate, m.start AS start, m.end AS end, m.exact AS exact ORDER BY predicate, start`,
      { id: SOURCE },
    );
    const expected = [
      ["assessedProgressOf", "قوات الأمن العراقية تتقدم بثبات في التدريب"],
      ["visited", "زار الجنرال روبرت وايت العراق في مارس 2021"],
    ];
    const claims = rows.filter((r) => expected.some(([, exact]) => exact === r.get("exact")));
    expect(claims.map((r) => [r.get("predicate"), r.get("exact")])).toEqual(expected);
    // The headline and the body say the curated visit again without its date: more evidence of
    // the same curated claim, not a second claim.
    expect(new Set(rows.map((r) => r.get("id"))).size).toBe(2);
    expect(new Set(rows.map((r) => r.get("origin")))).toEqual(new Set(["curated"]));
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
