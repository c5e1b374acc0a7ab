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

/** Lookups whose hand-written Cypher answers faster than this may be up to 1.8× slower through GraphQL (the issue's allowance). */
const SMALL_LOOKUP_MS = 3;

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
  for (const b of r.bulk ?? []) {
    checks.push({ target: `bulk backfill of ${b.articles.toLocaleString("en-US")} articles ≥ 5× faster than the loader, same graph`, measured: `${times(b.speedup)}, ${b.sameGraph ? "same checksum" : "**checksums differ**"}`, met: b.speedup.median >= 5 && b.sameGraph });
  }
  const largest = r.queries.at(-1);
  const smallest = r.queries[0];
  const at = (n: number) => `${n.toLocaleString("en-US")} article${n === 1 ? "" : "s"}`;
  if (largest) {
    for (const row of largest.rows) {
      // The issue accepts 1.8× for lookups whose Cypher answers in under 3 ms: there the API's fixed cost per request dominates.
      const bound = row.lookup && row.cypher.p50.median < SMALL_LOOKUP_MS ? 1.8 : 1.5;
      checks.push({
        target: `${row.query}: GraphQL p50 ≤ ${bound}× Cypher at ${at(largest.articles)}${bound === 1.8 ? ` (a lookup under ${SMALL_LOOKUP_MS} ms)` : ""}`,
        measured: times(row.ratioP50),
        met: row.ratioP50.median <= bound,
      });
    }
  }
  if (largest && smallest && largest !== smallest) {
    for (const row of largest.rows) {
      const base = smallest.rows.find((x) => x.query === row.query);
      if (!base) continue;
      const growth = row.graphql.p50.median / base.graphql.p50.median;
      checks.push({
        target: `${row.query}: GraphQL p50 at ${at(largest.articles)} ≤ 1.5× at ${at(smallest.articles)}`,
        measured: `${num(growth)}× (${num(base.graphql.p50.median)} → ${num(row.graphql.p50.median)} ms)`,
        met: growth <= 1.5,
      });
    }
  }
  const text = largest?.longestClaimText;
  if (largest && text) {
    checks.push({
      target: `longest Claim.text ≤ 4 KB at ${at(largest.articles)}`,
      measured: `${text.bytes.toLocaleString("en-US")} bytes (${text.chars.toLocaleString("en-US")} characters)`,
      met: text.bytes <= 4096,
    });
  }
  const names = r.nameLookup ?? [];
  const [fewest, most] = [names[0], names.at(-1)];
  if (fewest && most && fewest !== most) {
    const growth = most.row.graphql.p50.median / fewest.row.graphql.p50.median;
    checks.push({
      target: `entitiesByName: GraphQL p50 at ${most.entities.toLocaleString("en-US")} entities ≤ 1.5× at ${fewest.entities.toLocaleString("en-US")}`,
      measured: `${num(growth)}× (${num(fewest.row.graphql.p50.median)} → ${num(most.row.graphql.p50.median)} ms)`,
      met: growth <= 1.5,
    });
  }
  if (r.ingest) {
    const { workers: w, endToEnd: e } = r.ingest;
    checks.push({ target: "extraction with 2 worker threads ≥ 1.7× one", measured: times(w.ratio), met: w.ratio.median >= 1.7 });
    checks.push({
      target: `${e.articles.toLocaleString("en-US")} articles ingested end to end, peak RSS ≤ 1 GiB${e.articles < 100_000 ? " (the issue's size is 100,000)" : ""}`,
      measured: `${num(e.peakRssMiB)} MiB, ${num(e.seconds / 60)} min`,
      met: e.peakRssMiB <= 1024,
    });
  }
  checks.push({
    target: "extraction ≥ 500 articles/s on one core",
    measured: `${fmt(r.extraction.perCoreSecond)} articles/s`,
    met: r.extraction.perCoreSecond.median >= 500,
  });
  return checks;
}

const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" / ");

