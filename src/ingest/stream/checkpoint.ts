import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";

/**
 * The checkpoint of an ingest run: how many of its articles, in input order, are committed, and a
 * digest of those articles' fingerprints. A run that finds its checkpoint skips that many articles
 * (after checking that the input still starts with them) and goes on from there. It is written
 * after each committed transaction (to a temporary file, then renamed, so it is never half
 * written) and removed when the run completes. The transaction in flight at a crash is replayed,
 * which is safe because a load replaces each source's contribution.
 */
export const Checkpoint = z
  .object({
    version: z.literal(1),
    /** The run's identity: its inputs, options that shape the graph, gazetteer content and database. */
    run: z.string(),
    inputs: z.array(z.string()),
    /** Articles handled (written, or skipped as broken with --keep-going), from the first on. */
    articles: z.number().int().nonnegative(),
    /** Digest of the fingerprints of those articles (see ArticleDigest). */
    digest: z.string(),
    /** Sources written so far, over all attempts. */
    sources: z.number().int().nonnegative(),
    updatedAt: z.string(),
  })
  .strict();
export type Checkpoint = z.infer<typeof Checkpoint>;

/** A digest over article fingerprints in order: each step hashes the previous digest with the next fingerprint. */
export class ArticleDigest {
  private value = "";
  add(fingerprint: string): string {
    this.value = createHash("sha256").update(this.value).update("\0").update(fingerprint).digest("hex");
    return this.value;
  }
}

/** The identity of a run, from everything that decides which articles it reads and what it writes. */
export function runIdentity(parts: Record<string, unknown>): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** Default place: .sanad/ingest-<run>.checkpoint.json in the working folder, one per run identity. */
export function defaultCheckpointPath(run: string, cwd = process.cwd()): string {
  return join(cwd, ".sanad", `ingest-${run.slice(0, 16)}.checkpoint.json`);
}

export async function readCheckpoint(path: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  const parsed = Checkpoint.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path}: not a checkpoint of this version (${parsed.error.issues[0]?.message}); remove it or pass --restart`);
  return parsed.data;
}

export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(checkpoint, null, 2) + "\n");
  await rename(temporary, path);
}

export async function removeCheckpoint(path: string): Promise<void> {
  await rm(path, { force: true });
}
