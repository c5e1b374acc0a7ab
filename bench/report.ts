import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORIES } from "./corpus/index.js";
import { SOURCES_PER_TRANSACTION } from "./load.js";
import type { BenchResults } from "./run.js";
import { fmt, num, type Spread } from "./stats.js";

/** BENCHMARKS.md from one run's results, with the hand-written analysis in bench/notes.md. */

export const COMMAND = "npm run bench";
const NOTES = join(dirname(fileURLToPath(import.meta.url)), "notes.md");

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ms = (s: Spread) => fmt(s);
const times = (s: Spread) => `${num(s.median)}× (${num(s.min)}–${num(s.max)})`;
const yes = (ok: boolean) => (ok ? "met" : "**missed**");

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** The issue's targets against this run's medians. */
export function targetChecks(r: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const l of r.load) {
    checks.push({ target: `load ${l.articles.toLocaleString("en-US")} articles ≥ 0.8× UNWIND baseline`, measured: times(l.ratioToUnwind), met: l.ratioToUnwind.median >= 0.8 });
    checks.push({ target: `load ${l.articles.toLocaleString("en-US")} articles ≥ 10× naive baseline`, measured: times(l.ratioToNaive), met: l.ratioToNaive.median >= 10 });
  }
  const largest = r.queries.at(-1);
  const smallest = r.queries[0];
  if (largest) {
    for (const row of largest.rows) {
      checks.push({
        target: `${row.query}: GraphQL p50 ≤ 1.5× Cypher at ${largest.articles.toLocaleString("en-US")} articles`,
        measured: times(row.ratioP50),
        met: row.ratioP50.median <= 1.5,
      });
    }
  }
  if (largest && smallest && largest !== smallest) {
    for (const row of largest.rows.filter((x) => x.lookup)) {
      const base = smallest.rows.find((x) => x.query === row.query)!;
      const growth = row.graphql.p50.median / base.graphql.p50.median;
      checks.push({
        target: `${row.query} (lookup): GraphQL p50 at ${largest.articles.toLocaleString("en-US")} ≤ 2× at ${smallest.articles.toLocaleString("en-US")} article`,
        measured: `${num(growth)}× (${num(base.graphql.p50.median)} → ${num(row.graphql.p50.median)} ms)`,
        met: growth <= 2,
      });
    }
  }
  checks.push({
    target: "extraction ≥ 500 articles/s on one core",
    measured: `${fmt(r.extraction.perCoreSecond)} articles/s`,
    met: r.extraction.perCoreSecond.median >= 500,
  });
  return checks;
}

