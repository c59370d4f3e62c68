import { randomUUID, verify } from "node:crypto";
import { BAAS_CODES } from "../../wire/antchain/answers.ts";
import { credentialsSchema, shakeHandSchema } from "../../wire/antchain/requests.ts";
import { parseRequest, Refusal } from "./refusal.ts";
import type { Tenant } from "./tenants.ts";

export interface TokenOptions {
  /** Token lifetime. @default 1_800_000 (30 min) */
  ttlMs?: number;
  /** Largest accepted difference between a handshake's time and the service's clock. @default 300_000 */
  maxSkewMs?: number;
}

/**
 * Who is calling. A tenant proves it holds its access key once, at the handshake (`secret` is a
 * SHA256withRSA signature of accessId + time, time within 5 minutes of the service's clock), and gets a
 * token; every later request carries accessId and that token, nothing else, as on AntChain's BaaS REST
 * API. A missing, unknown or expired token, or one of another accessId, is answered 202 (the code on
 * which the published SDKs shake hands again).
 */
export class TokenStore {
  private readonly tokens = new Map<string, { accessId: string; expires: number }>();
  private readonly tenants: Map<string, Tenant>;
  private readonly ttl: number;
  private readonly maxSkew: number;

  constructor(tenants: readonly Tenant[], options: TokenOptions = {}) {
    this.tenants = new Map(tenants.map((t) => [t.accessId, t]));
    this.ttl = options.ttlMs ?? 1_800_000;
    this.maxSkew = options.maxSkewMs ?? 300_000;
  }

  /** Answers a new token for a correctly signed handshake. */
  shakeHand(body: unknown): string {
    const { accessId, time, secret } = parseRequest(shakeHandSchema, body);
    const tenant = this.tenants.get(accessId);
    if (!tenant) throw new Refusal(BAAS_CODES.HANDSHAKE_REFUSED, `accessId ${accessId} does not exist`);
    if (Math.abs(Date.now() - Number(time)) > this.maxSkew)
      throw new Refusal(BAAS_CODES.HANDSHAKE_REFUSED, "time is not within 5 minutes of the service's clock");
    if (!verifyHex(accessId + time, secret, tenant))
      throw new Refusal(
        BAAS_CODES.HANDSHAKE_REFUSED,
        "secret is not a signature of accessId + time by its key",
      );
    const token = randomUUID();
    this.tokens.set(token, { accessId, expires: Date.now() + this.ttl });
    return token;
  }

  /** The tenant a request's accessId and token name, or a refusal. */
  authenticate(body: Record<string, unknown>): Tenant {
    if (typeof body.token !== "string" || body.token === "")
      throw new Refusal(BAAS_CODES.TOKEN_INVALID, "token is required: call shakeHand first");
    const { accessId, token } = parseRequest(credentialsSchema, body);
    const session = this.tokens.get(token);
    if (session && session.expires < Date.now()) this.tokens.delete(token);
    if (!session || session.expires < Date.now() || session.accessId !== accessId)
      throw new Refusal(BAAS_CODES.TOKEN_INVALID, "token is invalid or expired: call shakeHand again");
    return this.tenants.get(accessId)!;
  }
}

function verifyHex(message: string, hexSignature: string, tenant: Tenant): boolean {
  try {
    return verify("sha256", Buffer.from(message), tenant.publicKey, Buffer.from(hexSignature, "hex"));
  } catch {
    return false;
  }
}
