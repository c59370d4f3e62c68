/** Entry point of the port (AntChain-style) subgraph: parses config once, connects the adapter, serves. */
import { z } from "zod";
import { createAntchainAdapter } from "../../adapters/antchain/index.ts";
import {
  antchainAdapterOptionsFrom,
  antchainConnectionConfigShape,
} from "../../adapters/antchain/serviceConfig.ts";
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
import { createAntchainCaches } from "./caches.ts";
import { startAntchainSubgraph } from "./server.ts";
import { runService } from "../../serving/service.ts";
import { accessConfigShape, loadSubgraphAccessOrExit } from "../../access/serviceConfig.ts";

const config = loadConfigOrExit(
  "antchain-subgraph",
  z.object({
    ANTCHAIN_SUBGRAPH_HOST: host,
    ANTCHAIN_SUBGRAPH_PORT: port(4003),
    ...antchainConnectionConfigShape,
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    REDIS_PREFIX: z.string().default("tg:"),
    ...accessConfigShape,
    ...observabilityConfigShape,
  }),
  process.env,
);
const observability = createObservability("antchain-subgraph", config);

const portNetwork = antchainAdapterOptionsFrom(
  config,
  config.TRADEGRAPH_STATE_DIR,
  config.ANTCHAIN_NETWORK_NAME,
);
if (!portNetwork.options) {
  console.error(new ConfigInvalidError(portNetwork.problems, "antchain-subgraph").message);
  process.exit(2);
}
const adapter = observeAdapter(createAntchainAdapter(portNetwork.options), observability);
const redis = createCacheRedis(config.REDIS_URL);
const registry = new NetworkHealthRegistry(redis, config.REDIS_PREFIX);
await adapter.start();
const stopPublishing = registry.startPublishing(async () =>
  observability.metrics.observeNetworkStatus(await adapter.status()),
);
const caches = createAntchainCaches(redis, config.REDIS_PREFIX, adapter);
observability.metrics.watchCache("port-bill", caches.billCache);
observability.metrics.watchCache("port-container", caches.containerCache);
const subgraphAccess = await loadSubgraphAccessOrExit(config, "antchain-subgraph");
const server = await startAntchainSubgraph(
  { adapter, billCache: caches.billCache, containerCache: caches.containerCache },
  config.ANTCHAIN_SUBGRAPH_HOST,
  config.ANTCHAIN_SUBGRAPH_PORT,
  subgraphAccess,
  {
    ...observability,
    checks: {
      cache: redisCheck(redis),
      ...(subgraphAccess.sql ? accessDirectoryCheck(subgraphAccess.sql) : {}),
    },
  },
);
runService("antchain-subgraph", { url: server.url }, async () => {
  await subgraphAccess.sql?.close();
  stopPublishing();
  await server.close();
  await adapter.close();
  redis.disconnect();
});
