import { basename } from "node:path";
import { buildNameIndex, extract, type Extraction, type NameIndex } from "../extract/index.js";
import type { SourceGraph } from "../../model/graph.js";
import { formatProblem, InputError, type Problem } from "../../model/problem.js";
import type { FactsFile, Gazetteer, Rejections } from "../../model/seed-files.js";
import { checkFacts, checkGazetteer, checkRejections } from "../check/index.js";
import { parse, type ParsedSource } from "../parse/index.js";
import {
  articleMetaFromText,
  factsFileOf,
  readArticle,
  readArticleMeta,
  readFacts,
  readGazetteer,
  readRejections,
  type ArticleSources,
  type ArticleText,
  type Located,
} from "../read/index.js";
import { resolveFacts, type ResolvedFact } from "../resolve/index.js";
import { applyRejections, replacedCandidates } from "../review/index.js";
import { validateSourceGraph } from "../validate/index.js";
import { graphOf, type ArticleInput, type BuiltSource } from "./build.js";

/**
 * The pipeline of one article, declared as data: each stage names what it reads from the article's
 * work record and what it adds to it, and reports problems through one channel. Adding a stage is
 * adding a line to ARTICLE_STAGES.
 *
 *   read → check → index → resolve → parse → extract → graph → review → validate ║ plan → load
 *
 * Plan and load run once for a batch of articles, inside its write transaction (the plan depends
 * on what the database already holds for those sources: src/ingest/load/run.ts), and only when no
 * article has an error: nothing is written for a run with a mistake in it.
 */

/** What one article has become so far; a stage reads some fields and fills others. */
export interface ArticleWork {
  /** The files of an article read from disk; absent when the text arrives in memory. */
  sources?: ArticleSources;
  gazetteer?: Located<Gazetteer>;
  /** The reviewer's rejections beside the gazetteer, when there are any. */
  rejections?: Located<Rejections>;
  /** The gazetteer and the world data as the extractor looks names up. */
  names?: NameIndex;
  /** From the meta file, or derived from the text of an article that has none. */
  meta?: ArticleInput["meta"];
  article?: ArticleText;
  /** Curated facts, when the article has a facts file. */
  facts?: Located<FactsFile>;
  /**
   * A curated facts file vouches for the article's reading, so descriptions ("مذكرة التفاهم",
   * "وزير الدفاع") resolve to the gazetteer's entities without their names.
   */
  trusted?: boolean;
  /** Every curated fact whose evidence words were all found, with their spans. */
  resolved?: ResolvedFact[];
  parsed?: ParsedSource;
  extraction?: Extraction;
  graph?: SourceGraph;
  /** The graph once it passed validation, with what it was built from. */
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
  const { metaPath } = sources!;
  if (!metaPath && !sources!.articlePath) throw new Error("an article needs metaPath or articlePath");
  const factsPath = await factsFileOf(sources!);
  const gazetteer = await reported(context, () => context.shared(`gazetteer ${sources!.gazetteerPath}`, () => readGazetteer(sources!.gazetteerPath)));
  const rejections = await reported(context, () => context.shared(`rejections ${sources!.gazetteerPath}`, () => readRejections(sources!.gazetteerPath)));
  const located = metaPath ? await reported(context, () => readArticleMeta(metaPath)) : undefined;
  const articlePath = located?.articlePath ?? sources!.articlePath;
  const maxBytes = { ...(sources!.maxBytes !== undefined && { maxBytes: sources!.maxBytes }) };
  const article = articlePath ? await reported(context, () => readArticle(articlePath, maxBytes)) : undefined;
  const meta = located?.value ?? (article && !metaPath ? articleMetaFromText(article) : undefined);
  const facts = factsPath ? await reported(context, () => readFacts(factsPath)) : undefined;
  return { ...(gazetteer && { gazetteer }), ...(rejections && { rejections }), ...(meta && { meta }), ...(article && { article }), ...(facts && { facts }), trusted: factsPath !== undefined };
}

function check({ gazetteer, rejections, facts, meta }: ArticleWork, context: StageContext): Partial<ArticleWork> {
  const g = gazetteer!;
  const own = context.shared(`checked ${g.file}`, () => checkGazetteer(g));
  own.forEach((p) => context.report(p));
  if (rejections) context.shared(`checked ${rejections.file}`, () => checkRejections(rejections, g.value)).forEach((p) => context.report(p));
  // Facts are checked against a gazetteer that passed its own checks, not against a broken one.
  if (facts && own.length === 0) checkFacts(facts, g.value, meta).forEach((p) => context.report(p));
  return {};
}

function index({ gazetteer }: ArticleWork, context: StageContext): Partial<ArticleWork> {
  return { names: context.shared(`names ${gazetteer!.file}`, () => buildNameIndex(gazetteer!.value.entities)) };
}

function resolve({ facts, article }: ArticleWork, context: StageContext): Partial<ArticleWork> {
  if (!facts) return { resolved: [] };
  const { resolved, problems } = resolveFacts(facts.value, article!.text, { file: facts.file, article: basename(article!.file), locate: facts.locate });
  problems.forEach((p) => context.report(p));
  return { resolved };
}

function parseText({ article, meta }: ArticleWork): Partial<ArticleWork> {
  return { parsed: parse(article!.text, meta!.id) };
}

function extractFrom({ parsed, names, meta, trusted }: ArticleWork): Partial<ArticleWork> {
  return { extraction: extract(parsed!, names!, { trusted: trusted ?? false, ...(meta!.published && { published: meta!.published }) }) };
}

