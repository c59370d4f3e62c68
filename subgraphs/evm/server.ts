import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { parse } from "graphql";
import { formatGraphQLError } from "../../core/graphqlErrors.ts";
import { serveGraphQL, type GraphQLHttpServer } from "../../core/httpServer.ts";
import { createContext, type EvmSubgraphContext, type EvmSubgraphDeps } from "./context.ts";
import { resolvers } from "./resolvers/index.ts";

const typeDefs = parse(readFileSync(fileURLToPath(new URL("./schema.graphql", import.meta.url)), "utf8"));

export function createEvmSubgraph(): ApolloServer<EvmSubgraphContext> {
  return new ApolloServer<EvmSubgraphContext>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }),
    formatError: formatGraphQLError,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
  });
}

/** Starts the EVM subgraph over HTTP; the caller owns `deps` (adapter, cache) and closes them. */
export async function startEvmSubgraph(
  deps: EvmSubgraphDeps,
  host: string,
  port: number,
): Promise<GraphQLHttpServer> {
  return serveGraphQL({
    apollo: createEvmSubgraph(),
    context: async () => createContext(deps),
    host,
    port,
    health: async () => {
      const status = await deps.adapter.status();
      return { status: "UP", network: status, cache: await deps.cache.health() };
    },
  });
}
