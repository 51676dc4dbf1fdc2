import { createHash, randomBytes, randomUUID } from "node:crypto";
import { base64url, type CryptoKey, exportJWK, exportSPKI, generateKeyPair, SignJWT } from "jose";
import { asRecord, type ControlRoutes, handleControlRequest } from "./control-routes.ts";
import { listenOnLoopback, type RunningFakeServer, sendJson } from "./fake-http-server.ts";

export const ACCESS_CERTS_PATH = "/cdn-cgi/access/certs";
const DEFAULT_EXPIRES_IN_SECONDS = 3600;

export interface SignAccessJwtOptions {
  aud: string | string[];
  /** A person's token. Give `commonName` instead for a service token. */
  email?: string;
  /**
   * A service token's Client ID: Access then issues a token with `common_name` set, an empty
   * `sub` and no `email`.
   */
  commonName?: string;
  /** Default: the fake's own origin, which tests configure as `ACCESS_TEAM_DOMAIN`. */
  issuer?: string;
  /** Negative values produce an already expired token. */
  expiresInSeconds?: number;
  /** Overrides the header `kid`, e.g. to name a key the JWKS does not have. */
  kid?: string;
  /** "none" gives an unsigned token; "HS256" signs with the public key as an HMAC secret. */
  alg?: "RS256" | "HS256" | "none";
  /** Signs with a key that is not in the JWKS, under the current kid. */
  foreign?: boolean;
  /** Extra or overriding claims. */
  claims?: Record<string, unknown>;
}

export interface FakeAccessOptions {
  port?: number;
}

export interface FakeAccess extends RunningFakeServer {
  /** The issuer of signed tokens and the team domain to configure: `http://127.0.0.1:<port>`. */
  issuer: string;
  certsUrl: string;
  signAccessJwt(options: SignAccessJwtOptions): Promise<string>;
  /** Replaces the signing key with a new one under a new kid; returns that kid. */
  rotate(options?: { keepOld?: boolean }): Promise<string>;
  currentKid(): string;
  stats(): { certsFetches: number; kids: string[] };
  reset(): void;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: Record<string, unknown>;
  publicPem: string;
}

async function createSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  // Cloudflare's kids are 64 hex characters.
  const kid = randomBytes(32).toString("hex");
  const jwk = await exportJWK(publicKey);
  return {
    kid,
    privateKey,
    publicJwk: { kid, kty: jwk.kty, alg: "RS256", use: "sig", e: jwk.e, n: jwk.n },
    publicPem: await exportSPKI(publicKey),
  };
}

/** Access derives `sub` from the identity; a hash of the email keeps it stable across tokens. */
function subjectFor(email: string): string {
  const hex = createHash("sha256").update(email).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function startFakeAccess(options: FakeAccessOptions = {}): Promise<FakeAccess> {
  let keys: SigningKey[] = [await createSigningKey()];
  let foreignKey: SigningKey | undefined;
  let certsFetches = 0;
  let issuer = "";
  const currentKey = () => keys.at(-1) as SigningKey;

  const jwks = () => ({
    keys: keys.map((key) => key.publicJwk),
    // Real Access serves X.509 certificates here; Node has no built-in way to mint one, so these
    // carry the SPKI public key. Verifiers are expected to use `keys`.
    public_cert: { kid: currentKey().kid, cert: currentKey().publicPem },
    public_certs: keys.map((key) => ({ kid: key.kid, cert: key.publicPem })),
  });

  const signAccessJwt = async (sign: SignAccessJwtOptions): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const identity =
      sign.commonName !== undefined
        ? { common_name: sign.commonName, sub: "" }
        : {
            email: sign.email,
            identity_nonce: randomBytes(12).toString("base64url"),
            sub: subjectFor(sign.email ?? ""),
            country: "US",
          };
    const payload = {
      aud: Array.isArray(sign.aud) ? sign.aud : [sign.aud],
      exp: now + (sign.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS),
      iat: now,
      nbf: now,
      iss: sign.issuer ?? issuer,
      type: "app",
      ...identity,
      ...sign.claims,
    };
    const alg = sign.alg ?? "RS256";
    const kid = sign.kid ?? currentKey().kid;
    if (alg === "none") {
      const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
      return `${encode({ alg: "none", typ: "JWT" })}.${encode(payload)}.`;
    }
    if (alg === "HS256") {
      // The classic algorithm-confusion forgery: HMAC keyed with the published public key.
      const secret = new TextEncoder().encode(currentKey().publicPem);
      return new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(secret);
    }
    if (sign.foreign) foreignKey ??= await createSigningKey();
    const key = sign.foreign ? (foreignKey as SigningKey) : currentKey();
    return new SignJWT(payload).setProtectedHeader({ alg, kid }).sign(key.privateKey);
  };

  const fake: Omit<FakeAccess, keyof RunningFakeServer | "issuer" | "certsUrl"> = {
    signAccessJwt,
    async rotate(rotateOptions = {}) {
      const next = await createSigningKey();
      keys = rotateOptions.keepOld ? [...keys, next] : [next];
      return next.kid;
    },
    currentKid: () => currentKey().kid,
    stats: () => ({ certsFetches, kids: keys.map((key) => key.kid) }),
    reset() {
      certsFetches = 0;
    },
  };

  const routes: ControlRoutes = {
    "GET stats": () => ({ body: fake.stats() }),
    "POST reset": () => {
      fake.reset();
      return { body: { ok: true } };
    },
    "POST rotate": async ({ body }) => {
      const keepOld = asRecord(body, "rotate body").keepOld === true;
      return { body: { kid: await fake.rotate({ keepOld }) } };
    },
    "POST sign": async ({ body }) => {
      const input = asRecord(body, "sign body");
      const named = typeof input.email === "string" || typeof input.commonName === "string";
      if (!named || input.aud === undefined) {
        throw new Error("aud and an email or commonName are required");
      }
      return { body: { token: await signAccessJwt(input as unknown as SignAccessJwtOptions) } };
    },
  };

  const server = await listenOnLoopback(async (req, res, url) => {
    if (await handleControlRequest(routes, req, res, url)) return;
    if (req.method === "GET" && url.pathname === ACCESS_CERTS_PATH) {
      certsFetches += 1;
      return sendJson(res, 200, jwks());
    }
    sendJson(res, 404, { error: "not found", requestId: randomUUID() });
  }, options.port);
  issuer = server.url;
  return { ...server, ...fake, issuer, certsUrl: `${server.url}${ACCESS_CERTS_PATH}` };
}
