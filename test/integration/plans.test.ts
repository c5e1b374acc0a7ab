import type { Driver } from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUERIES } from "../../bench/queries.js";
import { readEnv } from "../../src/config.js";
import { startApi, type RunningApi } from "../../src/serve/api/server.js";
import { planClaimUpkeep, planEntityUpkeep, planLoad, planPreviousClaims, planPreviousEntities, planRemoveSource } from "../../src/ingest/load/plan.js";
import { buildSeedGraphs } from "../../src/ingest/pipeline/seed-project.js";
import { fold } from "../../src/lexicon/arabic.js";
import { testDriver } from "../support/graph.js";

/**
 * Plans, not timings: every representative query (hand-written, and as the GraphQL API generates
 * it) and every statement of the loader is EXPLAINed against the seeded graph, and fails on a
 * scan of all nodes, all relationships, or all nodes of a label where an index should be used.
 * The few statements that must read a whole label are listed with the reason.
 */

const SCANS = new Set(["AllNodesScan", "NodeByLabelScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan"]);

/**
 * Statements that read every node of a label by design, and why. Each entry is checked to still
 * scan (so the list cannot go stale) and to scan only the label named.
 */
const EXPECTED_SCANS: Record<string, { label: string; why: string }> = {};

interface Operator {
  operatorType: string;
  arguments: Record<string, unknown> & { Details?: string };
  children: Operator[];
}

function operators(plan: Operator): Operator[] {
  return [plan, ...plan.children.flatMap(operators)];
}

/** Sorting operators: a page read in index order needs none, whatever the size of its list. */
const SORTS = new Set(["Sort", "Top", "Top1WithTies", "PartialSort", "PartialTop"]);

/**
 * Queries made only of pages (the *Page fields, read as ordered index seeks with a limit): their
 * plans must not sort, since a sort would read the whole list before the page is cut.
 */
const PAGES_ONLY = new Set(["claimsAbout", "quotesBySpeaker", "quotesNextPage", "claimsAsObjectPage", "entityMentionsPage", "sourceMentionsPage", "claimsByPredicate"]);

/** The plan's scans, as "NodeByLabelScan(Entity)", and for queries of pages its sorts too. */
async function scansOf(driver: Driver, cypher: string, params: Record<string, unknown>, name = ""): Promise<string[]> {
  // Options such as "CYPHER runtime=…" go before EXPLAIN's query: EXPLAIN comes first.
  const { summary } = await driver.executeQuery(`EXPLAIN ${cypher}`, params);
  const plan = summary.plan as unknown as Operator;
  const flagged = PAGES_ONLY.has(name) ? new Set([...SCANS, ...SORTS]) : SCANS;
  return operators(plan)
    .filter((op) => flagged.has(op.operatorType.replace(/@.*$/, "")))
    .map((op) => `${op.operatorType.replace(/@.*$/, "")}(${op.arguments.Details ?? ""})`);
}

function expectIndexed(name: string, scans: string[]) {
  const expected = EXPECTED_SCANS[name];
  if (!expected) {
    expect(scans, `${name} scans where an index should be used`).toEqual([]);
    return;
  }
  expect(scans.length, `${name} is listed as scanning ${expected.label}, but no longer does: remove it from EXPECTED_SCANS`).toBeGreaterThan(0);
  for (const s of scans) expect(s, `${name} (${expected.why})`).toMatch(new RegExp(`^NodeByLabelScan\\(.*:${expected.label}\\)$`));
}

/** A driver that records every query run through executeQuery, which is how the API runs the Cypher @neo4j/graphql generates. */
function recordingDriver(driver: Driver, seen: Array<{ cypher: string; params: Record<string, unknown> }>): Driver {
  return new Proxy(driver, {
    get: (d, p) => {
      if (p === "executeQuery") {
        return (cypher: string, params: Record<string, unknown> = {}, config?: Parameters<Driver["executeQuery"]>[2]) => {
          seen.push({ cypher, params });
          return d.executeQuery(cypher, params, config);
        };
      }
      const v = Reflect.get(d, p) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(d) : v;
    },
  });
}

const driver = testDriver();
let api: RunningApi;
const seen: Array<{ cypher: string; params: Record<string, unknown> }> = [];

beforeAll(async () => {
  api = await startApi({ driver: recordingDriver(driver, seen), env: { ...readEnv(), LOG_LEVEL: "silent" }, port: 0 });
});
afterAll(async () => {
  await api?.close();
  await driver.close();
});

describe("plans of the representative queries", () => {
  for (const q of QUERIES) {
    it(`${q.name}: hand-written Cypher uses indexes`, async () => {
      expectIndexed(q.name, await scansOf(driver, q.cypher, q.cypherParams(q.variables), q.name));
    });

    it(`${q.name}: the Cypher the GraphQL API generates uses indexes`, async () => {
      seen.length = 0;
      const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: q.graphql, variables: q.variables }) });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(seen.length).toBeGreaterThan(0);
      for (const { cypher, params } of seen) expectIndexed(q.name, await scansOf(driver, cypher, params, q.name));
    });
  }
});

