import { createServer } from "node:http";
import neo4j from "neo4j-driver";
import { readEnv } from "../src/config.js";
import { targetFromEnv } from "../src/neo4j/connect.js";
import { openDriver } from "../src/neo4j/driver-config.js";
import { QUERIES } from "./queries.js";

/**
 * The hand-written side of the query benchmark: the same answers as the GraphQL API, fetched
 * with plain Cypher through neo4j-driver, behind the same kind of HTTP endpoint so the load tool
 * treats both alike. POST /<query name> with the variables as JSON body; answers {"data": …}.
 * Run as a child process by bench/query-load.ts; prints {"port": n} when listening.
 */

const target = targetFromEnv(readEnv());
if (!target) throw new Error("bench/cypher-server.ts needs NEO4J_URI (bench/query-load.ts sets it)");
// The API's driver settings, so that both sides of the comparison talk to Neo4j alike.
const driver = openDriver(target, { config: { disableLosslessIntegers: true } });
const database = target.database;
const byName = new Map(QUERIES.map((q) => [q.name, q]));

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const query = byName.get((req.url ?? "").slice(1));
    if (!query || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    const variables = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
    driver
      .executeQuery(query.cypher, query.cypherParams(variables), { database, routing: neo4j.routing.READ })
      .then(({ records }) => {
        const data: unknown = records[0]?.get("data") ?? null;
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
      })
      .catch((e: unknown) => {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: String(e) }] }));
      });
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
process.once("SIGTERM", () => {
  server.close();
  void driver.close().then(() => process.exit(0));
});
