import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * `unit` (pure stages, no server) and the integration tests against a real Neo4j, picked and
 * seeded by test/global-setup.ts: first the files that leave the shared graph as it is, side by
 * side with the unit tests; then the files that write to it (a second article, bad input, a
 * review), which the others' whole-graph checks must not see. The writers run one at a time,
 * each holding a lock (test/support/writer-lock.ts), which alone leaves a core idle: beside them
 * runs the benchmark's smoke test, on a Neo4j of its own.
 * `npx vitest run --project unit` needs no Neo4j.
 */
const WRITERS = [
  "test/integration/second-article.test.ts",
  "test/integration/routing.test.ts",
  "test/integration/reliability-bad-input.test.ts",
  "test/integration/review.test.ts",
  "test/integration/reading.test.ts",
  "test/integration/ingest-stream.test.ts",
];

/**
 * Files with a Neo4j of their own, which they start, kill or import into: the longest files
 * (one to two minutes each), so they start first, or the run would end waiting on one of them.
 * vitest orders by the last run's durations, which a fresh clone does not have.
 */
const OWN_SERVER = [
  "test/integration/reliability-faults.test.ts",
  "test/integration/bulk.test.ts",
  "test/integration/bench-smoke.test.ts",
  "test/integration/export.test.ts",
];

class OwnServerFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => OWN_SERVER.findIndex((path) => f.moduleId.endsWith(path));
    const sorted = await super.sort(files);
    const first = sorted.filter((f) => rank(f) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...first, ...sorted.filter((f) => rank(f) < 0)];
  }
}

/** Runs after the readers, beside the writers. */
const BESIDE_WRITERS = ["test/integration/bench-smoke.test.ts"];

const integration = {
  globalSetup: ["test/global-setup.ts"],
  // The first run assembles Neo4j from Maven Central.
  hookTimeout: 600_000,
};

export default defineConfig({
  // One graphql for all: Vite would give our sources the package's .mjs build while Apollo and
  // @neo4j/graphql require the CommonJS one, and graphql's instanceof checks fail across the two.
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve("graphql") } },
  test: {
    testTimeout: 60_000,
    // A worker evaluates the project's modules once for all its files, not once per file: the
    // world data, the tagger and the API stack cost more to import than most files take to run
    // (the unit project: 46 s of CPU isolated, 19 s shared). Safe because no test mocks a module
    // and the only module-level state is caches keyed by their input.
    isolate: false,
    sequence: { sequencer: OwnServerFirst },
    // Integration files mostly wait on Neo4j, servers and child processes: more files than cores.
    maxWorkers: 3,
    // `npm run coverage`: the unit project's coverage of src/, with a floor a bit under the number
    // it had when the floor was set, so that coverage can only drift down deliberately.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "html"],
      reportsDirectory: "coverage",
      // Set at 62.8 % statements, 65.8 % branches, 57.4 % functions, 63.2 % lines (unit project).
      thresholds: { statements: 60, branches: 63, functions: 55, lines: 61 },
    },
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/api/**/*.test.ts"],
          exclude: [...WRITERS, ...BESIDE_WRITERS],
          ...integration,
        },
      },
      {
        extends: true,
        test: { name: "integration-writes", include: [...WRITERS, ...BESIDE_WRITERS], ...integration, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
