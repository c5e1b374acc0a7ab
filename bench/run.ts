import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { readGazetteer } from "../src/ingest/read/index.js";
import { SEED_DIR } from "../src/ingest/pipeline/seed-project.js";
import type { Neo4jTarget } from "../src/config.js";
import { ensureSchema, loadGraphs } from "../src/ingest/load/run.js";
import { measureAccuracy, type Accuracy } from "./corpus/index.js";
import { fold } from "../src/lexicon/arabic.js";
import { extractionBench, prepareCorpus, type ExtractionResult } from "./corpus.js";
import { loaderRun, naiveRun, shape, SOURCES_PER_TRANSACTION, unwindRun, type LoadRun } from "./load.js";
import { benchNeo4j, wipe } from "./neo4j.js";
import { latencyPlot, type PlotSeries } from "./plot.js";
import type { Driver } from "neo4j-driver";
import { growEntities } from "./entities.js";
import { QUERIES, type BenchQuery } from "./queries.js";
import { checkSameAnswers, loadTest, prepareQueries, sampleRss, startCypherEndpoint, startGraphqlEndpoint, type Endpoint, type LoadResult } from "./query-load.js";
import { spread, type Spread } from "./stats.js";
import { bulkBench, type BulkSize } from "./bulk.js";
import { ingestBench, type IngestBench } from "./ingest.js";

/** What one run measures, and how hard: the full run for BENCHMARKS.md, the smoke run for the test suite. */
export interface BenchConfig {
  extractionArticles: number;
  extractionRuns: number;
  loadSizes: number[];
  loadRuns: number;
  /** Sources the naive baseline writes; its rate is extrapolated to the whole corpus. */
  naiveSubset: number;
  /** Smoke mode: the naive baseline stops after this many statements (one article is about 1,200, most of a smoke run). */
  naiveStatements?: number;
  querySizes: number[];
  /** Entities in the database for the name-lookup benchmark (the seed article plus candidates). */
  entitySizes: number[];
  queryRuns: number;
  querySeconds: number;
  warmupSeconds: number;
  connections: number;
  /** Articles and pairs of runs for extraction with one and two worker threads. */
  workerArticles: number;
  workerRuns: number;
  /** Articles of the end-to-end streaming ingest (`--scale`). */
  ingestArticles: number;
}

/** Runs at 10,000 articles, where one run of the three writers (and the wipes) takes three to four minutes. */
const LARGE_LOAD_RUNS = 2;

export const FULL: BenchConfig = {
  extractionArticles: 1000,
  extractionRuns: 5,
  loadSizes: [1000, 10000],
  loadRuns: 3,
  naiveSubset: 40,
  querySizes: [1, 1000, 10000],
  entitySizes: [1000, 100000],
  queryRuns: 3,
  querySeconds: 4,
  warmupSeconds: 1,
  connections: 4,
  workerArticles: 300,
  workerRuns: 4,
  ingestArticles: 2000,
};

/** FULL without the load baselines, which take most of a full run's time (an hour or more on a busy shared machine). */
export const QUERIES_ONLY: BenchConfig = { ...FULL, loadSizes: [], extractionRuns: 2 };

export const SMOKE: BenchConfig = {
  extractionArticles: 20,
  extractionRuns: 1,
  loadSizes: [12],
  loadRuns: 1,
  naiveSubset: 1,
  naiveStatements: 100,
  querySizes: [1, 12],
  entitySizes: [100, 400],
  queryRuns: 1,
  querySeconds: 0.2,
  warmupSeconds: 0,
  connections: 2,
  workerArticles: 8,
  workerRuns: 1,
  ingestArticles: 12,
};

export interface LoadSize {
  articles: number;
  elements: number;
  loader: Spread;
  unwind: Spread;
  naive: Spread;
  naiveSubset: number;
  /** Seconds the naive baseline would take for the whole corpus at its measured rate. */
  naiveExtrapolatedSeconds: number;
  loaderSeconds: Spread;
  unwindSeconds: Spread;
  /** Per run: the loader's rate over the baseline's in the same run. */
  ratioToUnwind: Spread;
  ratioToNaive: Spread;
  /** The loader and the UNWIND baseline left the same labels and relationship types, with the same counts. */
  sameShape: boolean;
}

export interface SideResult {
  p50: Spread;
  p95: Spread;
  p99: Spread;
  throughput: Spread;
  /** CPU of the endpoint's process per request (ms); absent in results saved before it was measured. */
  cpuMsPerRequest?: Spread;
}

export interface QueryRow {
  query: string;
  description: string;
  lookup: boolean;
  answerChars: number;
  graphql: SideResult;
  cypher: SideResult;
  /** Per run: GraphQL p50 over Cypher p50. */
  ratioP50: Spread;
}

