import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeSources } from "../../src/ingest/load/run.js";
import { buildArticles, loadSourceGraphs, SEED_DIR } from "../../src/ingest/pipeline/seed-project.js";
import type { RunningApi } from "../../src/serve/api/server.js";
import neo4j from "neo4j-driver";
import { PAGE_STATEMENTS, readEntity } from "../../src/serve/pages/read.js";
import { sliceCodePoints, startTestApi } from "../api/support.js";
import { testDriver } from "../support/graph.js";
import { holdWriterLock } from "../support/writer-lock.js";

/**
 * The reading view (GET /sources/:id as HTML) and the entity pages (GET /entities/:id) as a reader
 * meets them, in Debian's Chromium: every mark's words are the source's at its offsets, selecting
 * a mark shows what it is evidence of, #char=a,b highlights those words, a claim's Web Annotation
 * leads there, nothing is fetched from another site, and a source written to attack the page
 * (markup, a script, bidi controls; test/fixtures/reading) is shown as text. It adds that source
 * and removes it afterwards, so it runs among the files that write. Screenshots go to
 * SANAD_SCREENSHOT_DIR (docs/ refreshes the README's), else to the temporary folder.
 */

holdWriterLock();

const driver = testDriver();
const SEED = "lusail-qatar-coalition-2020";
const HOSTILE = "test-reading-hostile";
const hostileMeta = fileURLToPath(new URL("../fixtures/reading/hostile.meta.yaml", import.meta.url));
const shots = resolve(process.env.SANAD_SCREENSHOT_DIR ?? join(tmpdir(), "sanad-pages"));

let api: RunningApi;
let site: string;
let browser: Browser;
let context: BrowserContext;
const requests: string[] = [];
const pageErrors: string[] = [];

async function textOf(sourceId: string): Promise<string> {
  const { records } = await driver.executeQuery("MATCH (s:Source {id: $id}) RETURN s.text AS text", { id: sourceId });
  return records[0]!.get("text") as string;
}

