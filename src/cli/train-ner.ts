import { readFileSync, writeFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { MODEL_URL, parseConll, readNerGazetteer, tagWords } from "../ingest/extract/ner/index.js";
import { deserializeModel } from "../ingest/extract/ner/model.js";
import { DEFAULT_TRAIN, train } from "../ingest/extract/ner/train.js";
import { formatNerScore, scoreNer } from "../tools/eval/ner.js";
import { fail } from "./output.js";

const NOTICE = `# models/

## ner-anercorp.json.gz

The named-entity tagger's model (an averaged perceptron over BIO tags of PERS, LOC, ORG, MISC),
written by \`npm run train:ner\` from the ANERcorp train split and nothing else of it.

It is derived from ANERcorp in the CAMeL Lab train/test splits (https://camel.abudhabi.nyu.edu/anercorp/)
and is therefore licensed under the Creative Commons Attribution-ShareAlike 4.0 International
License (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/). When using it, cite:

- Benajiba, Y., Rosso, P., Benedí Ruiz, J. M. "ANERsys: An Arabic Named Entity Recognition System Based on
  Maximum Entropy." International Conference on Intelligent Text Processing and Computational Linguistics
  (CICLing 2007), Springer, pp. 143–153.
- Obeid, O., Zalmout, N., Khalifa, S., Taji, D., Oudah, M., Alhafni, B., Inoue, G., Eryani, F., Erdmann, A.,
  Habash, N. "CAMeL Tools: An Open Source Python Toolkit for Arabic Natural Language Processing." LREC 2020,
  pp. 7022–7032.

The test split was used only to report scores.
`;

const SEED_GAZETTEER = new URL("../../seed/gazetteer.yaml", import.meta.url).pathname;

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("a whole number");
  return n;
}

/**
 * \`npm run train:ner\`: trains the tagger on the ANERcorp train split and writes the model with
 * its NOTICE. With --tune F it trains on the first part of the split instead, scores the last
 * fraction F, and writes nothing: the test split is never used to choose features.
 */
const program = new Command("train:ner")
  .description("Train the NER model on a CoNLL file")
  .option("--train <file>", "CoNLL training data", "../shared/anercorp/anercorp-train.txt")
  .option("--gazetteer <file>", "gazetteer", SEED_GAZETTEER)
  .option("--epochs <n>", "passes over the data", positiveInt, DEFAULT_TRAIN.epochs)
  .option("--seed <n>", "shuffling seed", positiveInt, DEFAULT_TRAIN.seed)
  .option("--prune <n>", "drop weights under n thousandths", positiveInt, DEFAULT_TRAIN.prune)
  .option("--tune <fraction>", "hold out the last fraction of the sentences, score it, write nothing", Number)
  .option("--out <file>", "model file", MODEL_URL.pathname)
  .action(async (opts: { train: string; gazetteer: string; epochs: number; seed: number; prune: number; tune?: number; out: string }) => {
    const sentences = parseConll(readFileSync(opts.train, "utf8"));
    const gazetteer = await readNerGazetteer(opts.gazetteer);
    const cut = opts.tune === undefined ? sentences.length : Math.round(sentences.length * (1 - opts.tune));
    const started = performance.now();
    const bytes = train(sentences.slice(0, cut), {
      ...opts,
      gazetteer,
      progress: (epoch, mistakes) => console.error(`epoch ${epoch}: ${mistakes} sentences wrong (${((performance.now() - started) / 1000).toFixed(1)} s)`),
    });
    console.error(`trained on ${cut} sentences in ${((performance.now() - started) / 1000).toFixed(1)} s; model ${(bytes.length / 1e6).toFixed(2)} MB`);
    if (opts.tune !== undefined) {
      const model = deserializeModel(bytes);
      const held = sentences.slice(cut);
      console.log(formatNerScore(scoreNer(held.map((s) => ({ gold: s.tags, predicted: tagWords(s.words, gazetteer, model) })))));
      return;
    }
    writeFileSync(opts.out, bytes);
    writeFileSync(new URL("NOTICE.md", new URL(`file://${opts.out}`)), NOTICE);
    console.error(`wrote ${opts.out}`);
  });

program.parseAsync().catch(fail);
