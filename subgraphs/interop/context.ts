import type { RequestAccess } from "../../access/requestAccess.ts";
import type { IssuerRecord, PartyRecord } from "../../interop/crosswalk/lookup.ts";

/** The interop subgraph computes from what the query planner hands it; it calls no network itself. */
export interface InteropSubgraphContext {
  /** "Now", injectable for tests. */
  now: () => Date;
  /** Parties as the networks record them (the EVM address book), for the crosswalk. */
  parties: readonly PartyRecord[];
  /** Carriers' registries and stores (the EVM trust list), for the crosswalk. */
  issuers: readonly IssuerRecord[];
  /** This request's caller and its batched access decisions. */
  access: RequestAccess;
}

export function createContext(
  access: RequestAccess,
  parties: readonly PartyRecord[] = [],
  issuers: readonly IssuerRecord[] = [],
): InteropSubgraphContext {
  return { now: () => new Date(), parties, issuers, access };
}
