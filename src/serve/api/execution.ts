import type { Neo4jGraphQLContext } from "@neo4j/graphql";
import neo4j, { type Driver, type EagerResult, type QueryConfig, type RoutingControl, type SessionConfig } from "neo4j-driver";

/**
 * How the API's statements reach Neo4j: as read transactions (on a cluster, routed to a secondary
 * or follower; through neo4j:// the driver keeps the routing table), after the bookmarks a client
 * sends, so that one that has just written through the leader reads its own writes.
 */

/**
 * The header that carries bookmarks (what `npm run ingest` prints after its writes). Several may
 * come, comma-separated or in repeated headers; the read then waits until the server it is routed
 * to has applied all of them.
 */
export const BOOKMARK_HEADER = "X-Neo4j-Bookmark";

/** The bookmarks of a request's header value (Express joins repeated headers with ", "). */
export function requestBookmarks(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

type Work = (tx: { run(query: string, parameters: Record<string, unknown>): Promise<EagerResult> }) => Promise<EagerResult>;

/**
 * What @neo4j/graphql runs a request's statement through: a driver-like object whose sessions run
 * it as `driver.executeQuery`, with the routing @neo4j/graphql asks for (READ for every query; the
 * schema has no mutations). @neo4j/graphql's own path (session.executeRead) waits for BEGIN's
 * answer before it sends the statement, a round trip more per request than executeQuery, which
 * pipelines BEGIN with RUN (both retry transient errors alike). Without bookmarks, executeQuery
 * chains this process's transactions through the driver's own bookmark manager. The result has
 * what @neo4j/graphql reads of it: records and summary.
 */
export function pipelinedExecution(driver: Driver, bookmarks: readonly string[] = []): Neo4jGraphQLContext["executionContext"] {
  const bookmarkManager = bookmarks.length > 0 ? neo4j.bookmarkManager({ initialBookmarks: [...bookmarks] }) : undefined;
  const session = (config: SessionConfig = {}) => {
    const run = (routing: RoutingControl) => (work: Work, transactionConfig?: QueryConfig["transactionConfig"]) =>
      work({
        run: (query, parameters) =>
          driver.executeQuery(query, parameters, { database: config.database, routing, transactionConfig, ...(bookmarkManager ? { bookmarkManager } : {}) }),
      });
    return { executeRead: run(neo4j.routing.READ), executeWrite: run(neo4j.routing.WRITE), close: () => Promise.resolve() };
  };
  // @neo4j/graphql tells a driver by its session function (classes/Executor.js, isDriverLike).
  return { session } as unknown as Driver;
}
