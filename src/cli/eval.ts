import { readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { formatDev } from "../tools/eval/dev-format.js";
import { runDev } from "../tools/eval/dev-run.js";
import { nerModel, parseConll, readNerGazetteer, tagWords } from "../ingest/extract/ner/index.js";
import { formatNerScore, scoreNer } from "../tools/eval/ner.js";
import { fail } from "./output.js";

/** `npm run eval -- <subcommand>`: the pipeline measured against annotated data; no database needed. */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const program = new Command("eval").description("Measure the pipeline against annotated data");

program
  .command("dev")
  .description("Score entities, relations, quotes and dates against a gold folder (gold.json beside its .txt files)")
  .argument("[dir]", "gold folder, relative to the repository root", "../shared/realnews-dev")
  .option("--gazetteer <file>", "gazetteer, relative to the repository root", "seed/gazetteer.yaml")
  .option("--json <file>", "also write the numbers as JSON")
  .option("--details", "per document: missed entities, false merges, missed relations, misattributed quotes")
  .option("--markdown", "print the EVALUATION.md section")
  .action(async (dir: string, opts: { gazetteer: string; json?: string; details?: boolean; markdown?: boolean }) => {
    const run = await runDev(resolve(REPO, dir), resolve(REPO, opts.gazetteer));
    const args = process.argv.slice(2).filter((a) => a !== "--markdown" && a !== "--details");
    console.log(formatDev(run, { command: `npm run eval -- ${args.join(" ")}`, markdown: opts.markdown ?? false, details: opts.details ?? false }));
    if (opts.json) await writeFile(opts.json, `${JSON.stringify(run, null, 2)}\n`);
  });

program
  .command("ner")
  .description("conlleval precision, recall and F1 (exact chunks) of the NER tagger on a CoNLL file, and its speed")
  .argument("<file>", "CoNLL file: `word TAG` a line, a blank line between sentences")
  .option("--gazetteer <file>", "gazetteer, relative to the repository root", "seed/gazetteer.yaml")
  .action(async (file: string, opts: { gazetteer: string }) => {
    const sentences = parseConll(await readFile(file, "utf8"));
    const gazetteer = await readNerGazetteer(resolve(REPO, opts.gazetteer));
    nerModel();
    const started = performance.now();
    const predicted = sentences.map((s) => tagWords(s.words, gazetteer));
    const seconds = (performance.now() - started) / 1000;
    const score = scoreNer(sentences.map((s, i) => ({ gold: s.tags, predicted: predicted[i]! })));
    console.log(formatNerScore(score));
    console.log(`${score.tokens} tokens in ${seconds.toFixed(2)} s: ${Math.round(score.tokens / seconds)} tokens/s`);
  });

program.parseAsync().catch(fail);
