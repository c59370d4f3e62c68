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
  /**
   * The shipments the tracking and ownership queries ask for, each by its consignee; and the analyst
   * who asks for the analytics page. Each user has a bearer token for the gateways that authenticate,
   * and the principal the stock gateway (no access machinery) is handed in a header to sign with.
   * Several shipments: identical in-flight queries are merged by some gateways, which one repeated
   * question would reward.
   */
  consignees: { reference: string; user: BenchUser }[];
  analyst: BenchUser;
}

/** The header the stock @apollo/gateway reads the (already encoded) principal from. */
export const BENCH_PRINCIPAL_HEADER = "x-bench-principal";

export interface BenchUser {
  token: string;
  principal: Principal;
}
