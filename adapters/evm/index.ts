import type { Address, Hex } from "viem";
import { BadUserInputError } from "../../core/errors.ts";
import type { NetworkStatus, TitleTransfer } from "../../core/model.ts";
import type { NetworkAdapter, NetworkChange } from "../../core/networkAdapter.ts";
import { createEvmClient, type RpcCounters } from "./client.ts";
import { toAdapterError } from "./errors.ts";
import { resolveOptions, type EvmAdapterOptions, type ResolvedEvmAdapterOptions } from "./options.ts";
import {
  readDocumentStoreStatus,
  type DocumentStoreKey,
  type DocumentStoreStatus,
} from "./readDocumentStatus.ts";
import { readTitles, type ReadContext, type TitleKey } from "./readTitles.ts";
import { TitleIndex } from "./titleIndex.ts";

export type { EvmAdapterOptions } from "./options.ts";
export type { TitleKey } from "./readTitles.ts";
export type { DocumentStoreKey, DocumentStoreStatus } from "./readDocumentStatus.ts";

/** The eBL title network: TradeTrust token registries and OpenAttestation document stores over JSON-RPC. */
export interface EvmAdapter extends NetworkAdapter {
  readonly options: ResolvedEvmAdapterOptions;
  readonly counters: RpcCounters;
  readTitles(keys: readonly TitleKey[]): Promise<Awaited<ReturnType<typeof readTitles>>>;
  readDocumentStoreStatus(
    keys: readonly DocumentStoreKey[],
  ): Promise<{ blockNumber: bigint; statuses: (DocumentStoreStatus | null)[] }>;
  /** Oldest first, from the index; finality relative to the head the follower has seen. */
  endorsementChain(key: TitleKey): TitleTransfer[];
  /** Registries on which a token with this hash was seen (the index knows every minted token). */
  registriesOf(documentHash: Hex): Promise<Address[]>;
  /** Waits until the index has processed the current head. */
  sync(): Promise<void>;
}

export function createEvmAdapter(input: EvmAdapterOptions): EvmAdapter {
  const options = resolveOptions(input);
  const counters: RpcCounters = { httpRequests: 0 };
  const client = createEvmClient(options, counters);
  const index = new TitleIndex(client, options);
  const ctx: ReadContext = { client, options, index, escrowCache: new Map() };
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw toAdapterError(options.name, error);
    }
  };

  return {
    name: options.name,
    kind: "EVM",
    options,
    counters,
    start: () => index.start(),
    close: async () => index.stop(),
    onChange: (listener: (change: NetworkChange) => void) => index.onChange(listener),
    readTitles: (keys) => guard(() => readTitles(ctx, keys)),
    readDocumentStoreStatus: (keys) => guard(() => readDocumentStoreStatus(ctx, keys)),
    sync: () => guard(() => index.syncOnce()),
    endorsementChain(key) {
      const head = index.knownHead ?? 0n;
      return index.transfersOf(key.registry, key.documentHash).map((t) => ({
        action: t.action,
        from: t.from ? { address: t.from } : null,
        to: t.to ? { address: t.to } : null,
        at: new Date(t.timestamp * 1000),
        source: {
          network: options.name,
          kind: "EVM" as const,
          blockNumber: t.blockNumber,
          transactionId: t.transactionHash,
          finality:
            head - BigInt(t.blockNumber) >= BigInt(options.confirmations)
              ? ("FINAL" as const)
              : ("PENDING" as const),
          recordedAt: new Date(t.timestamp * 1000),
        },
      }));
    },
    async registriesOf(documentHash) {
      if (!/^0x[0-9a-f]{64}$/.test(documentHash))
        throw new BadUserInputError(
          "documentHash must be 0x followed by 64 lowercase hex characters",
          "documentHash",
        );
      const find = () => index.registriesOf(documentHash);
      const found = find();
      if (found.length > 0) return found;
      // Perhaps minted after the last poll: catch up once before saying "unknown".
      await guard(() => index.syncOnce());
      return find();
    },
    async status(): Promise<NetworkStatus> {
      const started = performance.now();
      try {
        const height = await client.getBlockNumber({ cacheTime: 0 });
        const lagging =
          index.indexedBlock !== null && height - index.indexedBlock > BigInt(options.confirmations + 5);
        return {
          name: options.name,
          kind: "EVM",
          health: index.error || lagging ? "DEGRADED" : "UP",
          height: height.toString(),
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          cache: null,
          indexedHeight: index.indexedBlock?.toString() ?? null,
        };
      } catch {
        return {
          name: options.name,
          kind: "EVM",
          health: "DOWN",
          height: null,
          latencyMs: null,
          cache: null,
          indexedHeight: index.indexedBlock?.toString() ?? null,
        };
      }
    },
  };
}
