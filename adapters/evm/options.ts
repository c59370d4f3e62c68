import type { Address } from "viem";

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
  /** Widest `eth_getLogs` range per request. @default 2000 */
  logRange?: number;
  /** How often the follower polls for new blocks. @default 500 */
  pollIntervalMs?: number;
  /** Deadline for one JSON-RPC HTTP request. @default 5000 */
  requestTimeoutMs?: number;
  /** Where the follower keeps its checkpoint; no persistence when absent. */
  checkpointFile?: string;
}

export const EVM_ADAPTER_DEFAULTS = {
  name: "ebl-evm",
  multicall3: "0xcA11bde05977b3631167028862bE2a173976CA11" as Address,
  startBlock: 0n,
  confirmations: 2,
  logRange: 2000,
  pollIntervalMs: 500,
  requestTimeoutMs: 5000,
} as const;

export type ResolvedEvmAdapterOptions = Required<Omit<EvmAdapterOptions, "checkpointFile">> & {
  checkpointFile?: string;
};

export function resolveOptions(options: EvmAdapterOptions): ResolvedEvmAdapterOptions {
  return { ...EVM_ADAPTER_DEFAULTS, ...options } as ResolvedEvmAdapterOptions;
}
