import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ArticleDigest } from "../../src/ingest/stream/checkpoint.js";
import { lines, ndjsonItem } from "../../src/ingest/stream/inputs.js";
import { orderedMap } from "../../src/ingest/stream/ordered.js";
import { progressLine } from "../../src/ingest/stream/progress.js";
import { formatProblem } from "../../src/model/problem.js";
import { join } from "node:path";
import { generateArticle } from "../../bench/corpus/index.js";
import { extractionPool } from "../../src/ingest/stream/ingest.js";
import extractArticle from "../../src/ingest/stream/extract-worker.js";
import { readGazetteer } from "../../src/ingest/read/index.js";
import { SEED_DIR } from "../../src/paths.js";

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("NDJSON lines", () => {
  it("splits across chunk boundaries, numbers lines, keeps a last line without newline, and drops an over-long one", async () => {
    const chunks = [Buffer.from('{"a":1}\n{"b"'), Buffer.from(':2}\n\nxxxxxxxxxxxx\n'), Buffer.from("end")];
    const got = await collect(lines(Readable.from(chunks), 10));
    expect(got.map((l) => [l.line, l.bytes?.toString(), l.length])).toEqual([
      [1, '{"a":1}', 7],
      [2, '{"b":2}', 7],
      [3, "", 0],
      [4, undefined, 12],
      [5, "end", 3],
    ]);
  });

  it("a line becomes an article, or problems naming file:line and the field", () => {
    const item = (s: string, length = Buffer.byteLength(s)) => ndjsonItem("in.ndjson", 7, Buffer.from(s), length);
    expect(item('{"text":"نص","meta":{"id":"a-b","title":"t","publisher":"p"}}')).toMatchObject({
      kind: "inline",
      location: "in.ndjson:7",
      text: "نص",
      meta: { id: "a-b", title: "t", publisher: "p", language: "ar" },
    });
    expect(item("   ")).toBeUndefined();
    const problems = (s: string) => {
      const i = item(s);
      return i?.kind === "broken" ? i.problems.map(formatProblem) : [];
    };
    expect(problems('{"text": "x",}')[0]).toMatch(/^in\.ndjson:7:\d+: not JSON: /);
    expect(problems('{"meta":{"id":"a"}}')).toEqual([
      'in.ndjson:7:1 (text): missing required field "text" (expected string)',
      'in.ndjson:7:1 (meta.title): missing required field "title" (expected string)',
      'in.ndjson:7:1 (meta.publisher): missing required field "publisher" (expected string)',
    ]);
    expect(problems('{"text":" ","extra":1}')).toEqual(["in.ndjson:7:1 (text): article has no text (only whitespace)", 'in.ndjson:7:1 (extra): unknown field "extra"']);
    expect(problems('{"text":"x","meta":{"id":"a","file":"f","title":"t","publisher":"p"}}')).toEqual(['in.ndjson:7:1 (meta.file): unknown field "file"']);
    expect(ndjsonItem("in.ndjson", 8, undefined, 5_000_000)).toMatchObject({ kind: "broken", location: "in.ndjson:8" });
  });
});

describe("orderedMap", () => {
  it("yields in input order whatever order the calls finish in, with at most `ahead` running", async () => {
    let running = 0;
    let most = 0;
    const f = async (n: number) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (7 - n) * 3));
      running--;
      return n * 10;
    };
    async function* source() {
      for (let n = 0; n < 7; n++) yield n;
    }
    expect(await collect(orderedMap(source(), f, 3))).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(3);
  });

  it("passes a failure on at its place in the order", async () => {
    async function* source() {
      yield* [1, 2, 3];
    }
    const got: number[] = [];
    await expect(async () => {
      for await (const x of orderedMap(source(), async (n) => (n === 2 ? Promise.reject(new Error("two")) : n), 3)) got.push(x);
    }).rejects.toThrow("two");
    expect(got).toEqual([1]);
  });
});

describe("checkpoint digest and progress line", () => {
  it("the digest depends on every fingerprint and their order", () => {
    const of = (fps: string[]) => {
      const d = new ArticleDigest();
      return fps.map((f) => d.add(f)).at(-1);
    };
    expect(of(["a", "b"])).toBe(of(["a", "b"]));
    expect(of(["a", "b"])).not.toBe(of(["b", "a"]));
    expect(of(["a", "b"])).not.toBe(of(["a", "c"]));
  });

  it("says done, total, rate and ETA, or rate alone when the total is unknown", () => {
    expect(progressLine(1200, 100_000, 6)).toBe("1,200 / 100,000 articles (1.2 %), 200 articles/s, ETA 8m 14s");
    expect(progressLine(50, undefined, 2)).toBe("50 articles, 25 articles/s");
  });
});

describe("extraction threads", () => {
  it("give each article the graph that extraction in this thread gives", { timeout: 120_000 }, async () => {
    const gazetteerPath = join(SEED_DIR, "gazetteer.yaml");
    const gazetteer = (await readGazetteer(gazetteerPath)).value.entities;
    const tasks = [0, 1, 2, 3].map((i) => {
      const { text, meta } = generateArticle(i, gazetteer);
      return { item: { kind: "inline" as const, location: `x.ndjson:${i + 1}`, text, meta, fingerprint: String(i) }, gazetteerPath };
    });
    const pool = extractionPool(2);
    try {
      const threaded = await Promise.all(tasks.map((t) => pool.run(t)));
      const here = await Promise.all(tasks.map((t) => extractArticle(t)));
      expect(threaded.map((o) => o.graph?.source.id)).toEqual(tasks.map((t) => t.item.meta.id));
      expect(threaded).toEqual(here);
    } finally {
      await pool.destroy();
    }
  });
});
