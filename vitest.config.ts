import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (pure stages, no server) and `integration` (a real Neo4j, picked and
 * seeded by test/global-setup.ts). `npx vitest run --project unit` needs no Neo4j.
 */
export default defineConfig({
  // One graphql for all: Vite would give our sources the package's .mjs build while Apollo and
  // @neo4j/graphql require the CommonJS one, and graphql's instanceof checks fail across the two.
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve("graphql") } },
  test: {
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/api/**/*.test.ts"],
          globalSetup: ["test/global-setup.ts"],
          // These files share one database: one after another.
          fileParallelism: false,
          // The first run assembles Neo4j from Maven Central.
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
