import type { RequestAccess } from "../../access/requestAccess.ts";
import DataLoader from "dataloader";
import type { FabricAdapter } from "../../adapters/fabric/index.ts";
import type { CarrierShipment } from "../../core/model.ts";
import type { RecordCache } from "../../core/recordCache.ts";

export interface FabricSubgraphDeps {
  adapter: FabricAdapter;
  /** Shipments by B/L number, evicted by the carrier network's events; absent = no cache. */
  shipmentCache?: RecordCache<CarrierShipment>;
  /** Document hash -> B/L number (fixed once the carrier issued the eBL). */
  documentIndex?: RecordCache<string>;
}

export interface FabricSubgraphContext extends FabricSubgraphDeps {
  loaders: ReturnType<typeof createLoaders>;
  /** This request's caller and its batched access decisions. */
  access: RequestAccess;
}

// One macrotask of batching: entity lists resolve over several promise hops, and every key of the
// request should land in the same Evaluate.
const batchScheduleFn = (callback: () => void) => setImmediate(callback);

function loader<T>(read: (keys: readonly string[]) => Promise<(T | null)[]>) {
  return new DataLoader<string, T | null>(
    async (keys) => {
      try {
        return await read(keys);
      } catch (error) {
        return keys.map(() => error as Error);
      }
    },
    { batchScheduleFn, maxBatchSize: 5000 },
  );
}

/** Per-request loaders: N shipments asked in any shape cost one Evaluate per kind of key (none when cached). */
export function createLoaders(deps: FabricSubgraphDeps) {
  const { adapter, shipmentCache, documentIndex } = deps;
  const byReference = loader<CarrierShipment>((keys) =>
    shipmentCache
      ? shipmentCache.load(keys, (missing) => adapter.shipmentsByReference(missing))
      : adapter.shipmentsByReference(keys),
  );
  return {
    byReference,
    byBooking: loader<CarrierShipment>((keys) => adapter.shipmentsByBooking(keys)),
    byDocumentHash: loader<CarrierShipment>(async (hashes) => {
      if (!documentIndex) return adapter.shipmentsByDocumentHash(hashes);
      let found: CarrierShipment[] = [];
      const refs = await documentIndex.load(hashes, async (missing) => {
        const shipments = await adapter.shipmentsByDocumentHash(missing);
        found = shipments.filter((s): s is CarrierShipment => s !== null);
        return shipments.map((s) => s?.reference ?? null);
      });
      for (const s of found) byReference.prime(s.reference, s);
      return Promise.all(refs.map((r) => (r ? byReference.load(r) : null)));
    }),
  };
}

export function createContext(deps: FabricSubgraphDeps, access: RequestAccess): FabricSubgraphContext {
  return { ...deps, loaders: createLoaders(deps), access };
}