/** Streaming ingest: extraction threads, then `npm run ingest` end to end. */
function ingestSection(i: NonNullable<BenchResults["ingest"]>): string[] {
  const { workers: w, endToEnd: e } = i;
  return [
    "## Streaming ingest",
    "",
    table(
      ["extraction threads", "articles/s (wall clock)", "ratio to one thread"],
      [
        ["1", fmt(w.one), "1×"],
        ["2", fmt(w.two), times(w.ratio)],
      ],
    ),
    "",
    `${w.articles} synthetic articles as NDJSON lines (no facts file, so untrusted extraction, as \`npm run ingest\` does them) through the extraction pool ` +
      `(\`src/ingest/stream\`, piscina worker threads, each with its own name index and tagger), ${w.one.runs.length} runs per size after a warm-up, one and two threads alternating; ` +
      `the ratio is taken per pair of back-to-back runs. Load average ${load(w.loadBefore)} before, ${load(w.loadAfter)} after: other tenants take cores too, so the ratio is a lower bound of what two free cores give.`,
    "",
    table(
      ["articles", "NDJSON MB", "workers", "time", "articles/s", "nodes + relationships", "written/s", "peak RSS of the ingest process"],
      [[e.articles.toLocaleString("en-US"), num(e.corpusMegabytes), String(e.workers), `${num(e.seconds / 60)} min`, num(e.articlesPerSecond), e.elements.toLocaleString("en-US"), num(e.elementsPerSecond), `${num(e.peakRssMiB)} MiB`]],
    ),
    "",
    `\`npm run ingest -- corpus.ndjson\` as a child process (transactions of ${e.batchSize} sources, default workers), into an emptied database, once; time, rate and peak RSS (maxRSS, all threads) are those it prints. ` +
      `Extraction (both threads) and Neo4j share the 2 cores. Load average ${load(e.loadBefore)} before, ${load(e.loadAfter)} after. Size set with \`npm run bench -- --scale N\` ` +
      "(`--ingest-only` measures this section alone and adds it to the saved results).",
  ];
}

