import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import express from "express";
import { parse } from "node-html-parser";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { EntityType } from "../../src/model/seed-files.js";
import { BROWSER_ASSETS_PATH } from "../../src/neo4j/browser.js";
import { BROWSER_ASSETS_DIR, browserAssets } from "../../src/serve/api/browser-assets.js";
import { testDriver } from "../support/graph.js";

/**
 * The Browser style and guide (neo4j/browser/) as a researcher meets them: every guide query runs
 * on the seeded graph, and a headless Chromium logs in to the server's Neo4j Browser, applies the
 * style and plays the guide from the project's asset router, runs a guide query and sees the
 * styled graph. The screenshot goes to SANAD_SCREENSHOT (docs/screenshot.png refreshes the README's).
 */

const driver = testDriver();
afterAll(() => driver.close());

interface Slide {
  title: string;
  queries: string[];
}

/** The guide as the Browser reads it: <slide> pages, runnable <pre> blocks (their text, entities decoded). */
function guideSlides(): Slide[] {
  const root = parse(readFileSync(join(BROWSER_ASSETS_DIR, "guide.html"), "utf8"));
  return root.querySelectorAll("slide").map((slide) => ({
    title: slide.querySelector("h3")?.text.trim() ?? "",
    queries: slide.querySelectorAll("pre.runnable").map((pre) => pre.text.trim()),
  }));
}

const slides = guideSlides();
const QATAR_SLIDE = "Qatar and its relations";

describe("the Browser guide", () => {
  it("has the five pages, each with queries", () => {
    expect(slides.map((s) => s.title)).toEqual([
      "The article at a glance",
      QATAR_SLIDE,
      "Who said what",
      "A claim and the words it rests on",
      "The path between two entities",
    ]);
    for (const s of slides) expect(s.queries.length).toBeGreaterThanOrEqual(2);
  });

  it.each(slides.flatMap((s) => s.queries.map((q, i) => [`${s.title} #${i + 1}`, q] as const)))("query %s runs and returns rows", async (_name, query) => {
    const { records } = await driver.executeQuery(query);
    expect(records.length).toBeGreaterThan(0);
  });

  it("answers with what the article says", async () => {
    const [glance, , said, claim, path] = slides;
    const { records: source } = await driver.executeQuery(glance!.queries[0]!);
    expect(source).toHaveLength(1);
    expect(source[0]!.get("publisher")).toBe("Lusail");
    const { records: mentions } = await driver.executeQuery("MATCH (m:Mention) RETURN count(m) AS n");
    expect(Number(source[0]!.get("spans"))).toBe(Number(mentions[0]!.get("n")));

    const { records: quotes } = await driver.executeQuery(said!.queries[0]!);
    expect(new Set(quotes.map((r) => r.get("speaker")))).toEqual(new Set(["مايلز بي. كاجينز الثالث", "روبرت وايت"]));

    const { records: evidence } = await driver.executeQuery(claim!.queries[0]!);
    expect(new Set(evidence.map((r) => r.get("subject")))).toEqual(new Set(["Qatar", "United States"]));
    for (const r of evidence) expect(r.get("matchesSource")).toBe(true);
    expect(evidence.map((r) => r.get("words") as string).join(" ")).toContain("يوليو 2017");

    const { records: steps } = await driver.executeQuery(path!.queries[1]!);
    const route = steps[0]!.get("steps") as string[];
    expect(route[0]).toBe("قطر");
    expect(route.at(-1)).toBe("قوات سوريا الديمقراطية");
  });
});

