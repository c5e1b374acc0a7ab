import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { Neo4jGraphQL, type Neo4jGraphQLContext } from "@neo4j/graphql";
import cors from "cors";
import express, { type ErrorRequestHandler, type Express, type Request } from "express";
import type { Driver } from "neo4j-driver";
import { pino, type Logger } from "pino";
import type { Env } from "../../config.js";
import { BROWSER_ASSETS_PATH } from "../../neo4j/browser.js";
import { fromRoot } from "../../paths.js";
import { annotationRoute, sourceTextRoute } from "./annotations.js";
import { apiAuthentication } from "./auth.js";
import { ApiStartupError, classifyRootErrors, formatError, isNeo4jUnavailable } from "./errors.js";
import { BOOKMARK_HEADER, pipelinedExecution, requestBookmarks } from "./execution.js";
import { browserAssets } from "./browser-assets.js";
import { graphiqlRouter } from "./graphiql/page.js";
import { pageRouter } from "../pages/routes.js";
import { armor, MAX_TOKENS, requestLimitsPlugin } from "./limits.js";
import { injectDerivedParams } from "./name-lookup.js";
import { PartialDate } from "./scalars.js";

/**
 * The GraphQL API over the article graph (schema/*.graphql), on Express 5: POST /graphql,
 * GET /health (the process lives), GET /ready (Neo4j answers), GET /annotations/{claims,quotes}/:id
 * (W3C Web Annotations), GET /sources/:id (the text offsets count in; the reading view for browsers),
 * GET /entities/:id (an entity's page), GET / (offline GraphiQL).
 */

const SCHEMA_DIR = fromRoot("schema");
const GRAPHQL_PATH = "/graphql";

/** How long /ready waits for Neo4j before calling it not ready. */
const READY_TIMEOUT_MS = 3_000;