async function open(path: string, ctx: BrowserContext = context): Promise<Page> {
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${site}${path}`);
  await page.waitForLoadState("load");
  return page;
}

/** The words the #char= fragment highlights, as the page's Highlight registry holds them. */
const highlighted = (page: Page) =>
  page.evaluate(() => {
    const highlight = (globalThis as unknown as { CSS: { highlights: Map<string, Iterable<{ toString(): string }>> } }).CSS.highlights.get("sanad-char");
    return highlight ? [...highlight].map((r) => r.toString()) : [];
  });

beforeAll(async () => {
  const built = await buildArticles([{ metaPath: hostileMeta }], `${SEED_DIR}/gazetteer.yaml`);
  await loadSourceGraphs(driver, built.map((b) => b.graph));
  api = await startTestApi(driver);
  site = api.url.replace(/\/graphql$/, "");
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  context.on("request", (r) => requests.push(r.url()));
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await removeSources(driver, [HOSTILE]);
  await driver.close();
});

describe("the reading view", () => {
  it("marks every span of the source, each mark's words equal to the source at its offsets, counted in code points", async () => {
    const text = await textOf(SEED);
    const page = await open(`/sources/${SEED}`);
    const marks = await page.locator("#text mark").evaluateAll((ms) =>
      ms.map((m) => ({ span: m.getAttribute("data-span")!, start: Number(m.getAttribute("data-start")), end: Number(m.getAttribute("data-end")), text: m.textContent })),
    );
    expect(await page.locator("#text").textContent()).toBe(text);
    expect(marks.length).toBeGreaterThan(100);
    for (const m of marks) expect(m.text, `${m.span} at ${m.start}-${m.end}`).toBe(sliceCodePoints(text, m.start, m.end));

    // Every mention of the source is marked, its pieces covering exactly its offsets.
    const { records } = await driver.executeQuery("MATCH (m:Mention {sourceId: $id}) RETURN m.id AS id, m.start AS start, m.end AS end, m.exact AS exact", { id: SEED });
    expect(new Set(marks.map((m) => m.span))).toEqual(new Set(records.map((r) => r.get("id") as string)));
    for (const r of records) {
      const pieces = marks.filter((m) => m.span === r.get("id")).sort((a, b) => a.start - b.start);
      expect(pieces[0]!.start).toBe(Number(r.get("start")));
      expect(pieces.at(-1)!.end).toBe(Number(r.get("end")));
      expect(pieces.map((p) => p.text).join("")).toBe(r.get("exact"));
    }
    // Nested: a name inside a claim's evidence is a mark inside a mark.
    expect(await page.locator("#text mark.ev-claim mark.ent").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("shows a claim when its mark is selected, with origin and confidence, and only what that mark supports", async () => {
    const { records } = await driver.executeQuery(
      `MATCH (c:Claim {origin: 'extracted'})-[:EVIDENCE]->(m:Mention {sourceId: $id})
       RETURN c.id AS id, c.confidence AS confidence ORDER BY c.id LIMIT 1`,
      { id: SEED },
    );
    const claimId = records[0]!.get("id") as string;
    const page = await open(`/sources/${SEED}`);
    const cards = page.locator("#panel .card");
    const total = await cards.count();
    // Without a selection every card is shown.
    expect(await page.locator("#panel .card:visible").count()).toBe(total);

    const mark = page.locator(`#text mark[data-claims~="${claimId}"]`).first();
    await expect.poll(() => mark.getAttribute("class")).toContain("o-extracted");
    // Extracted evidence is drawn differently from curated evidence.
    const underline = (selector: string) => page.locator(selector).first().evaluate((m) => getComputedStyle(m).borderBottomStyle);
    expect(await underline("#text mark.ev-claim.o-extracted")).toBe("dashed");
    expect(await underline("#text mark.ev-claim.o-curated")).toBe("solid");

    await mark.click();
    const card = page.locator(`#panel [data-claim="${claimId}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toContain(`extracted · confidence ${Number(records[0]!.get("confidence")).toFixed(2)}`);
    const visible = await page.locator("#panel .card:visible").count();
    expect(visible).toBeLessThan(total);
    // What is shown is exactly what the mark clicked (the innermost under the pointer, inside or
    // equal to this one) and the marks around it are evidence of or name.
    const selected = page.locator("#text mark.selected");
    expect(await selected.count()).toBe(1);
    expect(await selected.evaluate((m, id) => m.closest(`mark[data-claims~="${id}"]`) !== null, claimId)).toBe(true);
    const wanted = await selected.evaluate((m) => {
      const ids: string[] = [];
      for (let e: Element | null = m; e && e.id !== "text"; e = e.parentElement) {
        if (e.tagName !== "MARK") continue;
        const el = e as HTMLElement;
        if (el.dataset.entity) ids.push(`entity:${el.dataset.entity}`);
        for (const id of (el.dataset.claims ?? "").split(" ").filter(Boolean)) ids.push(`claim:${id}`);
        for (const id of (el.dataset.quotes ?? "").split(" ").filter(Boolean)) ids.push(`quote:${id}`);
      }
      return ids;
    });
    const shown = await page.locator("#panel .card:visible").evaluateAll((cs) => cs.map((c) => c.id));
    expect(new Set(shown)).toEqual(new Set(wanted));

    // Its Web Annotation and GraphQL links answer.
    const annotation = await card.getByRole("link", { name: "Web Annotation" }).getAttribute("href");
    expect((await fetch(`${site}${annotation}`)).status).toBe(200);
    const query = await card.getByRole("link", { name: "GraphQL" }).getAttribute("href");
    const redirect = await fetch(`${site}${query}`, { redirect: "manual" });
    const graphql = new URL(redirect.headers.get("location")!, site).searchParams.get("query")!;
    const answer = (await (await fetch(api.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: graphql }) })).json()) as {
      data: { claims: { origin: string }[] };
    };
    expect(answer.data.claims).toEqual([expect.objectContaining({ origin: "extracted" })]);

    await page.screenshot({ path: join(shots, "reading-view.png") });

    await page.getByRole("button", { name: "show everything" }).click();
    expect(await page.locator("#panel .card:visible").count()).toBe(total);
    await page.close();
  });

  it("highlights and scrolls to the words of #char=a,b, and follows a card's evidence link", async () => {
    const text = await textOf(SEED);
    const page = await open(`/sources/${SEED}#char=263,312`);
    await expect.poll(() => highlighted(page)).toEqual([sliceCodePoints(text, 263, 312)]);
    expect(sliceCodePoints(text, 263, 312)).toBe("مذكرة التفاهم الذي وقعتها قطر مع الولايات المتحدة");
    const inView = await page.evaluate(() => {
      const range = [...(globalThis as unknown as { CSS: { highlights: Map<string, Iterable<Range>> } }).CSS.highlights.get("sanad-char")!][0]!;
      const box = range.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);

    const link = page.locator('#panel .evidence a[href^="#char="]').nth(5);
    const [, start, end] = /^#char=(\d+),(\d+)$/.exec((await link.getAttribute("href"))!)!;
    await link.click();
    await expect.poll(() => highlighted(page)).toEqual([sliceCodePoints(text, Number(start), Number(end))]);
    await page.close();
  });

  it("is where a claim's Web Annotation leads: its source with the RFC 5147 fragment", async () => {
    const { records } = await driver.executeQuery("MATCH (c:Claim)-[:EVIDENCE]->(:Mention {sourceId: $id}) RETURN c.id AS id ORDER BY c.id LIMIT 1", { id: SEED });
    const res = await fetch(`${site}/annotations/claims/${records[0]!.get("id") as string}`);
    const annotation = (await res.json()) as {
      target: { source: { id: string }; selector: { type: string; exact?: string; value?: string; conformsTo?: string }[] }[];
    };
    const target = annotation.target[0]!;
    const fragment = target.selector.find((s) => s.type === "FragmentSelector")!;
    expect(fragment.conformsTo).toBe("http://tools.ietf.org/rfc/rfc5147");
    const exact = target.selector.find((s) => s.type === "TextQuoteSelector")!.exact;
    const page = await open(`${new URL(target.source.id).pathname}#${fragment.value!}`);
    await expect.poll(() => highlighted(page)).toEqual([exact]);
    await page.close();
  });

  it("keeps the plain text for tools, and serves the page without JavaScript", async () => {
    const text = await textOf(SEED);
    for (const accept of ["*/*", "text/plain", ""]) {
      const res = await fetch(`${site}/sources/${SEED}`, { headers: accept ? { accept } : {} });
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await res.text()).toBe(text);
    }
    const html = await fetch(`${site}/sources/${SEED}`, { headers: { accept: "text/html" } });
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.headers.get("vary")).toMatch(/Accept/);
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await (await fetch(`${site}/sources/${SEED}?format=text`, { headers: { accept: "text/html" } })).text()).toBe(text);
    expect((await fetch(`${site}/sources/no-such-source`, { headers: { accept: "text/html" } })).status).toBe(404);

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    noScript.on("request", (r) => requests.push(r.url()));
    try {
      const page = await open(`/sources/${SEED}`, noScript);
      expect(await page.locator("#text").textContent()).toBe(text);
      const cards = await page.locator("#panel .card").count();
      expect(cards).toBeGreaterThan(100);
      expect(await page.locator("#panel .card:visible").count()).toBe(cards);
    } finally {
      await noScript.close();
    }
  });

  it("shows a hostile source's markup, script and bidi controls as text, running nothing", async () => {
    const text = await textOf(HOSTILE);
    expect(text).toContain("<script>");
    const page = await open(`/sources/${HOSTILE}`);
    expect(await page.locator("#text").textContent()).toBe(text);
    expect(await page.locator("h1").textContent()).toBe("<script>window.__sanadPwned = 3</script> عنوان \u202Eمعكوس");
    expect(await page.evaluate(() => (globalThis as { __sanadPwned?: number }).__sanadPwned)).toBeUndefined();
    expect(await page.locator("#text script, #text img, #text b, #text article").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(1);
    const controls = [...text].filter((ch) => /[\u202A-\u202E\u2066-\u2069]/u.test(ch));
    expect(controls.length).toBe(4);
    expect(await page.locator("#text .bidi-control").allTextContents()).toEqual(controls);
    expect(await page.locator("#text .bidi-control").first().evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe("isolate");
    // Its candidate speaker is marked apart from curated names.
    const outline = (selector: string) => page.locator(selector).first().evaluate((m) => getComputedStyle(m).outlineStyle);
    expect(await outline("#text mark.ent.s-candidate")).toBe("dashed");
    expect(await outline("#text mark.ent.s-curated")).toBe("none");
    expect(await page.locator("#panel .card.entity.s-candidate .badge.s-candidate").count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe("the entity page", () => {
  it("shows names in both languages, Wikidata, claims by predicate with their evidence, quotes and a timeline", async () => {
    const page = await open("/entities/qatar");
    expect(await page.locator("h1").textContent()).toBe("Qatar · قطر");
    expect(await page.locator("a.wikidata").first().getAttribute("href")).toBe("https://www.wikidata.org/wiki/Q846");

    const { records } = await driver.executeQuery("MATCH (c:Claim) WHERE c.subjectId = 'qatar' RETURN c.predicate AS p, count(*) AS n ORDER BY p");
    const groups = await page.locator('section.predicate[data-role="subject"]').evaluateAll((ss) =>
      ss.map((s) => ({ predicate: s.getAttribute("data-predicate"), claims: s.querySelectorAll(".card.claim").length, more: s.querySelector(".more") !== null })),
    );
    expect(groups).toEqual(records.map((r) => ({ predicate: r.get("p"), claims: Math.min(5, Number(r.get("n"))), more: Number(r.get("n")) > 5 })));

    // Each evidence snippet is the source's words at the offsets its link names.
    const snippets = await page.locator("#claims .evidence a.snippet").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href")!, text: a.textContent })));
    expect(snippets.length).toBeGreaterThan(5);
    for (const s of snippets) {
      const [, source, start, end] = /^\/sources\/([^#]+)#char=(\d+),(\d+)$/.exec(s.href)!;
      expect(s.text).toBe(sliceCodePoints(await textOf(decodeURIComponent(source!)), Number(start), Number(end)));
    }

    const dates = await page.locator("#timeline li").evaluateAll((ls) => ls.map((l) => l.getAttribute("data-date")));
    expect(dates.length).toBeGreaterThan(0);
    expect(dates).toEqual([...dates].sort());
    expect(await page.locator("#quotes h2").textContent()).toMatch(/^Quotes \(\d+\)$/);
    await page.screenshot({ path: join(shots, "entity-page.png"), fullPage: false });

    // One click to the words a claim rests on, and one back to the entity.
    const first = snippets[0]!;
    await page.locator(`#claims .evidence a.snippet[href="${first.href}"]`).first().click();
    await page.waitForURL(`**${first.href}`);
    await expect.poll(() => highlighted(page)).toEqual([first.text]);
    await page.locator('#panel a.entity-link[href="/entities/qatar"]').first().click();
    await page.waitForURL("**/entities/qatar");
    expect(await page.locator("h1").textContent()).toBe("Qatar · قطر");
    expect((await fetch(`${site}/entities/no-such-entity`)).status).toBe(404);
    await page.close();
  });

  it("reads a page of each predicate, and the next page from its last claim", async () => {
    const limits = { perPredicate: 1, predicates: 30, evidence: 2, quotes: 1, timeline: 2 };
    const data = (await readEntity(driver, "qatar", { limits }))!;
    const partner = data.groups.find((g) => g.role === "subject" && g.predicate === "partnerOf")!;
    expect(partner.claims).toHaveLength(1);
    expect(partner.more).toBe(true);
    for (const g of data.groups) for (const c of g.claims) expect(c.evidence.length).toBeLessThanOrEqual(2);
    expect(data.timeline.length).toBeLessThanOrEqual(2);
    const next = (await readEntity(driver, "qatar", { limits, page: { role: "subject", predicate: "partnerOf", after: partner.claims[0]!.id } }))!;
    const rest = next.groups[0]!.claims;
    expect(rest.length).toBeGreaterThan(0);
    for (const c of rest) expect(c.id > partner.claims[0]!.id && c.predicate === "partnerOf").toBe(true);
    expect(await readEntity(driver, "no-such-entity")).toBeUndefined();
  });
});

describe("what the pages read", () => {
  const SCANS = /^(AllNodesScan|NodeByLabelScan|\w*AllRelationshipsScan|\w*RelationshipTypeScan)/;
  type Operator = { operatorType: string; arguments: { Details?: string }; children: Operator[] };
  const all = (op: Operator): Operator[] => [op, ...op.children.flatMap(all)];
  const int = neo4j.int;
  const params = { id: "qatar", role: "subject", predicate: "partnerOf", after: "", evidence: int(3), predicates: int(30), perPredicate: int(5), quotes: int(10), timeline: int(12) };

  it.each(Object.entries(PAGE_STATEMENTS))("%s seeks through indexes, scanning no label or relationship type", async (_name, statement) => {
    const { summary } = await driver.executeQuery(`EXPLAIN ${statement}`, params);
    const scans = all(summary.plan as unknown as Operator)
      .filter((op) => SCANS.test(op.operatorType))
      .map((op) => `${op.operatorType}(${op.arguments.Details ?? ""})`);
    expect(scans).toEqual([]);
  });
});

describe("what the pages load", () => {
  it("comes from this site only, the Arabic font among it, and raised no script error", async () => {
    const page = await open(`/sources/${SEED}`);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check("16px 'Noto Naskh Arabic'", "قطر"))).toBe(true);
    await page.close();
    const origin = new URL(site).origin;
    const elsewhere = requests.filter((u) => !u.startsWith("data:") && new URL(u).origin !== origin);
    expect(elsewhere).toEqual([]);
    expect(requests.some((u) => /\/assets\/fonts\/noto-naskh-arabic\/files\/.*arabic-400-normal\.woff2$/.test(u))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
