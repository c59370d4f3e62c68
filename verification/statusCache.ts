import type { Redis } from "ioredis";
import type { Finality } from "../core/model.ts";

/** A DOCUMENT_STATUS result as cached: what the chain said, at which block, and how final it is. */
export interface CachedStatus {
  status: "VALID" | "INVALID";
  reason: string | null;
  blockNumber: string | null;
  transactionId: string | null;
  finality: Finality;
  recordedAt: string | null;
}

export interface StatusCacheOptions {
  /** Key prefix; tests give each its own. @default "tg:" */
  prefix?: string;
  /** Seconds a FINAL result is kept; it can only change by a title event, which evicts it. @default 3600 */
  finalTtlSeconds?: number;
  /** Seconds a PENDING result is kept. @default 5 */
  pendingTtlSeconds?: number;
}

/**
 * Verification results in Redis, keyed by network, issuer address and document hash. One MGET per
 * batch, one pipeline per write. Redis failing never fails verification: reads become misses and the
 * failure is reported by `health()`.
 */
export class StatusCache {
  private readonly prefix: string;
  private readonly finalTtl: number;
  private readonly pendingTtl: number;
  private lastError: string | null = null;

  constructor(
    private readonly redis: Redis | null,
    options: StatusCacheOptions = {},
  ) {
    this.prefix = options.prefix ?? "tg:";
    this.finalTtl = options.finalTtlSeconds ?? 3600;
    this.pendingTtl = options.pendingTtlSeconds ?? 5;
  }

  key(network: string, issuer: string, documentHash: string): string {
    return `${this.prefix}verify:${network}:${issuer.toLowerCase()}:${documentHash.toLowerCase()}`;
  }

  async getMany(keys: string[]): Promise<(CachedStatus | null)[]> {
    if (!this.redis || keys.length === 0) return keys.map(() => null);
    try {
      const values = await this.redis.mget(...keys);
      this.lastError = null;
      return values.map((v) => (v ? (JSON.parse(v) as CachedStatus) : null));
    } catch (error) {
      this.lastError = String((error as Error).message ?? error);
      return keys.map(() => null);
    }
  }

  async setMany(entries: [string, CachedStatus][]): Promise<void> {
    if (!this.redis || entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [key, value] of entries)
      pipeline.set(
        key,
        JSON.stringify(value),
        "EX",
        value.finality === "FINAL" ? this.finalTtl : this.pendingTtl,
      );
    try {
      await pipeline.exec();
      this.lastError = null;
    } catch (error) {
      this.lastError = String((error as Error).message ?? error);
    }
  }

  async evict(keys: string[]): Promise<void> {
    if (!this.redis || keys.length === 0) return;
    try {
      await this.redis.del(...keys);
    } catch (error) {
      this.lastError = String((error as Error).message ?? error);
    }
  }

  /** "UP", "DOWN: <reason>" or "DISABLED". */
  async health(): Promise<string> {
    if (!this.redis) return "DISABLED";
    try {
      await this.redis.ping();
      this.lastError = null;
      return "UP";
    } catch (error) {
      this.lastError = String((error as Error).message ?? error);
      return `DOWN: ${this.lastError}`;
    }
  }
}
