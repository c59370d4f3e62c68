/** Entry point of the EVM (eBL title) subgraph: parses config once, wires adapter, cache and server. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { createEvmAdapter } from "../../adapters/evm/index.ts";
import { NetworkHealthRegistry, parseExpectedNetworks } from "../../core/healthRegistry.ts";
import { host, loadConfigOrExit, port } from "../../core/config.ts";
import { countCacheReads } from "../../core/instrumentAdapter.ts";
import { createObservability, observabilityConfigShape, observeAdapter } from "../../core/observability.ts";
import { ConfigInvalidError } from "../../core/errors.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { TrustList } from "../../verification/trustList.ts";
import { createDnsTxtResolver, dnsTxtIdentity, trustListIdentity } from "../../verification/identity.ts";
import { AddressBook } from "./addressBook.ts";
import { startEvmSubgraph } from "./server.ts";
import { runService } from "../../core/service.ts";
import { accessConfigShape, loadSubgraphAccessOrExit } from "../../access/serviceConfig.ts";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte address");
const config = loadConfigOrExit(
  "evm-subgraph",
  z.object({
    EVM_SUBGRAPH_HOST: host,
    EVM_SUBGRAPH_PORT: port(4001),
    EVM_RPC_URL: z.url().default("http://127.0.0.1:8545"),
    EVM_CHAIN_ID: z.coerce.number().int().positive().default(31337),
    EVM_NETWORK_NAME: z.string().default("ebl-evm"),
    EVM_CONFIRMATIONS: z.coerce.number().int().min(0).default(2),
    /** Trusted title escrow factory; read from the local deployment file when not set. */
    EVM_TITLE_ESCROW_FACTORY: address.optional(),
    EVM_MULTICALL3: address.default("0xcA11bde05977b3631167028862bE2a173976CA11"),
    EVM_START_BLOCK: z.coerce.bigint().default(0n),
    /** Hosted providers cap JSON-RPC batches and log ranges far below a local node: safe defaults. */
    EVM_RPC_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    EVM_LOG_RANGE: z.coerce.number().int().min(1).default(2000),
    EVM_RPC_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
    EVM_RPC_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
    EVM_REORG_WINDOW: z.coerce.number().int().min(1).max(10_000).default(64),
    /** dns-txt: OpenAttestation's DNS-TXT identity proof; trust-list: only TRUST_LIST_FILE's issuers. */
    ISSUER_IDENTITY: z.enum(["dns-txt", "trust-list"]).default("dns-txt"),
    /** DNS servers for DNS-TXT (host or host:port, comma-separated); the system's when unset. */
    IDENTITY_DNS_SERVERS: z.string().optional(),
    TRUST_LIST_FILE: z.string().default(".tradegraph/evm/trust-list.json"),
    ADDRESS_BOOK_FILE: z.string().default(".tradegraph/evm/address-book.json"),
    REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
    REDIS_PREFIX: z.string().default("tg:"),
    VERIFY_FINAL_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
    VERIFY_PENDING_TTL_SECONDS: z.coerce.number().int().positive().default(5),
    ...accessConfigShape,
    ...observabilityConfigShape,
    /** Networks `networks` always lists (DOWN when silent): name:KIND,... */
    TRADEGRAPH_NETWORKS: z.string().default("ebl-evm:EVM,carrier-fabric:FABRIC,port-antchain:ANTCHAIN"),
  }),
  process.env,
);

const deploymentFile = join(config.TRADEGRAPH_STATE_DIR, "evm/deployment.json");
const factory =
  config.EVM_TITLE_ESCROW_FACTORY ??
  (existsSync(deploymentFile)
    ? (JSON.parse(readFileSync(deploymentFile, "utf8")) as { titleEscrowFactory: string }).titleEscrowFactory
    : undefined);
if (!factory) {
  // As every entry point reports its configuration problems: the message alone, exit code 2.
  console.error(
    new ConfigInvalidError(
      [`EVM_TITLE_ESCROW_FACTORY: not set and ${deploymentFile} does not exist`],
      "evm-subgraph",
    ).message,
  );
  process.exit(2);
}

const observability = createObservability("evm-subgraph", config);
const adapter = observeAdapter(
  createEvmAdapter({
    name: config.EVM_NETWORK_NAME,
    rpcUrl: config.EVM_RPC_URL,
    chainId: config.EVM_CHAIN_ID,
    titleEscrowFactory: factory as `0x${string}`,
    multicall3: config.EVM_MULTICALL3 as `0x${string}`,
    confirmations: config.EVM_CONFIRMATIONS,
    startBlock: config.EVM_START_BLOCK,
    rpcBatchSize: config.EVM_RPC_BATCH_SIZE,
    logRange: config.EVM_LOG_RANGE,
    requestTimeoutMs: config.EVM_RPC_TIMEOUT_MS,
    retries: config.EVM_RPC_RETRIES,
    reorgWindow: config.EVM_REORG_WINDOW,
    checkpointFile: join(config.TRADEGRAPH_STATE_DIR, "checkpoints", `${config.EVM_NETWORK_NAME}.json`),
  }),
  observability,
);
// DNS-TXT proves documents' issuers; the trust list (when there is one) identifies titles known by hash.
const trustList =
  config.ISSUER_IDENTITY === "trust-list" || existsSync(config.TRUST_LIST_FILE)
    ? TrustList.fromFile(config.TRUST_LIST_FILE)
    : undefined;
const redis = createCacheRedis(config.REDIS_URL);
// The verification cache does not count its reads itself: counted here, for /metrics.
const verificationReads = { hits: 0, misses: 0 };
observability.metrics.watchCache("verification", verificationReads);
const cache = countCacheReads(
  new StatusCache(redis, {
    prefix: config.REDIS_PREFIX,
    finalTtlSeconds: config.VERIFY_FINAL_TTL_SECONDS,
    pendingTtlSeconds: config.VERIFY_PENDING_TTL_SECONDS,
  }),
  "getMany",
  verificationReads,
);
const registry = new NetworkHealthRegistry(redis, config.REDIS_PREFIX);
const deps = {
  health: { registry, expected: parseExpectedNetworks(config.TRADEGRAPH_NETWORKS) },
  adapter,
  cache,
  checker: new DocumentStatusChecker(adapter, cache),
  trustList,
  identity:
    config.ISSUER_IDENTITY === "trust-list"
      ? trustListIdentity(trustList!)
      : dnsTxtIdentity(
          createDnsTxtResolver({ servers: config.IDENTITY_DNS_SERVERS?.split(",").map((s) => s.trim()) }),
          trustList,
        ),
  addressBook: AddressBook.fromFile(config.ADDRESS_BOOK_FILE),
};
await adapter.start();
const stopPublishing = registry.startPublishing(async () =>
  observability.metrics.observeNetworkStatus({ ...(await adapter.status()), cache: await cache.health() }),
);
// Title decisions read the title's own parties from the chain: no shipment directory needed here.
const access = await loadSubgraphAccessOrExit(config, "evm-subgraph", false);
const server = await startEvmSubgraph(
  deps,
  config.EVM_SUBGRAPH_HOST,
  config.EVM_SUBGRAPH_PORT,
  access,
  observability,
);
runService("evm-subgraph", { url: server.url }, async () => {
  stopPublishing();
  await server.close();
  await adapter.close();
  redis.disconnect();
});
