import { basename } from "node:path";
import { buildNameIndex, type NameIndex } from "../extract/index.js";
import { formatProblem, InputError, type Problem } from "../../model/problem.js";
import type { ArticleMeta, FactsFile, Gazetteer } from "../../model/seed-files.js";
import { checkFacts, checkGazetteer } from "../check/index.js";
import {
  articleMetaFromText,
  factsFileOf,
  readArticle,
  readArticleMeta,
  readFacts,
  readGazetteer,
  type ArticleSources,
  type ArticleText,
  type Located,
} from "../read/index.js";
import { resolveFacts, type ResolvedFact } from "../resolve/index.js";
import { buildSourceGraph, type BuiltSource } from "./build.js";

/**
 * The pipeline of one article, declared as data: each stage names what it reads from the article's
 * work record and what it adds to it, and reports problems through one channel. Adding a stage is
 * adding a line to ARTICLE_STAGES.
 *
 *   read → check → resolve → build (parse → extract → graph → validate) ║ plan → load
 *
 * `build` is buildSourceGraph, one stage until its parse, extract and validate steps are split out.
 * Plan and load run once for all articles (src/ingest/load, called by loadSourceGraphs), and only
 * when no article has an error: nothing is written for a run with a mistake in it.
 */

/** What one article has become so far; a stage reads some fields and fills others. */
export interface ArticleWork {
  sources: ArticleSources;
  gazetteer?: Located<Gazetteer>;
  /** From the meta file, or derived from the text of an article that has none. */
  meta?: ArticleMeta;
  article?: ArticleText;
  /** Curated facts, when the article has a facts file. */
  facts?: Located<FactsFile>;
  /** Every curated fact whose evidence words were all found, with their spans. */
  resolved?: ResolvedFact[];
  built?: BuiltSource;
}

export interface StageContext {
  report(problem: Problem): void;
  /**
   * A value made once per run and shared by its articles (the gazetteer, its checks, its name
   * index), so that stages keep no module-level state between runs.
   */
  shared<T>(key: string, make: () => T): T;
}

export interface Stage<W> {
  name: string;
  /** Fields the stage needs; it is skipped while any of them is missing. */
  reads: readonly (keyof W)[];
  /** Fields it may add. */
  produces: readonly (keyof W)[];
  /**
   * Whether it still runs after an earlier error. The stages that check the curator's files do, as
   * far as their inputs allow, so that one run shows every mistake; the others need clean input.
   */
  afterErrors: boolean;
  run(work: Readonly<W>, context: StageContext): Partial<W> | Promise<Partial<W>>;
}

/** Runs `f`, reporting the problems of an InputError it throws (the single-file readers' way). */
async function reported<T>(context: StageContext, f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    e.problems.forEach((p) => context.report(p));
    return undefined;
  }
}

async function read({ sources }: ArticleWork, context: StageContext): Promise<Partial<ArticleWork>> {
  const { metaPath } = sources;
  if (!metaPath && !sources.articlePath) throw new Error("an article needs metaPath or articlePath");
  const factsPath = await factsFileOf(sources);
  const gazetteer = await reported(context, () => context.shared(`gazetteer ${sources.gazetteerPath}`, () => readGazetteer(sources.gazetteerPath)));
  const located = metaPath ? await reported(context, () => readArticleMeta(metaPath)) : undefined;
  const articlePath = located?.articlePath ?? sources.articlePath;
  const maxBytes = { ...(sources.maxBytes !== undefined && { maxBytes: sources.maxBytes }) };
  const article = articlePath ? await reported(context, () => readArticle(articlePath, maxBytes)) : undefined;
  const meta = located?.value ?? (article && !metaPath ? articleMetaFromText(article) : undefined);
  const facts = factsPath ? await reported(context, () => readFacts(factsPath)) : undefined;
  return { ...(gazetteer && { gazetteer }), ...(meta && { meta }), ...(article && { article }), ...(facts && { facts }) };
}

function check({ gazetteer, facts, meta }: ArticleWork, context: StageContext): Partial<ArticleWork> {
  const g = gazetteer!;
  const own = context.shared(`checked ${g.file}`, () => checkGazetteer(g));
  own.forEach((p) => context.report(p));
  // Facts are checked against a gazetteer that passed its own checks, not against a broken one.
  if (facts && own.length === 0) checkFacts(facts, g.value, meta).forEach((p) => context.report(p));
  return {};
}

