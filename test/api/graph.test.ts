import { describe, expect, it } from "vitest";
import { exampleQueries } from "../../src/serve/api/graphiql/page.js";
import { gql, query, sliceCodePoints, useTestApi } from "./support.js";

/** The analyst queries, over HTTP against a real Neo4j holding the article graph. */

const api = useTestApi();

interface Evidence {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  source: { id: string; title: string; publisher: string; url: string | null };
}
const EVIDENCE = "evidence { start end exact prefix suffix source { id title publisher url } }";

async function sourceText(id: string): Promise<string> {
  const data = await query<{ sources: { text: string }[] }>(api.url, "query($id: ID!) { sources(where: { id: { eq: $id } }) { text } }", { id });
  const text = data.sources[0]?.text;
  if (text === undefined) throw new Error(`no source ${id}`);
  return text;
}

describe("the three named relations", () => {
  it("Qatar and the United States SIGNED the MoU, in July 2017 (month precision)", async () => {
    const data = await query<{ agreement: { signedByConnection: { edges: { properties: { claimId: string }; node: { id: string } }[] } } }>(
      api.url,
      `{ agreement: entity(id: "qatar-us-ct-mou") {
           signedByConnection { edges { properties { claimId predicate } node { id } } } } }`,
    );
    const edges = data.agreement.signedByConnection.edges;
    expect(edges.map((e) => e.node.id).sort()).toEqual(expect.arrayContaining(["qatar", "united-states"]));

    for (const party of ["qatar", "united-states"]) {
      const claimId = edges.find((e) => e.node.id === party)?.properties.claimId;
      const claims = await query<{ claims: { date: string; datePrecision: string; relationship: string; subject: { id: string }; object: { id: string } }[] }>(
        api.url,
        "query($id: ID!) { claims(where: { id: { eq: $id } }) { date datePrecision relationship subject { id } object { id } } }",
        { id: claimId },
      );
      expect(claims.claims).toEqual([
        { date: "2017-07", datePrecision: "month", relationship: "SIGNED", subject: { id: party }, object: { id: "qatar-us-ct-mou" } },
      ]);
    }
  });

  it("the coalition PARTNERS_WITH the SDF and the ISF, each edge naming its claim", async () => {
    const data = await query<{ entity: { partnersWithConnection: { edges: { properties: { claimId: string }; node: { id: string } }[] } } }>(
      api.url,
      `{ entity(id: "global-coalition") { partnersWithConnection { edges { properties { claimId } node { id } } } } }`,
    );
    const edges = data.entity.partnersWithConnection.edges;
    expect(edges.map((e) => e.node.id)).toEqual(expect.arrayContaining(["sdf", "isf"]));
    for (const e of edges) expect(e.properties.claimId).toBeTruthy();
    const relations = await query<{ entity: { relations: { type: string; direction: string; other: { id: string } }[] } }>(
      api.url,
      `{ entity(id: "global-coalition") { relations { type direction other { id } } } }`,
    );
    expect(relations.entity.relations).toEqual(
      expect.arrayContaining([
        { type: "PARTNERS_WITH", direction: "OUT", other: { id: "sdf" } },
        { type: "PARTNERS_WITH", direction: "OUT", other: { id: "isf" } },
      ]),
    );
  });

  it("the speakers' statements come back with verb, setting, outlet and evidence", async () => {
    type Q = { text: string; verb: string; implicitVerb: boolean; setting: { id: string } | null; outlet: { id: string } | null; evidence: Evidence[] };
    const data = await query<{ caggins: { quotes: Q[] }; white: { quotes: Q[] } }>(
      api.url,
      `{ caggins: entity(id: "myles-caggins") { quotes { text verb implicitVerb setting { id } outlet { id } ${EVIDENCE} } }
         white: entity(id: "robert-white") { quotes { text verb implicitVerb setting { id } outlet { id } ${EVIDENCE} } } }`,
    );
    for (const quotes of [data.caggins.quotes, data.white.quotes]) {
      expect(quotes.length).toBeGreaterThan(0);
      for (const q of quotes) {
        expect(q.verb).not.toBe("");
        expect(q.evidence.length).toBeGreaterThan(0);
      }
    }
    expect(data.caggins.quotes.some((q) => q.outlet?.id === "lusail")).toBe(true);
    expect([...data.caggins.quotes, ...data.white.quotes].some((q) => q.setting?.id === "pentagon-briefing")).toBe(true);
  });
});

