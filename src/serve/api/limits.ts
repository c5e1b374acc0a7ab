import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationTypeNode,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";

/**
 * What one request may ask of the graph. @limit (schema/graph.graphql) clamps page sizes silently;
 * here oversized arguments are refused instead, so a client learns its page was not what it asked.
 */
const MAX_PAGE_SIZE = 100;
/** The page size when a list's limit/first is left out: @limit(default: 20) in the schema. */
const DEFAULT_PAGE_SIZE = 20;
/**
 * A page's `first` (schema/graph.graphql, *Page fields): the page's nodes are a @cypher list, which
 * @neo4j/graphql cuts at the item type's @limit default whatever the page asked for.
 */
const MAX_PAGE_FIRST = DEFAULT_PAGE_SIZE;
const MAX_HOPS = 4;
const MAX_OFFSET = 10_000;
/** Names and search phrases: Lucene refuses queries of more than 1024 clauses. */
const MAX_TEXT_ARGUMENT = 200;
/**
 * Upper bound on the objects one query may return, counted as the product of the page sizes
 * along each nested list: entities(limit: 100) { claimsAsSubject(limit: 100) { evidence { id } } }
 * could return 100 + 10 000 + 200 000. Depth and cost limits alone miss this (one short, shallow
 * query), and the transaction timeout would only stop it after the database did the work.
 */
const MAX_RESULT_OBJECTS = 10_000;

const NUMBER_BOUNDS: Readonly<Record<string, readonly [min: number, max: number]>> = {
  limit: [0, MAX_PAGE_SIZE],
  first: [0, MAX_PAGE_SIZE],
  offset: [0, MAX_OFFSET],
  maxHops: [1, MAX_HOPS],
};
const TEXT_ARGUMENTS = new Set(["name", "phrase"]);
const PAGE_ARGUMENTS = ["limit", "first"];

function badUserInput(message: string, node?: ASTNode) {
  return new GraphQLError(message, { nodes: node, extensions: { code: "BAD_USER_INPUT", http: { status: 400 } } });
}

function checkArgumentValues(args: Record<string, unknown>, node: FieldNode): void {
  for (const [name, value] of Object.entries(args)) {
    const bounds = NUMBER_BOUNDS[name];
    if (bounds && typeof value === "number" && (value < bounds[0] || value > bounds[1])) {
      throw badUserInput(`${name} must be between ${bounds[0]} and ${bounds[1]}; got ${value}`, node);
    }
    if (TEXT_ARGUMENTS.has(name) && typeof value === "string" && value.length > MAX_TEXT_ARGUMENT) {
      throw badUserInput(`${name} may be at most ${MAX_TEXT_ARGUMENT} characters long`, node);
    }
  }
}

/** A page of a list (schema/graph.graphql: ClaimPage, QuotePage, MentionPage): its nodes and where it ends. */
function isPage(type: GraphQLNamedType | undefined): boolean {
  return isObjectType(type) && "nodes" in type.getFields() && "pageInfo" in type.getFields();
}

/** How many items one list field may return; lists without limit/first are bounded elsewhere. */
function pageSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const arg = PAGE_ARGUMENTS.find((name) => field.args.some((a) => a.name === name));
  if (!arg) return 1;
  const value = args[arg];
  return typeof value === "number" ? value : DEFAULT_PAGE_SIZE;
}

/**
 * Checks the operation about to run, with its arguments as execution will see them (variables,
 * their defaults, argument defaults): every bounded argument, and the result-size estimate.
 * Throws BAD_USER_INPUT (HTTP 400).
 */
function checkOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown>): void {
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  // Bad variables are reported by execution itself, as BAD_USER_INPUT.
  if (variables.errors) return;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const root = schema.getRootType(operation.operation);
  let objects = 0;
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, multiplier: number): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), multiplier);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, multiplier);
      } else if (isObjectType(parent) || isInterfaceType(parent)) {
        // Introspection fields (__schema, __type, __typename) are not in getFields(): skipped.
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const args = getArgumentValues(field, selection, variables.coerced);
        checkArgumentValues(args, selection);
        if (parent !== root && args.sort !== undefined) {
          throw badUserInput(
            `sort is not available on ${parent.name}.${field.name}: sorting a list inside an object reads all of it first; use the …Page fields, which read in index order.`,
            selection,
          );
        }
        const first = args.first;
        if (isPage(getNamedType(field.type)) && typeof first === "number" && first > MAX_PAGE_FIRST) {
          throw badUserInput(`first must be between 0 and ${MAX_PAGE_FIRST} on a page (${field.name}); got ${first}. Ask for the next page with after.`, selection);
        }
        if (!selection.selectionSet) continue;
        // A page's nodes are the items its parent field counted already.
        const items = isPage(parent) ? multiplier : multiplier * pageSize(field, args);
        if (!isPage(parent)) objects += items;
        if (objects > MAX_RESULT_OBJECTS) {
          throw badUserInput(
            `This query could return more than ${MAX_RESULT_OBJECTS} objects; ask for smaller pages (limit, first) or fewer nested lists.`,
            selection,
          );
        }
        walk(selection.selectionSet, getNamedType(field.type), items);
      }
    }
  };
  if (root) walk(operation.selectionSet, root, 1);
}

/**
 * Runs once the operation is known, before any resolver: refuses mutations and subscriptions
 * (the schema has none, and graphql-js would only notice during execution, as an internal
 * error), out-of-bounds arguments and queries whose result could be too large.
 */
export const requestLimitsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        // Typed optional, but Apollo has resolved the operation by the time this hook runs.
        if (!operation) return;
        if (operation.operation !== OperationTypeNode.QUERY) {
          throw new GraphQLError(`This API is read-only; a ${operation.operation} cannot run.`, {
            nodes: operation,
            extensions: { code: "BAD_REQUEST", http: { status: 400 } },
          });
        }
        checkOperation(schema, document, operation, request.variables ?? {});
      },
    };
  },
};

/** Documents longer than this many tokens are refused by the parser itself (graphql-js maxTokens). */
export const MAX_TOKENS = 2000;

/**
 * Shape limits, checked before execution: nesting depth (a legitimate query goes
 * entity → claims → evidence → source, about 5 deep), aliases (the "alias bomb"), a cost estimate,
 * directives; and no "Did you mean ...?" hints that map the schema out. Token counting is left to
 * graphql-js's parser (MAX_TOKENS): armor's token plugin throws during parsing, which Apollo
 * answers with HTTP 500 instead of 400.
 */
export function armor(): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: 8 },
    maxAliases: { n: 15 },
    costLimit: { maxCost: 5000 },
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  // graphql-armor is CommonJS and so types its plugins with @apollo/server's CommonJS declarations;
  // they describe the same runtime objects as the ESM declarations this project imports, but
  // TypeScript treats the two declaration sets as distinct types, hence the cast.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}