export interface QuerySize {
  articles: number;
  rows: QueryRow[];
  /** Resident memory of the API process under this size's GraphQL load. */
  apiRss: { peakMiB: number; hwmMiB: number };
  /** The longest Claim.text in the graph, in characters and UTF-8 bytes; absent in older results. */
  longestClaimText?: { chars: number; bytes: number };
}

/** entitiesByName with this many entities in the database. */
export interface NameLookupSize {
  entities: number;
  row: QueryRow;
}

export interface BenchResults {
  smoke: boolean;
  config: BenchConfig;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; neo4j: string; loadBefore: number[]; loadAfter: number[] };
  startedAt: string;
  wallSeconds: number;
  seedArticleBytes: number;
  accuracy: Accuracy;
  extraction: ExtractionResult;
  load: LoadSize[];
  queries: QuerySize[];
  /** Absent in results saved before the name-lookup benchmark existed. */
  nameLookup?: NameLookupSize[];
  /** The bulk backfill against the loader; only with --bulk or --bulk-only. */
  bulk?: BulkSize[];
  /** Streaming ingest; absent in results saved before it existed. */
  ingest?: IngestBench;
}

export interface BenchOptions {
  smoke?: boolean;
  config?: BenchConfig;
  /** The Neo4j to use (and wipe); default NEO4J_URI, else the project-managed "bench" instance. */
  target?: Neo4jTarget;
  log?: (line: string) => void;
  /** Also measure the bulk backfill at this many articles (bench/bulk.ts). */
  bulkArticles?: number;
}

/** Runs of the bulk benchmark: each one loads 10,000 articles twice, once each way. */
export const BULK_RUNS = 2;
export const BULK_ARTICLES = 10_000;

/** `--bulk-only`: the bulk benchmark alone, added to saved results (replacing an earlier one). */
export async function runBulkOnly(saved: BenchResults, articles = BULK_ARTICLES, runs = BULK_RUNS, log: (line: string) => void = (l) => console.error(l)): Promise<BenchResults> {
  const started = performance.now();
  const loadBefore = loadavg();
  log(`corpus: seed article + ${articles - 1} synthetic articles`);
  const corpus = await prepareCorpus(articles);
  const bulk = await bulkBench(corpus.graphs.slice(0, articles), runs, log);
  log(`bulk benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${loadBefore.map((x) => x.toFixed(1)).join(" / ")} before, ${loadavg().map((x) => x.toFixed(1)).join(" / ")} after`);
  return { ...saved, bulk: [{ ...bulk, loadBefore, loadAfter: loadavg(), measuredAt: new Date().toISOString() }] };
}

function summarize(runs: LoadResult[]) {
  return {
    cpuMsPerRequest: spread(runs.map((r) => r.cpuMsPerRequest)),
    p50: spread(runs.map((r) => r.p50)),
    p95: spread(runs.map((r) => r.p95)),
    p99: spread(runs.map((r) => r.p99)),
    throughput: spread(runs.map((r) => r.throughput)),
  };
}

