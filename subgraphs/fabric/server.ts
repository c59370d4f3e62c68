import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { parse } from "graphql";
import { formatGraphQLError } from "../../core/graphqlErrors.ts";
import { serveGraphQL, type GraphQLHttpServer } from "../../core/httpServer.ts";
import { createContext, type FabricSubgraphContext, type FabricSubgraphDeps } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

const typeDefs = parse(readFileSync(fileURLToPath(new URL("./schema.graphql", import.meta.url)), "utf8"));

export function createFabricSubgraph(): ApolloServer<FabricSubgraphContext> {
  return new ApolloServer<FabricSubgraphContext>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }),
    formatError: formatGraphQLError,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
  });
}

/** Starts the carrier (Fabric) subgraph over HTTP; the caller owns the adapter. */
export async function startFabricSubgraph(
  deps: FabricSubgraphDeps,
  host: string,
  port: number,
): Promise<GraphQLHttpServer> {
  return serveGraphQL({
    apollo: createFabricSubgraph(),
    context: async () => createContext(deps),
    host,
    port,
    health: async () => ({ status: "UP", network: await deps.adapter.status() }),
  });
}
