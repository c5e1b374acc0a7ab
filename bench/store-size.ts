import { Command } from "commander";
import { readEnv } from "../src/config.js";
import { loadSourceGraphs, SOURCES_PER_TRANSACTION } from "../src/ingest/pipeline/seed-project.js";
import { connect } from "../src/neo4j/connect.js";
import { prepareCorpus } from "./corpus.js";

/**
 * `npx tsx bench/store-size.ts --articles 1000`: loads the benchmark corpus (seed article +
 * synthetic ones) into NEO4J_URI and prints nodes and relationships, for the store size per
 * article in docs/scaling.md. Use an empty database created for the purpose (deleted nodes leave
 * their records' space behind); measure with `du -sb <data>/databases/neo4j` after stopping the
 * server, whose clean shutdown writes every page (Community has no db.checkpoint procedure).
 */
const program = new Command("store-size")
  .option("--articles <n>", "articles to load", "1000")
  .action(async (opts: { articles: string }) => {
    const connection = await connect(readEnv(), { start: false, verify: true });
    const { driver, target } = connection;
    const { graphs } = await prepareCorpus(Number(opts.articles));
    const started = performance.now();
    for (let i = 0; i < graphs.length; i += SOURCES_PER_TRANSACTION) {
      await loadSourceGraphs(driver, graphs.slice(i, i + SOURCES_PER_TRANSACTION), target.database);
    }
    const seconds = (performance.now() - started) / 1000;
    const { records } = await driver.executeQuery(
      "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships",
      {},
      { database: target.database },
    );
    console.log(`${graphs.length} articles loaded in ${seconds.toFixed(1)} s: ${records[0]!.get("nodes")} nodes, ${records[0]!.get("relationships")} relationships`);
    await connection.close();
  });

await program.parseAsync();
