import type { SourceGraph } from "../../model/graph.js";
import { InputError, type Problem } from "../../model/problem.js";
import { sha256Hex } from "../../model/ids.js";
import { articleMetaFromText, readGazetteer, readRejections, type ArticleText } from "../read/index.js";
import { ARTICLE_STAGES, runStages, sharedPerRun, type ArticleWork, type StageContext } from "../pipeline/stages.js";
import type { ArticleItem } from "./inputs.js";

/**
 * One extraction thread (piscina runs this file in each worker): the article stages for one
 * article at a time, no writes. The gazetteer, its checks and its name index (and the NER model
 * the extractor loads) are made once per thread, through the run's shared memo.
 */

export interface ExtractTask {
  item: Extract<ArticleItem, { kind: "files" | "inline" }>;
  gazetteerPath: string;
}

export interface ExtractOutcome {
  /** Present when the article had no error. */
  graph?: SourceGraph;
  problems: Problem[];
  /** Names found that no gazetteer entry has (candidates for review). */
  candidates: number;
}

const shared = sharedPerRun();
const STAGES_AFTER_READ = ARTICLE_STAGES.filter((s) => s.name !== "read");

/** An NDJSON article has been read already: the stages after `read`, with the gazetteer (and rejections) from the memo. */
async function inlineWork(item: Extract<ArticleItem, { kind: "inline" }>, gazetteerPath: string, context: StageContext): Promise<ArticleWork | undefined> {
  try {
    const gazetteer = await context.shared(`gazetteer ${gazetteerPath}`, () => readGazetteer(gazetteerPath));
    const rejections = await context.shared(`rejections ${gazetteerPath}`, () => readRejections(gazetteerPath));
    const article: ArticleText = { file: item.location, text: item.text, sha256: sha256Hex(item.text), bom: false, bytes: Buffer.byteLength(item.text) };
    const meta = item.meta ?? articleMetaFromText(article);
    return { gazetteer, ...(rejections && { rejections }), article, meta, trusted: false };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    e.problems.forEach((p) => context.report(p));
    return undefined;
  }
}

export default async function extractArticle({ item, gazetteerPath }: ExtractTask): Promise<ExtractOutcome> {
  const problems: Problem[] = [];
  const context: StageContext = { shared, report: (p) => problems.push(p) };
  const work = item.kind === "inline" ? await inlineWork(item, gazetteerPath, context) : { sources: { ...item.sources, gazetteerPath } };
  if (!work) return { problems, candidates: 0 };
  const { work: done } = await runStages<ArticleWork>(work, item.kind === "inline" ? STAGES_AFTER_READ : ARTICLE_STAGES, context);
  const failed = problems.some((p) => p.severity === "error");
  return {
    ...(done.built && !failed && { graph: done.built.graph }),
    problems,
    candidates: done.extraction?.candidates.length ?? 0,
  };
}
