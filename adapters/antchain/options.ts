export interface AntchainAdapterOptions {
  /** Network name in provenance and errors. @default "port-antchain" */
  name?: string;
  /** Base URL of the BaaS REST endpoint, e.g. https://rest.baas.alipay.com */
  url: string;
  /** The chain's bizid. */
  bizid: string;
  accessId: string;
  tenantId: string;
  /** PEM of the tenant's RSA private key (signs the handshake and every request). */
  privateKey: string;
  /** @default "PortLogistics" */
  contractName?: string;
  /** Token lifetime the service grants; the adapter renews at 80% of it. @default 1_800_000 */
  tokenTtlMs?: number;
  /** Deadline per HTTP request. @default 5000 */
  requestTimeoutMs?: number;
  /** Retries of idempotent calls (queries) after a failed attempt. @default 1 */
  retries?: number;
  /** How often the follower asks for new blocks. @default 500 */
  pollIntervalMs?: number;
  /** Where the follower keeps its checkpoint; in memory when absent. */
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
