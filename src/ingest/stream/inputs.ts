import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { opendir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { formatPath, problemAt, type Problem } from "../../model/problem.js";
import { NdjsonArticle } from "../../model/seed-files.js";
import { MAX_ARTICLE_BYTES } from "../read/index.js";
import type { ArticleSources } from "../read/index.js";

/**
 * The articles of an ingest run, one at a time and in a fixed order, whatever the form of the
 * input: article files (a text, or its *.meta.yaml), directory trees of them, NDJSON files, or
 * NDJSON on standard input ("-"). Nothing here holds more than one article (one NDJSON line).
 */

/** Where an NDJSON input is read from: a file, or "-" for standard input. */
export const STDIN = "-";

export type ArticleItem =
  /** Files the read stage reads (a meta file, or a bare text). */
  | { kind: "files"; location: string; sources: Omit<ArticleSources, "gazetteerPath">; fingerprint: string }
  /** An NDJSON line; its location is "file:line". */
  | { kind: "inline"; location: string; text: string; meta?: NdjsonArticle["meta"]; fingerprint: string }
  /** A line that is not an article (not JSON, not the schema, too long, not UTF-8). */
  | { kind: "broken"; location: string; problems: Problem[]; fingerprint: string };

export interface InputOptions {
  /** The meta file of a single article text given alone. */
  meta?: string;
  /** Standard input, for "-". */
  stdin?: Readable;
}

const NDJSON = /\.(ndjson|jsonl)$/;

function sha1(data: string | Buffer): string {
  return createHash("sha1").update(data).digest("hex");
}

/**
 * A file article's fingerprint, which a resumed run compares with the checkpoint's: path, size
 * and modification time of the file named (a meta file stands for its text).
 */
async function fileItem(sources: Omit<ArticleSources, "gazetteerPath">): Promise<ArticleItem> {
  const path = sources.metaPath ?? sources.articlePath!;
  const s = await stat(path).catch(() => undefined);
  return { kind: "files", location: path, sources, fingerprint: `${resolve(path)}\0${s?.size ?? -1}\0${s?.mtimeMs ?? -1}` };
}

/** A lone article argument, mapped as before streaming: its meta file if it is one, or one beside it. */
function articleSources(file: string, meta: string | undefined): Omit<ArticleSources, "gazetteerPath"> {
  if (file.endsWith(".meta.yaml")) return { metaPath: file };
  if (meta) return { metaPath: meta };
  const beside = file.replace(/\.[^./]+$/, "") + ".meta.yaml";
  return existsSync(beside) ? { metaPath: beside } : { articlePath: file };
}

/** NDJSON lines as bytes, with their 1-based numbers; a line over `maxBytes` comes as its length only. */
export async function* lines(stream: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<{ line: number; bytes?: Buffer; length: number }> {
  let pending: Buffer[] = [];
  let length = 0;
  let n = 0;
  const take = () => {
    const out = { line: ++n, length, ...(length <= maxBytes && { bytes: Buffer.concat(pending) }) };
    pending = [];
    length = 0;
    return out;
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      length += nl - start;
      if (length <= maxBytes) pending.push(chunk.subarray(start, nl));
      yield take();
      start = nl + 1;
    }
    length += chunk.length - start;
    // An over-long line is counted to its end but not kept.
    if (length <= maxBytes) pending.push(chunk.subarray(start));
    else pending = [];
  }
  if (length > 0) yield take();
}

/** One NDJSON line as an article, or as the problems that keep it from being one. Pure. */
export function ndjsonItem(file: string, line: number, bytes: Buffer | undefined, length: number, maxBytes = MAX_ARTICLE_BYTES): ArticleItem | undefined {
  const location = `${file}:${line}`;
  const broken = (reason: string, field?: string, column?: number): ArticleItem => ({
    kind: "broken",
    location,
    problems: [problemAt("read:ndjson", file, { line, column: column ?? 1 }, reason, { field })],
    fingerprint: sha1(bytes ?? `${length}`),
  });
  if (!bytes) return broken(`line is ${length} bytes, above the limit of ${maxBytes} bytes for an article`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return broken("not UTF-8; save the file as UTF-8");
  }
  if (text.trim() === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    return broken(`not JSON: ${(e as Error).message}`, undefined, at === undefined ? 1 : Array.from(text.slice(0, Number(at))).length + 1);
  }
  const parsed = NdjsonArticle.safeParse(json);
  if (!parsed.success) {
    return {
      kind: "broken",
      location,
      fingerprint: sha1(bytes),
      problems: parsed.error.issues.flatMap((issue) => {
        const path = issue.path.filter((k): k is string | number => typeof k !== "symbol");
        if (issue.code === "unrecognized_keys") {
          return issue.keys.map((key) => problemAt("read:ndjson", file, { line, column: 1 }, `unknown field "${key}"`, { field: formatPath([...path, key]) }));
        }
        const missing = issue.code === "invalid_type" && / received undefined$/.test(issue.message);
        const reason = missing ? `missing required field "${String(path.at(-1))}" (expected ${issue.expected})` : issue.message;
        return [problemAt("read:ndjson", file, { line, column: 1 }, reason, { field: formatPath(path) || undefined })];
      }),
    };
  }
  return { kind: "inline", location, text: parsed.data.text, ...(parsed.data.meta && { meta: parsed.data.meta }), fingerprint: sha1(bytes) };
}

async function* ndjsonItems(stream: AsyncIterable<Buffer>, file: string): AsyncGenerator<ArticleItem> {
  for await (const { line, bytes, length } of lines(stream, MAX_ARTICLE_BYTES)) {
    const item = ndjsonItem(file, line, bytes, length);
    if (item) yield item;
  }
}

type TreeFile = { kind: "ndjson"; path: string } | { kind: "meta"; path: string } | { kind: "text"; path: string };

/**
 * The article files of a directory tree, in sorted order: each *.meta.yaml is an article, each
 * *.txt without a <stem>.meta.yaml beside it a bare article, each *.ndjson / *.jsonl a stream of
 * them. Hidden entries (a checkpoint folder) are left out, and so are the other files (gazetteer, facts).
 */
async function* treeFiles(dir: string): AsyncGenerator<TreeFile> {
  const entries: { name: string; directory: boolean }[] = [];
  for await (const e of await opendir(dir)) if (!e.name.startsWith(".")) entries.push({ name: e.name, directory: e.isDirectory() });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((e) => e.name));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.directory) yield* treeFiles(path);
    else if (NDJSON.test(e.name)) yield { kind: "ndjson", path };
    else if (e.name.endsWith(".meta.yaml")) yield { kind: "meta", path };
    else if (e.name.endsWith(".txt") && !names.has(`${e.name.slice(0, -".txt".length)}.meta.yaml`)) yield { kind: "text", path };
  }
}

