import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import cors from "cors";
import express, { type Router } from "express";

/**
 * Serves neo4j/browser/ (the GraSS style and the guide) to Neo4j Browser, which fetches them
 * cross-origin from its own page (the Neo4j server's HTTP port): `:style <url>` and `:play <url>`.
 * They are public, read-only files, so any origin may read them.
 */

export const BROWSER_ASSETS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../neo4j/browser");
/** Where the API mounts the router. */
export const BROWSER_ASSETS_PATH = "/browser-assets";

export function browserAssets(): Router {
  const router = express.Router();
  // The Browser asks for guides with Pragma and Cache-Control headers, hence a preflight; cors
  // answers it and reflects the requested headers.
  router.use(cors());
  router.use(
    express.static(BROWSER_ASSETS_DIR, {
      index: false,
      setHeaders: (res, path) => {
        if (path.endsWith(".grass")) res.setHeader("Content-Type", "text/plain; charset=utf-8");
      },
    }),
  );
  return router;
}

/**
 * The Browser commands that apply the style and open the guide on connect, for the server's
 * `browser.post_connect_cmd` (commands separated by ";", without their leading colon).
 * `assetsUrl` is where browserAssets() is reachable from the user's browser, e.g.
 * http://127.0.0.1:4000/browser-assets.
 */
export function browserPostConnect(assetsUrl: string): string {
  const base = assetsUrl.replace(/\/+$/, "");
  return `style ${base}/style.grass; play ${base}/guide.html`;
}
