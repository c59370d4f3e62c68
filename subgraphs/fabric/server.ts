import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { networkCheck } from "../../serving/health.ts";
import {
  createSubgraphApollo,
  serveSubgraph,
  type SubgraphAccess,
  type SubgraphObservability,
} from "../../serving/subgraphServer.ts";
import { createContext, type FabricSubgraphContext, type FabricSubgraphDeps } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

export const createFabricSubgraph = () =>
  createSubgraphApollo<FabricSubgraphContext>(new URL("./schema.graphql", import.meta.url), resolvers);

/** Starts the carrier (Fabric) subgraph over HTTP; the caller owns the adapter. */
export function startFabricSubgraph(
  deps: FabricSubgraphDeps,
  host: string,
  port: number,
  access: SubgraphAccess,
  observability?: SubgraphObservability,
): Promise<GraphQLHttpServer> {
  return serveSubgraph({
    apollo: createFabricSubgraph(),
    access,
    context: (requestAccess) => createContext(deps, requestAccess),
    name: "fabric",
    // Its ledger down: DEGRADED (cached records still answer; the rest is NETWORK_UNAVAILABLE).
    checks: { network: networkCheck(() => deps.adapter.status()) },
    host,
    port,
    ...(observability ? { observability } : {}),
  });
}
