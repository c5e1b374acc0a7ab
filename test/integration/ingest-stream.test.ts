import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { writeNdjsonCorpus } from "../../bench/corpus/index.js";
import { removeSources } from "../../src/ingest/load/run.js";
import { readGazetteer } from "../../src/ingest/read/index.js";
import { SEED_DIR } from "../../src/ingest/pipeline/seed-project.js";
import { sha256Hex } from "../../src/model/ids.js";
import type { GazetteerEntry } from "../../src/model/seed-files.js";
import { cliEnv, runCli, spawnCli, STACK_FRAME, waitFor } from "../support/cli.js";
import { graphState, testDriver, type GraphState } from "../support/graph.js";
import { holdWriterLock } from "../support/writer-lock.js";

/**
 * Streaming ingest through the real command: NDJSON from a file and from standard input, a
 * directory tree, --keep-going, and resume after the process is killed (SIGKILL) between two
 * commits. Sources are this file's own ("streamtest-…"), removed again at the end; the graph is
 * then what it was. The whole-graph checksums are safe because this file runs with the other
 * writers, one file at a time.
 */

holdWriterLock();

let driver: Driver;
let dir: string;
let gazetteer: GazetteerEntry[];
let before: GraphState;
const written = new Set<string>();
const env = () => cliEnv(inject("neo4j"));

/** Synthetic articles as NDJSON, with source ids `<prefix>-000001`…; records the ids for the cleanup. */
async function corpus(name: string, count: number, prefix: string): Promise<string> {
  const path = join(dir, name);
  await writeNdjsonCorpus(path, gazetteer, { count, idPrefix: prefix });
  for (let i = 1; i <= count; i++) written.add(`${prefix}-${String(i).padStart(6, "0")}`);
  return path;
}

async function wipeOwn(): Promise<void> {
  await removeSources(driver, [...written]);
}

beforeAll(async () => {
  driver = testDriver();
  dir = await mkdtemp(join(tmpdir(), "sanad-ingest-stream-"));
  gazetteer = (await readGazetteer(join(SEED_DIR, "gazetteer.yaml"))).value.entities;
  before = await graphState(driver);
});

afterAll(async () => {
  await wipeOwn();
  await rm(dir, { recursive: true, force: true });
  // The graph is back to what it was, or the writers after this file would see a different graph.
  expect(await graphState(driver)).toEqual(before);
  await driver.close();
});

describe("NDJSON input and resume", () => {
  let file: string;
  let clean: GraphState;
  beforeAll(async () => {
    file = await corpus("thirty.ndjson", 30, "streamtest-ndjson");
  });

  it("from a file and from standard input gives the same graph", { timeout: 300_000 }, async () => {
    const fromFile = await runCli("ingest", [file, "--batch-size", "8", "--workers", "2", "--checkpoint", join(dir, "file.checkpoint.json")], env());
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toMatch(/^Ingested 30 article\(s\) in [\d.]+ s \([\d.]+ articles\/s, 2 extraction worker\(s\), 4 transaction\(s\), peak RSS \d+ MiB\)$/m);
    expect(fromFile.stdout).toMatch(/^Seeded 30 source\(s\): streamtest-ndjson-000001, .* and 20 more in /m);
    // Not a terminal: plain progress lines, the last one at the end.
    expect(fromFile.stderr).toMatch(/^ingest: 30 \/ 30 articles \(100\.0 %\), \d+ articles\/s, ETA 0s$/m);
    clean = await graphState(driver);
    expect(clean.counts.nodes).toBeGreaterThan(before.counts.nodes);

    await wipeOwn();
    expect(await graphState(driver)).toEqual(before);
    const fromStdin = await runCli("ingest", ["-", "--workers", "1", "--checkpoint", join(dir, "stdin.checkpoint.json")], env(), await readFile(file));
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toMatch(/^Ingested 30 article\(s\) .*1 extraction worker\(s\), 1 transaction\(s\)/m);
    // Standard input has no known length: rate without ETA.
    expect(fromStdin.stderr).toMatch(/^ingest: 30 articles, \d+ articles\/s$/m);
    expect(await graphState(driver)).toEqual(clean);
    await wipeOwn();
  });

  it("after a SIGKILL between commits, re-running gives the graph of one clean run", { timeout: 300_000 }, async () => {
    expect(clean).toBeDefined();
    const checkpoint = join(dir, "resume.checkpoint.json");
    const args = [file, "--batch-size", "2", "--workers", "1", "--checkpoint", checkpoint];
    const first = spawnCli("ingest", args, env());
    const progress = await waitFor(
      "the first commits in the checkpoint",
      async () => {
        const saved = await readFile(checkpoint, "utf8").then((t) => JSON.parse(t) as { articles: number }, () => undefined);
        return saved && saved.articles >= 4 ? saved.articles : undefined;
      },
      240_000,
      10,
    );
    first.child.kill("SIGKILL");
    const killed = await first.done;
    expect(killed.signal, killed.stderr).toBe("SIGKILL");
    const saved = JSON.parse(await readFile(checkpoint, "utf8")) as { articles: number };
    expect(saved.articles).toBeGreaterThanOrEqual(progress);
    expect(saved.articles).toBeLessThan(30);

    const resumed = await runCli("ingest", args, env());
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`Ingested ${30 - saved.articles} article(s)`);
    expect(resumed.stdout).toContain(`resumed after ${saved.articles} article(s) already written`);
    // A completed run leaves no checkpoint: the next one starts from the beginning.
    await expect(readFile(checkpoint)).rejects.toThrow(/ENOENT/);
    expect(await graphState(driver)).toEqual(clean);
    await wipeOwn();
  });
});

