import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { EvmAdapterOptions } from "./options.ts";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");

/**
 * The eBL chain's connection settings, as zod fields for an entry point's config. Every service that
 * reads the chain (the EVM subgraph, the read model's indexer) takes the same ones. Unset values come
 * from the local deployment file (`<state dir>/evm/deployment.json`, written by `npm start`).
 */
export const evmConnectionConfigShape = {
  /** Network name in provenance, errors and checkpoints. */
  EVM_NETWORK_NAME: z.string().default("ebl-evm"),
  /** Any Ethereum JSON-RPC endpoint over HTTP. @default the local deployment's, else http://127.0.0.1:8545 */
  EVM_RPC_URL: z.url().optional(),
  /** @default the local deployment's, else 31337 */
  EVM_CHAIN_ID: z.coerce.number().int().positive().optional(),
  EVM_CONFIRMATIONS: z.coerce.number().int().min(0).default(2),
  /** The title escrow factory whose escrows are trusted to report title events. */
  EVM_TITLE_ESCROW_FACTORY: address.optional(),
  EVM_MULTICALL3: address.default("0xcA11bde05977b3631167028862bE2a173976CA11"),
  EVM_START_BLOCK: z.coerce.bigint().default(0n),
  /** Hosted providers cap JSON-RPC batches and log ranges far below a local node: safe defaults. */
  EVM_RPC_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  EVM_LOG_RANGE: z.coerce.number().int().min(1).default(2000),
  EVM_RPC_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  EVM_RPC_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  EVM_REORG_WINDOW: z.coerce.number().int().min(1).max(10_000).default(64),
  /** How often the title index asks for new blocks (a chain's block time is a sensible floor). */
  EVM_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(500),
};
export type EvmConnectionConfig = z.output<z.ZodObject<typeof evmConnectionConfigShape>>;

/** The adapter's options from the parsed settings, the local deployment filling what is unset; or what is missing. */
export function evmAdapterOptionsFrom(
  config: EvmConnectionConfig,
  stateDir: string,
  /** The checkpoint file's name under `<state dir>/checkpoints/`; null: the index is not persisted. */
  checkpointName: string | null,
): { options: EvmAdapterOptions; problems: [] } | { options: null; problems: string[] } {
  const deploymentFile = join(stateDir, "evm", "deployment.json");
  const deployment = existsSync(deploymentFile)
    ? (JSON.parse(readFileSync(deploymentFile, "utf8")) as {
        rpcUrl?: string;
        chainId?: number;
        titleEscrowFactory?: string;
      })
    : undefined;
  const factory = config.EVM_TITLE_ESCROW_FACTORY ?? deployment?.titleEscrowFactory;
  if (!factory)
    return {
      options: null,
      problems: [`EVM_TITLE_ESCROW_FACTORY: not set and ${deploymentFile} does not exist`],
    };
  return {
    problems: [],
    options: {
      name: config.EVM_NETWORK_NAME,
      rpcUrl: config.EVM_RPC_URL ?? deployment?.rpcUrl ?? "http://127.0.0.1:8545",
      chainId: config.EVM_CHAIN_ID ?? deployment?.chainId ?? 31337,
      titleEscrowFactory: factory as `0x${string}`,
      multicall3: config.EVM_MULTICALL3 as `0x${string}`,
      confirmations: config.EVM_CONFIRMATIONS,
      startBlock: config.EVM_START_BLOCK,
      rpcBatchSize: config.EVM_RPC_BATCH_SIZE,
      logRange: config.EVM_LOG_RANGE,
      requestTimeoutMs: config.EVM_RPC_TIMEOUT_MS,
      retries: config.EVM_RPC_RETRIES,
      reorgWindow: config.EVM_REORG_WINDOW,
      pollIntervalMs: config.EVM_POLL_INTERVAL_MS,
      ...(checkpointName ? { checkpointFile: join(stateDir, "checkpoints", `${checkpointName}.json`) } : {}),
    },
  };
}
