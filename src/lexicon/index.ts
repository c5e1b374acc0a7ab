/**
 * The lexicon: every Arabic word list and morphological rule the pipeline and the API use, each
 * list saying where its entries come from. Nothing outside src/lexicon defines a word list.
 */
export * from "./arabic.js";
export * from "./boilerplate.js";
export * from "./calendar.js";
export * from "./clitics.js";
export * from "./function-words.js";
export * from "./match.js";
export * from "./names.js";
export * from "./numbers.js";
export * from "./organisations.js";
export * from "./relations.js";
export * from "./reporting.js";
export * from "./titles.js";
