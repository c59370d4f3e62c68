import type { Address, Hex } from "viem";
import { BadUserInputError } from "../../domain/errors.ts";
import type { NetworkStatus, TitleTransfer } from "../../domain/model.ts";
import type { NetworkAdapter, NetworkChange } from "../../domain/networkAdapter.ts";
import { createEvmClient, type RpcCounters } from "./client.ts";
import { toAdapterError } from "./errors.ts";
import { resolveOptions, type EvmAdapterOptions, type ResolvedEvmAdapterOptions } from "./options.ts";
import {
  readDocumentStoreStatus,
  type DocumentStoreKey,
  type DocumentStoreRead,
} from "./readDocumentStatus.ts";
import {
  readTitles,
  readTitlesSettled,
  type ReadContext,
  type ReadTitlesOptions,
  type TitleKey,
  type TitleRead,
} from "./readTitles.ts";
import type { CircuitStatus } from "./rpcFetch.ts";
import { TitleIndex } from "./titleIndex.ts";
import type { DurableTitleHandler } from "./durableDelivery.ts";

export type { EvmAdapterOptions } from "./options.ts";
export type { TitleKey, TitleRead, ReadTitlesOptions } from "./readTitles.ts";
export type { DocumentStoreKey, DocumentStoreRead } from "./readDocumentStatus.ts";
export type { DurableTitleChange, DurableTitleHandler } from "./durableDelivery.ts";
export type { CircuitStatus } from "./rpcFetch.ts";
export { NodeRateLimitedError } from "./errors.ts";

/** The eBL title network: TradeTrust token registries and OpenAttestation document stores over JSON-RPC. */
export interface EvmAdapter extends NetworkAdapter {
  readonly options: ResolvedEvmAdapterOptions;
  readonly counters: RpcCounters;
  /** Titles, null where the chain says there is none; rejects if any title could not be read. */
  readTitles(
    keys: readonly TitleKey[],
    options?: ReadTitlesOptions,
  ): Promise<Awaited<ReturnType<typeof readTitles>>>;
  /** One outcome per title: a failed read fails its own key only, and never reads as "never minted". */
  readTitlesSettled(
    keys: readonly TitleKey[],
    options?: ReadTitlesOptions,
  ): Promise<{ blockNumber: bigint; reads: TitleRead[] }>;
  readDocumentStoreStatus(
    keys: readonly DocumentStoreKey[],
    options?: ReadTitlesOptions,
  ): Promise<{ blockNumber: bigint; reads: DocumentStoreRead[] }>;
  /** Oldest first, from the index; finality relative to the head the follower has seen. */
  endorsementChain(key: TitleKey): TitleTransfer[];
  /** Registries on which a token with this hash was seen (the index knows every minted token). */
  registriesOf(documentHash: Hex): Promise<Address[]>;
  /**
   * Every title change, at least once, until `handler` resolves for it; retried with backoff, and
   * delivered again after a restart from the follower's checkpoint (the verification cache's evictions).
   */
  subscribeTitleChanges(handler: DurableTitleHandler): () => void;
  /** The JSON-RPC circuit: OPEN while reads fail fast because the node stopped answering. */
  circuit(): CircuitStatus;
  /** Reorganisations the follower rolled back while following. */
  readonly reorgs: number;
  /** Title changes some durable subscriber has not acknowledged yet (retried, and kept across restarts). */
  readonly undeliveredChanges: number;
  /** Waits until the index has processed the current head. */
  sync(): Promise<void>;
}

export function createEvmAdapter(input: EvmAdapterOptions): EvmAdapter {
  const options = resolveOptions(input);
  const counters: RpcCounters = { httpRequests: 0 };
  const { client, rpc } = createEvmClient(options, counters);
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
    get reorgs() {
      return index.reorgs;
    },
    get undeliveredChanges() {
      return index.undelivered;
    },
    start: () => index.start(),
    close: async () => index.stop(),
    onChange: (listener: (change: NetworkChange) => void) => index.onChange(listener),
    subscribeTitleChanges: (handler) => index.subscribeDurable(handler),
    circuit: () => rpc.circuit(),
    readTitles: (keys, readOptions) => guard(() => readTitles(ctx, keys, readOptions)),
    readTitlesSettled: (keys, readOptions) => guard(() => readTitlesSettled(ctx, keys, readOptions)),
    readDocumentStoreStatus: (keys, readOptions) =>
      guard(() => readDocumentStoreStatus(ctx, keys, readOptions)),
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
      // Perhaps minted after the last poll: catch up once before saying "unknown". A catch-up that
      // fails rejects: "no registry" is said only by an index that reached the head.
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
