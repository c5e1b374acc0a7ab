import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import { GraphQLError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { Neo4jError, error as neo4jErrorCodes } from "neo4j-driver";
import type { Logger } from "pino";

/**
 * Database failures as clients should see them: a clear code and HTTP status instead of
 * INTERNAL_SERVER_ERROR, and never a Cypher text or a stack trace.
 */

export function isNeo4jUnavailable(e: unknown): boolean {
  return (
    e instanceof Neo4jError &&
    (e.code === neo4jErrorCodes.SERVICE_UNAVAILABLE ||
      e.code === neo4jErrorCodes.SESSION_EXPIRED ||
      e.code.startsWith("Neo.ClientError.Security.") ||
      e.code === "Neo.ClientError.Database.DatabaseNotFound" ||
      e.code === "Neo.TransientError.General.DatabaseUnavailable" ||
      e.message.startsWith("Connection acquisition timed out"))
  );
}

function isTimeout(e: unknown): boolean {
  return e instanceof Neo4jError && e.code.startsWith("Neo.ClientError.Transaction.TransactionTimedOut");
}

/** The search fields escape their phrase; this catches a Lucene syntax error from any other path. */
function isLuceneSyntaxError(e: unknown): boolean {
  return e instanceof Neo4jError && e.code === "Neo.ClientError.Procedure.ProcedureCallFailed" && /ParseException|Cannot parse/.test(e.message);
}

function serviceUnavailable(): GraphQLError {
  return new GraphQLError("The graph database is not reachable right now; try again shortly.", {
    extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503 } },
  });
}

/** The client-facing error for a database failure, or the error itself when it is none of those. */
function classifyDatabaseError(e: unknown): unknown {
  if (isNeo4jUnavailable(e)) return serviceUnavailable();
  if (isTimeout(e)) {
    return new GraphQLError("The query took too long and was stopped; ask for less (smaller limit, fewer nested lists).", {
      extensions: { code: "QUERY_TIMEOUT", http: { status: 504 } },
    });
  }
  if (isLuceneSyntaxError(e)) {
    return new GraphQLError("The search phrase is not valid full-text query syntax.", {
      extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
    });
  }
  return e;
}

/**
 * Every root field runs exactly one Cypher query, so every database failure passes through a root
 * resolver: wrapping those is enough to classify them all.
 */
export function classifyRootErrors(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = async (...args) => {
      try {
        return await resolve(...args);
      } catch (e) {
        throw classifyDatabaseError(e);
      }
    };
  }
}

/** Unexpected errors are logged in full here and reach the client as a bare INTERNAL_SERVER_ERROR. */
export function formatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== "INTERNAL_SERVER_ERROR") return formatted;
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, "internal error in a GraphQL request");
    return { message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}
