import type { Redis } from "ioredis";
import type { Finality } from "../domain/model.ts";

/** What the chain said about a document's issuer contract, as cached. */
export type ChainFact =
  | {
      kind: "TOKEN_REGISTRY";
      outcome: "MINTED";
      titleStatus: "ISSUED" | "RETURNED_TO_ISSUER" | "ACCOMPLISHED";
    }
  | { kind: "TOKEN_REGISTRY"; outcome: "NOT_MINTED" }
  | { kind: "TOKEN_REGISTRY"; outcome: "NO_REGISTRY"; reason: string }
  | { kind: "DOCUMENT_STORE"; outcome: "STATUS"; issued: boolean; revokedHash: string | null }
  | { kind: "DOCUMENT_STORE"; outcome: "NO_STORE"; reason: string };

/** A DOCUMENT_STATUS fact as cached: what the chain said, the block it was read at, and how final it is. */
export interface CachedStatus {
  fact: ChainFact;
  /** The block the read was pinned to: a write never replaces what a later block (or eviction) said. */
  height: string;
  /** Provenance: the title's last transaction and its block, when there is one. */
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

// Both scripts compare heights: an entry carries the block it was read at, an eviction (a tombstone)
// the block from which reads see the change. A write from a read pinned below the current entry's or
// tombstone's height is refused; an eviction leaves an entry read at or above its height (it already
// reflects the change). Compare-and-set in one script, so no read-then-write race between processes.
const WRITE_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, value = pcall(cjson.decode, current)
  if ok and type(value) == 'table' then
    local held = tonumber(value.tombstone or value.height or '-1')
    if held and tonumber(ARGV[2]) < held then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
return 1`;

const EVICT_BELOW = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, value = pcall(cjson.decode, current)
  if ok and type(value) == 'table' then
    local held = tonumber(value.tombstone or value.height or '-1')
    if held and held >= tonumber(ARGV[1]) then return 0 end
  end
end
redis.call('SET', KEYS[1], '{"tombstone":"' .. ARGV[1] .. '"}', 'EX', ARGV[2])
return 1`;

type Scripted = Redis & {
  tgWriteIfNewer(key: string, value: string, height: string, ttl: number): Promise<number>;
  tgEvictBelow(key: string, height: string, ttl: number): Promise<number>;
};

/**
 * Verification facts in Redis, keyed by network, issuer address and document. One MGET per batch, one
 * pipeline per write, each write a compare-and-set on the height it was read at. An eviction leaves a
 * tombstone with the height of the change, so a read pinned to an earlier block that finishes after
 * the eviction cannot put its answer back. Redis failing never fails verification: reads become misses
 * and the failure is reported by `health()`; evictions report it to their caller, which retries them.
 */
export class StatusCache {
  private readonly prefix: string;
  private readonly finalTtl: number;
  private readonly pendingTtl: number;
  private lastError: string | null = null;
  private readonly redis: Scripted | null;

  constructor(redis: Redis | null, options: StatusCacheOptions = {}) {
    this.prefix = options.prefix ?? "tg:";
    this.finalTtl = options.finalTtlSeconds ?? 3600;
    this.pendingTtl = options.pendingTtlSeconds ?? 5;
    if (redis && !("tgWriteIfNewer" in redis)) {
      redis.defineCommand("tgWriteIfNewer", { numberOfKeys: 1, lua: WRITE_IF_NEWER });
      redis.defineCommand("tgEvictBelow", { numberOfKeys: 1, lua: EVICT_BELOW });
    }
    this.redis = redis as Scripted | null;
  }

  key(network: string, issuer: string, documentHash: string): string {
    return `${this.prefix}verify:${network}:${issuer.toLowerCase()}:${documentHash.toLowerCase()}`;
  }

  async getMany(keys: string[]): Promise<(CachedStatus | null)[]> {
    if (!this.redis || keys.length === 0) return keys.map(() => null);
    try {
      const values = await this.redis.mget(...keys);
      this.lastError = null;
      return values.map((v) => {
        if (!v) return null;
        const parsed = JSON.parse(v) as Partial<CachedStatus> & { tombstone?: string };
        // A tombstone, or an entry in an older shape: a miss.
        return parsed.fact && parsed.height ? (parsed as CachedStatus) : null;
      });
    } catch (error) {
      this.lastError = String((error as Error).message ?? error);
      return keys.map(() => null);
    }
  }

  /** Writes each entry unless the key holds one read at a later block, or a later eviction. */
  async setMany(entries: [string, CachedStatus][]): Promise<void> {
    if (!this.redis || entries.length === 0) return;
    const pipeline = this.redis.pipeline() as unknown as {
      tgWriteIfNewer(key: string, value: string, height: string, ttl: number): void;
      exec(): Promise<unknown>;
    };
    for (const [key, value] of entries)
      pipeline.tgWriteIfNewer(
        key,
        JSON.stringify(value),
        value.height,
        value.finality === "FINAL" ? this.finalTtl : this.pendingTtl,
      );
    try {
      await pipeline.exec();
      this.lastError = null;
    } catch (error) {
      this.lastError = String((error as Error).message ?? error);
    }
  }

  /**
   * Evicts each key as of a height: entries read below it go, and a tombstone refuses writes from reads
   * pinned below it for as long as a FINAL entry would live. Rejects when Redis did not take every one,
   * so the caller retries.
   */
  async evict(entries: readonly { key: string; height: bigint }[]): Promise<void> {
    if (!this.redis || entries.length === 0) return;
    const pipeline = this.redis.pipeline() as unknown as {
      tgEvictBelow(key: string, height: string, ttl: number): void;
      exec(): Promise<[Error | null, unknown][] | null>;
    };
    for (const { key, height } of entries) pipeline.tgEvictBelow(key, height.toString(), this.finalTtl);
    try {
      const results = await pipeline.exec();
      const failed =
        results?.find(([error]) => error) ?? (results ? null : [new Error("pipeline discarded")]);
      if (failed) throw failed[0];
      this.lastError = null;
    } catch (error) {
      this.lastError = String((error as Error).message ?? error);
      throw error;
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
