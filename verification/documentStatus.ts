import type { Address, Hex } from "viem";
import type { EvmAdapter } from "../adapters/evm/index.ts";
import { isTradegraphError } from "../core/errors.ts";
import type { Provenance, VerificationFragment } from "../core/model.ts";
import type { CachedStatus, StatusCache } from "./statusCache.ts";

export interface StatusKey {
  kind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
  address: Address;
  documentHash: Hex;
}

export interface StatusOutcome {
  fragment: VerificationFragment;
  source: Provenance | null;
  cached: boolean;
}

/**
 * DOCUMENT_STATUS for many documents: one Redis MGET, then one chain round for the misses, then one
 * Redis pipeline. Concurrent requests for the same key share one read (single flight across requests).
 * An unreachable network gives ERROR, which is returned, never cached.
 */
export class DocumentStatusChecker {
  private readonly inflight = new Map<string, Promise<StatusOutcome>>();

  constructor(
    private readonly adapter: EvmAdapter,
    private readonly cache: StatusCache,
  ) {
    adapter.onChange((change) => {
      // A title event for a token evicts its verification at once.
      const keys = change.keys
        .filter((k) => k.startsWith("title:"))
        .map((k) => {
          const [, registry, hash] = k.split(":");
          return this.cache.key(adapter.name, registry!, hash!);
        });
      void this.cache.evict(keys);
    });
  }

  async check(keys: readonly StatusKey[]): Promise<StatusOutcome[]> {
    const cacheKeys = keys.map((k) => this.cache.key(this.adapter.name, k.address, k.documentHash));
    const shared = new Map<number, Promise<StatusOutcome>>();
    const own: number[] = [];
    cacheKeys.forEach((key, i) => {
      const running = this.inflight.get(key);
      if (running) shared.set(i, running);
      else own.push(i);
    });
    let release: () => void = () => undefined;
    if (own.length > 0) {
      const work = this.read(
        own.map((i) => keys[i]!),
        own.map((i) => cacheKeys[i]!),
      );
      const settled = work.then(
        (values) => values,
        () => null,
      );
      own.forEach((i, j) => {
        const one = settled.then((values) => values?.[j] ?? errorOutcome("verification failed unexpectedly"));
        this.inflight.set(cacheKeys[i]!, one);
        shared.set(i, one);
      });
      release = () => own.forEach((i) => this.inflight.delete(cacheKeys[i]!));
      await settled;
    }
    try {
      return await Promise.all(keys.map((_, i) => shared.get(i)!));
    } finally {
      release();
    }
  }

  private async read(keys: StatusKey[], cacheKeys: string[]): Promise<StatusOutcome[]> {
    const cached = await this.cache.getMany(cacheKeys);
    const results: (StatusOutcome | null)[] = cached.map((c) => (c ? fromCache(this.adapter.name, c) : null));
    const missing = results.flatMap((r, i) => (r ? [] : [i]));
    if (missing.length === 0) return results as StatusOutcome[];

    const registryMisses = missing.filter((i) => keys[i]!.kind === "TOKEN_REGISTRY");
    const storeMisses = missing.filter((i) => keys[i]!.kind === "DOCUMENT_STORE");
    const fresh: [string, CachedStatus][] = [];
    await Promise.all([
      (async () => {
        if (registryMisses.length === 0) return;
        try {
          const { titles } = await this.adapter.readTitles(
            registryMisses.map((i) => ({ registry: keys[i]!.address, documentHash: keys[i]!.documentHash })),
          );
          registryMisses.forEach((i, j) => {
            const title = titles[j];
            const value: CachedStatus = !title
              ? {
                  status: "INVALID",
                  reason: "no token with this document hash was ever minted on the registry",
                  blockNumber: null,
                  transactionId: null,
                  finality: "PENDING",
                  recordedAt: null,
                }
              : title.status === "ACCOMPLISHED"
                ? {
                    status: "INVALID",
                    reason: "the title was accomplished: the token has been shredded",
                    ...provenanceFields(title.source),
                  }
                : { status: "VALID", reason: null, ...provenanceFields(title.source) };
            if (!title) value.blockNumber = null;
            results[i] = fromCache(this.adapter.name, value, false);
            fresh.push([cacheKeys[i]!, value]);
          });
        } catch (error) {
          for (const i of registryMisses) results[i] = errorOutcome(describe(error));
        }
      })(),
      (async () => {
        if (storeMisses.length === 0) return;
        try {
          const { blockNumber, statuses } = await this.adapter.readDocumentStoreStatus(
            storeMisses.map((i) => ({ store: keys[i]!.address, documentHash: keys[i]!.documentHash })),
          );
          storeMisses.forEach((i, j) => {
            const s = statuses[j];
            const value: CachedStatus = {
              status: s?.issued && !s.revoked ? "VALID" : "INVALID",
              reason: !s
                ? "the issuer address is not a document store"
                : s.revoked
                  ? "the document has been revoked"
                  : s.issued
                    ? null
                    : "the document has not been issued",
              blockNumber: blockNumber.toString(),
              transactionId: null,
              // Issuance is irreversible but revocation is not; keep store results briefly.
              finality: "PENDING",
              recordedAt: null,
            };
            results[i] = fromCache(this.adapter.name, value, false);
            fresh.push([cacheKeys[i]!, value]);
          });
        } catch (error) {
          for (const i of storeMisses) results[i] = errorOutcome(describe(error));
        }
      })(),
    ]);
    await this.cache.setMany(fresh);
    return results as StatusOutcome[];
  }
}

function provenanceFields(
  source: Provenance,
): Pick<CachedStatus, "blockNumber" | "transactionId" | "finality" | "recordedAt"> {
  return {
    blockNumber: source.blockNumber,
    transactionId: source.transactionId,
    finality: source.finality,
    recordedAt: source.recordedAt?.toISOString() ?? null,
  };
}

function fromCache(network: string, value: CachedStatus, cached = true): StatusOutcome {
  return {
    fragment: {
      type: "DOCUMENT_STATUS",
      name: "TradeTrustTokenRegistryOrDocumentStore",
      status: value.status,
      reason: value.reason,
    },
    source: {
      network,
      kind: "EVM",
      blockNumber: value.blockNumber,
      transactionId: value.transactionId,
      finality: value.finality,
      recordedAt: value.recordedAt ? new Date(value.recordedAt) : null,
    },
    cached,
  };
}

function errorOutcome(reason: string): StatusOutcome {
  return {
    fragment: {
      type: "DOCUMENT_STATUS",
      name: "TradeTrustTokenRegistryOrDocumentStore",
      status: "ERROR",
      reason,
    },
    source: null,
    cached: false,
  };
}

function describe(error: unknown): string {
  if (isTradegraphError(error)) return `${error.code}: ${error.shortMessage}`;
  return "the network could not be read";
}
