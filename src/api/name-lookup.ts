import type { GraphQLSchema } from "graphql";
import { fold } from "../text/arabic.js";

/**
 * Name lookup keys for Query.entitiesByName. The loader stores each entity's names and aliases
 * folded with fold as `searchKeys`; the query side folds with the same function, so the two
 * can never drift apart, then tries the leading clitics off, because the gazetteer lists bare names
 * ("قطر") while the text says "لقطر", "وقطر", "بالتحالف", "للتحالف".
 */

const CONJUNCTIONS = ["", "و", "ف"];
const PREPOSITIONS = ["", "ب", "ل", "ك"];
const ARTICLE = "ال";
/** A stripped form shorter than this is no name any more ("ل" of "لبنان"). */
const MIN_KEY_LENGTH = 2;

/** The folded name first (exact matches rank first), then its clitic-stripped forms. */
export function nameLookupKeys(name: string): string[] {
  const folded = fold(name);
  const keys = new Set<string>([folded]);
  for (const conjunction of CONJUNCTIONS) {
    if (!folded.startsWith(conjunction)) continue;
    const afterConjunction = folded.slice(conjunction.length);
    for (const preposition of PREPOSITIONS) {
      if (!afterConjunction.startsWith(preposition)) continue;
      const rest = afterConjunction.slice(preposition.length);
      keys.add(rest);
      if (rest.startsWith(ARTICLE)) keys.add(rest.slice(ARTICLE.length));
      // لل is ل + ال with the alef written away: "للتحالف" is "ل" + "التحالف".
      if (preposition === "ل" && rest.startsWith("ل")) {
        keys.add("ا" + rest);
        keys.add(rest.slice(1));
      }
    }
  }
  return [...keys].filter((k) => k.length >= MIN_KEY_LENGTH);
}

/**
 * @cypher statements see only their field's own arguments, verbatim; the folded keys reach
 * entitiesByName's statement as the Cypher parameter $sanadNameKeys. The context is copied per
 * call because aliased calls of the field run concurrently on the request's one context.
 */
export function injectNameKeys(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields().entitiesByName;
  const resolve = field?.resolve;
  if (!field || !resolve) throw new Error("schema has no resolvable Query.entitiesByName");
  field.resolve = (root, args: { name: string }, context: { cypherParams?: Record<string, unknown> }, info) =>
    resolve(root, args, { ...context, cypherParams: { ...context.cypherParams, sanadNameKeys: nameLookupKeys(args.name) } }, info);
}
