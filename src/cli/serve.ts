import { EnvironmentError, readEnv } from "../config.js";
import { connect } from "../neo4j/connect.js";
import { ApiStartupError, startApi } from "../serve/api/server.js";

/**
 * `npm run serve`: the GraphQL API alone, against NEO4J_URI or the project-managed server, which
 * it neither starts nor seeds (that is `npm start`). Neo4j may come up later: /ready tells.
 */
async function main() {
  const env = readEnv();
  const connection = await connect(env, { start: false });
  let api: Awaited<ReturnType<typeof startApi>>;
  try {
    api = await startApi({ driver: connection.driver, env });
  } catch (e) {
    await connection.close();
    throw e;
  }
  const shutdown = async () => {
    await api.close();
    await connection.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
  const site = api.url.slice(0, -"/graphql".length);
  console.log(`GraphQL API  ${api.url}  (Neo4j ${connection.target.uri})
GraphiQL     ${site}/
Health       ${site}/health   Ready ${site}/ready`);
}

main().catch((e: unknown) => {
  if (e instanceof ApiStartupError || e instanceof EnvironmentError) console.error(`serve: ${e.message}`);
  else if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") console.error(`serve: the port is in use; set PORT to another one.`);
  else console.error(e);
  process.exitCode = 1;
});
