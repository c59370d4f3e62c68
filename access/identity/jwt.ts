import { readFileSync } from "node:fs";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from "jose";
import {
  ConfigInvalidError,
  isTradegraphError,
  NetworkUnavailableError,
  UnauthenticatedError,
  type TradegraphError,
} from "../../domain/errors.ts";
import type { PartyDirectory } from "../partyDirectory.ts";
import type { Principal } from "../principal.ts";
import { checkPrincipal } from "./principalRules.ts";
import { VerifiedTokenCache } from "./tokenCache.ts";

/**
 * The signature algorithms a bearer token may use (RFC 7518 §3): ECDSA P-256 (the local issuer's) and
 * RSA PKCS#1 v1.5 (what most identity providers publish). Listing them is what refuses `none` and the
 * HMAC family, whose "key" would be the public JWK itself.
 */
export const JWT_ALGORITHMS = ["ES256", "RS256"] as const;

/** Where bearer tokens come from and how strictly their times are read. Exactly one of `jwksFile`, `jwksUrl`. */
export interface JwtVerifierOptions {
  /** The `iss` every token must carry, e.g. `tradegraph-local` or the identity provider's URL. */
  issuer: string;
  /** An `aud` every token must carry, e.g. `tradegraph`. */
  audience: string;
  /** A JSON Web Key Set file (RFC 7517 §5), read once when the verifier is created. */
  jwksFile?: string;
  /**
   * A JSON Web Key Set URL, e.g. an identity provider's `jwks_uri`. Fetched on first use, again after
   * ten minutes, and when a token names a key not seen yet (at most every 30 s: jose's defaults).
   */
  jwksUrl?: string;
  /**
   * Seconds of clock difference forgiven on `exp` and `nbf`, between the issuer's clock and this one.
   * @default 30
   */
  clockToleranceSeconds?: number;
  /**
   * Verified tokens remembered until their `exp`, so that a repeated token skips the signature check.
   * @default 10_000
   */
  cacheSize?: number;
}

/** Turns a bearer token into the principal it names, or refuses it. */
export interface JwtVerifier {
  /** @throws UnauthenticatedError for any token that does not verify; NetworkUnavailableError when a JWKS URL does not answer. */
  verify(token: string): Promise<Principal>;
}

/**
 * Verifies bearer JWTs (RFC 7519, as profiled for access tokens by RFC 9068): the signature against the
 * configured key set, `iss`, `aud`, `exp` (required) and `nbf`; then the claims `sub` (required),
 * `party` (a directory id, optional) and `roles` (known roles, optional) by the rules every identity
 * keeps (`checkPrincipal`).
 */
export function createJwtVerifier(options: JwtVerifierOptions, directory: PartyDirectory): JwtVerifier {
  const keys = keySource(options);
  const cache = new VerifiedTokenCache({ maxEntries: options.cacheSize });
  const verifyOptions: JWTVerifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...JWT_ALGORITHMS],
    clockTolerance: options.clockToleranceSeconds ?? 30,
    // A token without `exp` would be valid forever, and the cache keys an entry's life on it.
    requiredClaims: ["sub", "exp"],
  };

  return {
    async verify(token) {
      const cached = cache.get(token, Date.now());
      if (cached) return cached;

      let payload;
      try {
        ({ payload } = await jwtVerify(token, keys, verifyOptions));
      } catch (error) {
        throw refusal(error, options);
      }
      const check = checkPrincipal(
        { subject: payload.sub as string, party: payload.party, roles: payload.roles },
        directory,
      );
      if (!check.ok) throw new UnauthenticatedError(`The bearer token is refused: ${check.problem}.`);
      cache.set(token, check.principal, (payload.exp as number) * 1000);
      return check.principal;
    },
  };
}

function keySource(options: JwtVerifierOptions): JWTVerifyGetKey {
  if (options.jwksFile && options.jwksUrl)
    throw new ConfigInvalidError(["jwt: give jwksFile or jwksUrl, not both"], "authenticator");
  if (options.jwksFile) {
    let jwks: JSONWebKeySet;
    try {
      jwks = JSON.parse(readFileSync(options.jwksFile, "utf8")) as JSONWebKeySet;
      return createLocalJWKSet(jwks);
    } catch (error) {
      throw new ConfigInvalidError(
        [
          `jwt.jwksFile: cannot read a JSON Web Key Set from ${options.jwksFile}: ${(error as Error).message}`,
        ],
        "authenticator",
      );
    }
  }
  if (options.jwksUrl) {
    const url = options.jwksUrl;
    const remote = createRemoteJWKSet(new URL(url));
    return async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // An unreachable identity provider says nothing about the token: report the outage, so that the
        // client retries instead of discarding a good credential.
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
          throw error;
        throw new NetworkUnavailableError(
          "identity-provider",
          "The identity provider's signing keys could not be fetched",
          { cause: error, details: `${url}: ${(error as Error).message}` },
        );
      }
    };
  }
  throw new ConfigInvalidError(["jwt: give jwksFile or jwksUrl"], "authenticator");
}

/** One sentence per way a token fails; never the token itself, which is a credential. */
function refusal(error: unknown, options: JwtVerifierOptions): TradegraphError {
  if (isTradegraphError(error)) return error;
  const refuse = (sentence: string) => new UnauthenticatedError(sentence, { cause: error });
  if (error instanceof errors.JWTExpired) return refuse("The bearer token has expired.");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === "missing") return refuse(`The bearer token has no "${error.claim}" claim.`);
    switch (error.claim) {
      case "nbf":
        return refuse("The bearer token is not valid yet.");
      case "iss":
        return refuse(`The bearer token was not issued by ${options.issuer}.`);
      case "aud":
        return refuse(`The bearer token is not meant for audience ${options.audience}.`);
      default:
        return refuse(`The bearer token's "${error.claim}" claim is not valid.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return refuse(`The bearer token's algorithm is not accepted; ${JWT_ALGORITHMS.join(" and ")} are.`);
  if (error instanceof errors.JWKSNoMatchingKey)
    return refuse("The bearer token is signed by a key this gateway does not trust.");
  if (error instanceof errors.JWKSMultipleMatchingKeys)
    return refuse("The bearer token names no key id, and more than one trusted key could have signed it.");
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return refuse("The bearer token's signature does not verify.");
  if (error instanceof errors.JOSEError) return refuse("The bearer token is not a well-formed signed JWT.");
  // Not jose's verdict on the token but a fault here: let the gateway report it as internal.
  throw error;
}
