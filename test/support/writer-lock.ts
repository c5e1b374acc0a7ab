import lockfile from "proper-lockfile";
import { afterAll, beforeAll, inject } from "vitest";

/**
 * Called at the top of every file that writes to the shared graph: the file holds this run's
 * writer lock (test/global-setup.ts makes it) from before its first test until after its last,
 * so the writers run one at a time while files with a Neo4j of their own run beside them, which
 * a project of one worker would not allow. (Not a set-up file: a worker that runs several files
 * evaluates those once.)
 */
export function holdWriterLock(): void {
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // The holder refreshes the lock every stale/2; a minute is far beyond any blocked event loop here.
    release = await lockfile.lock(inject("writerLock"), { stale: 60_000, retries: { retries: 100_000, minTimeout: 100, maxTimeout: 250 } });
  }, 600_000);
  afterAll(async () => {
    await release?.();
  });
}
