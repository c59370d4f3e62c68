import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { cacheCheck, networkCheck } from "../../serving/health.ts";
import {
  createSubgraphApollo,
  serveSubgraph,
  type SubgraphAccess,
  type SubgraphObservability,
} from "../../serving/subgraphServer.ts";
import { createContext, type EvmSubgraphContext, type EvmSubgraphDeps } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

export const createEvmSubgraph = () =>
  createSubgraphApollo<EvmSubgraphContext>(new URL("./schema.graphql", import.meta.url), resolvers);

/** Starts the EVM subgraph over HTTP; the caller owns `deps` (adapter, cache) and closes them. */
export function startEvmSubgraph(
  deps: EvmSubgraphDeps,
  host: string,
  port: number,
  access: SubgraphAccess,
  observability?: SubgraphObservability,
): Promise<GraphQLHttpServer> {
  return serveSubgraph({
    apollo: createEvmSubgraph(),
    access,
    context: (requestAccess) => createContext(deps, requestAccess),
    name: "evm",
    // The chain down, or Redis: DEGRADED (titles answer NETWORK_UNAVAILABLE; verification runs uncached).
    checks: {
      network: networkCheck(() => deps.adapter.status()),
      cache: cacheCheck(() => deps.cache.health()),
    },
    host,
    port,
    ...(observability ? { observability } : {}),
  });
}