export async function runBench(options: BenchOptions = {}): Promise<BenchResults> {
  const smoke = options.smoke ?? false;
  const config = options.config ?? (smoke ? SMOKE : FULL);
  const started = performance.now();
  const log = (line: string) => (options.log ?? ((l: string) => console.error(l)))(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const loadBefore = loadavg();
  const startedAt = new Date().toISOString();

  const largest = Math.max(config.extractionArticles + 1, ...config.loadSizes, ...config.querySizes, options.bulkArticles ?? 0);
  log(`corpus: seed article + ${largest - 1} synthetic articles`);
  const corpus = await prepareCorpus(largest);

  const sample = { ...corpus, synthetic: corpus.synthetic.slice(0, config.extractionArticles) };
  log(`extraction: ${sample.synthetic.length} articles × ${config.extractionRuns} runs`);
  const extraction = extractionBench(sample, config.extractionRuns);
  const accuracy = measureAccuracy(sample.synthetic, corpus.names);

  const neo = await benchNeo4j(options.target ? { target: options.target } : {});
  const { driver, target } = neo;
  let endpoints: { graphql: Endpoint; cypher: Endpoint } | undefined;
  try {
    const neo4jVersion = (await driver.executeQuery("CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition AS v")).records[0]!.get("v") as string;

    const load: LoadSize[] = [];
    const queries: QuerySize[] = [];
    // One API process and one Cypher process serve every size: they cache nothing of the graph.
    const querySize = async (articles: number) => {
      log(`queries at ${articles} articles`);
      endpoints ??= { graphql: await startGraphqlEndpoint(target), cypher: await startCypherEndpoint(target) };
      queries.push({ ...(await queryBench(endpoints, articles, config, log)), longestClaimText: await longestClaimText(driver) });
    };
    for (const articles of config.querySizes.filter((n) => !config.loadSizes.includes(n))) {
      await wipe(driver);
      await ensureSchema(driver);
      // In transactions of SOURCES_PER_TRANSACTION sources, as the load benchmark does (bench/load.ts).
      for (let i = 0; i < articles; i += SOURCES_PER_TRANSACTION) await loadGraphs(driver, corpus.graphs.slice(i, Math.min(articles, i + SOURCES_PER_TRANSACTION)), fold);
      await querySize(articles);
    }
    for (const articles of config.loadSizes) {
      const graphs = corpus.graphs.slice(0, articles);
      const runs: { loader: LoadRun; unwind: LoadRun; naive: LoadRun }[] = [];
      let sameShape = true;
      const loadRuns = articles >= 10_000 ? Math.min(config.loadRuns, LARGE_LOAD_RUNS) : config.loadRuns;
      for (let r = 0; r < loadRuns; r++) {
        log(`load ${articles} articles, run ${r + 1}/${loadRuns}`);
        const naive = await naiveRun(driver, graphs, config.naiveSubset, config.naiveStatements);
        const unwind = await unwindRun(driver, graphs);
        const unwindShape = JSON.stringify(await shape(driver));
        // The loader goes last, so the query benchmark below finds its graph.
        const loader = await loaderRun(driver, graphs);
        sameShape &&= JSON.stringify(await shape(driver)) === unwindShape;
        runs.push({ loader, unwind, naive });
      }
      const elements = runs[0]!.loader.elements;
      const naiveRate = spread(runs.map((r) => r.naive.rate));
      load.push({
        articles,
        elements,
        loader: spread(runs.map((r) => r.loader.rate)),
        unwind: spread(runs.map((r) => r.unwind.rate)),
        naive: naiveRate,
        naiveSubset: Math.min(config.naiveSubset, articles),
        naiveExtrapolatedSeconds: elements / naiveRate.median,
        loaderSeconds: spread(runs.map((r) => r.loader.seconds)),
        unwindSeconds: spread(runs.map((r) => r.unwind.seconds)),
        ratioToUnwind: spread(runs.map((r) => r.loader.rate / r.unwind.rate)),
        ratioToNaive: spread(runs.map((r) => r.loader.rate / r.naive.rate)),
        sameShape,
      });
      if (config.querySizes.includes(articles)) await querySize(articles);
    }
    const ingest = await ingestBench(driver, target, corpus.gazetteer, config, log);
    const nameLookup: NameLookupSize[] = [];
    if (config.entitySizes.length > 0) {
      await wipe(driver);
      await ensureSchema(driver);
      await loadGraphs(driver, corpus.graphs.slice(0, 1), fold);
      for (const entities of config.entitySizes) {
        log(`entitiesByName at ${entities.toLocaleString("en-US")} entities`);
        await growEntities(driver, entities);
        endpoints ??= { graphql: await startGraphqlEndpoint(target), cypher: await startCypherEndpoint(target) };
        const [row] = (await queryBench(endpoints, 1, config, log, QUERIES.filter((q) => q.name === "entitiesByName"))).rows;
        nameLookup.push({ entities, row: row! });
      }
    }
    const bulk: BulkSize[] = [];
    if (options.bulkArticles) {
      const loadBefore = loadavg();
      const measured = await bulkBench(corpus.graphs.slice(0, options.bulkArticles), BULK_RUNS, log);
      bulk.push({ ...measured, loadBefore, loadAfter: loadavg(), measuredAt: new Date().toISOString() });
    }
    return {
      ...(bulk.length > 0 ? { bulk } : {}),
      smoke,
      config,
      machine: {
        cpu: cpus()[0]?.model ?? "unknown",
        cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        neo4j: neo4jVersion,
        loadBefore,
        loadAfter: loadavg(),
      },
      startedAt,
      wallSeconds: (performance.now() - started) / 1000,
      seedArticleBytes: Buffer.byteLength(corpus.graphs[0]!.source.text, "utf8"),
      accuracy,
      extraction,
      load,
      queries: queries.sort((a, b) => a.articles - b.articles),
      nameLookup,
      ingest,
    };
  } finally {
    await endpoints?.graphql.stop();
    await endpoints?.cypher.stop();
    await neo.close();
  }
}

/** The longest claim text (characters and UTF-8 bytes); a text over 1,365 characters is the only kind that can pass 4 KB. */
async function longestClaimText(driver: Driver): Promise<{ chars: number; bytes: number }> {
  const { records } = await driver.executeQuery(
    "MATCH (c:Claim) WITH c.text AS text ORDER BY size(text) DESC WITH collect(text) AS texts RETURN [t IN texts WHERE size(t) > 1365] + texts[0..1] AS texts",
  );
  const texts = records[0]!.get("texts") as string[];
  return { chars: Math.max(0, ...texts.map((t) => t.length)), bytes: Math.max(0, ...texts.map((t) => Buffer.byteLength(t, "utf8"))) };
}

/** Both endpoints over the graph in the database: same answers first, then each query under load, alternating sides. */
async function queryBench(
  endpoints: { graphql: Endpoint; cypher: Endpoint },
  articles: number,
  config: BenchConfig,
  log: (line: string) => void,
  benchQueries: readonly BenchQuery[] = QUERIES,
): Promise<QuerySize> {
  const { graphql, cypher } = endpoints;
  const queries = await prepareQueries(graphql, benchQueries);
  const answerChars = await checkSameAnswers(graphql, cypher, queries);
  if (config.warmupSeconds > 0) {
    for (const q of queries) for (const e of [graphql, cypher]) await loadTest(e, q, config.connections, config.warmupSeconds);
  }
  const runs = new Map(queries.map((q) => [q.name, { graphql: [] as LoadResult[], cypher: [] as LoadResult[] }]));
  const rss = sampleRss(graphql.pid);
  for (let r = 0; r < config.queryRuns; r++) {
    for (const q of queries) {
      const g = await loadTest(graphql, q, config.connections, config.querySeconds);
      const c = await loadTest(cypher, q, config.connections, config.querySeconds);
      if (g.failures > 0 || c.failures > 0) throw new Error(`${q.name} at ${articles} articles: ${g.failures} GraphQL and ${c.failures} Cypher requests failed`);
      runs.get(q.name)!.graphql.push(g);
      runs.get(q.name)!.cypher.push(c);
    }
    log(`  run ${r + 1}/${config.queryRuns} done`);
  }
  const apiRss = rss.stop();
  return {
    articles,
    apiRss,
    rows: queries.map((q) => {
      const { graphql: g, cypher: c } = runs.get(q.name)!;
      return {
        query: q.name,
        description: q.description,
        lookup: q.lookup,
        answerChars: answerChars[q.name]!,
        graphql: summarize(g),
        cypher: summarize(c),
        ratioP50: spread(g.map((x, i) => x.p50 / c[i]!.p50)),
      };
    }),
  };
}

/** The streaming ingest's benchmarks alone (`npm run bench -- --ingest-only`). */
export async function runIngestBench(config: BenchConfig, options: Pick<BenchOptions, "target" | "log"> = {}): Promise<IngestBench> {
  const started = performance.now();
  const log = (line: string) => (options.log ?? ((l: string) => console.error(l)))(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const gazetteer = (await readGazetteer(join(SEED_DIR, "gazetteer.yaml"))).value.entities;
  const neo = await benchNeo4j(options.target ? { target: options.target } : {});
  try {
    return await ingestBench(neo.driver, neo.target, gazetteer, config, log);
  } finally {
    await neo.close();
  }
}

export function plotSeries(results: BenchResults): PlotSeries[] {
  return QUERIES.flatMap((q) =>
    (["GraphQL", "Cypher"] as const).map((side) => ({
      query: q.name,
      side,
      points: results.queries.map((s) => {
        const row = s.rows.find((r) => r.query === q.name)!;
        const p50 = side === "GraphQL" ? row.graphql.p50 : row.cypher.p50;
        return { articles: s.articles, median: p50.median, min: p50.min, max: p50.max };
      }),
    })),
  );
}

/** Writes the Markdown report, the plot and the raw results next to each other. */
export function writeReport(results: BenchResults, markdownPath: string, render: (r: BenchResults, plotHref: string) => string): { markdown: string; plot: string; json: string } {
  const dir = dirname(markdownPath);
  const plot = resolve(dir, results.smoke ? "bench-smoke-latency.svg" : "bench/results/query-latency.svg");
  const json = resolve(dir, results.smoke ? "bench-smoke-results.json" : "bench/results/results.json");
  mkdirSync(dirname(plot), { recursive: true });
  writeFileSync(plot, latencyPlot(plotSeries(results), "Query latency (p50 under load) against graph size"));
  writeFileSync(json, JSON.stringify(results, null, 2) + "\n");
  writeFileSync(markdownPath, render(results, relative(dir, plot)));
  return { markdown: markdownPath, plot, json };
}
