import { createHmac, timingSafeEqual } from "node:crypto";
import { UnauthenticatedError } from "../domain/errors.ts";
import { ROLES, type Principal, type Role } from "./principal.ts";

/**
 * The gateway's proof to a subgraph that a request came from it, for whom. The gateway signs, with a
 * secret only it and the subgraphs hold, the timestamp, the caller's principal and the exact body bytes:
 *
 *   x-tradegraph-principal: base64url(JSON principal)
 *   x-tradegraph-timestamp: unix milliseconds
 *   x-tradegraph-signature: v1=<hex HMAC-SHA256(secret, "v1." + timestamp + "." + principal + "." + body)>
 *
 * Signing the raw body (not a re-serialised copy) costs one HMAC pass and lets any gateway that can set
 * headers from a hook (Hive Gateway's `onFetch`, Apollo Router's coprocessor) produce it. Both sides
 * import this one file: the wire format is written once.
 */
export const PROOF_HEADERS = {
  principal: "x-tradegraph-principal",
  timestamp: "x-tradegraph-timestamp",
  signature: "x-tradegraph-signature",
} as const;

/** How far a proof's timestamp may be from the subgraph's clock. @default 60000 */
export const DEFAULT_MAX_SKEW_MS = 60_000;

export const encodePrincipal = (principal: Principal): string =>
  Buffer.from(JSON.stringify(principal)).toString("base64url");

function mac(secret: Buffer, timestamp: string, principal: string, body: string | Buffer): string {
  return createHmac("sha256", secret).update(`v1.${timestamp}.${principal}.`).update(body).digest("hex");
}

/** The three headers for one subgraph request. */
export function signSubgraphRequest(
  secret: Buffer,
  principal: string,
  body: string | Buffer,
  now = Date.now(),
): Record<string, string> {
  const timestamp = String(now);
  return {
    [PROOF_HEADERS.principal]: principal,
    [PROOF_HEADERS.timestamp]: timestamp,
    [PROOF_HEADERS.signature]: `v1=${mac(secret, timestamp, principal, body)}`,
  };
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
};

/**
 * Checks a request's proof against every current secret (several during a rotation) and returns the
 * principal it carries; a missing, stale or tampered proof throws UNAUTHENTICATED.
 */
export function verifySubgraphRequest(
  secrets: readonly Buffer[],
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  now = Date.now(),
  maxSkewMs = DEFAULT_MAX_SKEW_MS,
): Principal {
  const principal = header(headers, PROOF_HEADERS.principal);
  const timestamp = header(headers, PROOF_HEADERS.timestamp);
  const signature = header(headers, PROOF_HEADERS.signature);
  if (!principal || !timestamp || !signature)
    throw new UnauthenticatedError("This subgraph answers only requests signed by the gateway");
  const at = Number(timestamp);
  if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now - at) > maxSkewMs)
    throw new UnauthenticatedError("The gateway's proof is stale or its timestamp malformed");
  const given = Buffer.from(signature.startsWith("v1=") ? signature.slice(3) : "", "hex");
  const valid = secrets.some((secret) => {
    const expected = Buffer.from(mac(secret, timestamp, principal, body), "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) throw new UnauthenticatedError("The gateway's proof does not match this request");
  return decodePrincipal(principal);
}

function decodePrincipal(encoded: string): Principal {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    throw new UnauthenticatedError("The gateway's proof carries an unreadable principal");
  }
  const p = value as Partial<Principal>;
  if (
    !p ||
    typeof p.subject !== "string" ||
    !(p.party === null || typeof p.party === "string") ||
    !Array.isArray(p.roles) ||
    !p.roles.every((r): r is Role => (ROLES as readonly string[]).includes(r as string))
  )
    throw new UnauthenticatedError("The gateway's proof carries a malformed principal");
  return { subject: p.subject, party: p.party, roles: p.roles };
}
