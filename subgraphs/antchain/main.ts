/** Entry point of the port (AntChain-style) subgraph: parses config once, connects the adapter, serves. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { createAntchainAdapter } from "../../adapters/antchain/index.ts";
import { host, loadConfigOrExit, port } from "../../core/config.ts";
import { redisCheck } from "../../core/health.ts";
import { createObservability, observabilityConfigShape, observeAdapter } from "../../core/observability.ts";
import { accessDirectoryCheck } from "../../core/subgraphServer.ts";
import { ConfigInvalidError } from "../../core/errors.ts";
import { NetworkHealthRegistry } from "../../core/healthRegistry.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { createAntchainCaches } from "./caches.ts";
import { startAntchainSubgraph } from "./server.ts";
import { runService } from "../../core/service.ts";
import { accessConfigShape, loadSubgraphAccessOrExit } from "../../access/serviceConfig.ts";

const config = loadConfigOrExit(
  "antchain-subgraph",
  z.object({
    ANTCHAIN_SUBGRAPH_HOST: host,
    ANTCHAIN_SUBGRAPH_PORT: port(4003),
    ANTCHAIN_NETWORK_NAME: z.string().default("port-antchain"),
    /** BaaS REST base URL; read from the local access file when not set. */
    ANTCHAIN_URL: z.url().optional(),
    ANTCHAIN_BIZID: z.string().optional(),
    ANTCHAIN_ACCESS_ID: z.string().optional(),
    ANTCHAIN_TENANT_ID: z.string().optional(),
    ANTCHAIN_KEY_PATH: z.string().optional(),
    /** The chain account reads are made from, and its KMS key id. */
    ANTCHAIN_ACCOUNT: z.string().optional(),
    ANTCHAIN_KMS_KEY_ID: z.string().optional(),
    /** "<block number>:<block hash>": where the adapter's checked header chain starts. */
    ANTCHAIN_TRUSTED_CHECKPOINT: z
      .string()
      .regex(/^\d+:[0-9a-f]{64}$/, "must be <block number>:<64 hex block hash>")
      .optional(),
    ANTCHAIN_TOKEN_TTL_MS: z.coerce.number().int().positive().default(1_800_000),
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    REDIS_PREFIX: z.string().default("tg:"),
    ...accessConfigShape,
    ...observabilityConfigShape,
  }),
  process.env,
);
const observability = createObservability("antchain-subgraph", config);

const accessFile = join(config.TRADEGRAPH_STATE_DIR, "antchain", "access.json");
const access = existsSync(accessFile)
  ? (JSON.parse(readFileSync(accessFile, "utf8")) as {
      url: string;
      bizid: string;
      accessId: string;
      tenantId: string;
      privateKeyPath: string;
      account: string;
      kmsKeyId: string;
      trustedCheckpoint?: { number: number; hash: string };
    })
  : undefined;
const url = config.ANTCHAIN_URL ?? access?.url;
const bizid = config.ANTCHAIN_BIZID ?? access?.bizid;
const accessId = config.ANTCHAIN_ACCESS_ID ?? access?.accessId;
const tenantId = config.ANTCHAIN_TENANT_ID ?? access?.tenantId;
const keyPath = config.ANTCHAIN_KEY_PATH ?? access?.privateKeyPath;
const account = config.ANTCHAIN_ACCOUNT ?? access?.account;
const kmsKeyId = config.ANTCHAIN_KMS_KEY_ID ?? access?.kmsKeyId;
const trustedCheckpoint = config.ANTCHAIN_TRUSTED_CHECKPOINT
  ? {
      number: Number(config.ANTCHAIN_TRUSTED_CHECKPOINT.split(":")[0]),
      hash: config.ANTCHAIN_TRUSTED_CHECKPOINT.split(":")[1]!,
    }
  : access?.trustedCheckpoint;
const missing = Object.entries({
  ANTCHAIN_URL: url,
  ANTCHAIN_BIZID: bizid,
  ANTCHAIN_ACCESS_ID: accessId,
  ANTCHAIN_TENANT_ID: tenantId,
  ANTCHAIN_KEY_PATH: keyPath,
  ANTCHAIN_ACCOUNT: account,
  ANTCHAIN_KMS_KEY_ID: kmsKeyId,
})
  .filter(([, v]) => !v)
  .map(([k]) => `${k}: not set and ${accessFile} does not exist`);
if (missing.length > 0) {
  console.error(new ConfigInvalidError(missing, "antchain-subgraph").message);
  process.exit(2);
}

const adapter = observeAdapter(
  createAntchainAdapter({
    name: config.ANTCHAIN_NETWORK_NAME,
    url: url!,
    bizid: bizid!,
    accessId: accessId!,
    tenantId: tenantId!,
    privateKey: readFileSync(keyPath!, "utf8"),
    account: account!,
    kmsKeyId: kmsKeyId!,
    ...(trustedCheckpoint ? { trustedCheckpoint } : {}),
    tokenTtlMs: config.ANTCHAIN_TOKEN_TTL_MS,
    checkpointFile: join(config.TRADEGRAPH_STATE_DIR, "checkpoints", `${config.ANTCHAIN_NETWORK_NAME}.json`),
  }),
  observability,
);
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
