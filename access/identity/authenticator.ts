import { join } from "node:path";
import { z } from "zod";
import { ConfigInvalidError, UnauthenticatedError } from "../../domain/errors.ts";
import { PartyDirectory } from "../partyDirectory.ts";
import type { Principal } from "../principal.ts";
import { createApiKeyVerifier, type ApiKeyVerifier } from "./apiKeyVerifier.ts";
import { defaultApiKeysFile } from "./apiKeys.ts";
import { createJwtVerifier, type JwtVerifier, type JwtVerifierOptions } from "./jwt.ts";
import { ensureLocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER } from "./localIssuer.ts";

/** How the gateway recognises callers. A credential kind left out is refused with a sentence saying so. */
export interface AuthenticatorOptions {
  /**
   * Bearer JWTs: issuer, audience, and where the signing keys are.
   * @default undefined (bearer tokens refused)
   */
  jwt?: JwtVerifierOptions;
  /**
   * The API key file the CLI writes.
   * @default undefined (API keys refused)
   */
  apiKeysFile?: string;
  /**
   * How often, at most, the API key file is checked for changes.
   * @default 1000
   */
  apiKeysReloadIntervalMs?: number;
  /** The parties credentials may name. */
  directory: PartyDirectory;
}

/** Request headers as Node gives them (names in any case; a repeated header as an array). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** The gateway's identity step. */
export interface Authenticator {
  /**
   * The principal a request's credentials name: `Authorization: Bearer <jwt>` or `x-api-key: <key>`
   * (both only when they name the same party and roles).
   * @throws UnauthenticatedError without credentials or when they do not verify.
   * @throws NetworkUnavailableError when a JWKS URL does not answer.
   */
  authenticate(headers: RequestHeaders): Promise<Principal>;
}

/** `Authorization: Bearer <token>` (RFC 6750 §2.1); the scheme is case-insensitive (RFC 9110 §11.1). */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Creates the identity step from typed options (see `authenticatorOptionsFromConfig` for the env). */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const jwt: JwtVerifier | undefined = options.jwt && createJwtVerifier(options.jwt, options.directory);
  const apiKeys: ApiKeyVerifier | undefined =
    options.apiKeysFile === undefined
      ? undefined
      : createApiKeyVerifier({
          file: options.apiKeysFile,
          directory: options.directory,
          reloadIntervalMs: options.apiKeysReloadIntervalMs,
        });

  return {
    async authenticate(headers) {
      const { authorization, apiKey } = credentialHeaders(headers);
      if (authorization === undefined && apiKey === undefined)
        throw new UnauthenticatedError(
          "No credentials: send Authorization: Bearer <token> or an x-api-key header.",
        );

      let fromToken: Principal | undefined;
      if (authorization !== undefined) {
        const token = BEARER.exec(authorization.trim())?.[1];
        if (!token)
          throw new UnauthenticatedError("The Authorization header is not of the form Bearer <token>.");
        if (!jwt) throw new UnauthenticatedError("This gateway does not accept bearer tokens.");
        fromToken = await jwt.verify(token);
      }
      let fromKey: Principal | undefined;
      if (apiKey !== undefined) {
        if (!apiKeys) throw new UnauthenticatedError("This gateway does not accept API keys.");
        fromKey = apiKeys.verify(apiKey.trim());
      }

      if (fromToken && fromKey && !sameIdentity(fromToken, fromKey))
        throw new UnauthenticatedError(
          "The bearer token and the API key name different identities; send one of them.",
        );
      return (fromToken ?? fromKey)!;
    },
  };
}

/** The two credential headers, by case-insensitive name; a header sent twice is refused, not guessed at. */
function credentialHeaders(headers: RequestHeaders): { authorization?: string; apiKey?: string } {
  const found: { authorization?: string; apiKey?: string } = {};
  for (const name in headers) {
    const lower = name.toLowerCase();
    const field = lower === "authorization" ? "authorization" : lower === "x-api-key" ? "apiKey" : undefined;
    if (!field) continue;
    const value = headers[name];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length !== 1 || found[field] !== undefined)
      throw new UnauthenticatedError(`More than one ${lower} header; send one.`);
    found[field] = values[0];
  }
  return found;
}

/** Same party and roles: the subjects differ by kind (a JWT `sub`, `key:<id>`) and do not decide access. */
const sameIdentity = (a: Principal, b: Principal) =>
  a.party === b.party && a.roles.length === b.roles.length && a.roles.every((r) => b.roles.includes(r));

/**
 * The identity settings of the gateway's environment, for its zod schema (spread into the entry
 * point's `z.object`, parsed once by `loadConfigOrExit`). Paths left unset default under
 * `TRADEGRAPH_STATE_DIR`; see `authenticatorOptionsFromConfig`.
 */
export const authenticatorConfigShape = {
  TRADEGRAPH_STATE_DIR: z.string().default(".tradegraph"),
  /** The `iss` tokens must carry; an identity provider's issuer URL in a real deployment. */
  AUTH_JWT_ISSUER: z.string().min(1).default(LOCAL_ISSUER),
  /** The `aud` tokens must carry. */
  AUTH_JWT_AUDIENCE: z.string().min(1).default(LOCAL_AUDIENCE),
  /** A JWKS file; default `<state>/issuer/jwks.json`, the local issuer's (created if missing). */
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  /** A JWKS URL (an identity provider's `jwks_uri`); instead of AUTH_JWKS_FILE. */
  AUTH_JWKS_URL: z.url().optional(),
  /** Default `<state>/api-keys.json`. */
  API_KEYS_FILE: z.string().min(1).optional(),
  /** Default `<state>/parties.json`. */
  PARTIES_FILE: z.string().min(1).optional(),
};

/** The parsed values of `authenticatorConfigShape`. */
export type AuthenticatorConfig = z.output<z.ZodObject<typeof authenticatorConfigShape>>;

/**
 * The authenticator's options from the gateway's parsed configuration: loads the party directory and,
 * when neither AUTH_JWKS_FILE nor AUTH_JWKS_URL is set, makes sure the local issuer's key exists (so a
 * gateway started before the first `tradegraph token` still trusts the tokens it will issue).
 * @throws ConfigInvalidError naming every variable to fix.
 */
export async function authenticatorOptionsFromConfig(
  config: AuthenticatorConfig,
  service = "gateway",
): Promise<AuthenticatorOptions> {
  const stateDir = config.TRADEGRAPH_STATE_DIR;
  const problems: string[] = [];
  if (config.AUTH_JWKS_FILE && config.AUTH_JWKS_URL)
    problems.push("AUTH_JWKS_FILE, AUTH_JWKS_URL: set one of them, not both");

  const partiesFile = config.PARTIES_FILE ?? join(stateDir, "parties.json");
  let directory: PartyDirectory | undefined;
  try {
    directory = PartyDirectory.fromFile(partiesFile);
  } catch (error) {
    problems.push(
      `PARTIES_FILE: cannot read the party directory ${partiesFile}: ${(error as Error).message}`,
    );
  }
  if (problems.length || !directory) throw new ConfigInvalidError(problems, service);

  const keys = config.AUTH_JWKS_URL
    ? { jwksUrl: config.AUTH_JWKS_URL }
    : { jwksFile: config.AUTH_JWKS_FILE ?? (await ensureLocalIssuer(stateDir)).jwksFile };
  return {
    jwt: { issuer: config.AUTH_JWT_ISSUER, audience: config.AUTH_JWT_AUDIENCE, ...keys },
    apiKeysFile: config.API_KEYS_FILE ?? defaultApiKeysFile(stateDir),
    directory,
  };
}
