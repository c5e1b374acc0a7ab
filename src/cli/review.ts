import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { readEnv } from "../config.js";
import { rejectionsPathFor } from "../ingest/read/index.js";
import { configuredSeedDir } from "../ingest/pipeline/seed-project.js";
import { connect, type Connection } from "../neo4j/connect.js";
import { accept, merge, reject, type Decision, type NewEntry, type RejectOptions } from "../tools/review/decide.js";
import { formatReviewList } from "../tools/review/format.js";
import { claimById, entityById, listForReview } from "../tools/review/graph.js";
import { InputError, problemAt } from "../model/problem.js";
import { fail } from "./output.js";

/**
 * `npm run review`: what the machine proposed (candidates, low-confidence extracted claims) with
 * their context, and the reviewer's decisions written into the seed files, so that git is the
 * audit trail and the next ingest applies them. The graph is read, never written.
 */

async function withGraph<T>(f: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await connect(readEnv());
  try {
    return await f(connection);
  } finally {
    await connection.close();
  }
}

function number(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`a number from ${min} to ${max}`);
    return n;
  };
}

const program = new Command("review")
  .description("List what the machine proposed, and accept, merge or reject it in the seed files")
  .option("--seed-dir <folder>", "seed folder whose gazetteer.yaml and rejections.yaml are written (default: SANAD_SEED_DIR, else seed/)");

function gazetteerPath(): string {
  return join((program.opts<{ seedDir?: string }>().seedDir ?? configuredSeedDir()), "gazetteer.yaml");
}

/** A seed file's text; a missing or unreadable one is a located input problem, not a stack trace. */
async function readSeedFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw new InputError([problemAt("review:file", path, undefined, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)]);
  }
}

/** Writes a decision's file through a temporary one, so an interrupted write leaves the old file whole. */
async function record(path: string, d: Decision): Promise<void> {
  if (d.changed) {
    await writeFile(`${path}.tmp`, d.text, "utf8");
    await rename(`${path}.tmp`, path);
  }
  console.log(d.changed ? `${path}: ${d.message}` : `${path}: unchanged, ${d.message}`);
  if (d.changed && d.sources.length > 0) console.log(`Ingest again to apply it: ${d.sources.join(", ")}`);
}

program
  .command("list", { isDefault: true })
  .description("Candidates and low-confidence extracted claims, with the words around them")
  .option("--max-confidence <n>", "extracted claims with at most this confidence", number(0, 1), 0.6)
  .option("--source <id>", "only what this source proposed")
  .option("--limit <n>", "items per list", number(1, 10_000), 50)
  .option("--contexts <n>", "context spans per item", number(1, 20), 2)
  .option("--json", "JSON for tools")
  .action(async (opts: { maxConfidence: number; source?: string; limit: number; contexts: number; json?: boolean }) => {
    const list = await withGraph((c) =>
      listForReview(c.driver, { maxConfidence: opts.maxConfidence, limit: opts.limit, contexts: opts.contexts, ...(opts.source && { source: opts.source }) }, c.target.database),
    );
    console.log(opts.json ? JSON.stringify(list, null, 2) : formatReviewList(list, opts.maxConfidence));
  });

program
  .command("accept")
  .description("Make a candidate a curated gazetteer entry")
  .argument("<candidateId>")
  .option("--id <id>", "the curated id (default: from --name-en, else from the type and the candidate's id)")
  .option("--name-en <name>", "English name (default: the Arabic name)")
  .action(async (candidateId: string, opts: NewEntry) => {
    const path = gazetteerPath();
    const text = await readSeedFile(path);
    const found = await withGraph((c) => entityById(c.driver, candidateId, c.target.database));
    await record(path, accept(text, path, candidateId, found, opts));
  });

program
  .command("merge")
  .description("Record that the other candidate is the kept entity: its name becomes an alias of the kept entity's gazetteer entry")
  .argument("<keepId>", "a gazetteer entity or a candidate (which then becomes a gazetteer entry)")
  .argument("<otherId>", "a candidate")
  .option("--id <id>", "when the kept one is a candidate: its curated id")
  .option("--name-en <name>", "when the kept one is a candidate: its English name")
  .action(async (keepId: string, otherId: string, opts: NewEntry) => {
    const path = gazetteerPath();
    const text = await readSeedFile(path);
    const [keep, other] = await withGraph((c) => Promise.all([entityById(c.driver, keepId, c.target.database), entityById(c.driver, otherId, c.target.database)]));
    await record(path, merge(text, path, { id: keepId, found: keep }, { id: otherId, found: other }, opts));
  });

program
  .command("reject")
  .description("Put an extracted claim or a candidate on the rejection list (rejections.yaml beside the gazetteer)")
  .argument("<id>", "a claim id (claim-…) or a candidate id")
  .option("--reason <text>", "why, for the record")
  .option("--everywhere", "a claim: reject its statement in every source, not only those it was read in so far")
  .action(async (id: string, opts: RejectOptions) => {
    const gazetteer = gazetteerPath();
    const path = rejectionsPathFor(gazetteer);
    const text = existsSync(path) ? await readSeedFile(path) : undefined;
    const target = await withGraph(async (c) =>
      id.startsWith("claim-") ? { id, claim: await claimById(c.driver, id, c.target.database) } : { id, entity: await entityById(c.driver, id, c.target.database) },
    );
    await record(path, reject(text, path, await readSeedFile(gazetteer), gazetteer, target, opts));
  });

program.parseAsync().catch(fail);