describe("evidence", () => {
  it("every exact of every claim and quote is the source text between its offsets", async () => {
    type Page = { claims: { evidence: Evidence[] }[]; quotes: { evidence: Evidence[] }[] };
    const all: Evidence[] = [];
    const counts = { claims: 0, quotes: 0 };
    for (let offset = 0; ; offset += 50) {
      const page = await query<Page>(api.url, `query($offset: Int) { claims(limit: 50, offset: $offset) { ${EVIDENCE} } quotes(limit: 50, offset: $offset) { ${EVIDENCE} } }`, { offset });
      counts.claims += page.claims.length;
      counts.quotes += page.quotes.length;
      all.push(...[...page.claims, ...page.quotes].flatMap((n) => n.evidence));
      if (page.claims.length < 50 && page.quotes.length < 50) break;
    }
    expect(counts.claims).toBeGreaterThan(0);
    expect(counts.quotes).toBeGreaterThan(0);
    const texts = new Map<string, string>();
    for (const m of all) {
      if (!texts.has(m.source.id)) texts.set(m.source.id, await sourceText(m.source.id));
      const text = texts.get(m.source.id) ?? "";
      expect(m.source.title).toBeTruthy();
      expect(m.source.publisher).toBeTruthy();
      // Offsets count code points; prefix and suffix are the (up to) 32 code points around the span.
      expect(m.exact).toBe(sliceCodePoints(text, m.start, m.end));
      expect(m.prefix).toBe(sliceCodePoints(text, Math.max(0, m.start - 32), m.start));
      expect(m.suffix).toBe(sliceCodePoints(text, m.end, m.end + 32));
    }
  });
});

describe("entity lookup", () => {
  it("finds Qatar by قطر, لقطر, قَطَر and Qatar, and the coalition by للتحالف الدولي", async () => {
    const data = await query<Record<string, { id: string }[]>>(
      api.url,
      `{ a: entitiesByName(name: "قطر") { id } b: entitiesByName(name: "لقطر") { id } c: entitiesByName(name: "قَطَر") { id }
         d: entitiesByName(name: "Qatar") { id } e: entitiesByName(name: "QATAR") { id }
         f: entitiesByName(name: "للتحالف الدولي") { id } g: entitiesByName(name: "والولايات المتحدة") { id } }`,
    );
    for (const alias of ["a", "b", "c", "d", "e"]) expect(data[alias]?.[0]?.id, alias).toBe("qatar");
    expect(data.f?.[0]?.id).toBe("global-coalition");
    expect(data.g?.[0]?.id).toBe("united-states");
  });

  it("returns nothing, not an error, for an unknown or empty name", async () => {
    const data = await query<Record<string, unknown[]>>(api.url, `{ a: entitiesByName(name: "Atlantis") { id } b: entitiesByName(name: "") { id } }`);
    expect(data).toEqual({ a: [], b: [] });
  });
});

describe("search, timeline, counts, paths", () => {
  it("searches quotes and claims in full text, Lucene syntax taken literally", async () => {
    const data = await query<{ quotes: { id: string; text: string }[]; claims: { id: string }[]; hostile: unknown[] }>(
      api.url,
      `{ quotes: searchQuotes(phrase: "عضو مؤسس") { id text } claims: searchClaims(phrase: "مذكرة تفاهم") { id }
         hostile: searchQuotes(phrase: "\\"قطر AND (") { id } }`,
    );
    expect(data.quotes[0]?.text).toContain("عضو مؤسس");
    expect(data.claims.length).toBeGreaterThan(0);
    expect(Array.isArray(data.hostile)).toBe(true);
  });

  it("orders dated claims by date and filters them by entity and period", async () => {
    const data = await query<{ all: { dateSort: string }[]; qatar2017: { date: string; object: { id: string } | null }[] }>(
      api.url,
      `{ all: timeline(limit: 100) { dateSort }
         qatar2017: timeline(entityId: "qatar", from: "2017", to: "2017") { date object { id } } }`,
    );
    const dates = data.all.map((c) => c.dateSort);
    expect(dates).toEqual([...dates].sort());
    expect(data.qatar2017).toContainEqual({ date: "2017-07", object: { id: "qatar-us-ct-mou" } });
    for (const c of data.qatar2017) expect(c.date.startsWith("2017")).toBe(true);
  });

  it("counts claims per predicate and quotes per speaker", async () => {
    const data = await query<{ claimCountsByPredicate: { predicate: string; count: number }[]; quoteCountsBySpeaker: { speaker: { id: string }; count: number }[] }>(
      api.url,
      "{ claimCountsByPredicate { predicate count } quoteCountsBySpeaker { speaker { id } count } }",
    );
    expect(data.claimCountsByPredicate.length).toBeGreaterThan(0);
    const speakers = data.quoteCountsBySpeaker.map((s) => s.speaker.id);
    expect(speakers).toEqual(expect.arrayContaining(["myles-caggins", "robert-white"]));
  });

  it("finds a bounded path between two entities", async () => {
    const data = await query<{ paths: { hops: number; nodes: { id: string; kind: string }[]; relationships: unknown[] }[] }>(
      api.url,
      `{ paths(fromId: "qatar", toId: "sdf", maxHops: 4) { hops nodes { id kind } relationships { type startId endId } } }`,
    );
    const path = data.paths[0];
    expect(path).toBeDefined();
    expect(path?.nodes[0]?.id).toBe("qatar");
    expect(path?.nodes.at(-1)?.id).toBe("sdf");
    expect(path?.hops).toBeLessThanOrEqual(4);
    expect(path?.relationships).toHaveLength((path?.nodes.length ?? 0) - 1);
  });
});

