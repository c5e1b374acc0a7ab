import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Command } from "commander";
import { renderReport, targetChecks } from "./report.js";
import { BULK_ARTICLES, BULK_RUNS, FULL, QUERIES_ONLY, runBench, runBulkOnly, runIngestBench, SMOKE, writeReport, type BenchResults } from "./run.js";

/**
 * `npm run bench`: the full benchmark, written to BENCHMARKS.md (with bench/results/). `npm run
 * bench:smoke`: the same code on tiny sizes, written to a temporary folder. `--report-only`
 * renders the report again from a run's saved results (after editing bench/notes.md), measuring nothing.
 */
const program = new Command()
  .name("bench")
  .option("--smoke", "tiny sizes, a minute or less; the report goes to a temporary folder")
  .option("--out <file>", "where the Markdown report goes (default BENCHMARKS.md, or a temporary folder with --smoke)")
  .option("--queries-only", "the full sizes without the load baselines (the graphs are loaded once, by the loader), for a shared machine")
  .option("--report-only [results]", "re-render the report from saved results (default bench/results/results.json)")
  .option("--bulk", `also the bulk backfill against the loader at ${BULK_ARTICLES.toLocaleString("en-US")} articles (a project-managed instance of its own, stopped and imported into; about half an hour on a shared machine)`)
  .option("--bulk-only", "only the bulk backfill, added to the saved results (bench/results/results.json), then the report re-rendered")
  .option("--bulk-articles <n>", `articles for --bulk-only (default ${BULK_ARTICLES.toLocaleString("en-US")})`, Number)
  .option("--bulk-runs <n>", `runs for --bulk-only (default ${BULK_RUNS})`, Number)
  .option("--scale <articles>", "articles of the end-to-end streaming ingest (default 2,000; the issue's target is 100000)", (v) => Number(v))
  .option("--ingest-only", "only the streaming ingest, added to the saved results (bench/results/results.json), then the report re-rendered")
  .action(async (opts: { smoke?: boolean; out?: string; reportOnly?: string | true; queriesOnly?: boolean; bulk?: boolean; bulkOnly?: boolean; bulkArticles?: number; bulkRuns?: number; scale?: number; ingestOnly?: boolean }) => {
    const smoke = opts.smoke ?? false;
    const out = resolve(opts.out ?? (smoke ? join(mkdtempSync(join(tmpdir(), "sanad-bench-")), "BENCHMARKS.md") : "BENCHMARKS.md"));
    const saved = opts.reportOnly === true || opts.bulkOnly || opts.ingestOnly ? "bench/results/results.json" : opts.reportOnly;
    const savedResults = saved ? (JSON.parse(readFileSync(saved, "utf8")) as BenchResults) : undefined;
    const base = smoke ? SMOKE : opts.queriesOnly ? QUERIES_ONLY : FULL;
    const config = { ...base, ...(opts.scale !== undefined && { ingestArticles: opts.scale }) };
    const results = savedResults
      ? opts.bulkOnly ? await runBulkOnly(savedResults, opts.bulkArticles, opts.bulkRuns) : savedResults
      : await runBench({ smoke, config, ...(opts.bulk ? { bulkArticles: BULK_ARTICLES } : {}) });
    if (opts.ingestOnly) results.ingest = await runIngestBench(config);
    const written = writeReport(results, out, renderReport);
    for (const t of targetChecks(results)) console.log(`${t.met ? "met    " : "MISSED "} ${t.target}: ${t.measured}`);
    console.log(`\nReport ${written.markdown}\nPlot   ${written.plot}\nData   ${written.json}`);
  });

program.parseAsync().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