describe("a directory tree", () => {
  it("takes meta files with their texts, bare texts and NDJSON files, in sorted order, at any depth", { timeout: 180_000 }, async () => {
    const tree = join(dir, "tree");
    await mkdir(join(tree, "a", "deeper"), { recursive: true });
    await mkdir(join(tree, "b"), { recursive: true });
    const [one, two, three, four] = Array.from({ length: 4 }, (_, i) => [`التحالف الدولي يواصل دعم الشركاء (نص ${i + 1})`, "وقال الجنرال روبرت وايت إن قطر شريك أساسي.", ""].join("\n"));
    await writeFile(join(tree, "a", "deeper", "one.txt"), one!);
    await writeFile(join(tree, "a", "deeper", "one.meta.yaml"), "id: streamtest-dir-one\nfile: one.txt\ntitle: نص واحد\npublisher: test\n");
    await writeFile(join(tree, "b", "two.txt"), two!);
    await writeFile(
      join(tree, "b", "more.ndjson"),
      [three, four].map((text, i) => JSON.stringify({ text, meta: { id: `streamtest-dir-${i ? "four" : "three"}`, title: "نص", publisher: "test" } })).join("\n") + "\n",
    );
    // A gazetteer or facts file in the tree is not an article.
    await writeFile(join(tree, "b", "notes.yaml"), "not: an article\n");
    const bare = `article-${sha256Hex(two!).slice(0, 12)}`;
    for (const id of ["streamtest-dir-one", "streamtest-dir-three", "streamtest-dir-four", bare]) written.add(id);

    const result = await runCli("ingest", [tree, "--workers", "1", "--checkpoint", join(dir, "tree.checkpoint.json")], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Seeded 4 source(s): streamtest-dir-one, streamtest-dir-three, streamtest-dir-four, ${bare} in `);
    const { records } = await driver.executeQuery("MATCH (s:Source) WHERE s.id STARTS WITH 'streamtest-dir-' OR s.id = $bare RETURN s.id AS id, s.text AS text ORDER BY id", { bare });
    expect(Object.fromEntries(records.map((r) => [r.get("id"), r.get("text")]))).toEqual({
      [bare]: two,
      "streamtest-dir-four": four,
      "streamtest-dir-one": one,
      "streamtest-dir-three": three,
    });
    await wipeOwn();
  });
});

describe("broken articles", () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, "broken.ndjson");
    const good = (n: number) => JSON.stringify({ text: `وقال الجنرال روبرت وايت إن قطر شريك أساسي (${n}).`, meta: { id: `streamtest-broken-${n}`, title: "نص", publisher: "test" } });
    written.add("streamtest-broken-1").add("streamtest-broken-5");
    await writeFile(
      file,
      [
        good(1),
        '{"text": "نص بلا نهاية',
        JSON.stringify({ meta: { id: "streamtest-broken-3", title: "نص", publisher: "test" } }),
        JSON.stringify({ text: "نص", meta: { id: "Not An Id", title: "نص", publisher: "test" } }),
        good(5),
      ].join("\n") + "\n",
    );
  });

  it("without --keep-going: every problem named by file:line and field, exit 1, nothing written", { timeout: 180_000 }, async () => {
    const result = await runCli("ingest", [file, "--workers", "1", "--checkpoint", join(dir, "broken.checkpoint.json")], env());
    expect(result.code).toBe(1);
    const lines = result.stderr.split("\n");
    expect(lines).toContain("Input rejected, nothing was written:");
    expect(lines.some((l) => l.startsWith(`${file}:2:`) && l.includes("not JSON"))).toBe(true);
    expect(lines).toContain(`${file}:3:1 (text): missing required field "text" (expected string)`);
    expect(lines).toContain(`${file}:4:1 (meta.id): ids are lower-case words joined by hyphens`);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(await graphState(driver)).toEqual(before);
  });

  it("with --keep-going: each broken article reported and skipped, the others written", { timeout: 180_000 }, async () => {
    const result = await runCli("ingest", [file, "--keep-going", "--workers", "1", "--checkpoint", join(dir, "broken-kg.checkpoint.json")], env());
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split("\n");
    for (const n of [2, 3, 4]) expect(lines).toContain(`skipped ${file}:${n}:`);
    expect(lines).toContain(`  ${file}:3:1 (text): missing required field "text" (expected string)`);
    expect(lines).toContain(`  ${file}:4:1 (meta.id): ids are lower-case words joined by hyphens`);
    expect(result.stdout).toMatch(/^Ingested 5 article\(s\) .*; skipped 3 broken article\(s\), listed above$/m);
    expect(result.stdout).toContain("Seeded 2 source(s): streamtest-broken-1, streamtest-broken-5 in ");
    await wipeOwn();
  });

  it("past the first transaction, writing stops before the broken one; once fixed, the same command goes on", { timeout: 300_000 }, async () => {
    const checkpoint = join(dir, "partial.checkpoint.json");
    const args = [file, "--batch-size", "1", "--workers", "1", "--checkpoint", checkpoint];
    const stopped = await runCli("ingest", args, env());
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(`Input rejected after 1 article(s) were written (checkpoint ${checkpoint}); nothing after them was written.`);
    const { records } = await driver.executeQuery("MATCH (s:Source) WHERE s.id STARTS WITH 'streamtest-broken-' RETURN collect(s.id) AS ids");
    expect(records[0]!.get("ids")).toEqual(["streamtest-broken-1"]);

    const text = await readFile(file, "utf8");
    await writeFile(file, text.split("\n").filter((_, i) => i === 0 || i === 4).join("\n") + "\n");
    const fixed = await runCli("ingest", args, env());
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/^Ingested 1 article\(s\) .*; resumed after 1 article\(s\) already written$/m);
    expect(fixed.stdout).toContain("Seeded 1 source(s): streamtest-broken-5 in ");
    await wipeOwn();
  });
});
