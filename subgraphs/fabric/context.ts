import type { NetworkUnavailableError } from "../../domain/errors.ts";
import type { RequestAccess } from "../../access/requestAccess.ts";
import DataLoader from "dataloader";
import type { FabricAdapter } from "../../adapters/fabric/index.ts";
import type { CarrierShipment, EblLocation } from "../../domain/model.ts";
import type { RecordCache } from "../../serving/recordCache.ts";
import type { ShipmentParent } from "./parents.ts";

export interface FabricSubgraphDeps {
  adapter: FabricAdapter;
  /** Shipments by B/L number, evicted by the carrier network's events; absent = no cache. */
  shipmentCache?: RecordCache<CarrierShipment>;
  /** Document hash -> B/L number (fixed once the carrier issued the eBL). */
  documentIndex?: RecordCache<string>;
  /** B/L number -> its eBL, kept from every carrier record read; absent = none kept. */
  eblIndex?: RecordCache<EblLocation>;
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
  const { adapter, shipmentCache, documentIndex, eblIndex } = deps;
  const fromLedger = async (references: string[]) => {
    const shipments = await adapter.shipmentsByReference(references);
    await eblIndex?.store(
      shipments.flatMap((s) => (s?.ebl ? [[s.reference, s.ebl] as [string, EblLocation]] : [])),
    );
    return shipments;
  };
  const byReference = loader<CarrierShipment>((keys) =>
    shipmentCache ? shipmentCache.load(keys, fromLedger) : fromLedger([...keys]),
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

/**
 * A shipment by its B/L number. The carrier network unreachable, the key alone (with the eBL pointer
 * when kept): the entity must not hang on one network, the others' fields still resolve for it. Null
 * only when the carrier answered that it has no such B/L.
 */
export async function shipmentByKey(
  reference: string,
  ctx: Pick<FabricSubgraphContext, "loaders" | "eblIndex">,
): Promise<ShipmentParent | null> {
  try {
    return await ctx.loaders.byReference.load(reference);
  } catch (error) {
    if ((error as { code?: string }).code !== "NETWORK_UNAVAILABLE") throw error;
    const [ebl] = (await ctx.eblIndex?.peek([reference])) ?? [null];
    return { reference, unreachable: error as NetworkUnavailableError, ebl: ebl ?? null };
  }
}

export function createContext(deps: FabricSubgraphDeps, access: RequestAccess): FabricSubgraphContext {
  return { ...deps, loaders: createLoaders(deps), access };
}
