import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * The GraphiQL page's assets: client.js, GraphiQL, React and their CSS bundled with esbuild from
 * node_modules, so the page needs no CDN. `npm run build` writes them into dist/; under tsx
 * (development, tests) the page builds them on the first request instead.
 */

export const CLIENT_ENTRY = join(dirname(fileURLToPath(import.meta.url)), "client.js");

export interface Bundle {
  js: Uint8Array;
  css: Uint8Array;
}

export async function bundleGraphiql(): Promise<Bundle> {
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
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
