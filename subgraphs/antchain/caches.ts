import type { Redis } from "ioredis";
import type { AntchainAdapter } from "../../adapters/antchain/index.ts";
import type { PortShipmentRecord, TrackingEvent } from "../../domain/model.ts";
import { changedEquipment, changedShipments } from "../../domain/networkChange.ts";
import { RecordCache } from "../../serving/recordCache.ts";

/**
 * The port subgraph's caches, with eviction wired to the port chain's blocks: a committed block is
 * final, so a record stays valid until a new transaction names that B/L or container.
 */
export function createAntchainCaches(redis: Redis, prefix: string, adapter: AntchainAdapter) {
  const billCache = new RecordCache<PortShipmentRecord>(redis, { prefix: `${prefix}port:bill:` });
  const containerCache = new RecordCache<TrackingEvent[]>(redis, { prefix: `${prefix}port:container:` });
  const stop = adapter.onChange((change) => {
    void billCache.evict(changedShipments(change));
    void containerCache.evict(changedEquipment(change));
  });
  return { billCache, containerCache, stop };
}