export function renderReport(r: BenchResults, plotHref: string): string {
  const c = r.config;
  const out: string[] = [];
  out.push("# Benchmarks");
  out.push("");
  out.push(
    `Written by \`${COMMAND}${r.load.length === 0 && !r.smoke ? " -- --queries-only" : ""}\`${r.smoke ? " in smoke mode (tiny sizes: figures mean nothing)" : ""} on ${r.startedAt.slice(0, 10)}; ` +
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

  if (r.ingest) out.push(...ingestSection(r.ingest), "");

  out.push("## Load");
  out.push("");
  if (r.load.length === 0) {
    out.push("Not measured in this run (`--queries-only`): the graphs were loaded once, by the loader, in transactions of " + `${SOURCES_PER_TRANSACTION} sources.`);
    out.push("");
  } else {
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
      `¹ The naive baseline (one MERGE per row, each its own transaction) ran on the first ${r.load[0]?.naiveSubset ?? 0} articles only${r.config.naiveStatements === undefined ? "" : ` (at most ${r.config.naiveStatements} statements)`}, in every run; ` +
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
  }

  if (r.bulk && r.bulk.length > 0) out.push(...bulkSection(r.bulk));

  out.push("## Queries");
  out.push("");
  out.push(
    `${r.queries[0]?.rows.length ?? 0} analyst queries (bench/queries.ts), each through the GraphQL API (\`src/cli/serve.ts\` in its own process, as \`npm run serve\` runs it) and as hand-written Cypher through neo4j-driver ` +
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
  out.push(
    table(
      ["articles", ...r.queries[0]!.rows.map((row) => `${row.query} 1 → n`)],
      r.queries.map((s) => [
        s.articles.toLocaleString("en-US"),
        ...s.rows.map((row) => {
          const base = r.queries[0]!.rows.find((x) => x.query === row.query)!;
          return `${num(row.graphql.p50.median / base.graphql.p50.median)}×`;
        }),
      ]),
    ),
  );
  out.push("");
  out.push(`GraphQL p50 at each size over its p50 at ${r.queries[0]!.articles.toLocaleString("en-US")} article(s), per query: the cost of the same page as the graph grows.`);
  out.push("");
  const fixed = r.queries.map((s) => ({ articles: s.articles, row: s.rows.find((x) => x.query === "entityById") }));
  if (fixed.every((f) => f.row?.graphql.cpuMsPerRequest && f.row.cypher.cpuMsPerRequest)) {
    out.push("### Fixed cost per request");
    out.push("");
    out.push(
      table(
        ["articles", "API CPU ms/req (entityById)", "Cypher endpoint CPU ms/req", "difference: the API's fixed cost"],
        fixed.map(({ articles, row }) => [
          articles.toLocaleString("en-US"),
          num(row!.graphql.cpuMsPerRequest!.median),
          num(row!.cypher.cpuMsPerRequest!.median),
          num(row!.graphql.cpuMsPerRequest!.median - row!.cypher.cpuMsPerRequest!.median),
        ]),
      ),
    );
    out.push("");
    out.push("`entityById` sends Neo4j the same work on both sides, so the difference in the endpoints' CPU per request is what the GraphQL stack adds to every request (HTTP and JSON are paid by both).");
    out.push("");
  }
  if (r.queries.some((s) => s.longestClaimText)) {
    out.push("### Claim texts");
    out.push("");
    out.push(
      table(
        ["articles", "longest Claim.text (characters)", "UTF-8 bytes"],
        r.queries.filter((s) => s.longestClaimText).map((s) => [s.articles.toLocaleString("en-US"), s.longestClaimText!.chars.toLocaleString("en-US"), s.longestClaimText!.bytes.toLocaleString("en-US")]),
      ),
    );
    out.push("");
  }
  if (r.nameLookup && r.nameLookup.length > 0) {
    out.push("### entitiesByName against the number of entities");
    out.push("");
    out.push(
      table(
        ["entities", "answer (chars)", "GraphQL p50 ms", "p95", "req/s", "Cypher p50 ms", "p95", "req/s", "GraphQL ÷ Cypher (p50)"],
        r.nameLookup.map(({ entities, row }) => [
          entities.toLocaleString("en-US"),
          row.answerChars.toLocaleString("en-US"),
          ms(row.graphql.p50),
          num(row.graphql.p95.median),
          fmt(row.graphql.throughput),
          ms(row.cypher.p50),
          num(row.cypher.p95.median),
          fmt(row.cypher.throughput),
          times(row.ratioP50),
        ]),
      ),
    );
    out.push("");
    out.push(
      "The seed article's graph plus invented candidate persons (bench/entities.ts) up to the number of entities shown, the same load as above; the name asked for (لقطر) matches the same entity at every size.",
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

function bulkSection(sizes: NonNullable<BenchResults["bulk"]>): string[] {
  const out = ["## Bulk backfill", ""];
  out.push(
    table(
      ["articles", "nodes", "relationships", "loader s", "bulk backfill s", "loader ÷ backfill", "shards s", "import files s", "neo4j-admin s", "server start s", "schema s", "same graph"],
      sizes.map((b) => [
        b.articles.toLocaleString("en-US"),
        b.nodes.toLocaleString("en-US"),
        b.relationships.toLocaleString("en-US"),
        fmt(b.loaderSeconds),
        fmt(b.bulkSeconds),
        times(b.speedup),
        num(b.phases.shards),
        num(b.phases.files),
        num(b.phases.import),
        num(b.phases.start),
        num(b.phases.schema),
        b.sameGraph ? `yes (${b.checksum.slice(0, 12)}…)` : "**no**",
      ]),
    ),
  );
  out.push("");
  out.push(
    "`npm run bench -- --bulk-only` (or `--bulk` with a full run): the same extracted articles into an empty database of a project-managed instance of the benchmark's own (\"bench-bulk\", bolt 7715; BENCH_BULK_NEO4J_* move it), " +
      `${sizes[0]!.bulkSeconds.runs.length} run(s), each way in turn. The loader is \`npm run ingest\`'s load (the schema, then transactions of 200 sources); ` +
      "the backfill is everything `npm run ingest -- --bulk` does after extraction: shard files, the merged import files, stopping the server, `neo4j-admin database import full`, starting the server, the schema with its indexes populated (src/ingest/bulk). " +
      "Phases are medians. Same graph: after each run, the checksum of every node and relationship with its labels, type and typed properties (src/neo4j/checksum.ts) was the same for both ways.",
  );
  for (const b of sizes) {
    if (b.loadBefore && b.loadAfter) {
      out.push("");
      out.push(
        `Measured ${b.measuredAt ?? ""} on a machine shared with other work: load average ${b.loadBefore.map((x) => x.toFixed(1)).join(" / ")} (1/5/15 min) before, ${b.loadAfter.map((x) => x.toFixed(1)).join(" / ")} after, on 2 cores.`,
      );
    }
  }
  out.push("");
  return out;
}
