import type { GraphQLHttpServer } from "../../core/httpServer.ts";
import { createSubgraphApollo, serveSubgraph } from "../../core/subgraphServer.ts";
import type { AnalyticsSubgraphContext } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

export const createAnalyticsSubgraph = () =>
  createSubgraphApollo<AnalyticsSubgraphContext>(new URL("./schema.graphql", import.meta.url), resolvers);

/** Starts the analytics subgraph (read model) over HTTP. */
export function startAnalyticsSubgraph(
  context: AnalyticsSubgraphContext,
  host: string,
  port: number,
): Promise<GraphQLHttpServer> {
  return serveSubgraph({
    apollo: createAnalyticsSubgraph(),
    context: () => context,
    health: async () => ({ status: "UP" }),
    host,
    port,
  });
}
