import type { Principal } from "../principal.ts";

/** @see VerifiedTokenCache */
export interface VerifiedTokenCacheOptions {
  /**
   * Tokens kept at most; the least recently used goes first.
   * @default 10_000
   */
  maxEntries?: number;
}

interface Entry {
  principal: Principal;
  /** The token's `exp`, in milliseconds. */
  expiresAtMs: number;
}

/**
 * Verified bearer tokens by their exact text, each until its `exp`. Clients resend the same token on
 * every request until it expires, so a repeated token costs a map lookup instead of a signature check
 * (tens of microseconds for ES256, more for RS256). The key is the whole signed token: a different
 * token, even with the same claims, is verified afresh.
 *
 * An entry outlives a change of the trusted keys: a token stays accepted until its `exp` even if its
 * signing key is withdrawn meanwhile, which short-lived tokens make acceptable.
 */
export class VerifiedTokenCache {
  // A Map iterates in insertion order, so re-inserting on a hit keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;

  constructor(options: VerifiedTokenCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The principal of a token verified before, unless the token has expired since (then it is dropped). */
  get(token: string, nowMs: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    // Exactly at `exp` the token is expired (RFC 7519 §4.1.4: "on or after"); it then goes back to the
    // verifier, which applies its clock tolerance and refuses it once that has passed too.
    if (nowMs >= entry.expiresAtMs) return undefined;
    this.entries.set(token, entry);
    return entry.principal;
  }

  set(token: string, principal: Principal, expiresAtMs: number): void {
    this.entries.delete(token);
    this.entries.set(token, { principal, expiresAtMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
