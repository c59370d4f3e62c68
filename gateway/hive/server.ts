import { createServer } from "node:http";
import { closeServer, listen } from "../../serving/listen.ts";
import { createGatewayRuntime, useUpstreamTimeout } from "@graphql-hive/gateway-runtime";
import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { tradegraphGenericAuth, type TradegraphAuthenticationOptions } from "./authentication.ts";
import type { QueryLimitOptions } from "../limits/index.ts";
import { maskTradegraphErrors } from "./errors.ts";
import { httpTransport } from "./httpTransport.ts";
import { useTradegraphQueryLimits } from "./queryLimits.ts";
import { useTradegraphProof } from "./tradegraphProofPlugin.ts";

export interface HiveGatewayOptions {
  /** The committed supergraph, as it is: Hive understands its `for: SECURITY` links. */
  supergraphSdl: string;
  /** Subgraph URL overrides by subgraph name; otherwise the URL recorded in the supergraph. */
  subgraphUrls: Record<string, string>;
  host: string;
  port: number;
  access: TradegraphAuthenticationOptions & { proofSecret: Buffer };
  /** Deadline for one subgraph fetch. @default 10000 */
  subgraphTimeoutMs?: number;
  /** The gateway's query limits (`gateway/limits/`); false for none. @default the limits' defaults */
  limits?: QueryLimitOptions | false;
  /**
   * Hive's merging of concurrent requests to one subgraph into one (`@graphql-tools/batch-execute`).
   * Off by default: in batch-execute 10.2 a subgraph's `data: null` (a forbidden non-null aggregate)
   * comes back as "Cannot return null" on a sibling root field, and the subgraph's own error
   * (FORBIDDEN at `portStatistics`) is lost (graphql-hive/gateway#1288, fixed by #2545 in a release this
   * registry does not carry). Unbatched, each root field is its own request and errors keep their path.
   * @default false
   */
  batchExecution?: boolean;
  /**
   * Hive's inbound deduplication: identical requests in flight at once (same body, same headers, so the
   * same caller) are executed once, as this project's gateway does (`GATEWAY_SHARE_IN_FLIGHT`). Every
   * header is part of Hive's key, so callers never share an answer.
   * @default true
   */
  inboundDeduplication?: boolean;
}

/**
 * Hive Gateway (`@graphql-hive/gateway-runtime`) in front of Tradegraph's subgraphs, configured as a
 * team running Hive would: the same credentials and rate limits at admission (`tradegraphGenericAuth`),
 * the same query limits (`useTradegraphQueryLimits`), every subgraph request signed with the gateway
 * proof (`useTradegraphProof`), the subgraphs enforcing who sees what.
 * Served on node:http at `/graphql`, for the two-gateway test and the gateway benchmark.
 */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<GraphQLHttpServer> {
  const { access } = options;
  const runtime = createGatewayRuntime({
    supergraph: options.supergraphSdl,
    transports: { http: httpTransport },
    transportEntries: {
      ...Object.fromEntries(
        Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }]),
      ),
    },
    genericAuth: tradegraphGenericAuth(access),
    plugins: () => [
      ...(options.limits === false ? [] : [useTradegraphQueryLimits(options.limits)]),
      useTradegraphProof({ secret: access.proofSecret }),
      useUpstreamTimeout(options.subgraphTimeoutMs ?? 10_000),
    ],
    __experimental__batchExecution: options.batchExecution ?? false,
    inboundInflightRequestDeduplication: options.inboundDeduplication ?? true,
    maskedErrors: { maskError: maskTradegraphErrors },
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: false,
    logging: "error",
  });
  const server = createServer(runtime);
  server.keepAliveTimeout = 65_000;
  const port = await listen(server, options.host, options.port);
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    server,
    async close() {
      await closeServer(server);
      await runtime.dispose();
    },
  };
}