/** The inputs as files: a directory as its tree, "-" as standard input. */
async function* inputFiles(inputs: readonly string[], meta: string | undefined): AsyncGenerator<TreeFile | { kind: "stdin" } | { kind: "lone"; sources: Omit<ArticleSources, "gazetteerPath"> }> {
  for (const input of inputs) {
    const s = input === STDIN ? undefined : await stat(input).catch(() => undefined);
    if (input === STDIN) yield { kind: "stdin" };
    else if (s?.isDirectory()) yield* treeFiles(input);
    else if (NDJSON.test(input)) yield { kind: "ndjson", path: input };
    // A missing file goes on to the read stage, which reports it where it belongs.
    else yield { kind: "lone", sources: articleSources(input, meta) };
  }
}

/** Every article of the inputs, in order. */
export async function* articleItems(inputs: readonly string[], options: InputOptions = {}): AsyncGenerator<ArticleItem> {
  if (options.meta && inputs.length > 1) throw new Error("--meta names the meta file of one article; give one file with it");
  for await (const f of inputFiles(inputs, options.meta)) {
    if (f.kind === "stdin") yield* ndjsonItems(options.stdin ?? process.stdin, "<stdin>");
    else if (f.kind === "ndjson") yield* ndjsonItems(createReadStream(f.path), f.path);
    else if (f.kind === "meta") yield await fileItem({ metaPath: f.path });
    else if (f.kind === "text") yield await fileItem({ articlePath: f.path });
    else yield await fileItem(f.sources);
  }
}

/**
 * How many articles the inputs hold, for the progress bar's ETA; undefined when one is standard
 * input, which can be read once only. Counts the lines of NDJSON files without parsing them.
 */
export async function countArticles(inputs: readonly string[]): Promise<number | undefined> {
  if (inputs.includes(STDIN)) return undefined;
  let n = 0;
  for await (const f of inputFiles(inputs, undefined)) {
    if (f.kind !== "ndjson") n++;
    else for await (const { bytes } of lines(createReadStream(f.path), MAX_ARTICLE_BYTES)) if (!bytes || bytes.some((b) => b > 32)) n++;
  }
  return n;
}
