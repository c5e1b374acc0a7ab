export { checkSeedFile, parseSeedFile, type Located, type SeedParse } from "./parse.js";
export { decodeArticle, firstInvalidUtf8, MAX_ARTICLE_BYTES, readArticle, type ArticleOptions, type ArticleText } from "./article.js";
export { articleMetaFromText, type ArticleSources, factsFileOf, factsPathFor, type LocatedMeta, readArticleMeta, readFacts, readGazetteer, readRejections, rejectionsPathFor } from "./read.js";
