import type { Redis } from "ioredis";
import { deserialize, serialize } from "node:v8";

/** Bumped when the value encoding changes. */
const VALUE_FORMAT = "v8:";

export interface RecordCacheOptions {
  /** Key prefix, e.g. "tg:fabric:". */
  prefix: string;
  /** Seconds a record is kept; the network's events evict it sooner. @default 3600 */
  ttlSeconds?: number;
}

/**
 * Canonical records in Redis, for networks whose facts are final once committed (Fabric, the port's
 * consortium chain): kept until their network reports a change to them, which evicts them at once.
 * Absent records are not cached (a B/L may appear any moment), nor are failures. One MGET per batch,
 * one pipeline per write; Redis failing turns every read into a miss. Values are V8-serialized, so
 * dates come back as dates without a JSON reviver (75 µs per carrier record instead of 190 µs); the
 * format is part of the key, so a value written in another format is never misread.
 */
export class RecordCache<T> {
  private readonly ttl: number;
  hits = 0;
  misses = 0;

  constructor(
    private readonly redis: Redis | null,
    private readonly options: RecordCacheOptions,
  ) {
    this.ttl = options.ttlSeconds ?? 3600;
  }

  key(id: string): string {
    return `${this.options.prefix}${VALUE_FORMAT}${id}`;
  }

  /** Reads through the cache: the misses (in one call to `read`) fill it. */
  async load(
    ids: readonly string[],
    read: (missing: string[]) => Promise<(T | null)[]>,
  ): Promise<(T | null)[]> {
    const cached = await this.getMany(ids);
    const missing = ids.filter((_, i) => cached[i] === null);
    this.hits += ids.length - missing.length;
    this.misses += missing.length;
    if (missing.length === 0) return cached;
    const fresh = await read(missing);
    const byId = new Map<string, T | null>(missing.map((id, i) => [id, fresh[i] ?? null]));
    await this.setMany([...byId.entries()].filter((e): e is [string, T] => e[1] !== null));
    return ids.map((id, i) => cached[i] ?? byId.get(id) ?? null);
  }

  /** The cached values, null where absent (no read on a miss). */
  peek(ids: readonly string[]): Promise<(T | null)[]> {
    return this.getMany(ids);
  }

  /** Writes values read elsewhere (best effort, as every write here). */
  store(entries: [string, T][]): Promise<void> {
    return this.setMany(entries);
  }

  async evict(ids: readonly string[]): Promise<void> {
    if (!this.redis || ids.length === 0) return;
    await this.redis.del(...ids.map((id) => this.key(id))).catch(() => undefined);
  }

  private async getMany(ids: readonly string[]): Promise<(T | null)[]> {
    if (!this.redis || ids.length === 0) return ids.map(() => null);
    try {
      const values = await this.redis.mgetBuffer(...ids.map((id) => this.key(id)));
      return values.map((v) => {
        if (!v) return null;
        try {
          return deserialize(v) as T;
        } catch {
          return null; // unreadable: a miss, read again and overwritten
        }
      });
    } catch {
      return ids.map(() => null);
    }
  }

  private async setMany(entries: [string, T][]): Promise<void> {
    if (!this.redis || entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [id, value] of entries) pipeline.set(this.key(id), serialize(value), "EX", this.ttl);
    await pipeline.exec().catch(() => undefined);
  }
}
