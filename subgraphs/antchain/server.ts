import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { networkCheck } from "../../serving/health.ts";
import {
  createSubgraphApollo,
  serveSubgraph,
  type SubgraphAccess,
  type SubgraphObservability,
} from "../../serving/subgraphServer.ts";
import { createContext, type AntchainSubgraphContext, type AntchainSubgraphDeps } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

export const createAntchainSubgraph = () =>
  createSubgraphApollo<AntchainSubgraphContext>(new URL("./schema.graphql", import.meta.url), resolvers);

/** Starts the port (AntChain-style) subgraph over HTTP; the caller owns the adapter. */
export function startAntchainSubgraph(
  deps: AntchainSubgraphDeps,
  host: string,
  port: number,
  access: SubgraphAccess,
  observability?: SubgraphObservability,
): Promise<GraphQLHttpServer> {
  return serveSubgraph({
    apollo: createAntchainSubgraph(),
    access,
    context: (requestAccess) => createContext(deps, requestAccess),
    name: "antchain",
    // Its ledger down: DEGRADED (cached records still answer; the rest is NETWORK_UNAVAILABLE).
    checks: { network: networkCheck(() => deps.adapter.status()) },
    host,
    port,
    ...(observability ? { observability } : {}),
  });
}
