import { createRequire } from "node:module";
import type { GraphQLArgument, GraphQLField, GraphQLInputType, GraphQLObjectType, GraphQLOutputType, GraphQLSchema, IntrospectionQuery } from "graphql";

// graphql's CommonJS build, the one the API's schema comes from (see src/serve/api/limits.ts).
const g = createRequire(import.meta.url)("graphql") as typeof import("graphql");

/**
 * Cypher-looking strings for every string argument of the API's schema: if any reached a query
 * as text instead of a parameter, it would break out of a string, a map or an identifier and
 * delete the graph (through APOC too, which the server has).
 */
export const CYPHER_LOOKALIKES: readonly string[] = [
  "') DETACH DELETE n //",
  '"}) MATCH (n) DETACH DELETE n //',
  "$param",
  "`n`}) DETACH DELETE n WITH 1 AS x MATCH (`",
  "'}) CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) YIELD value RETURN value //",
  "\\'; MATCH (n) DETACH DELETE n; //",
];

/** One field invocation with a hostile string in one of its string arguments. */
export interface Invocation {
  /** Where the string goes, e.g. "Entity.claimsAsSubject(where.predicate.contains)". */
  target: string;
  /** A root selection carrying the string, e.g. `entities(limit: 1) { claimsAsSubject(where: ...) { __typename } }`. */
  selection: string;
}

export async function fetchSchema(graphqlUrl: string): Promise<GraphQLSchema> {
  const res = await fetch(graphqlUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: g.getIntrospectionQuery() }),
  });
  const body = (await res.json()) as { data?: IntrospectionQuery; errors?: unknown };
  if (!body.data) throw new Error(`introspection failed (${res.status}): ${JSON.stringify(body.errors)}`);
  return g.buildClientSchema(body.data);
}

const isText = (t: GraphQLInputType) => {
  const named = g.getNamedType(t);
  return g.isScalarType(named) && (named.name === "String" || named.name === "ID");
};

/** Paths from an argument down to its String/ID leaves, through input objects, `depth` levels deep. */
function textPaths(type: GraphQLInputType, depth: number): string[][] {
  if (isText(type)) return [[]];
  const named = g.getNamedType(type);
  if (!g.isInputObjectType(named) || depth === 0) return [];
  return Object.values(named.getFields()).flatMap((f) => textPaths(f.type, depth - 1).map((p) => [f.name, ...p]));
}

/** A GraphQL literal for `path` (within `type`) set to `text`, lists wrapped where the schema has them. */
function literal(type: GraphQLInputType, path: readonly string[], text: string): string {
  const wrap = (s: string) => (g.isListType(g.getNullableType(type)) ? `[${s}]` : s);
  if (path.length === 0) return wrap(JSON.stringify(text));
  const named = g.getNamedType(type);
  if (!g.isInputObjectType(named)) throw new Error(`${named.name} has no field ${path[0]}`);
  const field = named.getFields()[path[0]!]!;
  return wrap(`{${field.name}: ${literal(field.type, path.slice(1), text)}}`);
}

function selectionOf(type: GraphQLOutputType): string {
  const named = g.getNamedType(type);
  return g.isObjectType(named) || g.isInterfaceType(named) || g.isUnionType(named) ? " { __typename }" : "";
}

/** `field(arg: value, ...)` with the hostile text at `path` of `arg` and required arguments filled in. */
function call(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument, path: readonly string[], text: string): string {
  const args = field.args.flatMap((a) => {
    if (a === arg) return [`${a.name}: ${literal(a.type, path, text)}`];
    if (!g.isNonNullType(a.type)) return [];
    if (isText(a.type)) return [`${a.name}: ${JSON.stringify(text)}`];
    throw new Error(`cannot fill required argument ${field.name}(${a.name}: ${String(a.type)})`);
  });
  return `${field.name}(${args.join(", ")})${selectionOf(field.type)}`;
}

/** How to reach objects of each type from the root: a root list field, one item. */
function rootPaths(schema: GraphQLSchema): Map<string, (inner: string) => string> {
  const reach = new Map<string, (inner: string) => string>();
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const named = g.getNamedType(field.type);
    const listed = g.isListType(g.getNullableType(field.type));
    if (!g.isObjectType(named) || !listed || reach.has(named.name)) continue;
    if (!field.args.some((a) => a.name === "limit") || field.args.some((a) => g.isNonNullType(a.type))) continue;
    reach.set(named.name, (inner) => `${field.name}(limit: 1) { ${inner} }`);
  }
  return reach;
}

/**
 * Every String or ID argument of every field of the schema with each of the texts; and every
 * String/ID field of their input objects `depth` levels down (depth 2: `where: {name: {contains:
 * ...}}`) with one of the texts in turn, once per input type (the root fields come first): the
 * same input type is translated to Cypher by the same code wherever it is used.
 */
export function injections(schema: GraphQLSchema, texts: readonly string[] = CYPHER_LOOKALIKES, depth = 2): Invocation[] {
  const reach = rootPaths(schema);
  const queryType = schema.getQueryType()!;
  const out: Invocation[] = [];
  const inputPaths = new Set<string>();
  let turn = 0;
  const types = Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => g.isObjectType(t) && !t.name.startsWith("__"))
    .sort((a, b) => Number(b === queryType) - Number(a === queryType));
  for (const type of types) {
    const wrap = type === queryType ? (inner: string) => inner : reach.get(type.name);
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) {
        for (const path of textPaths(arg.type, depth)) {
          if (!wrap) throw new Error(`no way to reach ${type.name} from the root to test ${field.name}(${arg.name})`);
          const inputPath = `${g.getNamedType(arg.type).name}.${path.join(".")}`;
          if (path.length > 0 && inputPaths.has(inputPath)) continue;
          inputPaths.add(inputPath);
          const chosen = path.length === 0 ? texts : [texts[turn++ % texts.length]!];
          for (const text of chosen) {
            out.push({ target: `${type.name}.${field.name}(${[arg.name, ...path].join(".")})`, selection: wrap(call(field, arg, path, text)) });
          }
        }
      }
    }
  }
  return out;
}

/** Invocations as documents of at most `perDocument` aliased root fields (the API allows 15 aliases). */
export function documents(invocations: readonly Invocation[], perDocument = 15): { query: string; targets: string[] }[] {
  const out: { query: string; targets: string[] }[] = [];
  for (let i = 0; i < invocations.length; i += perDocument) {
    const chunk = invocations.slice(i, i + perDocument);
    out.push({ query: `{ ${chunk.map((c, k) => `a${k}: ${c.selection}`).join("\n")} }`, targets: chunk.map((c) => c.target) });
  }
  return out;
}
