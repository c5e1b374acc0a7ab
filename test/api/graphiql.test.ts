import type { Driver } from "neo4j-driver";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApi } from "../../src/serve/api/server.js";
import { exampleQueries } from "../../src/serve/api/graphiql/page.js";
import { apiDriver, startTestApi } from "./support.js";

/** The offline GraphiQL in a real browser (Debian's chromium, driven by playwright-core). */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// A missing browser fails the test (.ci/run installs Debian's chromium); it never skips.
describe(`GraphiQL in ${CHROMIUM}`, () => {
  let driver: Driver;
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    driver = apiDriver();
    api = await startTestApi(driver);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await driver?.close();
  });

  it("opens with the example tabs, runs a query, and loads nothing from elsewhere", async () => {
    const site = new URL(api.url).origin;
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(site) && !r.url().startsWith("data:")) foreign.push(r.url());
    });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));

    await page.goto(`${site}/`);
    await page.locator(".graphiql-container").waitFor();
    expect(await page.locator(".graphiql-tab").count()).toBe(exampleQueries().length);

    // The first tab looks up "لقطر"; run it and wait for Qatar in the response pane.
    await page.locator(".graphiql-execute-button").click();
    await page.locator(".result-window", { hasText: '"qatar"' }).waitFor({ timeout: 15_000 });

    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
