import DataLoader from "dataloader";
import type { FabricAdapter } from "../../adapters/fabric/index.ts";
import type { CarrierShipment } from "../../core/model.ts";

export interface FabricSubgraphDeps {
  adapter: FabricAdapter;
}

export interface FabricSubgraphContext extends FabricSubgraphDeps {
  loaders: ReturnType<typeof createLoaders>;
}

// One macrotask of batching: entity lists resolve over several promise hops, and every key of the
// request should land in the same Evaluate.
const batchScheduleFn = (callback: () => void) => setImmediate(callback);

function loader(read: (keys: readonly string[]) => Promise<(CarrierShipment | null)[]>) {
  return new DataLoader<string, CarrierShipment | null>(
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

/** Per-request loaders: N shipments asked in any shape cost one Evaluate per kind of key. */
export function createLoaders(deps: FabricSubgraphDeps) {
  return {
    byReference: loader((keys) => deps.adapter.shipmentsByReference(keys)),
    byBooking: loader((keys) => deps.adapter.shipmentsByBooking(keys)),
    byDocumentHash: loader((keys) => deps.adapter.shipmentsByDocumentHash(keys)),
  };
}

export function createContext(deps: FabricSubgraphDeps): FabricSubgraphContext {
  return { ...deps, loaders: createLoaders(deps) };
}
