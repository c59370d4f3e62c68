export interface AntchainAdapterOptions {
  /** Network name in provenance and errors. @default "port-antchain" */
  name?: string;
  /** Base URL of the BaaS REST endpoint, e.g. https://rest.baas.alipay.com */
  url: string;
  /** The chain's bizid. */
  bizid: string;
  accessId: string;
  /** The tenant id sent as `tenantid` on chainCallForBiz. */
  tenantId: string;
  /** PEM of the tenant's RSA access key (signs the handshake; later requests carry the token only). */
  privateKey: string;
  /** The chain account contract calls are made from (local calls too, as on BaaS). */
  account: string;
  /** That account's KMS key id (`mykmsKeyId`). */
  kmsKeyId: string;
  /** @default "PortLogistics" */
  contractName?: string;
  /**
   * The block the checked header chain starts from, as the consortium hands it out (number and hash).
   * Facts in blocks before it are never proven. Absent: the genesis block as first seen (trust on first
   * use), kept in the checkpoint file from then on.
   */
  trustedCheckpoint?: { number: number; hash: string };
  /** Token lifetime the service grants; the adapter renews at 80% of it. @default 1_800_000 */
  tokenTtlMs?: number;
  /** Deadline per HTTP request. @default 5000 */
  requestTimeoutMs?: number;
  /** Retries of idempotent calls (queries) after a failed attempt. @default 1 */
  retries?: number;
  /** How often the follower asks for new blocks. @default 500 */
  pollIntervalMs?: number;
  /** Where the follower keeps the header chain it has checked (JSON lines); in memory when absent. */
  checkpointFile?: string;
}

export const ANTCHAIN_ADAPTER_DEFAULTS = {
  name: "port-antchain",
  contractName: "PortLogistics",
  tokenTtlMs: 1_800_000,
  requestTimeoutMs: 5000,
  retries: 1,
  pollIntervalMs: 500,
} as const;

export type ResolvedAntchainAdapterOptions = AntchainAdapterOptions & typeof ANTCHAIN_ADAPTER_DEFAULTS;

export function resolveAntchainOptions(options: AntchainAdapterOptions): ResolvedAntchainAdapterOptions {
  return { ...ANTCHAIN_ADAPTER_DEFAULTS, ...options } as ResolvedAntchainAdapterOptions;
}
