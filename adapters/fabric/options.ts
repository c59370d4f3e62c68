export interface FabricAdapterOptions {
  /** Network name in provenance and errors. @default "carrier-fabric" */
  name?: string;
  /** Gateway peer endpoint, host:port. */
  endpoint: string;
  /** PEM of the CA that signed the peer's TLS certificate; plaintext gRPC when absent. */
  tlsRootCertificate?: string;
  /** Override for the TLS server name (e.g. peer0.org1.example.com). */
  tlsServerName?: string;
  /**
   * PEM client certificate and key for mutual TLS, when the peer requires one (Fabric's
   * `peer.tls.clientAuthRequired`). Its hash is also bound into block event requests, as Fabric asks.
   */
  tlsClientCertificate?: string;
  tlsClientKey?: string;
  mspId: string;
  /** PEM X.509 certificate of the client identity. */
  certificate: string;
  /** PEM private key of the client identity. */
  privateKey: string;
  /** @default "tradelane" */
  channel?: string;
  /** @default "carrier" */
  chaincode?: string;
  /** Deadline for one Evaluate. @default 5000 */
  evaluateTimeoutMs?: number;
  /** Where the event follower keeps its checkpoint; in memory when absent. */
  checkpointFile?: string;
}

export const FABRIC_ADAPTER_DEFAULTS = {
  name: "carrier-fabric",
  channel: "tradelane",
  chaincode: "carrier",
  evaluateTimeoutMs: 5000,
} as const;

export type ResolvedFabricAdapterOptions = FabricAdapterOptions & typeof FABRIC_ADAPTER_DEFAULTS;

export function resolveFabricOptions(options: FabricAdapterOptions): ResolvedFabricAdapterOptions {
  return { ...FABRIC_ADAPTER_DEFAULTS, ...options } as ResolvedFabricAdapterOptions;
}