/** The API's other statements that read lists which grow with the graph, beyond the benchmark's. */
const API_QUERIES: Record<string, string> = {
  claimsAsObjectPage: `{ entity(id: "united-states") { claimsAsObjectPage(first: 2, after: "claim-0") { nodes { id } pageInfo { hasNextPage endCursor } } } }`,
  entityMentionsPage: `{ entity(id: "qatar") { mentionsPage(first: 5) { nodes { id exact } pageInfo { hasNextPage } } } }`,
  sourceMentionsPage: `{ sources(where: { id: { eq: "lusail-qatar-coalition-2020" } }) { mentionsPage(first: 5, after: "lusail") { nodes { id } } } }`,
  claimsByPredicate: `{ claimsByPredicate(predicate: "signed", first: 5) { nodes { id evidencePage(first: 2) { nodes { id } } } pageInfo { endCursor } } }`,
  timelineOfAllEntities: `{ timeline(from: "2017", to: "2019", limit: 5) { id } }`,
  timelineOfAPredicate: `{ timeline(entityId: "qatar", predicate: "signed", limit: 5, offset: 1) { id } }`,
  searchQuotes: `{ searchQuotes(phrase: "عضو مؤسس") { id } }`,
  searchEntities: `{ searchEntities(phrase: "قطر") { id } }`,
};

describe("plans of the API's other list statements", () => {
  for (const [name, graphql] of Object.entries(API_QUERIES)) {
    it(`${name}: the Cypher the GraphQL API generates uses indexes`, async () => {
      seen.length = 0;
      const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: graphql }) });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(seen.length).toBeGreaterThan(0);
      for (const { cypher, params } of seen) expectIndexed(name, await scansOf(driver, cypher, params, name));
    });
  }
});

describe("the timeline about an entity", () => {
  // A date range over every claim, filtered by entity afterwards, also uses an index (claim_date)
  // but reads every claim of the period: the cost then grows with the graph, not the page.
  for (const [name, graphql] of [
    ["in a period", `{ timeline(entityId: "qatar", from: "2010", to: "2020", limit: 2) { id } }`],
    ["of a predicate", API_QUERIES.timelineOfAPredicate!],
  ] as const) {
    it(`${name}: seeks each side's claims by entity and date, in index order, with no sort of either side`, async () => {
      seen.length = 0;
      const res = await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: graphql }) });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      const { cypher, params } = seen.find((q) => q.cypher.includes("dateSort"))!;
      const { summary } = await driver.executeQuery(`EXPLAIN ${cypher}`, params);
      const ops = operators(summary.plan as unknown as Operator).map((op) => `${op.operatorType.replace(/@.*$/, "")}(${op.arguments.Details ?? ""})`);
      for (const side of ["subjectId", "objectId"]) {
        expect(ops.some((op) => op.startsWith("NodeIndexSeek(") && op.includes(`c:Claim(${side}, dateSort, id) WHERE ${side} = $`)), `${side}:\n${ops.join("\n")}`).toBe(true);
      }
      // The sides' pages come out of their indexes in order: only their merge is sorted.
      expect(ops.filter((op) => SORTS.has(op.slice(0, op.indexOf("("))) && /subjectId|objectId/.test(op))).toEqual([]);
    });
  }
});

describe("plans of the loader's statements", () => {
  it("every statement of loading the seed graph, and of the claim upkeep after it, uses indexes", async () => {
    const graphs = (await buildSeedGraphs()).map((b) => b.graph);
    const statements = [
      ...planPreviousClaims(graphs.map((g) => g.source.id)),
      ...planPreviousEntities(graphs.map((g) => g.source.id)),
      ...planLoad(graphs, fold),
      ...planClaimUpkeep(graphs.flatMap((g) => g.claims.map((c) => c.id))),
      ...planEntityUpkeep(graphs.flatMap((g) => g.entities.map((e) => e.id))),
    ];
    expect(new Set(statements.map((s) => s.label))).toEqual(
      new Set(["previous claims", "previous entities", "unreferenced entities", "Source", "previous links", "Mention", "Claim", "Quote", "PART_OF", "SIGNED", "PARTNERS_WITH", "orphaned claims", "claim texts", ...graphs.flatMap((g) => g.entities.map((e) => `Entity:${e.type}`))]),
    );
    for (const s of statements) expectIndexed(s.label, await scansOf(driver, s.cypher, s.params));
  });

  it("retracting a source reads whole labels only where listed", async () => {
    for (const s of planRemoveSource("lusail-qatar-coalition-2020")) expectIndexed(s.label, await scansOf(driver, s.cypher, s.params));
  });
});
