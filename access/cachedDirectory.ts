import type { ShipmentAccess, ShipmentAccessDirectory } from "./shipmentAccess.ts";

/**
 * A directory that remembers each shipment's access facts for `ttlMs` in this process: a hot shipment asked
 * by many requests costs one lookup per `ttlMs`, not one per request. The facts then lag the read model by
 * at most `ttlMs` (the read model itself lags the chains by its indexing time, reported by `networks`).
 * Unknown shipments are remembered too (a just-indexed B/L appears within `ttlMs`). Bounded: the oldest
 * entries go first.
 */
export function cachedAccessDirectory(
  directory: ShipmentAccessDirectory,
  options: {
    /** @default 2000 */ ttlMs?: number;
    /** @default 50000 */ maxEntries?: number;
    now?: () => number;
  } = {},
): ShipmentAccessDirectory {
  const ttlMs = options.ttlMs ?? 2000;
  const maxEntries = options.maxEntries ?? 50_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: ShipmentAccess | null; until: number }>();
  return {
    async byReferences(references) {
      const at = now();
      const missing = references.filter((r) => {
        const hit = entries.get(r);
        return !hit || hit.until <= at;
      });
      if (missing.length > 0) {
        const found = await directory.byReferences(missing);
        missing.forEach((r, i) => {
          entries.delete(r);
          entries.set(r, { value: found[i] ?? null, until: at + ttlMs });
        });
        for (const key of entries.keys()) {
          if (entries.size <= maxEntries) break;
          entries.delete(key);
        }
      }
      return references.map((r) => entries.get(r)?.value ?? null);
    },
  };
}
