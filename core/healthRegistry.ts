import type { Redis } from "ioredis";
import type { NetworkKind, NetworkStatus } from "./model.ts";

/**
 * Where every subgraph publishes its network's status, so one `networks` answer can cover them all
 * without subgraphs calling each other. Entries expire: a network whose subgraph stopped publishing is
 * reported DOWN, and UP again as soon as it publishes.
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

  async publish(status: NetworkStatus): Promise<void> {
    await this.redis
      .set(this.key(status.name), JSON.stringify(status), "EX", this.ttlSeconds)
      .catch(() => undefined);
  }

  /** Statuses of the expected networks (DOWN when not published recently) plus any others published. */
  async list(expected: { name: string; kind: NetworkKind }[]): Promise<NetworkStatus[] | null> {
    try {
      const names = new Set(expected.map((e) => e.name));
      const found = await this.redis.keys(`${this.prefix}network:*`);
      for (const k of found) names.add(k.slice(`${this.prefix}network:`.length));
      const ordered = [...names];
      const values = ordered.length ? await this.redis.mget(...ordered.map((n) => this.key(n))) : [];
      return ordered.map((name, i) => {
        const value = values[i];
        if (value) return JSON.parse(value) as NetworkStatus;
        const kind = expected.find((e) => e.name === name)?.kind ?? "EVM";
        return {
          name,
          kind,
          health: "DOWN",
          height: null,
          latencyMs: null,
          cache: null,
          indexedHeight: null,
        };
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
