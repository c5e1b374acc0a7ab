import { Command } from "commander";
import { readEnv } from "../config.js";
import { configuredSeedDir, seedProject } from "../ingest/pipeline/seed-project.js";
import { connect } from "../neo4j/connect.js";
import { fail, printSeedReport, warn } from "./output.js";

/** `npm run seed`: every article under seed/ into Neo4j (idempotent); prints what it wrote. */
const program = new Command("seed")
  .description("Seed the graph from the curated articles under seed/")
  .option("--dir <folder>", "seed folder (default: SANAD_SEED_DIR, else seed/)")
  .action(async (opts: { dir?: string }) => {
    const env = readEnv();
    const connection = await connect(env);
    try {
      printSeedReport(await seedProject(connection.driver, { seedDir: opts.dir ?? configuredSeedDir(env), database: connection.target.database, onWarning: warn }));
    } finally {
      await connection.close();
    }
  });

program.parseAsync().catch(fail);
