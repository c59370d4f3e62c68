import { randomBytes, randomUUID } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import type { Role } from "../principal.ts";

/** The local world's issuer (`iss`) and the audience (`aud`) its tokens are for; the gateway's defaults. */
export const LOCAL_ISSUER = "tradegraph-local";
export const LOCAL_AUDIENCE = "tradegraph";

/** The claims of a token to issue; check the party and roles with `checkPrincipal` first. */
export interface LocalTokenRequest {
  /** A party id, or null for the operator. */
  party: string | null;
  roles: Role[];
  ttlSeconds: number;
  /**
   * The token's `sub`.
   * @default the party id, or `operator`
   */
  subject?: string;
}

/** The local world's identity provider: one ES256 key pair under `<stateDir>/issuer/`. */
export interface LocalIssuer {
  issuer: string;
  audience: string;
  /** The public key set the gateway verifies against (`AUTH_JWKS_FILE`'s default). */
  jwksFile: string;
  /** The private key (JWK, mode 0600). */
  privateKeyFile: string;
  /** The key's id: its RFC 7638 thumbprint. */
  kid: string;
  /** Signs a bearer token. */
  issueToken(request: LocalTokenRequest): Promise<string>;
}

/**
 * The local issuer, its key pair generated on first use. A key that exists is never replaced: the
 * gateway trusts it and tokens already handed out are signed with it. A real deployment points the
 * gateway at its identity provider instead (`AUTH_JWKS_URL`, `AUTH_JWT_ISSUER`) and never calls this.
 */
export async function ensureLocalIssuer(stateDir: string): Promise<LocalIssuer> {
  const dir = join(stateDir, "issuer");
  const privateKeyFile = join(dir, "issuer-key.json");
  const jwksFile = join(dir, "jwks.json");
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  let privateJwk = readJwk(privateKeyFile);
  if (!privateJwk) {
    await createKey(privateKeyFile);
    privateJwk = readJwk(privateKeyFile)!;
  }
  const { d: _d, ...publicJwk } = privateJwk;
  const kid = privateJwk.kid!;
  // Rewritten when missing or not this key's, so the public half always matches the private one.
  if (readJwks(jwksFile)?.keys[0]?.kid !== kid)
    writeAtomically(jwksFile, JSON.stringify({ keys: [publicJwk] }, null, 2), 0o644);

  const signingKey = await importJWK(privateJwk, "ES256");
  return {
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    jwksFile,
    privateKeyFile,
    kid,
    async issueToken(request) {
      const claims: Record<string, unknown> = {};
      if (request.party !== null) claims.party = request.party;
      if (request.roles.length) claims.roles = request.roles;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid, typ: "at+jwt" })
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setSubject(request.subject ?? request.party ?? "operator")
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + request.ttlSeconds)
        .setJti(randomUUID())
        .sign(signingKey);
    },
  };
}

async function createKey(privateKeyFile: string): Promise<void> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const text = JSON.stringify({ ...jwk, kid, alg: "ES256", use: "sig" }, null, 2);
  // Written whole under a temporary name, then linked into place: link fails if the file exists, so
  // of two processes generating at once one key wins and the other reads it; nobody sees half a key.
  const temporary = `${privateKeyFile}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, privateKeyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readJwk(path: string): JWK | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function readJwks(path: string): { keys: JWK[] } | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as { keys: JWK[] };
  } catch {
    return undefined;
  }
}

function writeAtomically(path: string, text: string, mode: number): void {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, `${text}\n`, { mode, flag: "wx" });
  renameSync(temporary, path);
}
