export { CATEGORIES, measureAccuracy, type Accuracy, type Category, type Score } from "./accuracy.js";
export { DEFAULT_CORPUS_SEED, generateArticle, generateCorpus } from "./generate.js";
export { writeNdjsonCorpus } from "./ndjson.js";
export type { GroundTruth, SyntheticArticle, TruthCandidate, TruthDate, TruthMention, TruthQuantity, TruthQuote, TruthSpeaker } from "./truth.js";
