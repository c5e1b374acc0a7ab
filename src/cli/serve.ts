import neo4j from "neo4j-driver";
import { readEnv } from "../config.js";
import { instanceFromEnv, target } from "../neo4j/local-server.js";
import { API_DRIVER_CONFIG, ApiStartupError, startApi } from "../serve/api/server.js";

/**
 * `npm run serve`: the GraphQL API alone, against NEO4J_URI or the project-managed server, which
 * it neither starts nor seeds (that is `npm start`). Neo4j may come up later: /ready tells.
 */
async function main() {
  const env = readEnv();
  const t = env.NEO4J_URI
    ? { uri: env.NEO4J_URI, username: env.NEO4J_USERNAME, password: env.NEO4J_PASSWORD }
    : target(instanceFromEnv(env));
  const driver = neo4j.driver(t.uri, neo4j.auth.basic(t.username, t.password), {
    ...API_DRIVER_CONFIG,
    logging: { level: "error", logger: (_level, message) => console.error(`neo4j-driver: ${message}`) },
  });
  let api: Awaited<ReturnType<typeof startApi>>;
  try {
    api = await startApi({ driver, env });
  } catch (e) {
    await driver.close();
    throw e;
  }
  const shutdown = async () => {
    await api.close();
    await driver.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  const site = api.url.slice(0, -"/graphql".length);
  console.log(`GraphQL API  ${api.url}  (Neo4j ${t.uri})
GraphiQL     ${site}/
Health       ${site}/health   Ready ${site}/ready`);
}

main().catch((e: unknown) => {
  if (e instanceof ApiStartupError) console.error(`serve: ${e.message}`);
  else if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") console.error(`serve: the port is in use; set PORT to another one.`);
  else console.error(e);
  process.exitCode = 1;
});