function resolve({ facts, article }: ArticleWork, context: StageContext): Partial<ArticleWork> {
  if (!facts) return { resolved: [] };
  const { resolved, problems } = resolveFacts(facts.value, article!.text, { file: facts.file, article: basename(article!.file), locate: facts.locate });
  problems.forEach((p) => context.report(p));
  return { resolved };
}

function build({ gazetteer, meta, article, facts, resolved }: ArticleWork, context: StageContext): Partial<ArticleWork> {
  const names = context.shared(`names ${gazetteer!.file}`, (): NameIndex => buildNameIndex(gazetteer!.value.entities));
  const input = { meta: meta!, text: article!.text, sha256: article!.sha256, file: article!.file };
  try {
    // A curated facts file vouches for the article's reading (see buildSourceGraph's `trusted`).
    return { built: buildSourceGraph(input, names, resolved!, { trusted: facts !== undefined }) };
  } catch (e) {
    // buildSourceGraph throws its validate step's problems.
    if (!(e instanceof InputError)) throw e;
    e.problems.forEach((p) => context.report(p));
    return {};
  }
}

export const ARTICLE_STAGES: readonly Stage<ArticleWork>[] = [
  { name: "read", reads: ["sources"], produces: ["gazetteer", "meta", "article", "facts"], afterErrors: true, run: read },
  { name: "check", reads: ["gazetteer"], produces: [], afterErrors: true, run: check },
  { name: "resolve", reads: ["article"], produces: ["resolved"], afterErrors: true, run: resolve },
  { name: "build", reads: ["gazetteer", "meta", "article", "resolved"], produces: ["built"], afterErrors: false, run: build },
];

/**
 * Runs `stages` in their order over `work`. A stage runs when what it reads is there, and, once a
 * stage has reported an error, only if it runs after errors; warnings never stop the run.
 */
export async function runStages<W extends object>(
  work: W,
  stages: readonly Stage<W>[],
  context: StageContext,
): Promise<{ work: W; failed: boolean }> {
  let failed = false;
  const inner: StageContext = {
    shared: (key, make) => context.shared(key, make),
    report(problem) {
      if (problem.severity === "error") failed = true;
      context.report(problem);
    },
  };
  let current = work;
  for (const stage of stages) {
    if (failed && !stage.afterErrors) break;
    if (!stage.reads.every((field) => current[field] !== undefined)) continue;
    const added = await stage.run(current, inner);
    const undeclared = Object.keys(added).filter((field) => !(stage.produces as readonly string[]).includes(field));
    if (undeclared.length > 0) throw new Error(`stage "${stage.name}" produced ${undeclared.join(", ")}, which it does not declare`);
    current = { ...current, ...added };
  }
  return { work: current, failed };
}

/** A fresh per-run memo for StageContext.shared. */
export function sharedPerRun(): StageContext["shared"] {
  const memo = new Map<string, unknown>();
  return <T>(key: string, make: () => T): T => {
    if (!memo.has(key)) memo.set(key, make());
    return memo.get(key) as T;
  };
}

export interface ArticlesRun {
  /** The work of every article, in the order given. */
  articles: ArticleWork[];
  /** Every problem of every article; one that several articles share (a gazetteer's) once. */
  problems: Problem[];
}

/**
 * Runs the article stages for each article. Problems are gathered, not thrown, so that one run
 * shows the mistakes of every file; `onBuilt` sees each article whose graph was built.
 */
export async function runArticles(
  articles: readonly ArticleSources[],
  stages: readonly Stage<ArticleWork>[] = ARTICLE_STAGES,
  onBuilt?: (work: ArticleWork) => void,
): Promise<ArticlesRun> {
  const problems = new Map<string, Problem>();
  const context: StageContext = {
    shared: sharedPerRun(),
    report: (p) => {
      const key = `${p.severity} ${p.origin} ${formatProblem(p)}`;
      if (!problems.has(key)) problems.set(key, p);
    },
  };
  const done: ArticleWork[] = [];
  for (const sources of articles) {
    const { work } = await runStages<ArticleWork>({ sources }, stages, context);
    done.push(work);
    if (work.built) onBuilt?.(work);
  }
  return { articles: done, problems: [...problems.values()] };
}

/** Throws an InputError holding every problem when any is an error; else returns the warnings. */
export function warningsOrThrow(problems: readonly Problem[]): Problem[] {
  if (problems.some((p) => p.severity === "error")) throw new InputError([...problems]);
  return [...problems];
}
