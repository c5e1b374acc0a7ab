import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { Neo4jGraphQLConstructor } from "@neo4j/graphql";
import type { RequestHandler } from "express";
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from "jose";
import type { Env } from "../../config.js";
import { ApiStartupError } from "./errors.js";

/**
 * Who may call the API. The SDL declares every query `@authentication` (schema/graph.graphql), so
 * @neo4j/graphql itself refuses a request it cannot authenticate; this module decides what
 * authenticates one:
 * - with SANAD_JWT_SECRET or SANAD_JWKS_URL, a bearer JWT, which @neo4j/graphql verifies
 *   (features.authorization) and which `gate` verifies alike, with the same key and options,
 *   before any route but /health and /ready (introspection and the non-GraphQL routes included);
 * - with neither, which only a loopback HOST allows, the loopback interface: every request
 *   carries LOOPBACK_JWT, the pre-verified JWT @neo4j/graphql accepts from the server in
 *   context.jwt.
 */

/** The identity of every caller of an API that listens on loopback only, without a key. */
const LOOPBACK_JWT: JWTPayload = { sub: "loopback" };

/** Algorithms a JSON Web Key Set may sign with: asymmetric ones only, so no shared secret can pose as a key of the set. */
const JWKS_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

type Neo4jAuthorizationSettings = NonNullable<NonNullable<Neo4jGraphQLConstructor["features"]>["authorization"]>;

export interface ApiAuthentication {
  /** @neo4j/graphql's features.authorization. */
  authorization: Neo4jAuthorizationSettings;
  /** What @neo4j/graphql authenticates a request by: its Authorization header, or the loopback JWT. */
  context(authorizationHeader: string | undefined): { token: string | undefined } | { jwt: JWTPayload };
  /** Answers 401 unless the request has a valid bearer token; undefined when there is no key (loopback). */
  gate?: RequestHandler;
}

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and "localhost": addresses no other machine can reach. */
export function isLoopback(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, "").replace(/^::ffff:/i, "");
  if (address.toLowerCase() === "localhost") return true;
  if (isIP(address) === 4) return address.startsWith("127.");
  return address === "::1";
}

export function apiAuthentication(env: Env): ApiAuthentication {
  const verifyOptions: JWTVerifyOptions = {
    ...(env.SANAD_JWT_ISSUER ? { issuer: env.SANAD_JWT_ISSUER } : {}),
    ...(env.SANAD_JWT_AUDIENCE ? { audience: env.SANAD_JWT_AUDIENCE } : {}),
  };
  if (env.SANAD_JWT_SECRET) {
    const options = { ...verifyOptions, algorithms: ["HS256"] };
    const secret = new TextEncoder().encode(env.SANAD_JWT_SECRET);
    return {
      authorization: { key: env.SANAD_JWT_SECRET, verifyOptions: options },
      context: (header) => ({ token: header }),
      gate: bearerGate((token) => jwtVerify(token, secret, options)),
    };
  }
  if (env.SANAD_JWKS_URL) {
    const options = { ...verifyOptions, algorithms: JWKS_ALGORITHMS };
    const keySet = createRemoteJWKSet(new URL(env.SANAD_JWKS_URL));
    return {
      authorization: { key: { url: env.SANAD_JWKS_URL }, verifyOptions: options },
      context: (header) => ({ token: header }),
      gate: bearerGate((token) => jwtVerify(token, keySet, options)),
    };
  }
  if (!isLoopback(env.HOST)) {
    throw new ApiStartupError(
      `HOST=${env.HOST} lets other machines reach the API, which then needs authentication: set SANAD_JWT_SECRET (an HS256 secret of at least 32 characters) or SANAD_JWKS_URL (your identity provider's JSON Web Key Set), or listen on 127.0.0.1.`,
    );
  }
  return {
    // @neo4j/graphql wants a key wherever the SDL says @authentication; a random one per process
    // means no bearer token can pass, only the loopback JWT below.
    authorization: { key: randomBytes(32).toString("base64url") },
    context: () => ({ jwt: LOOPBACK_JWT }),
  };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Why a token was refused, in words a client can act on; JWKS trouble is ours, not the client's. */
function refusal(e: unknown): { status: number; message: string } {
  if (e instanceof errors.JWTExpired) return { status: 401, message: "The token has expired." };
  if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey) {
    return { status: 401, message: "The token's signature does not verify with the API's key." };
  }
  if (e instanceof errors.JWTClaimValidationFailed) return { status: 401, message: `The token's "${e.claim}" claim is not accepted.` };
  const keySetUnreachable =
    e instanceof errors.JWKSTimeout ||
    e instanceof errors.JWKSInvalid ||
    (e instanceof Error && "syscall" in e) ||
    (e instanceof errors.JOSEError && /JSON Web Key Set HTTP response/.test(e.message));
  if (keySetUnreachable) {
    return { status: 503, message: "The API cannot fetch its key set right now; try again shortly." };
  }
  return { status: 401, message: "The token is not a JWT the API accepts." };
}

function bearerGate(verify: (token: string) => Promise<unknown>): RequestHandler {
  return async (req, res, next) => {
    const refuse = (status: number, message: string, error?: string) => {
      // RFC 6750: a missing token gets the challenge alone, a bad one says why.
      res.set("WWW-Authenticate", `Bearer realm="sanad"${error ? `, error="${error}"` : ""}`);
      res.status(status).json({ errors: [{ message, extensions: { code: status === 401 ? "UNAUTHENTICATED" : "SERVICE_UNAVAILABLE" } }] });
    };
    const token = BEARER.exec(req.get("authorization") ?? "")?.[1];
    if (!token) {
      refuse(401, "Authentication required: send Authorization: Bearer <JWT>.");
      return;
    }
    try {
      await verify(token);
    } catch (e) {
      const { status, message } = refusal(e);
      refuse(status, message, status === 401 ? "invalid_token" : undefined);
      return;
    }
    next();
  };
}
