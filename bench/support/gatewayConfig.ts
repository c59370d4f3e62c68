import type { PartyEntry } from "../../access/partyDirectory.ts";
import type { Principal } from "../../access/principal.ts";

/** The three gateways `bench/gateways.bench.ts` puts side by side over the same subgraphs. */
export const GATEWAY_KINDS = ["tradegraph", "apollo", "hive"] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

/** What the stack process hands each gateway process (one JSON line), and the load generator. */
export interface GatewayStackInfo {
  subgraphUrls: Record<string, string>;
  /** The subgraphs' proof secret, base64. */
  proofSecret: string;
  parties: PartyEntry[];
  jwt: { issuer: string; audience: string; jwksFile: string };
  /** The B/L the tracking and ownership queries ask for. */
  reference: string;
  /**
   * Each user of the mix: a bearer token for the gateways that authenticate, and the principal the
   * stock gateway (no access machinery) is handed in a header to sign with.
   */
  users: Record<"consignee" | "analyst", { token: string; principal: Principal }>;
}

/** The header the stock @apollo/gateway reads the (already encoded) principal from. */
export const BENCH_PRINCIPAL_HEADER = "x-bench-principal";
