import type { GraphQLHttpServer } from "../../core/httpServer.ts";
import { createSubgraphApollo, serveSubgraph, type SubgraphAccess } from "../../core/subgraphServer.ts";
import type { RequestAccess } from "../../access/requestAccess.ts";
import { createContext, type InteropSubgraphContext } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

export const createInteropSubgraph = () =>
  createSubgraphApollo<InteropSubgraphContext>(new URL("./schema.graphql", import.meta.url), resolvers);

/** Starts the interop subgraph (cross-network views) over HTTP. */
export function startInteropSubgraph(
  host: string,
  port: number,
  access: SubgraphAccess,
  context: (access: RequestAccess) => InteropSubgraphContext = (a) => createContext(a),
): Promise<GraphQLHttpServer> {
  return serveSubgraph({
    apollo: createInteropSubgraph(),
    access,
    context,
    health: async () => ({ status: "UP" }),
    host,
    port,
  });
}
