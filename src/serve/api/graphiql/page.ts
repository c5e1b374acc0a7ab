import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Request, Response, Router } from "express";
import express from "express";
import type { Bundle } from "./bundle.js";

/**
 * GraphiQL served entirely from this process, opening with one tab per example query in
 * examples/. The compiled build serves the bundle `npm run build` wrote into assets/ beside this
 * file; run from source, it is bundled on the first request for it (start-up stays fast, and the
 * tests that never open the page never pay for it).
 */

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLES_DIR = join(here, "examples");
/** Where `npm run build` puts graphiql.js and graphiql.css. */
export const PREBUILT_DIR = join(here, "assets");
const ASSETS = "/graphiql/assets";

export function exampleQueries(): { name: string; query: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => ({ name: f, query: readFileSync(join(EXAMPLES_DIR, f), "utf8") }));
}

async function loadBundle(): Promise<Bundle> {
  const js = join(PREBUILT_DIR, "graphiql.js");
  if (existsSync(js)) return { js: readFileSync(js), css: readFileSync(join(PREBUILT_DIR, "graphiql.css")) };
  // Loaded only here: esbuild is a build-time tool, absent from a production install.
  const { bundleGraphiql } = await import("./bundle.js");
  return bundleGraphiql();
}

/** "</script>" inside the embedded JSON would end the script element early. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function page(endpoint: string): string {
  const config = { endpoint, tabs: exampleQueries().map((e) => ({ query: e.query })) };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sanad · GraphiQL</title>
<link rel="stylesheet" href="${ASSETS}/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="sanad-graphiql">${scriptSafeJson(config)}</script>
<script defer src="${ASSETS}/graphiql.js"></script>
</body>
</html>`;
}

/** GET / and /graphiql: the page; GET /graphiql/assets/*: its bundle. */
export function graphiqlRouter(endpoint: string): Router {
  // Only success is kept: a failed build is retried on the next request.
  let built: Promise<Bundle> | undefined;
  const assets = () => {
    built ??= loadBundle().catch((e: unknown) => {
      built = undefined;
      throw e;
    });
    return built;
  };
  const asset = (kind: keyof Bundle, type: string) => async (_req: Request, res: Response) => {
    res.type(type).set("cache-control", "no-cache").send(Buffer.from((await assets())[kind]));
  };
  const html = page(endpoint);
  const router = express.Router();
  router.get(["/", "/graphiql"], (_req, res) => {
    res.type("html").send(html);
  });
  router.get(`${ASSETS}/graphiql.js`, asset("js", "text/javascript; charset=utf-8"));
  router.get(`${ASSETS}/graphiql.css`, asset("css", "text/css; charset=utf-8"));
  return router;
}