function graph({ article, meta, names, extraction, resolved }: ArticleWork): Partial<ArticleWork> {
  return { graph: graphOf({ ...article!, meta: meta! }, names!, extraction!, resolved!) };
}

/** Takes out what the reviewer rejected; skipped where no rejections.yaml lies beside the gazetteer. */
function review({ graph, rejections, gazetteer }: ArticleWork, context: StageContext): Partial<ArticleWork> {
  const replaced = context.shared(`replaced ${gazetteer!.file}`, () => replacedCandidates(gazetteer!.value));
  return { graph: applyRejections(graph!, rejections!.value, replaced) };
}

function validate({ graph, parsed, extraction, article }: ArticleWork, context: StageContext): Partial<ArticleWork> {
  const problems = validateSourceGraph(graph!, article!.file);
  problems.forEach((p) => context.report(p));
  return problems.length > 0 ? {} : { built: { graph: graph!, parsed: parsed!, extraction: extraction! } };
}

export const ARTICLE_STAGES: readonly Stage<ArticleWork>[] = [
  { name: "read", reads: ["sources"], produces: ["gazetteer", "rejections", "meta", "article", "facts", "trusted"], afterErrors: true, run: read },
  { name: "check", reads: ["gazetteer"], produces: [], afterErrors: true, run: check },
  { name: "index", reads: ["gazetteer"], produces: ["names"], afterErrors: false, run: index },
  { name: "resolve", reads: ["article"], produces: ["resolved"], afterErrors: true, run: resolve },
  { name: "parse", reads: ["article", "meta"], produces: ["parsed"], afterErrors: false, run: parseText },
  { name: "extract", reads: ["parsed", "names", "meta"], produces: ["extraction"], afterErrors: false, run: extractFrom },
  { name: "graph", reads: ["article", "meta", "names", "extraction", "resolved"], produces: ["graph"], afterErrors: false, run: graph },
  { name: "review", reads: ["graph", "rejections", "gazetteer"], produces: ["graph"], afterErrors: false, run: review },
  { name: "validate", reads: ["graph"], produces: ["built"], afterErrors: false, run: validate },
];

/** The stages that turn a text already in memory into a graph: from `parse` on. */
export const TEXT_STAGES = ARTICLE_STAGES.slice(ARTICLE_STAGES.findIndex((s) => s.name === "parse"));

/** Merges what a stage added into the work, refusing fields the stage did not declare. */
function merged<W extends object>(stage: Stage<W>, current: W, added: Partial<W>): W {
  const undeclared = Object.keys(added).filter((field) => !(stage.produces as readonly string[]).includes(field));
  if (undeclared.length > 0) throw new Error(`stage "${stage.name}" produced ${undeclared.join(", ")}, which it does not declare`);
  return { ...current, ...added };
}

/** Whether a stage runs: what it reads is there, and no error came before unless it runs after errors. */
function due<W extends object>(stage: Stage<W>, current: W, failed: boolean): boolean {
  return (!failed || stage.afterErrors) && stage.reads.every((field) => current[field] !== undefined);
}

/** A context that also remembers whether an error was reported. */
function tracking(context: StageContext): { inner: StageContext; failed: () => boolean } {
  let failed = false;
  const inner: StageContext = {
    shared: (key, make) => context.shared(key, make),
    report(problem) {
      if (problem.severity === "error") failed = true;
      context.report(problem);
    },
  };
  return { inner, failed: () => failed };
}

/**
 * Runs `stages` in their order over `work`. A stage runs when what it reads is there, and, once a
 * stage has reported an error, only if it runs after errors; warnings never stop the run.
 */
export async function runStages<W extends object>(
  work: W,
  stages: readonly Stage<W>[],
  context: StageContext,
): Promise<{ work: W; failed: boolean }> {
  const { inner, failed } = tracking(context);
  let current = work;
  for (const stage of stages) if (due(stage, current, failed())) current = merged(stage, current, await stage.run(current, inner));
  return { work: current, failed: failed() };
}

/** runStages for stages that do no I/O (the text stages), for callers that hold the text in memory. */
export function runStagesNow<W extends object>(work: W, stages: readonly Stage<W>[], context: StageContext): { work: W; failed: boolean } {
  const { inner, failed } = tracking(context);
  let current = work;
  for (const stage of stages) {
    if (!due(stage, current, failed())) continue;
    const added = stage.run(current, inner);
    if (added instanceof Promise) throw new Error(`stage "${stage.name}" does I/O; run it with runStages`);
    current = merged(stage, current, added);
  }
  return { work: current, failed: failed() };
}

/**
 * One article's text, already in memory, through the text stages: its graph, or an InputError
 * holding the validate stage's problems. `facts` are curated facts already resolved to spans.
 */
export function buildSourceGraph(
  input: ArticleInput,
  names: NameIndex,
  facts: readonly ResolvedFact[],
  options: { trusted: boolean },
): BuiltSource {
  const problems: Problem[] = [];
  const { meta, file, text, sha256 } = input;
  const article: ArticleText = { file, text, sha256, bom: false, bytes: Buffer.byteLength(text) };
  const { work } = runStagesNow<ArticleWork>(
    { article, meta, names, resolved: [...facts], trusted: options.trusted },
    TEXT_STAGES,
    { shared: sharedPerRun(), report: (p) => problems.push(p) },
  );
  if (!work.built) throw new InputError(problems);
  return work.built;
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
