import DataLoader from "dataloader";
import { indexCheckpoints } from "../../analytics/queries.ts";
import type { Sql } from "../../analytics/sql.ts";
import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { sqlCheck } from "../../serving/health.ts";
import {
  createSubgraphApollo,
  serveSubgraph,
  type SubgraphAccess,
  type SubgraphObservability,
} from "../../serving/subgraphServer.ts";
import type { AnalyticsSubgraphContext } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

export const createAnalyticsSubgraph = () =>
  createSubgraphApollo<AnalyticsSubgraphContext>(new URL("./schema.graphql", import.meta.url), resolvers);

/** Starts the analytics subgraph (read model) over HTTP. */
export function startAnalyticsSubgraph(
  { sql }: { sql: Sql },
  host: string,
  port: number,
  access: SubgraphAccess,
  observability?: SubgraphObservability,
): Promise<GraphQLHttpServer> {
  return serveSubgraph({
    apollo: createAnalyticsSubgraph(),
    access,
    context: (requestAccess): AnalyticsSubgraphContext => ({
      sql,
      access: requestAccess,
      checkpoints: new DataLoader((networks: readonly string[]) => indexCheckpoints(sql, networks)),
    }),
    name: "analytics",
    // Every answer (and every access decision) reads the read model.
    checks: { readModel: sqlCheck(sql, true) },
    host,
    port,
    ...(observability ? { observability } : {}),
  });
}
