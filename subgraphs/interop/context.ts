/** The interop subgraph computes from what the query planner hands it; it calls no network itself. */
export interface InteropSubgraphContext {
  /** "Now", injectable for tests. */
  now: () => Date;
}

export function createContext(): InteropSubgraphContext {
  return { now: () => new Date() };
}
