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
import { verifySubgraphRequest } from "../access/gatewayProof.ts";
import type { PartyDirectory } from "../access/partyDirectory.ts";
import { RequestAccess } from "../access/requestAccess.ts";
import type { ShipmentAccessDirectory } from "../access/shipmentAccess.ts";
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

/** What every subgraph needs to trust the gateway and decide who sees what. */
export interface SubgraphAccess {
  /** Secrets the gateway signs with (several while one is rotated out). */
  proofSecrets: readonly Buffer[];
  parties: PartyDirectory;
  /** Shipments' access facts (the read model's directory); null: only the operator sees shipment details. */
  shipments: ShipmentAccessDirectory | null;
}

/**
 * Serves a subgraph on host:port with a fresh context per request and a `/health` probe. A request
 * without the gateway's valid proof gets 401 before any GraphQL is parsed; the proof's principal becomes
 * the request's access decisions.
 */
export function serveSubgraph<TContext extends BaseContext>(options: {
  apollo: ApolloServer<TContext>;
  access: SubgraphAccess;
  context: (access: RequestAccess) => TContext;
  health: () => Promise<unknown>;
  host: string;
  port: number;
}): Promise<GraphQLHttpServer> {
  const { access } = options;
  return serveGraphQL({
    apollo: options.apollo,
    admit: (req, body) => verifySubgraphRequest(access.proofSecrets, req.headers, body),
    context: async ({ admission }) =>
      options.context(new RequestAccess(admission, access.parties, access.shipments)),
    host: options.host,
    port: options.port,
    health: options.health,
  });
}
