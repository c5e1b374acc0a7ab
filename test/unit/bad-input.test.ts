import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INGEST_CASES, refusal, SEED_CASES } from "../support/bad-input.js";

/**
 * Every broken input of test/support/bad-input.ts through the pipeline calls behind `npm run
 * ingest` and `npm run seed`: refused before any write, with exactly the located problems
 * expected. test/integration/reliability-bad-input.test.ts runs a few through the real commands.
 */

let work: string;
let folders = 0;
const folder = async () => {
  const dir = join(work, String(++folders));
  await mkdir(dir);
  return dir;
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sanad-bad-input-"));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.concurrent("bad input is refused with located problems", () => {
  it.for([...INGEST_CASES, ...SEED_CASES])("$name", async (c) => {
    const input = await c.prepare(folder);
    const lines = await refusal(input);
    for (const line of input.expected) expect(lines.some((l) => l.startsWith(line)), `expected a line starting\n  ${line}\nin\n${lines.join("\n")}`).toBe(true);
    expect(lines).toHaveLength(input.expected.length);
  });
});
