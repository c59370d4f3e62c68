import type { GraphQLHttpServer } from "../../core/httpServer.ts";
import { createSubgraphApollo, serveSubgraph, type SubgraphAccess } from "../../core/subgraphServer.ts";
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
): Promise<GraphQLHttpServer> {
  return serveSubgraph({
    apollo: createEvmSubgraph(),
    access,
    context: (requestAccess) => createContext(deps, requestAccess),
    health: async () => ({
      status: "UP",
      network: await deps.adapter.status(),
      cache: await deps.cache.health(),
    }),
    host,
    port,
  });
}
