import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Driver } from "neo4j-driver";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import type { Logger } from "pino";
import { isNeo4jUnavailable } from "../api/errors.js";
import { EntityPage } from "./entity-page.js";
import { ASSETS_PATH, Document, FONT_PATH, graphiqlHref, QUERIES } from "./parts.js";
import { readEntity, readSource, type ClaimRole, type ReadOptions } from "./read.js";
import { SourcePage } from "./source-page.js";

/**
 * The HTML pages: the reading view (GET /sources/:id when the client prefers HTML; tools asking
 * for anything else, or ?format=text, get the plain text from the next handler), the entity pages
 * (GET /entities/:id), GET /query/:kind/:id (GraphiQL opened on a card's query) and their assets: the stylesheet and script beside this file and the Arabic
 * font from its npm package. Everything a page loads comes from this site, which the
 * Content-Security-Policy also tells the browser.
 */

const here = dirname(fileURLToPath(import.meta.url));
const FONT_DIR = dirname(createRequire(import.meta.url).resolve("@fontsource/noto-naskh-arabic/package.json"));

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

function sendPage(res: Response, status: number, page: VNode) {
  res
    .status(status)
    .set({ "content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "same-origin" })
    .type("html")
    .send(`<!doctype html>\n${renderToString(page)}`);
}

function notFound(res: Response, what: string) {
  sendPage(
    res,
    404,
    <Document title="Not found · sanad">
      <main class="page-header">
        <h1>Not found</h1>
        <p>{what}</p>
        <p>
          <a href="/">sanad</a>
        </p>
      </main>
    </Document>,
  );
}

function failure(res: Response, logger: Logger, e: unknown) {
  const unavailable = isNeo4jUnavailable(e);
  if (!unavailable) logger.error({ err: e }, "page failed");
  sendPage(
    res,
    unavailable ? 503 : 500,
    <Document title="Unavailable · sanad">
      <main class="page-header">
        <h1>{unavailable ? "The graph database is not reachable right now" : "Internal server error"}</h1>
        <p>{unavailable ? "Try again shortly." : "The error was logged."}</p>
      </main>
    </Document>,
  );
}

const ROLES: readonly ClaimRole[] = ["subject", "object"];
const isRole = (v: unknown): v is ClaimRole => ROLES.includes(v as ClaimRole);

export function pageRouter(driver: Driver, options: ReadOptions, logger: Logger): Router {
  const router = express.Router();

  router.get("/sources/:id", async (req: Request, res: Response, next: NextFunction) => {
    res.vary("Accept");
    // Tools (Accept: */*, text/plain, none) keep the plain text; browsers ask for HTML first.
    if (req.query.format === "text" || req.accepts(["text/plain", "text/html"]) !== "text/html") {
      next();
      return;
    }
    try {
      const reading = await readSource(driver, String(req.params.id), options);
      if (!reading) notFound(res, `No source with id ${String(req.params.id)}.`);
      else sendPage(res, 200, <SourcePage reading={reading} />);
    } catch (e) {
      failure(res, logger, e);
    }
  });

  router.get("/entities/:id", async (req: Request, res: Response) => {
    const { role, predicate, after } = req.query;
    const page =
      isRole(role) && typeof predicate === "string" && predicate !== "" ? { role, predicate, after: typeof after === "string" ? after : "" } : undefined;
    try {
      const data = await readEntity(driver, String(req.params.id), { ...options, page });
      if (!data) notFound(res, `No entity with id ${String(req.params.id)}.`);
      else sendPage(res, 200, <EntityPage data={data} page={page} />);
    } catch (e) {
      failure(res, logger, e);
    }
  });

  router.get("/query/:kind/:id", (req: Request, res: Response) => {
    const kind = String(req.params.kind);
    if (!Object.hasOwn(QUERIES, kind)) notFound(res, `No queries for ${kind}; use claims, quotes or entities.`);
    else res.redirect(302, graphiqlHref(QUERIES[kind as keyof typeof QUERIES](String(req.params.id))));
  });

  router.use(ASSETS_PATH, express.static(join(here, "assets"), { index: false, fallthrough: false }));
  router.use(FONT_PATH, express.static(FONT_DIR, { index: false, fallthrough: false, immutable: true, maxAge: "30d" }));
  return router;
}
