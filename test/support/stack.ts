import { readFileSync } from "node:fs";
import type { Redis } from "ioredis";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import type { FabricAdapter } from "../../adapters/fabric/index.ts";
import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { NetworkHealthRegistry } from "../../serving/healthRegistry.ts";
import { startGateway } from "../../gateway/server.ts";
import type { EblIndexEntry } from "../../networks/fabric/nativeRecords.ts";
import { AddressBook } from "../../subgraphs/evm/addressBook.ts";
import { startEvmSubgraph } from "../../subgraphs/evm/server.ts";
import { startFabricSubgraph } from "../../subgraphs/fabric/server.ts";
import { createFabricCaches } from "../../subgraphs/fabric/caches.ts";
import { createAntchainCaches } from "../../subgraphs/antchain/caches.ts";
import { startAntchainSubgraph } from "../../subgraphs/antchain/server.ts";
import { startInteropSubgraph } from "../../subgraphs/interop/server.ts";
import { startAnalyticsSubgraph } from "../../subgraphs/analytics/server.ts";
import { ReadModelIndexer } from "../../analytics/indexer.ts";
import { migrate } from "../../analytics/migrations.ts";
import { connectPostgres, openPglite, type Sql } from "../../analytics/sql.ts";
import { createContext as createInteropContext } from "../../subgraphs/interop/context.ts";
import type { AntchainAdapter } from "../../adapters/antchain/index.ts";
import { corsResponse, createQueryLimits, createRateLimiter } from "../../gateway/limits/index.ts";
import { isOperator } from "../../access/principal.ts";
import { createTestAccess, type TestAccess } from "./access.ts";
import { sqlAccessDirectory } from "../../access/sqlDirectory.ts";
import { cachedAccessDirectory } from "../../access/cachedDirectory.ts";
import { startLocalPortNetwork, type LocalPortNetwork } from "./portNetwork.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { PARTIES } from "../../world/catalog.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "./carrierNetwork.ts";
import { mine, startLocalChain, type LocalChain } from "./localChain.ts";

/** The one browser origin the test stack's gateway allows. */
export const TEST_ORIGIN = "https://app.example.com";

export interface TestStack {
  chain: LocalChain;
  carrier: LocalCarrierNetwork;
  port: LocalPortNetwork;
  antchain: AntchainAdapter;
  antchainSubgraph: GraphQLHttpServer;
  interopSubgraph: GraphQLHttpServer;
  analyticsSubgraph: GraphQLHttpServer;
  readModel: Sql;
  indexer: ReadModelIndexer;
  registry: NetworkHealthRegistry;
  evm: EvmAdapter;
  fabric: FabricAdapter;
  redis: Redis;
  prefix: string;
  evmSubgraph: GraphQLHttpServer;
  fabricSubgraph: GraphQLHttpServer;
  gateway: GraphQLHttpServer;
  /** Every subgraph's URL by name, for another gateway over the same subgraphs. */
  subgraphUrls: Record<string, string>;
  access: TestAccess;
  /** The operator's token: `query` sends it unless given another. */
  operatorToken: string;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  }>;
  close(): Promise<void>;
}

/**
 * The whole federated stack in one process, on loopback and free ports: the local chain and carrier
 * network seeded from the same small world, both subgraphs, and the gateway over the committed supergraph.
 */
