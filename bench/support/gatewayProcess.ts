/**
 * One gateway in its own process for `bench/gateways.bench.ts`, so its CPU time is its own: `tradegraph`
 * (this project's gateway as `gateway/main.ts` wires it: authentication, query limits, the proof),
 * `apollo` (a stock ApolloGateway + ApolloServer: no access machinery, only the proof the subgraphs
 * require, signed for the principal the load generator names in a header) or `hive` (Hive Gateway as
 * `gateway/hive/` configures it). Reads the stack's `GatewayStackInfo` from GATEWAY_STACK, prints
 * `GATEWAY {"url": ...}`, stops on SIGTERM.
 */
import { readFileSync } from "node:fs";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { signSubgraphRequest } from "../../access/gatewayProof.ts";
import { createAuthenticator } from "../../access/identity/authenticator.ts";
import { PartyDirectory } from "../../access/partyDirectory.ts";
import { startHiveGateway } from "../../gateway/hive/server.ts";
import { createQueryLimits } from "../../gateway/limits/index.ts";
import { startGateway, supergraphForApolloGateway } from "../../gateway/server.ts";
import {
  BENCH_PRINCIPAL_HEADER,
  GATEWAY_KINDS,
  type GatewayKind,
  type GatewayStackInfo,
} from "./gatewayConfig.ts";

const kind = process.argv[2] as GatewayKind;
if (!GATEWAY_KINDS.includes(kind)) throw new Error(`usage: gatewayProcess.ts ${GATEWAY_KINDS.join("|")}`);
const info = JSON.parse(process.env.GATEWAY_STACK ?? "") as GatewayStackInfo;
const supergraphSdl = readFileSync("schema/supergraph.graphql", "utf8");
const proofSecret = Buffer.from(info.proofSecret, "base64");
const authenticator = createAuthenticator({ jwt: info.jwt, directory: new PartyDirectory(info.parties) });
const authenticate = (headers: Record<string, string | string[] | undefined>) =>
  authenticator.authenticate(headers);

async function start(): Promise<{ url: string; close(): Promise<void> }> {
  if (kind === "tradegraph")
    return startGateway({
      supergraphSdl,
      subgraphUrls: info.subgraphUrls,
      host: "127.0.0.1",
      port: 0,
      access: { authenticate, proofSecret, logOperatorUse: () => undefined },
      limits: createQueryLimits(),
      requestDeadlineMs: 30_000,
      // MIX_SHARING=off: without sharing identical queries and reads in flight (GATEWAY_SHARE_IN_FLIGHT).
      shareInFlight: process.env.MIX_SHARING !== "off",
    });
  if (kind === "hive")
    return startHiveGateway({
      supergraphSdl,
      // MIX_SHARING=off turns Hive's inbound deduplication off as well: like against like.
      inboundDeduplication: process.env.MIX_SHARING !== "off",
      subgraphUrls: info.subgraphUrls,
      host: "127.0.0.1",
      port: 0,
      access: { authenticate, proofSecret },
    });
  // Stock: the gateway's default setup, plus the one thing the subgraphs insist on.
  // Stock @apollo/gateway otherwise reports to Apollo's servers and probes cloud metadata endpoints.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphForApolloGateway(supergraphSdl),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<{ principal: string }>({
        url: info.subgraphUrls[name] ?? url,
        // The data source then sends JSON.stringify({ query, ...the rest but http }): sign those bytes,
        // and keep its default fetcher.
        willSendRequest({ request, context }) {
          const { http, query, ...rest } = request;
          const body = JSON.stringify({ query, ...rest });
          for (const [header, value] of Object.entries(
            signSubgraphRequest(proofSecret, context.principal, body),
          ))
            http!.headers.set(header, value);
        },
      }),
  });
  const server = new ApolloServer<{ principal: string }>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host: "127.0.0.1", port: 0 },
    context: async ({ req }) => ({ principal: String(req.headers[BENCH_PRINCIPAL_HEADER] ?? "") }),
  });
  return { url, close: () => server.stop() };
}

const gateway = await start();
console.log(`GATEWAY ${JSON.stringify({ url: gateway.url })}`);
process.once("SIGTERM", () => {
  void gateway.close().finally(() => process.exit(0));
});
