import { z } from "zod";

/**
 * Every environment variable the project reads, in one place (README "Configuration" mirrors it).
 * Defaults are local-only.
 */
const Env = z.object({
  /** Use this server and start nothing (docker compose, Aura, any Neo4j >= 5.23 with APOC). */
  NEO4J_URI: z.string().min(1).optional(),
  NEO4J_USERNAME: z.string().min(1).default("neo4j"),
  /** Also the initial password of the project-managed server (Neo4j wants at least 8 characters). */
  NEO4J_PASSWORD: z.string().min(8, "NEO4J_PASSWORD needs at least 8 characters").default("sanad-local-only"),
  NEO4J_DATABASE: z.string().min(1).optional(),
  /** Folder for the project-managed server's jars, data and logs. */
  SANAD_NEO4J_HOME: z.string().min(1).optional(),
  NEO4J_BOLT_PORT: z.coerce.number().int().positive().default(7687),
  NEO4J_HTTP_PORT: z.coerce.number().int().positive().default(7474),
  /** Seconds `neo4j start` waits for Bolt to answer. */
  NEO4J_START_TIMEOUT: z.coerce.number().int().positive().default(180),
  PORT: z.coerce.number().int().positive().default(4000),
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type Env = z.infer<typeof Env>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export interface Neo4jTarget {
  uri: string;
  username: string;
  password: string;
  database?: string;
}
