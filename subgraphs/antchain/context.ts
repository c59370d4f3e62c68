import type { RequestAccess } from "../../access/requestAccess.ts";
import DataLoader from "dataloader";
import type { AntchainAdapter } from "../../adapters/antchain/index.ts";
import type { PortShipmentRecord, TrackingEvent } from "../../domain/model.ts";
import type { RecordCache } from "../../serving/recordCache.ts";

export interface AntchainSubgraphDeps {
  adapter: AntchainAdapter;
  /** Port records by B/L number and terminal events by container, evicted by the chain's events. */
  billCache?: RecordCache<PortShipmentRecord>;
  containerCache?: RecordCache<TrackingEvent[]>;
}

export interface AntchainSubgraphContext extends AntchainSubgraphDeps {
  loaders: ReturnType<typeof createLoaders>;
  /** This request's caller and its batched access decisions. */
  access: RequestAccess;
}

const batchScheduleFn = (callback: () => void) => setImmediate(callback);

/** Per-request loaders: N bills or containers cost one contract query each, however the query is shaped. */
export function createLoaders(deps: AntchainSubgraphDeps) {
  return {
    bill: new DataLoader<string, PortShipmentRecord | null>(
      async (refs) => {
        try {
          return await (deps.billCache
            ? deps.billCache.load(refs, (missing) => deps.adapter.billsByReference(missing))
            : deps.adapter.billsByReference(refs));
        } catch (error) {
          return refs.map(() => error as Error);
        }
      },
      { batchScheduleFn, maxBatchSize: 5000 },
    ),
    container: new DataLoader<string, TrackingEvent[]>(
      async (refs) => {
        try {
          const lists = await (deps.containerCache
            ? deps.containerCache.load(refs, (missing) => deps.adapter.containerEvents(missing))
            : deps.adapter.containerEvents(refs));
          return lists.map((l) => l ?? []);
        } catch (error) {
          return refs.map(() => error as Error);
        }
      },
      { batchScheduleFn, maxBatchSize: 5000 },
    ),
  };
}

export function createContext(deps: AntchainSubgraphDeps, access: RequestAccess): AntchainSubgraphContext {
  return { ...deps, loaders: createLoaders(deps), access };
}
