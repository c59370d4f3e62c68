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
import { readiness, sqlCheck, type HealthCheck } from "./health.ts";
import { serveGraphQL, type GraphQLHttpServer, type Observability } from "./httpServer.ts";
import { currentRequest } from "./requestContext.ts";
import { requestObservabilityPlugin } from "./requestObservability.ts";

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
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestObservabilityPlugin(),
    ],
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

/** What an entry point adds to a subgraph beside its schema: logs, metrics, and its own health checks. */
export interface SubgraphObservability extends Observability {
  /** Dependencies the server itself does not know of (the Redis its caches use, the access directory's database). */
  checks?: Record<string, HealthCheck>;
}

/** The access directory's database, when the subgraph reads one: without it no shipment can be decided on. */
export function accessDirectoryCheck(sql: {
  query(text: string): Promise<unknown[]>;
}): Record<string, HealthCheck> {
  return { accessDirectory: sqlCheck(sql, true) };
}

/**
 * Serves a subgraph on host:port with a fresh context per request, `/health/live`, `/health/ready`
 * (its own checks plus the entry point's) and `/metrics`. A request without the gateway's valid proof
 * gets 401 before any GraphQL is parsed; the proof's principal becomes the request's access decisions.
 */
export function serveSubgraph<TContext extends BaseContext>(options: {
  apollo: ApolloServer<TContext>;
  access: SubgraphAccess;
  context: (access: RequestAccess) => TContext;
  /** The subgraph's name (`evm`, `fabric`...), in its logs and health. */
  name: string;
  /** Checks the subgraph knows of itself (its network, its cache). */
  checks: Record<string, HealthCheck>;
  host: string;
  port: number;
  observability?: SubgraphObservability;
}): Promise<GraphQLHttpServer> {
  const { access } = options;
  const checks = { ...options.checks, ...options.observability?.checks };
  return serveGraphQL({
    apollo: options.apollo,
    admit: (req, body) => {
      const principal = verifySubgraphRequest(access.proofSecrets, req.headers, body);
      const request = currentRequest();
      if (request) request.fields.subject = principal.subject;
      return principal;
    },
    context: async ({ admission }) =>
      options.context(new RequestAccess(admission, access.parties, access.shipments)),
    host: options.host,
    port: options.port,
    service: `${options.name}-subgraph`,
    readiness: () => readiness(`${options.name}-subgraph`, checks),
    ...(options.observability ? { observability: options.observability } : {}),
  });
}
