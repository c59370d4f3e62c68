/** Entry point of the carrier (Fabric) subgraph: parses config once, connects the adapter, serves. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { createFabricAdapter } from "../../adapters/fabric/index.ts";
import { host, loadConfigOrExit, port } from "../../core/config.ts";
import { redisCheck } from "../../core/health.ts";
import { createObservability, observabilityConfigShape, observeAdapter } from "../../core/observability.ts";
import { accessDirectoryCheck } from "../../core/subgraphServer.ts";
import { ConfigInvalidError } from "../../core/errors.ts";
import { NetworkHealthRegistry } from "../../core/healthRegistry.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { createFabricCaches } from "./caches.ts";
import { startFabricSubgraph } from "./server.ts";
import { runService } from "../../core/service.ts";
import { accessConfigShape, loadSubgraphAccessOrExit } from "../../access/serviceConfig.ts";

const config = loadConfigOrExit(
  "fabric-subgraph",
  z.object({
    FABRIC_SUBGRAPH_HOST: host,
    FABRIC_SUBGRAPH_PORT: port(4002),
    FABRIC_NETWORK_NAME: z.string().default("carrier-fabric"),
    /** Gateway peer host:port; read from the local connection profile when not set. */
    FABRIC_PEER_ENDPOINT: z
      .string()
      .regex(/^[^:]+:\d+$/, "must be host:port")
      .optional(),
    FABRIC_MSP_ID: z.string().optional(),
    FABRIC_CERT_PATH: z.string().optional(),
    FABRIC_KEY_PATH: z.string().optional(),
    FABRIC_TLS_CA_PATH: z.string().optional(),
    FABRIC_TLS_SERVER_NAME: z.string().optional(),
    FABRIC_CHANNEL: z.string().default("tradelane"),
    FABRIC_CHAINCODE: z.string().default("carrier"),
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    REDIS_PREFIX: z.string().default("tg:"),
    ...accessConfigShape,
    ...observabilityConfigShape,
  }),
  process.env,
);
const observability = createObservability("fabric-subgraph", config);

const profileFile = join(config.TRADEGRAPH_STATE_DIR, "fabric", "connection.json");
const profile = existsSync(profileFile)
  ? (JSON.parse(readFileSync(profileFile, "utf8")) as {
      endpoint: string;
      mspId: string;
      certificatePath: string;
      privateKeyPath: string;
    })
  : undefined;
const endpoint = config.FABRIC_PEER_ENDPOINT ?? profile?.endpoint;
const mspId = config.FABRIC_MSP_ID ?? profile?.mspId;
const certPath = config.FABRIC_CERT_PATH ?? profile?.certificatePath;
const keyPath = config.FABRIC_KEY_PATH ?? profile?.privateKeyPath;
const missing = [
  !endpoint && "FABRIC_PEER_ENDPOINT",
  !mspId && "FABRIC_MSP_ID",
  !certPath && "FABRIC_CERT_PATH",
  !keyPath && "FABRIC_KEY_PATH",
].filter((x): x is string => Boolean(x));
if (missing.length > 0) {
  console.error(
    new ConfigInvalidError(
      missing.map((m) => `${m}: not set and ${profileFile} does not exist`),
      "fabric-subgraph",
    ).message,
  );
  process.exit(2);
}

const adapter = observeAdapter(
  createFabricAdapter({
    name: config.FABRIC_NETWORK_NAME,
    endpoint: endpoint!,
    mspId: mspId!,
    certificate: readFileSync(certPath!, "utf8"),
    privateKey: readFileSync(keyPath!, "utf8"),
    ...(config.FABRIC_TLS_CA_PATH
      ? { tlsRootCertificate: readFileSync(config.FABRIC_TLS_CA_PATH, "utf8") }
      : {}),
    ...(config.FABRIC_TLS_SERVER_NAME ? { tlsServerName: config.FABRIC_TLS_SERVER_NAME } : {}),
    channel: config.FABRIC_CHANNEL,
    chaincode: config.FABRIC_CHAINCODE,
    checkpointFile: join(config.TRADEGRAPH_STATE_DIR, "checkpoints", `${config.FABRIC_NETWORK_NAME}.json`),
  }),
  observability,
);
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
  { adapter, shipmentCache: caches.shipmentCache, documentIndex: caches.documentIndex },
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
