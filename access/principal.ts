/**
 * Who is asking. The gateway resolves every request's credentials (a bearer JWT or an API key) to one
 * principal; the subgraphs receive it inside the gateway's signed proof and decide access from it.
 */

/** What a party is in the trade; decides which facts its role grants beyond its own shipments. */
export type PartyKind =
  "CARRIER" | "SHIPPER" | "CONSIGNEE" | "NOTIFY" | "BANK" | "FORWARDER" | "TERMINAL_OPERATOR" | "CUSTOMS";

/**
 * Roles a credential may carry on top of its party. `operator` (no party) sees everything and every use
 * is logged; `analyst` adds aggregates over every shipment (its lists stay those of its party).
 */
export const ROLES = ["operator", "analyst"] as const;
export type Role = (typeof ROLES)[number];

/** The principal as it travels from the gateway to the subgraphs: small, serialisable, signed with the request. */
export interface Principal {
  /** The credential's subject (JWT `sub`, or `key:<id>` for an API key). */
  subject: string;
  /** The party the caller acts for (a SCAC for a carrier, else a directory id); null for the operator. */
  party: string | null;
  roles: Role[];
}

export const isOperator = (p: Principal): boolean => p.roles.includes("operator");
export const isAnalyst = (p: Principal): boolean => p.roles.includes("analyst") || isOperator(p);
