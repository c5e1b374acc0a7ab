import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { bundleGraphiql } from "../src/serve/api/graphiql/bundle.js";
import { fromRoot } from "../src/paths.js";

/**
 * `npm run build`: src/ to dist/ for production. Every module is transpiled on its own with
 * esbuild, .tsx pages too (the transform tsx and vitest run, so production runs what the tests ran; type checking
 * is `npm run typecheck`'s job). dist/<path>.js sits exactly as deep as src/<path>.ts and every
 * data file under src/ is copied beside its module, so file lookups relative to a module work
 * alike. The GraphiQL bundle is built once, here, into dist/serve/api/graphiql/assets/.
 * `--if-stale` (npm start's prestart) does nothing when dist/ is newer than every input.
 */

const SRC = fromRoot("src");
const DIST = fromRoot("dist");
const STAMP = join(DIST, ".built");
const INPUTS = [SRC, fromRoot("scripts", "build.ts"), fromRoot("package-lock.json")];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function isFresh(): boolean {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...INPUTS.map(newestMtime));
}

async function main(): Promise<void> {
  if (process.argv.includes("--if-stale") && isFresh()) return;
  const began = Date.now();
  // Built aside and swapped in, so an interrupted build never leaves a half-written dist/.
  const out = `${DIST}.tmp`;
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: [`${SRC}/**/*.ts`, `${SRC}/**/*.tsx`],
    outbase: SRC,
    outdir: out,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
  });
  cpSync(SRC, out, { recursive: true, filter: (path) => statSync(path).isDirectory() || !/\.tsx?$/.test(path) });
  const assets = join(out, "serve/api/graphiql/assets");
  mkdirSync(assets, { recursive: true });
  const graphiql = await bundleGraphiql();
  writeFileSync(join(assets, "graphiql.js"), graphiql.js);
  writeFileSync(join(assets, "graphiql.css"), graphiql.css);
  writeFileSync(join(out, ".built"), `${new Date().toISOString()}\n`);
  rmSync(DIST, { recursive: true, force: true });
  renameSync(out, DIST);
  console.error(`Built ${relative(process.cwd(), DIST) || DIST}/ in ${((Date.now() - began) / 1000).toFixed(1)} s`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
