import type { PartyRecord } from "../../interop/crosswalk/lookup.ts";

/** The interop subgraph computes from what the query planner hands it; it calls no network itself. */
export interface InteropSubgraphContext {
  /** "Now", injectable for tests. */
  now: () => Date;
  /** Parties as the networks record them (the EVM address book), for the crosswalk. */
  parties: readonly PartyRecord[];
}

export function createContext(parties: readonly PartyRecord[] = []): InteropSubgraphContext {
  return { now: () => new Date(), parties };
}
