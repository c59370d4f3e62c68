import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import {
  createSubgraphApollo,
  serveSubgraph,
  type SubgraphAccess,
  type SubgraphObservability,
} from "../../serving/subgraphServer.ts";
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
  observability?: SubgraphObservability,
): Promise<GraphQLHttpServer> {
  return serveSubgraph({
    apollo: createInteropSubgraph(),
    access,
    context,
    name: "interop",
    // It reads no ledger: it computes from what the planner brings it (its directory is the entry point's check).
    checks: {},
    host,
    port,
    ...(observability ? { observability } : {}),
  });
}
