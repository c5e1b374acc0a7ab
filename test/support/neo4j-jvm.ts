/**
 * JVM flags for every Neo4j the tests start (the shared test server; the fault, bulk,
 * bench-smoke and re-import servers): C1 only. Measured over the query-heavy test files on the
 * shared server, C2's compiler threads spent 72 CPU-s for no gain in the Bolt workers' 71 s of
 * query work, while C1 alone spent 6. C1 alone gets a code cache of C2's size: its default of
 * 48 MB filled, and the sweeper then spent 31 CPU-s evicting and recompiling.
 */
export const TEST_JVM = ["-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=256m"] as const;
