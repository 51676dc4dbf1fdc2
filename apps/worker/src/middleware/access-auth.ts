import { createMiddleware } from "hono/factory";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from "jose";
import { readWorkerConfig } from "../config/worker-config";
import { AppError } from "../errors";
import { isLocalDevRequest } from "./local-dev-request";

export const ACCESS_JWT_HEADER = "Cf-Access-Jwt-Assertion";
export const DEV_ADMIN_EMAIL = "dev@localhost";
/** How a service token (a script such as `pnpm run doctor`) is named in the audit log. */
export const SERVICE_TOKEN_ACTOR_PREFIX = "service-token:";

export type AdminVariables = {
  /** The signed-in person's email, or `service-token:<Client ID>` for a service token. */
  adminEmail: string;
  devMode: boolean;
  /** Set by a route to audit a read, or to name its action precisely. */
  auditAction?: string;
  /** What the action was done to, e.g. `user:abc` or an identity; default: the request path. */
  auditTarget?: string;
  auditDetail?: string;
};

/**
 * After a fetch of the key set, an unknown `kid` waits this long before the next refetch, so a
 * stream of forged tokens cannot make every request fetch the certs.
 */
export const ACCESS_JWKS_REFETCH_COOLDOWN_MS = 10_000;

/** One key set per team domain per isolate: jose caches keys and refetches on an unknown `kid`. */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** `https://` unless the domain names its own scheme (tests serve certs over plain http). */
function accessIssuer(teamDomain: string): string {
  return /^https?:\/\//.test(teamDomain) ? teamDomain.replace(/\/+$/, "") : `https://${teamDomain}`;
}

function keySetFor(issuer: string) {
  let keySet = keySets.get(issuer);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(`${issuer}/cdn-cgi/access/certs`), {
      cooldownDuration: ACCESS_JWKS_REFETCH_COOLDOWN_MS,
    });
    keySets.set(issuer, keySet);
  }
  return keySet;
}

/**
 * Cloudflare Access in front of every admin route. Without Access settings the routes are
 * closed (503), except for loopback requests to localhost when `DEV_MODE=true` says so.
 */
export const accessAuth = createMiddleware<{ Bindings: Env; Variables: AdminVariables }>(
  async (c, next) => {
    const config = readWorkerConfig(c.env).values;
    if (!config.ACCESS_TEAM_DOMAIN || !config.ACCESS_AUD) {
      if (config.DEV_MODE && isLocalDevRequest(c.req.raw)) {
        c.set("adminEmail", DEV_ADMIN_EMAIL);
        c.set("devMode", true);
        return next();
      }
      const missing = ["ACCESS_TEAM_DOMAIN", "ACCESS_AUD"].filter(
        (name) => !config[name as "ACCESS_AUD" | "ACCESS_TEAM_DOMAIN"],
      );
      throw new AppError(
        "not_configured",
        `Admin API is closed: Cloudflare Access is not configured (missing ${missing.join(", ")}).`,
        { settings: missing },
      );
    }
    const token = c.req.header(ACCESS_JWT_HEADER);
    if (!token) throw new AppError("unauthorized", `Missing ${ACCESS_JWT_HEADER} header.`);
    const issuer = accessIssuer(config.ACCESS_TEAM_DOMAIN);
    try {
      const { payload } = await jwtVerify(token, keySetFor(issuer), {
        issuer,
        audience: parseAudiences(config.ACCESS_AUD),
        algorithms: ["RS256"],
      });
      const actor = describeActor(payload);
      if (!actor) throw new AppError("forbidden", "Access token names no identity.");
      c.set("adminEmail", actor);
      c.set("devMode", false);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("forbidden", `Access token rejected: ${describeJoseError(error)}`);
    }
    return next();
  },
);

/** `ACCESS_AUD` may list several applications' audience tags, comma-separated. */
export function parseAudiences(value: string): string[] {
  return value
    .split(",")
    .map((aud) => aud.trim())
    .filter(Boolean);
}

/**
 * A person's token carries `email`; a service token's carries `common_name` (its Client ID)
 * and an empty `sub`, and is named so the audit log never mistakes it for a person.
 */
function describeActor(payload: Record<string, unknown>): string | undefined {
  if (typeof payload.email === "string" && payload.email) return payload.email;
  if (typeof payload.common_name === "string" && payload.common_name) {
    return `${SERVICE_TOKEN_ACTOR_PREFIX}${payload.common_name}`;
  }
  return typeof payload.sub === "string" && payload.sub ? payload.sub : undefined;
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `bad ${error.claim} claim`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "algorithm not allowed";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "signed by an unknown key";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "bad signature";
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JOSEError) {
    return error.code === "ERR_JWKS_TIMEOUT" ? "Access keys could not be fetched" : "invalid token";
  }
  return "invalid token";
}
