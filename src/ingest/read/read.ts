import { access, readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError, problemAt } from "../../model/problem.js";
import { ArticleMeta, FactsFile, Gazetteer, Rejections } from "../../model/seed-files.js";
import type { ArticleText } from "./article.js";
import { checkSeedFile, type Located, type SeedParse } from "./parse.js";

/**
 * The read stage's I/O: it reads seed files and checks each against its schema, nothing more
 * (cross-file checks are the check stage's, evidence spans the resolve stage's). Layout, one stem per article, all three side by side in seed/:
 *   seed/<stem>.txt         the article text
 *   seed/<stem>.meta.yaml   ArticleMeta (its `file` names the .txt, relative to the meta file)
 *   seed/<stem>.facts.yaml  FactsFile, curated claims about that article
 * plus one seed/gazetteer.yaml shared by all articles.
 */

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The facts file that goes with a meta file: "x.meta.yaml" → "x.facts.yaml". */
export function factsPathFor(metaPath: string): string {
  if (!metaPath.endsWith(".meta.yaml")) throw new Error(`not a meta file name (expected *.meta.yaml): ${metaPath}`);
  return `${metaPath.slice(0, -".meta.yaml".length)}.facts.yaml`;
}

async function readYamlText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InputError([problemAt("read:file", path, undefined, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)]);
  }
  try {
    // The BOM is dropped by the decoder; YAML positions then count from the first real character.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError([problemAt("read:file", path, undefined, "not UTF-8; save the file as UTF-8")]);
  }
}

function orThrow<T>(parse: SeedParse<T>): Located<T> {
  if (!parse.located) throw new InputError(parse.problems);
  return parse.located;
}

/** Reads the gazetteer (its duplicate ids, alias collisions and partOf ids are the check stage's). */
export async function readGazetteer(path: string): Promise<Located<Gazetteer>> {
  return orThrow(checkSeedFile(Gazetteer, await readYamlText(path), path));
}

/** The reviewer's rejections live beside the gazetteer they go with: <folder>/rejections.yaml. */
export function rejectionsPathFor(gazetteerPath: string): string {
  return join(dirname(gazetteerPath), "rejections.yaml");
}

/** Reads the rejection list beside a gazetteer; none there is an empty list. */
export async function readRejections(gazetteerPath: string): Promise<Located<Rejections> | undefined> {
  const path = rejectionsPathFor(gazetteerPath);
  return (await exists(path)) ? orThrow(checkSeedFile(Rejections, await readYamlText(path), path)) : undefined;
}

export type LocatedMeta = Located<ArticleMeta> & {
  /** The article path, resolved against the meta file's folder. */
  articlePath: string;
};

/** Reads an article's meta file; an article file it names that is not there is a problem at `file`. */
export async function readArticleMeta(path: string): Promise<LocatedMeta> {
  const meta = orThrow(checkSeedFile(ArticleMeta, await readYamlText(path), path));
  const articlePath = resolve(dirname(path), meta.value.file);
  if (!(await exists(articlePath))) {
    const reason = `article file "${meta.value.file}" does not exist (looked for ${articlePath})`;
    throw new InputError([problemAt("read:meta", meta.file, meta.locate("file"), reason, { field: "file" })]);
  }
  return { ...meta, articlePath };
}

/** Reads a facts file; `locate` maps a field such as "facts[3].evidence[0]" to its line and column. */
export async function readFacts(path: string): Promise<Located<FactsFile>> {
  return orThrow(checkSeedFile(FactsFile, await readYamlText(path), path));
}

/**
 * Meta for an article that came without a meta file: its id from the text's hash (the same text
 * ingested twice is the same source), its title from the first non-empty line.
 */
export function articleMetaFromText(article: ArticleText): ArticleMeta {
  const title = article.text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? basename(article.file);
  return { id: `article-${article.sha256.slice(0, 12)}`, file: basename(article.file), title: title.slice(0, 300), publisher: "unknown", language: "ar" };
}

export interface ArticleSources {
  gazetteerPath: string;
  /** The article's meta file; or, without one, `articlePath`. */
  metaPath?: string;
  articlePath?: string;
  /** Defaults to the facts file beside the meta file, when there is one. */
  factsPath?: string;
  maxBytes?: number;
}

/** The facts file of an article: the one named, else the one beside its meta file when there is one. */
export async function factsFileOf(sources: ArticleSources): Promise<string | undefined> {
  if (sources.factsPath) return sources.factsPath;
  const beside = sources.metaPath ? factsPathFor(sources.metaPath) : undefined;
  return beside && (await exists(beside)) ? beside : undefined;
}
