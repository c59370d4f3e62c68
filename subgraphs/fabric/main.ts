/** Entry point of the carrier (Fabric) subgraph: parses config once, connects the adapter, serves. */
import { z } from "zod";
import { createFabricAdapter } from "../../adapters/fabric/index.ts";
import {
  fabricAdapterOptionsFrom,
  fabricConnectionConfigShape,
} from "../../adapters/fabric/serviceConfig.ts";
import { host, loadConfigOrExit, port } from "../../serving/config.ts";
import { redisCheck } from "../../serving/health.ts";
import {
  createObservability,
  observabilityConfigShape,
  observeAdapter,
} from "../../serving/observability.ts";
import { accessDirectoryCheck } from "../../serving/subgraphServer.ts";
import { ConfigInvalidError } from "../../domain/errors.ts";
import { NetworkHealthRegistry } from "../../serving/healthRegistry.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { createFabricCaches } from "./caches.ts";
import { startFabricSubgraph } from "./server.ts";
import { runService } from "../../serving/service.ts";
import { accessConfigShape, loadSubgraphAccessOrExit } from "../../access/serviceConfig.ts";

const config = loadConfigOrExit(
  "fabric-subgraph",
  z.object({
    FABRIC_SUBGRAPH_HOST: host,
    FABRIC_SUBGRAPH_PORT: port(4002),
    ...fabricConnectionConfigShape,
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    REDIS_PREFIX: z.string().default("tg:"),
    ...accessConfigShape,
    ...observabilityConfigShape,
  }),
  process.env,
);
const observability = createObservability("fabric-subgraph", config);

const fabric = fabricAdapterOptionsFrom(config, config.TRADEGRAPH_STATE_DIR, config.FABRIC_NETWORK_NAME);
if (!fabric.options) {
  console.error(new ConfigInvalidError(fabric.problems, "fabric-subgraph").message);
  process.exit(2);
}
const adapter = observeAdapter(createFabricAdapter(fabric.options), observability);
const redis = createCacheRedis(config.REDIS_URL);
const registry = new NetworkHealthRegistry(redis, config.REDIS_PREFIX);
await adapter.start();
const stopPublishing = registry.startPublishing(async () =>
  observability.metrics.observeNetworkStatus(await adapter.status()),
);
const caches = createFabricCaches(redis, config.REDIS_PREFIX, adapter);
observability.metrics.watchCache("fabric-shipment", caches.shipmentCache);
observability.metrics.watchCache("fabric-document", caches.documentIndex);
const access = await loadSubgraphAccessOrExit(config, "fabric-subgraph");
const server = await startFabricSubgraph(
  {
    adapter,
    shipmentCache: caches.shipmentCache,
    documentIndex: caches.documentIndex,
    eblIndex: caches.eblIndex,
  },
  config.FABRIC_SUBGRAPH_HOST,
  config.FABRIC_SUBGRAPH_PORT,
  access,
  {
    ...observability,
    // Redis down only degrades (records are read from the ledger, uncached); the directory is required.
    checks: { cache: redisCheck(redis), ...(access.sql ? accessDirectoryCheck(access.sql) : {}) },
  },
);
runService("fabric-subgraph", { url: server.url }, async () => {
  await access.sql?.close();
  stopPublishing();
  await server.close();
  await adapter.close();
  redis.disconnect();
});
