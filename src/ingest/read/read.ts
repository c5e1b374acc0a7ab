import { access, readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { InputError, type Problem } from "../../model/problem.js";
import { ArticleMeta, FactsFile, Gazetteer } from "../../model/seed-files.js";
import { resolveFacts, type ResolvedFact } from "../resolve/facts.js";
import { readArticle, type ArticleText } from "./article.js";
import { checkFacts, checkGazetteer } from "./checks.js";
import { checkSeedFile, type Located, type SeedParse } from "./parse.js";

/**
 * The I/O edge for seed files. Layout, one stem per article, all three side by side in seed/:
 *   seed/<stem>.txt         the article text
 *   seed/<stem>.meta.yaml   ArticleMeta (its `file` names the .txt, relative to the meta file)
 *   seed/<stem>.facts.yaml  FactsFile, curated claims about that article
 * plus one seed/gazetteer.yaml shared by all articles.
 */

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
    throw new InputError([{ file: path, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }]);
  }
  try {
    // The BOM is dropped by the decoder; YAML positions then count from the first real character.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError([{ file: path, message: "not UTF-8; save the file as UTF-8" }]);
  }
}

function orThrow<T>(parse: SeedParse<T>, extra: (l: Located<T>) => Problem[] = () => []): Located<T> {
  const problems = parse.located ? extra(parse.located) : parse.problems;
  if (!parse.located || problems.length > 0) throw new InputError(problems);
  return parse.located;
}

/** Reads the gazetteer; duplicate ids, alias collisions and unknown partOf ids are problems too. */
export async function readGazetteer(path: string): Promise<Located<Gazetteer>> {
  return orThrow(checkSeedFile(Gazetteer, await readYamlText(path), path), checkGazetteer);
}

export type LocatedMeta = Located<ArticleMeta> & {
  /** The article path, resolved against the meta file's folder. */
  articlePath: string;
};

async function metaFileProblems(meta: Located<ArticleMeta>): Promise<Problem[]> {
  const articlePath = resolve(dirname(meta.file), meta.value.file);
  try {
    await access(articlePath);
    return [];
  } catch {
    const pos = meta.locate("file");
    return [{ file: meta.file, ...(pos && { line: pos.line, column: pos.column }), field: "file", message: `article file "${meta.value.file}" does not exist (looked for ${articlePath})` }];
  }
}

/** Reads an article's meta file and checks that the article file it names exists. */
export async function readArticleMeta(path: string): Promise<LocatedMeta> {
  const parse = checkSeedFile(ArticleMeta, await readYamlText(path), path);
  const meta = orThrow(parse);
  const problems = await metaFileProblems(meta);
  if (problems.length > 0) throw new InputError(problems);
  return { ...meta, articlePath: resolve(dirname(path), meta.value.file) };
}

/** Reads a facts file; `locate` maps a field such as "facts[3].evidence[0]" to its line and column. */
export async function readFacts(path: string): Promise<Located<FactsFile>> {
  return orThrow(checkSeedFile(FactsFile, await readYamlText(path), path));
}

export interface SeedArticle {
  gazetteer: Located<Gazetteer>;
  /** From the meta file, or derived from the article when it has none (see articleMetaFromText). */
  meta: ArticleMeta;
  article: ArticleText;
  /** Curated facts, when the article has a facts file. */
  facts?: Located<FactsFile>;
  /** Every fact with its evidence resolved to spans of article.text. */
  resolved: ResolvedFact[];
}

/**
 * Meta for an article that came without a meta file: its id from the text's hash (the same text
 * ingested twice is the same source), its title from the first non-empty line.
 */
export function articleMetaFromText(article: ArticleText): ArticleMeta {
  const title = article.text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? basename(article.file);
  return { id: `article-${article.sha256.slice(0, 12)}`, file: basename(article.file), title: title.slice(0, 300), publisher: "unknown", language: "ar" };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
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

/**
 * Reads and checks everything one article needs, gathering the problems of all files before
 * throwing, so that a curator sees every mistake in one run rather than one per run.
 */
export async function loadSeedArticle(options: ArticleSources): Promise<SeedArticle> {
  const problems: Problem[] = [];
  const attempt = async <T>(f: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof InputError) problems.push(...e.problems);
      else throw e;
      return undefined;
    }
  };
  const { metaPath } = options;
  const besideMeta = metaPath ? factsPathFor(metaPath) : undefined;
  const factsPath = options.factsPath ?? (besideMeta && (await exists(besideMeta)) ? besideMeta : undefined);
  const maxBytes = { ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }) };

  const gazetteer = await attempt(() => readGazetteer(options.gazetteerPath));
  const located = metaPath ? await attempt(() => readArticleMeta(metaPath)) : undefined;
  const articlePath = located?.articlePath ?? options.articlePath;
  if (!metaPath && !articlePath) throw new Error("loadSeedArticle needs metaPath or articlePath");
  const article = articlePath ? await attempt(() => readArticle(articlePath, maxBytes)) : undefined;
  const meta = located?.value ?? (article && !metaPath ? articleMetaFromText(article) : undefined);
  const facts = factsPath ? await attempt(() => readFacts(factsPath)) : undefined;

  if (facts && gazetteer) problems.push(...checkFacts(facts, gazetteer.value, meta));
  let resolved: ResolvedFact[] = [];
  if (facts && article) {
    const r = resolveFacts(facts.value, article.text, { file: facts.file, article: basename(article.file), locate: facts.locate });
    resolved = r.resolved;
    problems.push(...r.problems);
  }
  if (problems.length > 0 || !gazetteer || !meta || !article || (factsPath && !facts)) throw new InputError(problems);
  return { gazetteer, meta, article, ...(facts && { facts }), resolved };
}