function loadTypeDefs(dir = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

type ApiContext = Neo4jGraphQLContext & { cypherParams: { sanadBaseUrl: string } };

export interface ApiOptions {
  driver: Driver;
  env: Env;
  logger?: Logger;
}

export interface App {
  app: Express;
  apollo: ApolloServer;
}

export { ApiStartupError };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Builds the app; Neo4j need not be up. An incompatible Neo4j (version, missing functions) stops
 * start-up with a clear message; an unreachable one does not: the API starts, /ready says 503
 * and GraphQL answers SERVICE_UNAVAILABLE until the driver reaches Neo4j again. Only success is
 * remembered, so nothing cached at start-up keeps it failing after Neo4j comes back.
 */
export async function createApp({ driver, env, logger = pino({ level: env.LOG_LEVEL }) }: ApiOptions): Promise<App> {
  const auth = apiAuthentication(env);
  const database = env.NEO4J_DATABASE;
  const sessionConfig = database ? { database } : undefined;
  const neoSchema = new Neo4jGraphQL({
    typeDefs: loadTypeDefs(),
    resolvers: { PartialDate },
    // A new API has no clients of the forms @neo4j/graphql 7 keeps only for compatibility: without
    // them the schema is half the size and each filter has one spelling.
    features: {
      authorization: auth.authorization,
      excludeDeprecatedFields: {
        mutationOperations: true,
        aggregationFilters: true,
        aggregationFiltersOutsideConnection: true,
        relationshipFilters: true,
        attributeFilters: true,
      },
    },
  });
  let schema;
  try {
    schema = await neoSchema.getSchema();
  } catch (e) {
    // @neo4j/graphql rejects invalid type definitions with an array of errors, one per problem.
    const problems = (Array.isArray(e) ? e : [e]).map((p: unknown) => (p instanceof Error ? p.message : String(p)));
    throw new ApiStartupError(`${SCHEMA_DIR}/*.graphql is not a valid @neo4j/graphql schema:\n  ${problems.join("\n  ")}`);
  }
  injectDerivedParams(schema);
  classifyRootErrors(schema);

  let compatible = false;
  const checkCompat = async () => {
    if (compatible) return;
    await neoSchema.checkNeo4jCompat({ driver, sessionConfig });
    compatible = true;
  };
  try {
    await checkCompat();
  } catch (e) {
    if (!isNeo4jUnavailable(e)) {
      throw new ApiStartupError(`This Neo4j cannot serve the API: ${e instanceof Error ? e.message : String(e)}`);
    }
    logger.warn("Neo4j is not reachable yet; /ready answers 503 until it is");
  }

  const { plugins: armorPlugins, validationRules } = armor();
  // The context's shape matters to @neo4j/graphql only, which reads it untyped; ApiContext checks it below.
  const apollo = new ApolloServer({
    schema,
    introspection: env.SANAD_INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    allowBatchedHttpRequests: false,
    validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    // GET / serves GraphiQL from this process; Apollo's landing page would load its UI from a CDN.
    plugins: [...armorPlugins, requestLimitsPlugin, ApolloServerPluginLandingPageDisabled()],
    formatError: formatError(logger),
    // The commands own SIGINT/SIGTERM (close the API, the driver, the Neo4j they started); Apollo's
    // handler would re-raise the signal once it stopped and kill the process half-way through that.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const executionContext = pipelinedExecution(driver);
  const publicBase = (req: Request) => env.SANAD_PUBLIC_URL?.replace(/\/+$/, "") ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
  const app = express();
  app.disable("x-powered-by");
  app.use(cors({ origin: env.SANAD_CORS_ORIGINS.length > 0 ? env.SANAD_CORS_ORIGINS : false }));

  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/ready", async (_req, res) => {
    try {
      await withTimeout(
        (async () => {
          // An auto-commit query is not retried, so an outage shows at once; the compatibility
          // check (retried reads) runs only until it has passed once.
          const session = driver.session({ database, defaultAccessMode: "READ" });
          try {
            await session.run("RETURN 1");
          } finally {
            await session.close();
          }
          await checkCompat();
        })(),
        READY_TIMEOUT_MS,
        "Neo4j",
      );
      res.json({ status: "ready" });
    } catch (e) {
      const reason = isNeo4jUnavailable(e) ? "Neo4j is not reachable" : e instanceof Error ? e.message : String(e);
      res.status(503).json({ status: "unavailable", reason });
    }
  });
  // Static pages hold no data, and a browser cannot send a bearer token when it opens one.
  app.use(BROWSER_ASSETS_PATH, browserAssets());
  app.use(graphiqlRouter(GRAPHQL_PATH));
  // Every route from here on reads the graph.
  if (auth.gate) app.use(auth.gate);
  app.get("/annotations/:kind/:id", annotationRoute(driver, publicBase, database, logger));
  // The reading view and entity pages; /sources/:id falls through to the plain text for tools.
  app.use(pageRouter(driver, { database, timeoutMs: env.SANAD_QUERY_TIMEOUT_MS }, logger));
  app.get("/sources/:id", sourceTextRoute(driver, database, logger));
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: env.SANAD_MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<ApiContext> => ({
        ...auth.context(req.get("authorization")),
        executionContext: req.get(BOOKMARK_HEADER) ? pipelinedExecution(driver, requestBookmarks(req.get(BOOKMARK_HEADER))) : executionContext,
        sessionConfig,
        transaction: { timeout: env.SANAD_QUERY_TIMEOUT_MS, metadata: { app: "sanad-api" } },
        cypherParams: { sanadBaseUrl: publicBase(req) },
      }),
    }),
  );
  app.use(bodyErrors(env.SANAD_MAX_BODY, logger));
  return { app, apollo };
}

/** Body-parser failures in the GraphQL response shape, so GraphQL clients can show them. */
function bodyErrors(maxBody: string, logger: Logger): ErrorRequestHandler {
  return (err: { type?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const reply = (status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });
    if (err.type === "entity.too.large") reply(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBody}.`);
    else if (err.type === "entity.parse.failed") reply(400, "BAD_REQUEST", "The request body is not valid JSON.");
    else if (err.status && err.status >= 400 && err.status < 500) reply(err.status, "BAD_REQUEST", "The request could not be read.");
    else {
      logger.error({ err }, "request failed");
      reply(500, "INTERNAL_SERVER_ERROR", "Internal server error");
    }
  };
}

export interface RunningApi {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** createApp, listening on `port` (default env.PORT; 0 picks a free one) at env.HOST. */
export async function startApi({ port, ...options }: ApiOptions & { port?: number }): Promise<RunningApi> {
  const { app, apollo } = await createApp(options);
  const server = createServer(app);
  const host = options.env.HOST;
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port ?? options.env.PORT, host, () => ok());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${actualPort}${GRAPHQL_PATH}`,
    port: actualPort,
    async close() {
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      await apollo.stop();
      await closed;
    },
  };
}
