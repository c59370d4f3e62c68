import type { Address, Hex } from "viem";
import type { EvmAdapter } from "../adapters/evm/index.ts";
import type { TradegraphError } from "../domain/errors.ts";
import { NetworkError } from "../domain/errors.ts";
import type { Provenance } from "../domain/model.ts";
import type { CachedStatus, ChainFact, StatusCache } from "./statusCache.ts";

export interface StatusKey {
  kind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
  address: Address;
  /** The batch's merkle root. */
  documentHash: Hex;
  /** For a document store: the document's target hash and path to the root (see `DocumentIdentity`). */
  revocationHashes?: readonly Hex[];
}

/** What one issuer contract said about a document, or why it could not be asked. */
export interface StatusOutcome {
  /** Null when the network gave no answer (`error` says why): never read as "not issued". */
  fact: ChainFact | null;
  error: TradegraphError | null;
  source: Provenance | null;
  cached: boolean;
  /** The block the fact was read at. */
  height: string | null;
}

/**
 * DOCUMENT_STATUS facts for many documents: one Redis MGET, then one chain round for the misses, then
 * one Redis pipeline of compare-and-set writes. Concurrent requests for the same key share one read
 * (single flight across requests). A read the network did not answer is returned as such, never cached.
 *
 * Title events evict through the adapter's durable subscription: each eviction is retried until Redis
 * takes it, and after a restart replayed from the follower's checkpoint, so one Redis blip cannot leave
 * a stale entry for an hour.
 */
export class DocumentStatusChecker {
  private readonly inflight = new Map<string, Promise<StatusOutcome>>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly adapter: EvmAdapter,
    private readonly cache: StatusCache,
  ) {
    this.unsubscribe = adapter.subscribeTitleChanges((changes) =>
      this.cache.evict(
        changes.map((c) => ({
          key: this.cache.key(adapter.name, c.title.registry, c.title.documentHash),
          height: c.height,
        })),
      ),
    );
  }

  /** Stops taking the adapter's title changes (what it has not acknowledged is replayed to others). */
  close(): void {
    this.unsubscribe();
  }

  /** Whether an answer served from the cache now is served while the title network is unreachable. */
  networkUnreachable(): boolean {
    return this.adapter.circuit() !== "CLOSED";
  }

  cacheKey(key: StatusKey): string {
    // A store's revocation depends on the document's own path in its batch, not just the batch's root.
    const document =
      key.kind === "DOCUMENT_STORE" && key.revocationHashes?.length
        ? `${key.documentHash}:${key.revocationHashes[0]}`
        : key.documentHash;
    return this.cache.key(this.adapter.name, key.address, document);
  }

  async check(keys: readonly StatusKey[]): Promise<StatusOutcome[]> {
    const cacheKeys = keys.map((k) => this.cacheKey(k));
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
        (error: unknown) => error,
      );
      own.forEach((i, j) => {
        const one = settled.then((values) =>
          Array.isArray(values)
            ? values[j]!
            : failed(
                new NetworkError(this.adapter.name, "verification failed unexpectedly", {
                  cause: values,
                }),
              ),
        );
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
    const results: (StatusOutcome | null)[] = cached.map((c) =>
      c ? outcomeOf(this.adapter.name, c, true) : null,
    );
    const missing = results.flatMap((r, i) => (r ? [] : [i]));
    if (missing.length === 0) return results as StatusOutcome[];

    const registryMisses = missing.filter((i) => keys[i]!.kind === "TOKEN_REGISTRY");
    const storeMisses = missing.filter((i) => keys[i]!.kind === "DOCUMENT_STORE");
    const fresh: [string, CachedStatus][] = [];
    await Promise.all([
      (async () => {
        if (registryMisses.length === 0) return;
        try {
          const { blockNumber, reads } = await this.adapter.readTitlesSettled(
            registryMisses.map((i) => ({ registry: keys[i]!.address, documentHash: keys[i]!.documentHash })),
          );
          registryMisses.forEach((i, j) => {
            const read = reads[j]!;
            if (read.kind === "FAILED") {
              results[i] = failed(read.error);
              return;
            }
            const value: CachedStatus =
              read.kind === "TITLE"
                ? {
                    fact: { kind: "TOKEN_REGISTRY", outcome: "MINTED", titleStatus: read.title.status },
                    height: blockNumber.toString(),
                    blockNumber: blockNumber.toString(),
                    transactionId: read.title.source.transactionId,
                    finality: read.title.source.finality,
                    recordedAt: read.title.source.recordedAt?.toISOString() ?? null,
                  }
                : {
                    fact:
                      read.kind === "NOT_MINTED"
                        ? { kind: "TOKEN_REGISTRY", outcome: "NOT_MINTED" }
                        : { kind: "TOKEN_REGISTRY", outcome: "NO_REGISTRY", reason: read.reason },
                    height: blockNumber.toString(),
                    blockNumber: null,
                    transactionId: null,
                    // A mint may come any block: kept briefly (a mint's event also evicts it).
                    finality: "PENDING",
                    recordedAt: null,
                  };
            results[i] = outcomeOf(this.adapter.name, value, false);
            fresh.push([cacheKeys[i]!, value]);
          });
        } catch (error) {
          for (const i of registryMisses) results[i] = failed(error as TradegraphError);
        }
      })(),
      (async () => {
        if (storeMisses.length === 0) return;
        try {
          const { blockNumber, reads } = await this.adapter.readDocumentStoreStatus(
            storeMisses.map((i) => ({
              store: keys[i]!.address,
              documentHash: keys[i]!.documentHash,
              revocationHashes: keys[i]!.revocationHashes,
            })),
          );
          storeMisses.forEach((i, j) => {
            const read = reads[j]!;
            if (read.kind === "FAILED") {
              results[i] = failed(read.error);
              return;
            }
            const value: CachedStatus = {
              fact:
                read.kind === "STATUS"
                  ? {
                      kind: "DOCUMENT_STORE",
                      outcome: "STATUS",
                      issued: read.issued,
                      revokedHash: read.revokedHash,
                    }
                  : { kind: "DOCUMENT_STORE", outcome: "NO_STORE", reason: read.reason },
              height: blockNumber.toString(),
              blockNumber: blockNumber.toString(),
              transactionId: null,
              // Issuance is irreversible but revocation is not, and no follower watches stores: kept briefly.
              finality: "PENDING",
              recordedAt: null,
            };
            results[i] = outcomeOf(this.adapter.name, value, false);
            fresh.push([cacheKeys[i]!, value]);
          });
        } catch (error) {
          for (const i of storeMisses) results[i] = failed(error as TradegraphError);
        }
      })(),
    ]);
    await this.cache.setMany(fresh);
    return results as StatusOutcome[];
  }
}

function outcomeOf(network: string, value: CachedStatus, cached: boolean): StatusOutcome {
  return {
    fact: value.fact,
    error: null,
    source: {
      network,
      kind: "EVM",
      blockNumber: value.blockNumber ?? value.height,
      transactionId: value.transactionId,
      finality: value.finality,
      recordedAt: value.recordedAt ? new Date(value.recordedAt) : null,
    },
    cached,
    height: value.height,
  };
}

function failed(error: TradegraphError): StatusOutcome {
  return { fact: null, error, source: null, cached: false, height: null };
}
