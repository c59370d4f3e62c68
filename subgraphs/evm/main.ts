/** Entry point of the EVM (eBL title) subgraph: parses config once, wires adapter, cache and server. */
import { existsSync } from "node:fs";
import { z } from "zod";
import { createEvmAdapter } from "../../adapters/evm/index.ts";
import { evmAdapterOptionsFrom, evmConnectionConfigShape } from "../../adapters/evm/serviceConfig.ts";
import { NetworkHealthRegistry, parseExpectedNetworks } from "../../serving/healthRegistry.ts";
import { host, loadConfigOrExit, port } from "../../serving/config.ts";
import { countCacheReads } from "../../serving/instrumentAdapter.ts";
import {
  createObservability,
  observabilityConfigShape,
  observeAdapter,
} from "../../serving/observability.ts";
import { ConfigInvalidError } from "../../domain/errors.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { TrustList } from "../../verification/trustList.ts";
import { createDnsTxtResolver, dnsTxtIdentity, trustListIdentity } from "../../verification/identity.ts";
import { AddressBook } from "./addressBook.ts";
import { startEvmSubgraph } from "./server.ts";
import { runService } from "../../serving/service.ts";
import { accessConfigShape, loadSubgraphAccessOrExit } from "../../access/serviceConfig.ts";

const config = loadConfigOrExit(
  "evm-subgraph",
  z.object({
    EVM_SUBGRAPH_HOST: host,
    EVM_SUBGRAPH_PORT: port(4001),
    ...evmConnectionConfigShape,
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

const evm = evmAdapterOptionsFrom(config, config.TRADEGRAPH_STATE_DIR, config.EVM_NETWORK_NAME);
if (!evm.options) {
  console.error(new ConfigInvalidError(evm.problems, "evm-subgraph").message);
  process.exit(2);
}

const observability = createObservability("evm-subgraph", config);
const adapter = observeAdapter(createEvmAdapter(evm.options), observability);
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
