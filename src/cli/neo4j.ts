import { Command } from "commander";
import { readEnv } from "../config.js";
import { instanceFromEnv, logFiles, Neo4jLocalError, start, status, stop, tail } from "../neo4j/local-server.js";

/** `npm run neo4j -- start | stop | status | logs` for the project-managed server. */
const env = readEnv();
const instance = () => instanceFromEnv(env);
const program = new Command("neo4j").description("The project-managed local Neo4j 5.26 server");

program
  .command("start")
  .description("assemble (first run), start and wait until Bolt answers")
  .action(async () => {
    const o = instance();
    const started = await start(o);
    const s = await status(o);
    console.log(`${started ? "Started" : "Already running"}: ${s.bolt} (pid ${s.pid}), Browser ${s.http}`);
  });
program
  .command("stop")
  .description("shut down cleanly")
  .action(async () => console.log((await stop(instance())) ? "Stopped." : "Not running."));
program
  .command("status")
  .description("is it running, and where")
  .action(async () => {
    const s = await status(instance());
    console.log(s.running ? `Running: ${s.bolt} (pid ${s.pid}), Browser ${s.http}` : "Not running.");
    process.exitCode = s.running ? 0 : 3;
  });
program
  .command("logs")
  .description("the last lines of the server logs")
  .option("-n, --lines <n>", "lines per log", "40")
  .action((opts: { lines: string }) => {
    for (const file of Object.values(logFiles(instance()))) console.log(`==> ${file} <==\n${tail(file, Number(opts.lines))}`);
  });

program.parseAsync().catch((e: unknown) => {
  console.error(e instanceof Neo4jLocalError ? `neo4j: ${e.message}` : e);
  process.exitCode = 1;
});
