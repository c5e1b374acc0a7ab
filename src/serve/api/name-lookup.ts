import type { GraphQLSchema } from "graphql";
import { fold, procliticReadings } from "../../lexicon/index.js";

/**
 * Server-side parameters of the @cypher query fields. Name lookup keys for Query.entitiesByName: the loader stores each entity's names and aliases
 * folded with fold as `searchKeys`; the query side folds with the same function, so the two
 * can never drift apart, then tries the leading clitics off, because the gazetteer lists bare names
 * ("قطر") while the text says "لقطر", "وقطر", "بالتحالف", "للتحالف".
 */

/** The folded name first (exact matches rank first), then its clitic-stripped forms. */
export function nameLookupKeys(name: string): string[] {
  return procliticReadings(fold(name));
}

/** Lucene's special characters (and the backslash itself), searched as themselves once escaped. */
const LUCENE_SPECIAL = /[\\+\-&|!(){}[\]^"~*?:/]/g;

/**
 * A search phrase as plain words for a full-text index: every Lucene operator character escaped,
 * and lower-cased so that AND / OR / NOT are words, not operators.
 */
export function searchPhrase(phrase: string): string {
  return phrase.trim().replace(LUCENE_SPECIAL, (c) => `\\${c}`).toLowerCase();
}

/**
 * The keys as one Lucene query for the entitySearchKeys index: each key an exact term (a quoted
 * phrase, which the keyword analyzer keeps whole), any of them.
 */
export function nameLookupQuery(keys: readonly string[]): string {
  return keys
    .filter((k) => k.length > 0)
    .map((k) => `"${k.replace(/["\\]/g, (c) => `\\${c}`)}"`)
    .join(" OR ");
}

/** Cypher parameters the server derives from a Query field's arguments. */
const DERIVED_PARAMS: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
  entitiesByName: (args) => {
    const keys = nameLookupKeys(String(args.name));
    return { sanadNameKeys: keys, sanadNameQuery: nameLookupQuery(keys) };
  },
  searchQuotes: (args) => ({ sanadPhrase: searchPhrase(String(args.phrase)) }),
  searchClaims: (args) => ({ sanadPhrase: searchPhrase(String(args.phrase)) }),
  searchEntities: (args) => ({ sanadPhrase: searchPhrase(String(args.phrase)) }),
};

/**
 * @cypher statements see only their field's own arguments, verbatim; what the server derives from
 * them (folded name keys, an escaped search phrase) reaches the statement as extra Cypher
 * parameters ($sanadNameKeys, $sanadPhrase). The context is copied per call because aliased calls
 * of a field run concurrently on the request's one context.
 */
export function injectDerivedParams(schema: GraphQLSchema): void {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const [name, derive] of Object.entries(DERIVED_PARAMS)) {
    const field = fields[name];
    const resolve = field?.resolve;
    if (!field || !resolve) throw new Error(`schema has no resolvable Query.${name}`);
    field.resolve = (root, args: Record<string, unknown>, context: { cypherParams?: Record<string, unknown> }, info) =>
      resolve(root, args, { ...context, cypherParams: { ...context.cypherParams, ...derive(args) } }, info);
  }
}
