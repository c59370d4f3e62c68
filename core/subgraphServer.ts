import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ApolloServer, type BaseContext } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/resolverMap.js";
import { parse } from "graphql";
import { formatGraphQLError } from "./graphqlErrors.ts";
import { serveGraphQL, type GraphQLHttpServer } from "./httpServer.ts";

/**
 * A subgraph's Apollo Server: its SDL file, its resolvers, errors mapped in one place, no inline traces
 * and no cache-control hints (nothing sets them, and the plugin wraps every field's resolver: ~9% of the
 * carrier subgraph's CPU on pages of 200). Introspection is on explicitly, whatever NODE_ENV says.
 */
export function createSubgraphApollo<TContext extends BaseContext>(
  schemaFile: URL,
  resolvers: object,
): ApolloServer<TContext> {
  const typeDefs = parse(readFileSync(fileURLToPath(schemaFile), "utf8"));
  return new ApolloServer<TContext>({
    // Codegen's resolver types and Apollo's resolver map differ only in typing (FINDINGS).
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }),
    formatError: formatGraphQLError,
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    includeStacktraceInErrorResponses: false,
    introspection: true,
  });
}

/** Serves a subgraph on host:port with a fresh context per request and a `/health` probe. */
export function serveSubgraph<TContext extends BaseContext>(options: {
  apollo: ApolloServer<TContext>;
  context: () => TContext;
  health: () => Promise<unknown>;
  host: string;
  port: number;
}): Promise<GraphQLHttpServer> {
  return serveGraphQL({
    apollo: options.apollo,
    context: async () => options.context(),
    host: options.host,
    port: options.port,
    health: options.health,
  });
}
