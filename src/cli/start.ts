import { readEnv } from "../config.js";
import { ApiStartupError, startApi } from "../serve/api/server.js";
import { apiAuthentication } from "../serve/api/auth.js";
import { seedProject } from "../ingest/pipeline/seed-project.js";
import { connect } from "../neo4j/connect.js";
import { fail, printSeedReport } from "./output.js";

/**
 * `npm start`: Neo4j up (local or NEO4J_URI), graph seeded, API serving, in the foreground.
 * Ctrl-C or SIGTERM stops the API and the Neo4j this run started.
 */
async function main() {
  const env = readEnv();
  // An API that other machines could reach without authentication is refused before Neo4j starts.
  apiAuthentication(env);
  const connection = await connect(env, { stopOnClose: true });
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  const stopping = connection.startedHere ? "the API and the Neo4j it started" : "the API";
  const shutdown = async (signal: string) => {
    console.log(`\n${signal}: stopping ${stopping}...`);
    await api?.close();
    await connection.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    printSeedReport(await seedProject(connection.driver, { database: connection.target.database }));
    api = await startApi({ driver: connection.driver, env });
  } catch (e) {
    await connection.close();
    throw e;
  }
  const browser = connection.local ? `http://localhost:${connection.local.httpPort}/browser/` : "(your server's Browser)";
  console.log(`
GraphQL API     ${api.url}
Neo4j Browser   ${browser}
  connect to    ${connection.target.uri}   user ${connection.target.username}   password: NEO4J_PASSWORD (default sanad-local-only)
Ctrl-C stops ${stopping}.`);
}

main().catch((e: unknown) => {
  if (!(e instanceof ApiStartupError)) fail(e);
  console.error(`start: ${e.message}`);
  process.exit(1);
});
