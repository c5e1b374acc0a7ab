import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

function parsePartialDate(value: unknown): string {
  if (typeof value === "string" && PARTIAL_DATE.test(value)) return value;
  throw new GraphQLError(`PartialDate must look like "2017", "2017-07" or "2017-07-15"; got ${JSON.stringify(value)}`, {
    extensions: { code: "BAD_USER_INPUT" },
  });
}

/** Declared in schema/queries.graphql; compared as text with Claim.dateSort, so the format must be exact. */
export const PartialDate = new GraphQLScalarType({
  name: "PartialDate",
  serialize: parsePartialDate,
  parseValue: parsePartialDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("PartialDate must be a string", { nodes: ast, extensions: { code: "BAD_USER_INPUT" } });
    return parsePartialDate(ast.value);
  },
});
