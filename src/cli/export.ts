import { Command, Option } from "commander";
import { readEnv } from "../config.js";
import { ADMIN_IMPORT_OPTIONS, NODES_FILE, POST_IMPORT_FILE, RELATIONSHIPS_FILE } from "../serve/export/csv.js";
import { ExportError } from "../serve/export/graph.js";
import { exportGraph, FORMATS, type Format } from "../serve/export/write.js";
import { connect } from "../neo4j/connect.js";
import { fail } from "./output.js";

/** `npm run export -- --format graphml|jsonld|csv [--out <dir>]`: the whole graph, for other tools. */
const env = readEnv();
const program = new Command("export")
  .description("Export the graph as GraphML (Gephi, yEd, Cytoscape), JSON-LD (schema.org, W3C Web Annotations) or CSV (neo4j-admin import)")
  .addOption(new Option("--format <format>", "output format").choices(FORMATS).makeOptionMandatory())
  .option("--out <dir>", "output folder", "exports")
  .option("--base-url <url>", "where the API serves annotations and sources (JSON-LD ids)", env.SANAD_PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`)
  .action(async (opts: { format: Format; out: string; baseUrl: string }) => {
    const connection = await connect(env);
    try {
      const result = await exportGraph(connection.driver, { format: opts.format, outDir: opts.out, baseUrl: opts.baseUrl, database: connection.target.database });
      console.log(`Exported ${result.nodes} nodes and ${result.relationships} relationships:\n  ${result.files.join("\n  ")}`);
      if (opts.format === "csv") {
        const restore = result.files.some((f) => f.endsWith(POST_IMPORT_FILE))
          ? `\nthen, with the server started, run ${POST_IMPORT_FILE} (e.g. cypher-shell -f ${POST_IMPORT_FILE}): it restores the empty lists the importer cannot store.`
          : "";
        console.log(
          `Load them into a new database (server stopped) with:\n  neo4j-admin database import full --nodes=${NODES_FILE} --relationships=${RELATIONSHIPS_FILE} ${ADMIN_IMPORT_OPTIONS.join(" ")} <database>${restore}`,
        );
      }
    } finally {
      await connection.close();
    }
  });

program.parseAsync().catch((e: unknown) => {
  if (!(e instanceof ExportError)) fail(e);
  console.error(`export: ${e.message}`);
  process.exit(1);
});
