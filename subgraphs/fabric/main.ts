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
    /** Client certificate and key (PEM files) for a peer that requires mutual TLS. */
    FABRIC_TLS_CLIENT_CERT_PATH: z.string().optional(),
    FABRIC_TLS_CLIENT_KEY_PATH: z.string().optional(),
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
      tls?: { caCertificatePath: string; clientCertificatePath: string; clientKeyPath: string };
    })
  : undefined;
const endpoint = config.FABRIC_PEER_ENDPOINT ?? profile?.endpoint;
const mspId = config.FABRIC_MSP_ID ?? profile?.mspId;
const certPath = config.FABRIC_CERT_PATH ?? profile?.certificatePath;
const keyPath = config.FABRIC_KEY_PATH ?? profile?.privateKeyPath;
// TLS from the environment, else from the local network's profile when it runs with mutual TLS.
const tlsCaPath =
  config.FABRIC_TLS_CA_PATH ?? (config.FABRIC_PEER_ENDPOINT ? undefined : profile?.tls?.caCertificatePath);
const tlsCertPath =
  config.FABRIC_TLS_CLIENT_CERT_PATH ??
  (config.FABRIC_PEER_ENDPOINT ? undefined : profile?.tls?.clientCertificatePath);
const tlsKeyPath =
  config.FABRIC_TLS_CLIENT_KEY_PATH ??
  (config.FABRIC_PEER_ENDPOINT ? undefined : profile?.tls?.clientKeyPath);
const problems = [
  !endpoint && "FABRIC_PEER_ENDPOINT",
  !mspId && "FABRIC_MSP_ID",
  !certPath && "FABRIC_CERT_PATH",
  !keyPath && "FABRIC_KEY_PATH",
  Boolean(tlsCertPath) !== Boolean(tlsKeyPath) &&
    "FABRIC_TLS_CLIENT_CERT_PATH and FABRIC_TLS_CLIENT_KEY_PATH: set both or neither",
].filter((x): x is string => Boolean(x));
if (problems.length > 0) {
  console.error(
    new ConfigInvalidError(
      problems.map((m) => (m.includes(":") ? m : `${m}: not set and ${profileFile} does not exist`)),
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
    ...(tlsCaPath ? { tlsRootCertificate: readFileSync(tlsCaPath, "utf8") } : {}),
    ...(tlsCertPath && tlsKeyPath
      ? {
          tlsClientCertificate: readFileSync(tlsCertPath, "utf8"),
          tlsClientKey: readFileSync(tlsKeyPath, "utf8"),
        }
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