describe("the Browser style", () => {
  const grass = readFileSync(join(BROWSER_ASSETS_DIR, "style.grass"), "utf8");
  const rule = (selector: string) => grass.match(new RegExp(`^${selector.replace(".", "\\.")} \\{((?:[^}"]|"[^"]*")*)\\}`, "m"))?.[1];

  it("has a rule with a colour for every entity type and every label and relationship type in the graph", async () => {
    const { records: labels } = await driver.executeQuery("CALL db.labels() YIELD label RETURN collect(label) AS all");
    const { records: types } = await driver.executeQuery("CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS all");
    const nodeLabels = new Set([...(labels[0]!.get("all") as string[]), ...EntityType.options]);
    nodeLabels.delete("Entity");
    for (const label of nodeLabels) expect(rule(`node.${label}`), `node.${label}`).toMatch(/color: #[0-9A-F]{6};/);
    for (const type of types[0]!.get("all") as string[]) expect(rule(`relationship.${type}`), `relationship.${type}`).toMatch(/color: #[0-9A-F]{6};/);
    expect(rule("node.Entity")).toContain('caption: "{nameAr}"');
  });
});

describe("Neo4j Browser, as a person sees it", () => {
  let server: Server;
  let assets: string;
  beforeAll(async () => {
    const app = express();
    app.use(BROWSER_ASSETS_PATH, browserAssets());
    server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    // localhost: on the Browser's default remote-content allowlist, so this works on any server.
    assets = `http://localhost:${(server.address() as AddressInfo).port}${BROWSER_ASSETS_PATH}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it("logs in, applies the style, plays the guide, runs its Qatar query and shows the styled graph", { timeout: 180_000 }, async () => {
    const target = inject("neo4j");
    const profile = mkdtempSync(join(tmpdir(), "sanad-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1400, height: 900 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(60_000);
      await page.goto(`${inject("neo4jHttp")}/browser/`);

      await page.getByTestId("boltaddress").fill(target.uri);
      await page.getByTestId("username").fill(target.username);
      await page.getByTestId("password").fill(target.password);
      await page.getByTestId("connect").click();
      // The Browser's own start page opens once the connection stands.
      await page.getByTestId("frameCommand").filter({ hasText: ":play start" }).waitFor();

      const run = async (command: string) => {
        await page.getByTestId("activeEditor").click();
        await page.keyboard.insertText(command);
        await page.getByTestId("editor-Run").click();
      };
      // The same commands the server's browser.post_connect_cmd runs on connect (browserPostConnect).
      await run(`:style ${assets}/style.grass`);
      const styleFrame = page.getByTestId("frame").filter({ hasText: `:style ${assets}/style.grass` });
      await expect.poll(() => styleFrame.innerText()).toContain("node.Country");

      await run(`:play ${assets}/guide.html`);
      const guide = page.getByTestId("frame").filter({ hasText: `:play ${assets}/guide.html` });
      await guide.getByText("The article at a glance").waitFor();
      await guide.getByTestId("nextSlide").click();
      await guide.getByRole("heading", { name: QATAR_SLIDE }).waitFor();
      // Clicking a runnable query puts it in the editor, as for a person.
      await guide.locator("pre.runnable").filter({ hasText: "RETURN qatar, s, c, o, other" }).click();
      await page.getByTestId("editor-Run").click();

      const result = page.getByTestId("frame").filter({ hasText: "RETURN qatar, s, c, o, other" }).filter({ has: page.locator("svg g.node") });
      await expect.poll(() => result.locator("svg g.node").count(), { timeout: 60_000 }).toBeGreaterThan(0);
      const query = slides.find((s) => s.title === QATAR_SLIDE)!.queries[0]!;
      const { records } = await driver.executeQuery(`CALL () { ${query} } UNWIND [qatar, c, other] AS n WITH DISTINCT n WHERE n IS NOT NULL RETURN count(n) AS n`);
      const nodes = Number(records[0]!.get("n"));
      await expect.poll(() => result.locator("svg g.node").count()).toBe(nodes);
      await expect.poll(() => result.innerText()).toContain(`Displaying ${nodes} nodes`);

      // Styled: colours per type, Arabic captions on entities, predicates on claims.
      const fills = new Set(await result.locator("svg g.node circle").evaluateAll((cs) => cs.map((c) => c.getAttribute("fill"))));
      for (const colour of ["#2E7D32" /* Country */, "#F79767" /* Organization */, "#ECEFF1" /* Claim */]) expect(fills).toContain(colour);
      const captions = (await result.locator("svg g.node text").allTextContents()).map((t) => t.trim());
      expect(captions).toContain("قطر");
      expect(captions).toContain("signed");

      const file = resolve(process.env.SANAD_SCREENSHOT ?? join(tmpdir(), "sanad-browser.png"));
      mkdirSync(dirname(file), { recursive: true });
      const png = await result.screenshot({ path: file });
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
