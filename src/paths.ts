import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root (or the image's /app): the nearest folder above this module that holds
 * package.json. Found, not counted in "../..", so files under schema/, seed/, neo4j/ and models/
 * are found alike from src/ (tsx, tests) and from dist/ (the compiled build).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository, e.g. fromRoot("schema"). */
export function fromRoot(...segments: string[]): string {
  return join(REPO_ROOT, ...segments);
}

/** The curated seed files: the gazetteer and each article's text, meta and facts. */
export const SEED_DIR = fromRoot("seed");
