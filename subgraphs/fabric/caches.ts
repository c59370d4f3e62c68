import type { Redis } from "ioredis";
import type { FabricAdapter } from "../../adapters/fabric/index.ts";
import type { CarrierShipment, EblLocation } from "../../domain/model.ts";
import { changedShipments } from "../../domain/networkChange.ts";
import { RecordCache } from "../../serving/recordCache.ts";

/**
 * The carrier subgraph's caches, with eviction wired to the carrier network's events: Fabric commits
 * are final, so a record stays valid until the chaincode reports a change to that B/L.
 */
export function createFabricCaches(redis: Redis, prefix: string, adapter: FabricAdapter) {
  const shipmentCache = new RecordCache<CarrierShipment>(redis, { prefix: `${prefix}fabric:shipment:` });
  const documentIndex = new RecordCache<string>(redis, { prefix: `${prefix}fabric:document:` });
  // B/L number -> its eBL: fixed once the carrier issued it, so never evicted; it lets a shipment asked
  // while the carrier's peer is down still reach its title.
  const eblIndex = new RecordCache<EblLocation>(redis, {
    prefix: `${prefix}fabric:ebl:`,
    ttlSeconds: 30 * 24 * 3600,
  });
  const stop = adapter.onChange((change) => {
    void shipmentCache.evict(changedShipments(change));
  });
  return { shipmentCache, documentIndex, eblIndex, stop };
}
