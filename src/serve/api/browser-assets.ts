import cors from "cors";
import express, { type Router } from "express";
import { fromRoot } from "../../paths.js";

/**
 * Serves neo4j/browser/ (the GraSS style and the guide) to Neo4j Browser, which fetches them
 * cross-origin from its own page (the Neo4j server's HTTP port): `:style <url>` and `:play <url>`.
 * They are public, read-only files, so any origin may read them. The server mounts this router at
 * BROWSER_ASSETS_PATH (src/neo4j/browser.ts), where the Browser's post-connect commands look.
 */

export const BROWSER_ASSETS_DIR = fromRoot("neo4j", "browser");

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