export async function startTestStack(
  redisUrl: string,
  shipments = 30,
  options: {
    /** The read model in this PostgreSQL server (a schema of its own, dropped at close), as `npm start` has it; default PGlite in this process. */
    databaseUrl?: string;
  } = {},
): Promise<TestStack> {
  const chain = await startLocalChain(shipments);
  await mine(chain.clients, 3);
  const ebls = new Map<string, EblIndexEntry>(
    chain.documents.map((d) => [
      d.reference,
      { reference: d.reference, documentHash: d.documentHash, kind: d.kind, issuer: d.issuer },
    ]),
  );
  const carrier = await startLocalCarrierNetwork(shipments, ebls);
  const evm = createEvmAdapter({
    rpcUrl: chain.chain.url,
    chainId: 31337,
    titleEscrowFactory: chain.deployment.titleEscrowFactory,
    pollIntervalMs: 200,
  });
  await evm.start();
  const fabric = carrier.adapter();
  await fabric.start();
  const port = await startLocalPortNetwork(shipments);
  const antchain = port.adapter();
  await antchain.start();
  const redis = createCacheRedis(redisUrl);
  const prefix = `stack:${process.pid}:${Date.now()}:`;
  const cache = new StatusCache(redis, { prefix });
  // The harness publishes statuses by hand at each step (the fault tests rely on it), so entries must
  // outlive a slow run: with the services' 6 s TTL a test late in the file saw a network expire as DOWN.
  const registry = new NetworkHealthRegistry(redis, prefix, 600);
  await registry.publish(await fabric.status());
  // Kept current as the subgraph's entry point keeps it: one probe that timed out under a loaded run must
  // not leave the carrier network DOWN for the rest of the file.
  const stopFabricHealth = registry.startPublishing(() => fabric.status(), 1000);
  const addressBook = new AddressBook(
    PARTIES.map((p) => ({ address: chain.actors.parties.get(p.id)!.account.address, name: p.name })),
  );
  const schema = `stack_${process.pid}_${Date.now()}`;
  const readModel = options.databaseUrl
    ? await connectPostgres(options.databaseUrl, schema)
    : await openPglite();
  await migrate(readModel);
  // As the subgraphs read it in production: through the per-process cache.
  const access = await createTestAccess(chain, cachedAccessDirectory(sqlAccessDirectory(readModel)));
  const operatorToken = await access.token(null);
  const evmSubgraph = await startEvmSubgraph(
    {
      adapter: evm,
      cache,
      checker: new DocumentStatusChecker(evm, cache),
      trustList: chain.trustList,
      addressBook,
      health: {
        registry,
        expected: [
          { name: "ebl-evm", kind: "EVM" },
          { name: "carrier-fabric", kind: "FABRIC" },
          { name: "port-antchain", kind: "ANTCHAIN" },
        ],
      },
    },
    "127.0.0.1",
    0,
    access.subgraph,
  );
  const fabricCaches = createFabricCaches(redis, prefix, fabric);
  const fabricSubgraph = await startFabricSubgraph(
    {
      adapter: fabric,
      shipmentCache: fabricCaches.shipmentCache,
      documentIndex: fabricCaches.documentIndex,
      eblIndex: fabricCaches.eblIndex,
    },
    "127.0.0.1",
    0,
    access.subgraph,
  );
  const portCaches = createAntchainCaches(redis, prefix, antchain);
  const antchainSubgraph = await startAntchainSubgraph(
    { adapter: antchain, billCache: portCaches.billCache, containerCache: portCaches.containerCache },
    "127.0.0.1",
    0,
    access.subgraph,
  );
  await registry.publish(await antchain.status());
  const parties = PARTIES.map((p) => ({
    address: chain.actors.parties.get(p.id)!.account.address,
    name: p.name,
    ...(p.lei ? { lei: p.lei } : {}),
  }));
  const indexer = new ReadModelIndexer(
    readModel,
    fabric,
    antchain,
    evm,
    access.parties,
    500,
    () => chain.world.anchor,
  );
  await indexer.rebuild();
  indexer.follow(50);
  const analyticsSubgraph = await startAnalyticsSubgraph({ sql: readModel }, "127.0.0.1", 0, access.subgraph);
  const interopSubgraph = await startInteropSubgraph("127.0.0.1", 0, access.subgraph, (requestAccess) =>
    createInteropContext(requestAccess, parties, chain.trustList.entries),
  );
  const rateLimiter = createRateLimiter(redis, {
    points: 1_000_000,
    operatorPoints: 1_000_000,
    keyPrefix: `${prefix}ratelimit`,
  });
  const subgraphUrls = {
    evm: evmSubgraph.url,
    fabric: fabricSubgraph.url,
    antchain: antchainSubgraph.url,
    interop: interopSubgraph.url,
    analytics: analyticsSubgraph.url,
  };
  const gateway = await startGateway({
    supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
    subgraphUrls,
    host: "127.0.0.1",
    port: 0,
    subgraphTimeoutMs: 3000,
    // As `gateway/main.ts` wires them: a per-caller budget in Redis (generous: tests are not throttled).
    access: {
      ...access.gateway,
      rateLimit: (principal) => rateLimiter.consume(principal.subject, { operator: isOperator(principal) }),
    },
    // And the limits, as `gateway/main.ts` wires them, with the defaults: the tests' queries must pass them too.
    limits: createQueryLimits(),
    crossOrigin: (method, headers) => {
      const cors = corsResponse(method, headers, { origins: [TEST_ORIGIN] });
      return cors.kind === "preflight"
        ? { preflightStatus: cors.status, headers: cors.headers }
        : { headers: cors.headers };
    },
    requestDeadlineMs: 30_000,
  });
  return {
    access,
    operatorToken,
    chain,
    carrier,
    port,
    antchain,
    antchainSubgraph,
    interopSubgraph,
    analyticsSubgraph,
    readModel,
    indexer,
    registry,
    evm,
    fabric,
    redis,
    prefix,
    evmSubgraph,
    fabricSubgraph,
    gateway,
    subgraphUrls,
    async query(query, variables = {}, token = operatorToken) {
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    async close() {
      stopFabricHealth();
      await gateway.close();
      await fabricSubgraph.close().catch(() => undefined);
      await antchainSubgraph.close().catch(() => undefined);
      await interopSubgraph.close().catch(() => undefined);
      await analyticsSubgraph.close().catch(() => undefined);
      indexer.stop();
      if (options.databaseUrl)
        await readModel.exec(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
      await readModel.close();
      await evmSubgraph.close().catch(() => undefined);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await evm.close();
      await carrier.close();
      await port.close();
      await chain.close();
      access.close();
    },
  };
}
