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
  /** The GraphQL API's port (`npm start`, `npm run serve`). */
  PORT: z.coerce.number().int().positive().default(4000),
  /** The API listens on loopback only unless this says otherwise (e.g. 0.0.0.0 in a container). */
  HOST: z.string().default("127.0.0.1"),
  /**
   * Comma-separated browser origins allowed to call the API cross-origin (e.g.
   * "https://app.example.org,http://localhost:5173"). Default none: only same-origin pages (the
   * built-in GraphiQL) and non-browser clients, which CORS does not concern.
   */
  SANAD_CORS_ORIGINS: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((o) => o.trim()).filter((o) => o.length > 0)),
  /** Schema introspection, which GraphiQL needs. On by default (local analyst tool); "false" turns it off. */
  SANAD_INTROSPECTION: z.stringbool().default(true),
  /** Neo4j transaction timeout per GraphQL request, in milliseconds. */
  SANAD_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Largest accepted request body (bytes, or "100kb"); larger ones get 413. */
  SANAD_MAX_BODY: z.string().default("100kb"),
  /**
   * Base URL of the API as clients reach it, for the stable annotation URLs (e.g.
   * "https://sanad.example.org"). Default: taken from each request's Host header.
   */
  SANAD_PUBLIC_URL: z.url().optional(),
  /**
   * The seed folder (gazetteer, rejections, curated articles) that `seed`, `ingest`, `report` and
   * `review` read and `review` writes; default the repository's seed/.
   */
  SANAD_SEED_DIR: z.string().min(1).optional(),
  /**
   * The API's bearer tokens: JWTs signed with this HS256 secret (at least 32 characters, the
   * 256 bits HS256 wants). Required, or SANAD_JWKS_URL, when HOST is not a loopback address.
   */
  SANAD_JWT_SECRET: z.string().min(32, "SANAD_JWT_SECRET needs at least 32 characters (256 bits for HS256)").optional(),
  /** Or: JWTs signed with a key of this JSON Web Key Set (an identity provider's jwks_uri). */
  SANAD_JWKS_URL: z.url().optional(),
  /** When set, a token's `iss` must equal it. */
  SANAD_JWT_ISSUER: z.string().min(1).optional(),
  /** When set, a token's `aud` must contain it. */
  SANAD_JWT_AUDIENCE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
}).refine((env) => !(env.SANAD_JWT_SECRET && env.SANAD_JWKS_URL), {
  message: "set SANAD_JWT_SECRET or SANAD_JWKS_URL, not both",
  path: ["SANAD_JWKS_URL"],
});
export type Env = z.infer<typeof Env>;

/** A setting the user can fix: the message names the variable, and no stack trace is shown. */
export class EnvironmentError extends Error {
  override name = "EnvironmentError";
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvironmentError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export interface Neo4jTarget {
  uri: string;
  username: string;
  password: string;
  database?: string;
}