describe("web annotations", () => {
  it("serves a claim as a W3C Web Annotation whose selectors match the source text", async () => {
    const data = await query<{ entity: { claimsAsSubject: { id: string; annotationUrl: string }[] } }>(
      api.url,
      `{ entity(id: "qatar") { claimsAsSubject(where: { relationship: { eq: "SIGNED" } }) { id annotationUrl } } }`,
    );
    const claim = data.entity.claimsAsSubject[0];
    if (!claim) throw new Error("Qatar has no SIGNED claim");
    expect(claim.annotationUrl).toBe(`${api.site}/annotations/claims/${claim.id}`);

    const res = await fetch(claim.annotationUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    type Target = { source: { id: string }; selector: ({ type: "TextQuoteSelector"; exact: string; prefix: string; suffix: string } | { type: "TextPositionSelector"; start: number; end: number })[] };
    const anno = (await res.json()) as { "@context": string; id: string; type: string; target: Target[] };
    expect(anno["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(anno.type).toBe("Annotation");
    expect(anno.id).toBe(claim.annotationUrl);
    expect(anno.target.length).toBeGreaterThan(0);
    for (const target of anno.target) {
      const sourceRes = await fetch(target.source.id);
      expect(sourceRes.status).toBe(200);
      const text = await sourceRes.text();
      const sourceId = target.source.id.split("/sources/")[1] ?? "";
      expect(text).toBe(await sourceText(sourceId));
      const quote = target.selector.find((s) => s.type === "TextQuoteSelector");
      const position = target.selector.find((s) => s.type === "TextPositionSelector");
      if (quote?.type !== "TextQuoteSelector" || position?.type !== "TextPositionSelector") throw new Error("both selectors expected");
      expect(quote.exact).toBe(sliceCodePoints(text, position.start, position.end));
      expect(quote.prefix).toBe(sliceCodePoints(text, Math.max(0, position.start - 32), position.start));
      expect(quote.suffix).toBe(sliceCodePoints(text, position.end, position.end + 32));
    }
  });

  it("serves quotes too, and 404 for unknown ids", async () => {
    const data = await query<{ entity: { quotes: { annotationUrl: string }[] } }>(api.url, `{ entity(id: "robert-white") { quotes { annotationUrl } } }`);
    const url = data.entity.quotes[0]?.annotationUrl;
    expect(url).toMatch(/\/annotations\/quotes\//);
    expect((await fetch(url ?? "")).status).toBe(200);
    expect((await fetch(`${api.site}/annotations/claims/no-such-claim`)).status).toBe(404);
    expect((await fetch(`${api.site}/annotations/quotes/no-such-quote`)).status).toBe(404);
    expect((await fetch(`${api.site}/annotations/nonsense/x`)).status).toBe(404);
  });
});

describe("pages", () => {
  it("caps page sizes at 100 and defaults them to 20", async () => {
    const over = await gql(api.url, "{ entities(limit: 101) { id } }");
    expect(over.status).toBe(400);
    expect(over.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // The seeded graph holds far more than 20 mentions, so a wrong default shows.
    const page = await query<{ mentions: unknown[]; mentionsConnection: { totalCount: number } }>(api.url, "{ mentions { id } mentionsConnection { totalCount } }");
    expect(page.mentionsConnection.totalCount).toBeGreaterThan(100);
    expect(page.mentions).toHaveLength(20);
  });
});

describe("cursor pages", () => {
  type PageInfo = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  type Page<T> = { nodes: T[]; pageInfo: PageInfo };

  const unclosed = (field: string) => (field.match(/\{/g)?.length ?? 0) - (field.match(/\}/g)?.length ?? 0);

  /** Every page of a list, following endCursor, with the pageInfo of each; `field` opens the selection up to the page field, whose arguments are $PAGE. */
  async function allPages<T extends { id: string }>(field: string, selection: string, first: number, pick: (data: Record<string, unknown>) => Page<T>) {
    const pages: Page<T>[] = [];
    let after: string | null = null;
    for (;;) {
      const data = await query<Record<string, unknown>>(
        api.url,
        `query($after: String) { ${field.replace("$PAGE", `first: ${first}, after: $after`)} { nodes { ${selection} } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }${"}".repeat(unclosed(field))}`,
        { after },
      );
      const page = pick(data);
      pages.push(page);
      if (!page.pageInfo.hasNextPage) return pages;
      after = page.pageInfo.endCursor;
    }
  }

  it("walks a speaker's quotes page by page: each once, in id order, the last page saying so", async () => {
    const pages = await allPages<{ id: string }>('entity(id: "robert-white") { quotesPage($PAGE)', "id", 3, (d) => (d.entity as { quotesPage: Page<{ id: string }> }).quotesPage);
    const ids = pages.flatMap((p) => p.nodes.map((n) => n.id));
    const all = await query<{ entity: { quotes: { id: string }[]; quoteCount: number } }>(api.url, `{ entity(id: "robert-white") { quotes(limit: 100) { id } quoteCount } }`);
    expect(ids).toEqual(all.entity.quotes.map((q) => q.id).sort());
    expect(ids).toHaveLength(all.entity.quoteCount);
    expect(pages.length).toBe(Math.ceil(all.entity.quoteCount / 3));
    pages.forEach((p, i) => {
      expect(p.pageInfo.hasPreviousPage).toBe(i > 0);
      expect(p.pageInfo.startCursor).toBe(p.nodes[0]?.id);
      expect(p.pageInfo.endCursor).toBe(p.nodes.at(-1)?.id);
    });
  });

  it("pages a claim's evidence, an entity's claims as subject and as object, its mentions, a source's mentions and a predicate's claims", async () => {
    const claims = await allPages<{ id: string; evidencePage: Page<{ id: string }>; evidence: { id: string }[] }>(
      'entity(id: "qatar") { claimsAsSubjectPage($PAGE)',
      "id evidencePage(first: 20) { nodes { id } pageInfo { hasNextPage } } evidence(limit: 100) { id }",
      2,
      (d) => (d.entity as { claimsAsSubjectPage: Page<{ id: string; evidencePage: Page<{ id: string }>; evidence: { id: string }[] }> }).claimsAsSubjectPage,
    );
    const expected = await query<{ entity: { claimsAsSubject: { id: string }[]; claimsAsObject: { id: string }[]; mentions: { id: string }[] } }>(
      api.url,
      `{ entity(id: "qatar") { claimsAsSubject(limit: 100) { id } claimsAsObject(limit: 100) { id } mentions(limit: 100) { id } } }`,
    );
    const nodes = claims.flatMap((p) => p.nodes);
    expect(nodes.map((c) => c.id)).toEqual(expected.entity.claimsAsSubject.map((c) => c.id).sort());
    expect(nodes.some((c) => c.evidence.length > 1)).toBe(true);
    for (const c of nodes) {
      expect(c.evidencePage.nodes.map((m) => m.id)).toEqual(c.evidence.map((m) => m.id).sort());
      expect(c.evidencePage.pageInfo.hasNextPage).toBe(false);
    }

    const asObject = await allPages<{ id: string }>('entity(id: "united-states") { claimsAsObjectPage($PAGE)', "id", 2, (d) => (d.entity as { claimsAsObjectPage: Page<{ id: string }> }).claimsAsObjectPage);
    const usObject = await query<{ entity: { claimsAsObject: { id: string }[] } }>(api.url, `{ entity(id: "united-states") { claimsAsObject(limit: 100) { id } } }`);
    expect(usObject.entity.claimsAsObject.length).toBeGreaterThan(0);
    expect(asObject.flatMap((p) => p.nodes.map((n) => n.id))).toEqual(usObject.entity.claimsAsObject.map((c) => c.id).sort());

    const mentions = await allPages<{ id: string }>('entity(id: "qatar") { mentionsPage($PAGE)', "id", 5, (d) => (d.entity as { mentionsPage: Page<{ id: string }> }).mentionsPage);
    expect(mentions.flatMap((p) => p.nodes.map((n) => n.id))).toEqual(expected.entity.mentions.map((m) => m.id).sort());

    const source = "lusail-qatar-coalition-2020";
    const sourcePages = await allPages<{ id: string }>(`sources(where: { id: { eq: "${source}" } }) { mentionsPage($PAGE)`, "id", 20, (d) => (d.sources as { mentionsPage: Page<{ id: string }> }[])[0]!.mentionsPage);
    const count = await query<{ mentionsConnection: { totalCount: number } }>(api.url, `{ mentionsConnection(where: { sourceId: { eq: "${source}" } }) { totalCount } }`);
    const sourceIds = sourcePages.flatMap((p) => p.nodes.map((n) => n.id));
    expect(sourceIds).toHaveLength(count.mentionsConnection.totalCount);
    expect(new Set(sourceIds).size).toBe(sourceIds.length);
    expect(sourceIds).toEqual([...sourceIds].sort());

    const signed = await allPages<{ id: string }>('claimsByPredicate(predicate: "signed", $PAGE)', "id", 1, (d) => d.claimsByPredicate as Page<{ id: string }>);
    const signedAll = await query<{ claims: { id: string }[] }>(api.url, `{ claims(where: { predicate: { eq: "signed" } }, limit: 100) { id } }`);
    expect(signedAll.claims.length).toBeGreaterThan(1);
    expect(signed.flatMap((p) => p.nodes.map((n) => n.id))).toEqual(signedAll.claims.map((c) => c.id).sort());
  });

  it("an empty page has no cursors and no next page", async () => {
    const data = await query<{ entity: { quotesPage: Page<{ id: string }> } }>(api.url, `{ entity(id: "qatar") { quotesPage { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`);
    expect(data.entity.quotesPage).toEqual({ nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it("refuses pages over 20, limits on a page's nodes and sorts inside objects", async () => {
    for (const q of [
      `{ entity(id: "qatar") { claimsAsSubjectPage(first: 21) { nodes { id } } } }`,
      `{ entity(id: "qatar") { claimsAsSubject(sort: [{ id: ASC }]) { id } } }`,
    ]) {
      const r = await gql(api.url, q);
      expect(r.status, q).toBe(400);
      expect(r.errors?.[0]?.extensions?.code, q).toBe("BAD_USER_INPUT");
    }
    const topLevel = await query<{ claims: { id: string }[] }>(api.url, `{ claims(sort: [{ id: ASC }], limit: 2) { id } }`);
    expect(topLevel.claims).toHaveLength(2);
  });
});

describe("claim texts and claim search", () => {
  it("a claim's text is its first evidence spans, in id order, bounded", async () => {
    const data = await query<{ claims: { text: string; evidence: { id: string; exact: string }[] }[] }>(api.url, "{ claims(limit: 100) { text evidence(limit: 50) { id exact } } }");
    expect(data.claims.some((c) => c.evidence.length > 1)).toBe(true);
    for (const c of data.claims) {
      const spans = [...c.evidence].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, 5);
      expect(c.text).toBe(spans.map((m) => m.exact).join(" … ").slice(0, 2000));
    }
  });

  it("finds claims through the words of their evidence, as the README shows", async () => {
    const data = await query<{ searchClaims: { predicate: string; subject: { id: string }; object: { id: string } | null }[] }>(
      api.url,
      `{ searchClaims(phrase: "مذكرة تفاهم") { predicate subject { id } object { id } } }`,
    );
    expect(data.searchClaims).toEqual([
      { predicate: "builtOn", subject: { id: "us-qatar-ct-dialogue" }, object: { id: "qatar-us-ct-mou" } },
      { predicate: "signed", subject: { id: "qatar" }, object: { id: "qatar-us-ct-mou" } },
      { predicate: "signed", subject: { id: "united-states" }, object: { id: "qatar-us-ct-mou" } },
      { predicate: "implemented", subject: { id: "qatar" }, object: { id: "qatar-us-ct-mou" } },
    ]);
  });
});

describe("GraphiQL examples", () => {
  it.each(exampleQueries())("$name runs without errors", async ({ query: q }) => {
    const r = await gql(api.url, q);
    expect(r.errors).toBeUndefined();
    expect(r.status).toBe(200);
  });
});
