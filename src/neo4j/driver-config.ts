import neo4j, { type Config, type Driver } from "neo4j-driver";
import type { Neo4jTarget } from "../config.js";

/**
 * Driver settings for every process of the project (commands, API, benchmarks, tests), tuned
 * for noticing an outage quickly: by default the driver retries a failed read for 30 s, which
 * would hold every API request that long while Neo4j is down.
 */
export const DRIVER_CONFIG: Config = {
  maxTransactionRetryTime: 3_000,
  connectionTimeout: 5_000,
  connectionAcquisitionTimeout: 10_000,
  userAgent: "sanad",
};

export interface DriverOptions {
  /** Overrides of DRIVER_CONFIG. */
  config?: Config;
  /** Drop the driver's own error log (probes, tests that break the server on purpose). */
  quiet?: boolean;
}

/** A driver for `target` with the project's settings; its errors go to stderr unless quiet. */
export function openDriver(target: Neo4jTarget, { config = {}, quiet = false }: DriverOptions = {}): Driver {
  return neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), {
    ...DRIVER_CONFIG,
    logging: { level: "error", logger: quiet ? () => undefined : (_level, message) => console.error(`neo4j-driver: ${message}`) },
    ...config,
  });
}
