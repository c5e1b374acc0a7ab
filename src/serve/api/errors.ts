import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import { GraphQLError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { Neo4jError, error as neo4jErrorCodes } from "neo4j-driver";
import type { Logger } from "pino";

/**
 * Database failures as clients should see them: a clear code and HTTP status instead of
 * INTERNAL_SERVER_ERROR, and never a Cypher text or a stack trace.
 */

/** A reason the API cannot start that the operator can fix (schema, Neo4j version, authentication settings). */
export class ApiStartupError extends Error {
  override name = "ApiStartupError";
}

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

const neo4jCode = (e: unknown, matches: (code: string) => boolean) => e instanceof Neo4jError && matches(e.code);

/** A failure clients can act on, as they see it: a sentence, a code and an HTTP status. */
interface ClientFailure {
  is(e: unknown): boolean;
  message: string;
  code: string;
  status: number;
}

const CLIENT_FAILURES: ClientFailure[] = [
  { is: isNeo4jUnavailable, message: "The graph database is not reachable right now; try again shortly.", code: "SERVICE_UNAVAILABLE", status: 503 },
  {
    is: (e) => neo4jCode(e, (c) => c.startsWith("Neo.ClientError.Transaction.TransactionTimedOut")),
    message: "The query took too long and was stopped; ask for less (smaller limit, fewer nested lists).",
    code: "QUERY_TIMEOUT",
    status: 504,
  },
  // @neo4j/graphql's refusal under @authentication: a GraphQLError of that message and no code.
  {
    is: (e) => e instanceof GraphQLError && e.message === "Unauthenticated" && e.extensions.code === undefined,
    message: "Authentication required: send Authorization: Bearer <JWT>.",
    code: "UNAUTHENTICATED",
    status: 401,
  },
  {
    is: (e) => neo4jCode(e, (c) => c.startsWith("Neo.ClientError.Transaction.InvalidBookmark")),
    message: "The X-Neo4j-Bookmark header holds a bookmark this database did not issue.",
    code: "BAD_USER_INPUT",
    status: 400,
  },
  // The server a read went to had not applied the bookmark's writes within db.transaction.bookmark_ready_timeout.
  {
    is: (e) => neo4jCode(e, (c) => c === "Neo.TransientError.Transaction.BookmarkTimeout"),
    message: "The database has not caught up with the X-Neo4j-Bookmark yet; try again shortly.",
    code: "SERVICE_UNAVAILABLE",
    status: 503,
  },
  // The search fields escape their phrase; this catches a Lucene syntax error from any other path.
  {
    is: (e) => neo4jCode(e, (c) => c === "Neo.ClientError.Procedure.ProcedureCallFailed") && /ParseException|Cannot parse/.test((e as Error).message),
    message: "The search phrase is not valid full-text query syntax.",
    code: "BAD_USER_INPUT",
    status: 400,
  },
];

/** The client-facing error for a failure clients can act on, or the error itself when it is none of those. */
function classifyDatabaseError(e: unknown): unknown {
  const failure = CLIENT_FAILURES.find((f) => f.is(e));
  return failure ? new GraphQLError(failure.message, { extensions: { code: failure.code, http: { status: failure.status } } }) : e;
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
