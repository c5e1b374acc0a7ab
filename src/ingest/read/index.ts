export { checkSeedFile, formatPath, parsePath, parseSeedFile, type Located, type PathKey, type Position, type SeedParse } from "./parse.js";
export { checkAliasCollisions, checkDuplicateIds, checkFacts, checkGazetteer, checkPartOf } from "./checks.js";
export { decodeArticle, firstInvalidUtf8, MAX_ARTICLE_BYTES, readArticle, type ArticleOptions, type ArticleText } from "./article.js";
export { articleMetaFromText, factsPathFor, loadSeedArticle, type ArticleSources, readArticleMeta, readFacts, readGazetteer, type LocatedMeta, type SeedArticle } from "./read.js";
