import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Request, Response, Router } from "express";
import express from "express";
import { build } from "esbuild";

/**
 * GraphiQL served entirely from this process: client.js, GraphiQL, React and their CSS bundled
 * with esbuild from node_modules, on the first request for the page's assets (start-up stays
 * fast, and the tests that never open the page never pay for the bundle). Opens with one tab per
 * example query in examples/.
 */

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLES_DIR = join(here, "examples");
const ASSETS = "/graphiql/assets";

export function exampleQueries(): { name: string; query: string }[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => ({ name: f, query: readFileSync(join(EXAMPLES_DIR, f), "utf8") }));
}

interface Bundle {
  js: Uint8Array;
  css: Uint8Array;
}

async function bundle(): Promise<Bundle> {
  const result = await build({
    entryPoints: [join(here, "client.js")],
    bundle: true,
    write: false,
    outdir: "out",
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"));
  const css = result.outputFiles.find((f) => f.path.endsWith(".css"));
  if (!js || !css) throw new Error("the GraphiQL bundle lacks its script or its style sheet");
  return { js: js.contents, css: css.contents };
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
    built ??= bundle().catch((e: unknown) => {
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
