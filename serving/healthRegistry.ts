import type { Redis } from "ioredis";
import type { NetworkKind, NetworkStatus } from "../domain/model.ts";

/**
 * Where every subgraph publishes its network's status, so one `networks` answer can cover them all
 * without subgraphs calling each other. Entries expire: a network whose subgraph stopped publishing is
 * reported DOWN, and UP again as soon as it publishes.
 *
 * The names published live in one set beside the entries, so listing is SMEMBERS and one MGET: never
 * `KEYS`, which walks the whole keyspace in one blocking call (and which managed Redis services often
 * disable). A name whose entry expired is dropped from the set unless it is expected.
 */
export class NetworkHealthRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "tg:",
    private readonly ttlSeconds = 6,
  ) {}

  private key(name: string): string {
    return `${this.prefix}network:${name}`;
  }

  private get namesKey(): string {
    return `${this.prefix}networks`;
  }

  async publish(status: NetworkStatus): Promise<void> {
    await this.redis
      .multi()
      .set(this.key(status.name), JSON.stringify(status), "EX", this.ttlSeconds)
      .sadd(this.namesKey, status.name)
      .exec()
      .catch(() => undefined);
  }

  /** Statuses of the expected networks (DOWN when not published recently) plus any others published. */
  async list(expected: { name: string; kind: NetworkKind }[]): Promise<NetworkStatus[] | null> {
    try {
      const names = new Set(expected.map((e) => e.name));
      for (const name of await this.redis.smembers(this.namesKey)) names.add(name);
      const ordered = [...names];
      const values = ordered.length ? await this.redis.mget(...ordered.map((n) => this.key(n))) : [];
      const gone = ordered.filter((name, i) => !values[i] && !expected.some((e) => e.name === name));
      if (gone.length) await this.redis.srem(this.namesKey, ...gone);
      return ordered.flatMap((name, i) => {
        const value = values[i];
        if (value) return [JSON.parse(value) as NetworkStatus];
        const kind = expected.find((e) => e.name === name)?.kind;
        if (!kind) return []; // published once, silent since, and not one of ours: no longer listed
        return [
          {
            name,
            kind,
            health: "DOWN" as const,
            height: null,
            latencyMs: null,
            cache: null,
            indexedHeight: null,
          },
        ];
      });
    } catch {
      return null; // the registry is unreachable: the caller reports what it knows itself
    }
  }

  /** Publishes `probe()` now and every `intervalMs` until the returned stop function is called. */
  startPublishing(probe: () => Promise<NetworkStatus>, intervalMs = 2000): () => void {
    const tick = async () => this.publish(await probe());
    void tick();
    const timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

/** Parses "name:KIND,name:KIND" (TRADEGRAPH_NETWORKS). */
export function parseExpectedNetworks(text: string): { name: string; kind: NetworkKind }[] {
  return text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [name, kind] = p.split(":");
      return { name: name!, kind: (kind ?? "EVM") as NetworkKind };
    });
}
