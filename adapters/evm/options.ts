import type { Address } from "viem";
import { MULTICALL3_ADDRESS } from "../../wire/evm/abis.ts";

export interface EvmAdapterOptions {
  /** Network name used in provenance and errors. @default "ebl-evm" */
  name?: string;
  /** JSON-RPC endpoint (HTTP). */
  rpcUrl: string;
  chainId: number;
  /** Multicall3 address. @default 0xcA11bde05977b3631167028862bE2a173976CA11 */
  multicall3?: Address;
  /** Title escrow factory whose escrows are trusted to report title events. */
  titleEscrowFactory: Address;
  /** First block to index. @default 0n */
  startBlock?: bigint;
  /** Blocks on top of a fact before it is FINAL. @default 2 */
  confirmations?: number;
  /**
   * Widest `eth_getLogs` range per request. Hosted providers refuse wide ranges (Alchemy and Infura
   * answer errors past a few thousand blocks or 10,000 logs); a refused range is halved and retried.
   * @default 2000
   */
  logRange?: number;
  /**
   * Most JSON-RPC calls in one HTTP batch. Hosted providers cap batches far below what a local node
   * takes (some at 10 to 100 calls, some bill a batch per call); larger reads go out as several HTTP
   * requests, still in parallel. @default 100
   */
  rpcBatchSize?: number;
  /** Calldata bytes per Multicall3 chunk (~4 KiB measured fastest on EDR). @default 4096 */
  multicallChunkBytes?: number;
  /** How often the follower polls for new blocks. @default 500 */
  pollIntervalMs?: number;
  /** Deadline for one JSON-RPC HTTP request, retries included. @default 5000 */
  requestTimeoutMs?: number;
  /** Retries of a read that failed in transit (reads only; never a transaction), with full jitter. @default 2 */
  retries?: number;
  /** First backoff before a retry; doubles each time, full jitter. @default 100 */
  retryBaseMs?: number;
  /** Longest `Retry-After` waited for inside one request; longer ones fail fast until they pass. @default 2000 */
  maxRetryAfterWaitMs?: number;
  /** Consecutive failed requests that open the circuit (fail fast). @default 5 */
  breakerThreshold?: number;
  /** Time an open circuit waits before letting one probe through. @default 2000 */
  breakerHalfOpenAfterMs?: number;
  /**
   * Blocks below the head whose headers the follower links by parent hash and keeps, to find where a
   * reorganisation forked. A deeper reorganisation rebuilds the index from the start. @default 64
   */
  reorgWindow?: number;
  /** Where the follower keeps its checkpoint; no persistence when absent. */
  checkpointFile?: string;
}

export const EVM_ADAPTER_DEFAULTS = {
  name: "ebl-evm",
  multicall3: MULTICALL3_ADDRESS as Address,
  startBlock: 0n,
  confirmations: 2,
  logRange: 2000,
  rpcBatchSize: 100,
  multicallChunkBytes: 4096,
  pollIntervalMs: 500,
  requestTimeoutMs: 5000,
  retries: 2,
  retryBaseMs: 100,
  maxRetryAfterWaitMs: 2000,
  breakerThreshold: 5,
  breakerHalfOpenAfterMs: 2000,
  reorgWindow: 64,
} as const;

export type ResolvedEvmAdapterOptions = Required<Omit<EvmAdapterOptions, "checkpointFile">> & {
  checkpointFile?: string;
};

export function resolveOptions(options: EvmAdapterOptions): ResolvedEvmAdapterOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...EVM_ADAPTER_DEFAULTS, ...defined } as ResolvedEvmAdapterOptions;
}