export function renderReport(r: BenchResults, plotHref: string): string {
  const c = r.config;
  const out: string[] = [];
  out.push("# Benchmarks");
  out.push("");
  out.push(
    `Written by \`${COMMAND}\`${r.smoke ? " in smoke mode (tiny sizes: figures mean nothing)" : ""} on ${r.startedAt.slice(0, 10)}; ` +
      `the whole run took ${num(r.wallSeconds / 60)} minutes. To reproduce: \`${COMMAND}\` (starts and wipes the project-managed Neo4j instance "bench" on bolt 7713, ` +
      "or uses `NEO4J_URI` if set, which it then wipes); `npm run bench:smoke` runs the same code on tiny sizes without touching this file.",
  );
  out.push("");
  out.push(
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB; Node ${r.machine.node}; ${r.machine.neo4j} (heap 1 GiB, page cache 512 MiB, neo4j/conf/neo4j.conf). ` +
      `The machine is shared: load average ${r.machine.loadBefore.map((x) => x.toFixed(1)).join(" / ")} (1/5/15 min) at the start, ${r.machine.loadAfter.map((x) => x.toFixed(1)).join(" / ")} at the end. ` +
      "Neo4j, the API, the load generator and the benchmark share the 2 cores, so absolute figures are modest; every comparison ran in the same run, side by side.",
  );
  out.push("");
  out.push("Every figure is the median of the runs, with min–max in brackets.");
  out.push("");

  out.push("## Targets");
  out.push("");
  out.push(table(["target (issue)", "measured", ""], targetChecks(r).map((t) => [t.target, t.measured, yes(t.met)])));
  out.push("");
  out.push("Why the missed ones are missed, with the evidence, is under [Analysis](#analysis).");
  out.push("");

  out.push("## Corpus");
  out.push("");
  out.push(
    `The seed article (seed/article-ar.txt) plus synthetic articles from \`src/corpus\` (seeded, deterministic: article i is the same whatever the corpus size), ` +
      `in the seed's style: headline, quotes opened by "وقال <rank> <person> … إن", carried on by "وأضاف أن", dropped-verb reports, narration with counted ` +
      "quantities and dates (Gulf and Levantine month names, Arabic-Indic digits in some), section headings, page chrome. Names come from seed/gazetteer.yaml; " +
      "people outside it are invented names after a title word. Each article carries curated facts, so loading it writes claims too. " +
      `A graph of N articles is the seed article plus the first N − 1 synthetic ones. Synthetic articles average ${num((r.extraction.megabytes * 1e6) / r.extraction.articles)} bytes of UTF-8 (the seed article: ${r.seedArticleBytes.toLocaleString("en-US")}).`,
  );
  out.push("");
  out.push("### Extraction accuracy against the generator's ground truth");
  out.push("");
  const a = r.accuracy;
  out.push(
    table(
      ["", "in truth", "found", "correct", "precision", "recall", "F1"],
      CATEGORIES.map((k) => {
        const s = a.scores[k];
        return [k, String(s.truth), String(s.found), String(s.correct), pct(s.precision), pct(s.recall), pct(s.f1)];
      }),
    ),
  );
  out.push("");
  out.push(
    `Over ${a.articles} articles; an item counts only when it equals a true one exactly (span and entity, speaker, value or date). Of the quotes with the right span: ` +
      `verb ${pct(a.quoteAttributes.verb)}, implicit-verb flag ${pct(a.quoteAttributes.implicitVerb)}, setting ${pct(a.quoteAttributes.setting)}, outlet ${pct(a.quoteAttributes.outlet)} right.`,
  );
  const misses = CATEGORIES.flatMap((k) => [...a.examples[k].missed.slice(0, 2).map((m) => `${k}, missed: ${m}`), ...a.examples[k].spurious.slice(0, 2).map((m) => `${k}, spurious: ${m}`)]);
  if (misses.length > 0) {
    out.push("");
    out.push("Examples of disagreements:");
    out.push("");
    for (const m of misses) out.push(`- ${m}`);
  }
  out.push("");

  out.push("## Extraction speed");
  out.push("");
  const e = r.extraction;
  out.push(
    table(
      ["articles", "MB (UTF-8)", "articles/s on one core", "MB/s on one core", "articles/s, wall clock"],
      [[String(e.articles), num(e.megabytes), fmt(e.perCoreSecond), fmt(e.megabytesPerCoreSecond), fmt(e.perWallSecond)]],
    ),
  );
  out.push("");
  out.push(
    `parse → extract → resolve → validate (\`buildSourceGraph\`, with the article's curated facts resolved), in memory, ${c.extractionRuns} runs after a warm-up, under tsx as the CLIs run. ` +
      '"On one core" divides by the CPU time of the process (single-threaded JavaScript; GC helper threads count too), which the other tenants of the machine do not inflate; the wall-clock rate is shown beside it.',
  );
  out.push("");

  out.push("## Load");
  out.push("");
  out.push(
    table(
      ["articles", "nodes + relationships", "loader /s", "UNWIND baseline /s", "naive baseline /s", "loader ÷ UNWIND", "loader ÷ naive", "loader s", "UNWIND s", "naive s (extrapolated)"],
      r.load.map((l) => [
        l.articles.toLocaleString("en-US"),
        l.elements.toLocaleString("en-US"),
        fmt(l.loader),
        fmt(l.unwind),
        `${fmt(l.naive)} ¹`,
        times(l.ratioToUnwind),
        times(l.ratioToNaive),
        fmt(l.loaderSeconds),
        fmt(l.unwindSeconds),
        num(l.naiveExtrapolatedSeconds),
      ]),
    ),
  );
  out.push("");
  out.push(
    `¹ The naive baseline (one MERGE per row, each its own transaction) ran on the first ${r.load[0]?.naiveSubset ?? 0} articles only, in every run; ` +
      "a full run would take the extrapolated time in the last column, at the rate measured.",
  );
  out.push("");
  out.push(
    `Each run starts from an empty database with the schema (src/load/constraints.ts) in place; the rate is the nodes and relationships in the database afterwards over the wall time of the writes. ` +
      `${r.load.map((l) => `${l.loaderSeconds.runs.length} runs at ${l.articles.toLocaleString("en-US")} articles`).join(", ")}, the three writers in turn in each (naive, UNWIND, loader). The loader is \`loadGraphs\` (src/load) called on ${SOURCES_PER_TRANSACTION} sources at a time, ` +
      "one transaction each (see Analysis: a transaction of 1,000 articles exceeds Neo4j's transaction memory limit); its time includes planning the statements. " +
      "The UNWIND baseline (bench/baselines.ts) writes the loader's own rows with hand-written `UNWIND … MERGE`, 1,000 rows per statement and transaction, nodes first, then one statement per relationship type; it skips what only a re-load needs (removing what a source no longer says, recomputing claim texts in the database). " +
      `After each run the loader's and the baseline's graphs had the same labels and relationship types with the same counts: ${r.load.every((l) => l.sameShape) ? "yes, in every run" : "**no**"}.`,
  );
  out.push("");

  out.push("## Queries");
  out.push("");
  out.push(
    `Five analyst queries (bench/queries.ts), each through the GraphQL API (\`src/cli/serve.ts\` in its own process, as \`npm run serve\` runs it) and as hand-written Cypher through neo4j-driver ` +
      "(bench/cypher-server.ts, a bare node:http endpoint in its own process, so both sides pay for HTTP and JSON alike). Before timing, the benchmark checks that both sides return the same JSON. " +
      `Load: autocannon, ${c.connections} concurrent connections, ${c.querySeconds} s per query and side, ${c.queryRuns} runs alternating GraphQL and Cypher, after a ${c.warmupSeconds} s warm-up; latencies of every response, percentiles by nearest rank. ` +
      "CPU ms/req is the CPU time of the endpoint's process (Node: HTTP, GraphQL or not, the driver) per request, from /proc; Neo4j's own work is not in it.",
  );
  out.push("");
  for (const s of r.queries) {
    out.push(`### ${s.articles.toLocaleString("en-US")} article${s.articles === 1 ? "" : "s"}`);
    out.push("");
    out.push(
      table(
        ["query", "answer (chars)", "GraphQL p50 ms", "p95", "p99", "req/s", "CPU ms/req", "Cypher p50 ms", "p95", "p99", "req/s", "CPU ms/req", "GraphQL ÷ Cypher (p50)"],
        s.rows.map((row) => [
          row.query,
          row.answerChars.toLocaleString("en-US"),
          ms(row.graphql.p50),
          num(row.graphql.p95.median),
          num(row.graphql.p99.median),
          fmt(row.graphql.throughput),
          row.graphql.cpuMsPerRequest ? num(row.graphql.cpuMsPerRequest.median) : "–",
          ms(row.cypher.p50),
          num(row.cypher.p95.median),
          num(row.cypher.p99.median),
          fmt(row.cypher.throughput),
          row.cypher.cpuMsPerRequest ? num(row.cypher.cpuMsPerRequest.median) : "–",
          times(row.ratioP50),
        ]),
      ),
    );
    out.push("");
  }
  out.push(`![Query latency against graph size](${plotHref})`);
  out.push("");
  out.push("### Memory");
  out.push("");
  out.push(
    table(
      ["articles", "API peak RSS (sampled every 100 ms)", "API VmHWM (kernel's high-water mark)"],
      r.queries.map((s) => [s.articles.toLocaleString("en-US"), `${num(s.apiRss.peakMiB)} MiB`, `${num(s.apiRss.hwmMiB)} MiB`]),
    ),
  );
  out.push("");
  out.push(
    "The API runs in its own process (one for all sizes: it caches nothing of the graph), so its memory is read from /proc/<pid>/status: the peak is sampled during each size's GraphQL load; VmHWM is the process's high-water mark since it started, so it only grows from one size to the next.",
  );
  out.push("");
  out.push(readFileSync(NOTES, "utf8").trim());
  out.push("");
  return out.join("\n");
}
