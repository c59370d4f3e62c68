/**
 * Entry point of the local carrier network: a Fabric Gateway-compatible peer on gRPC (default 7051)
 * with the carrier chaincode, its ledger under the state directory, seeded from the world through the
 * real Fabric Gateway client. Writes a connection profile for clients, then serves until stopped.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { host, loadConfigOrExit, port } from "../../serving/config.ts";
import { seedBatchSize, worldConfigSchema, worldOptionsOf } from "../../world/config.ts";
import { generateWorld } from "../../world/generate.ts";
import type { EblIndexEntry } from "./nativeRecords.ts";
import { startCarrierNetwork } from "./network.ts";
import { seedCarrierNetwork } from "./seed.ts";
import { runService } from "../../serving/service.ts";

const config = loadConfigOrExit(
  "fabric-network",
  z.object({
    FABRIC_HOST: host,
    FABRIC_PORT: port(7051),
    FABRIC_CHANNEL: z
      .string()
      .regex(/^[a-z][a-z0-9.-]*$/)
      .default("tradelane"),
    FABRIC_CHAINCODE: z.string().default("carrier"),
    /** The chaincode's endorsement policy in Fabric's DSL, e.g. AND('TradegraphMSP.peer', 'COSUMSP.peer'). */
    FABRIC_ENDORSEMENT_POLICY: z.string().optional(),
    /** Mutual TLS on the peer (certificates from the local TLS CA under the state directory). */
    FABRIC_TLS: z.stringbool().default(false),
    /** The carrier chaincode already running as an external service (host:port) and its package id. */
    FABRIC_CHAINCODE_ADDRESS: z
      .string()
      .regex(/^[^:]+:\d+$/, "must be host:port")
      .optional(),
    FABRIC_CHAINCODE_ID: z.string().optional(),
    /** Where the eBL network recorded the documents it issued (B/L number -> document hash). */
    EBL_INDEX_FILE: z.string().optional(),
    ...worldConfigSchema,
  }),
  process.env,
);

const started = Date.now();
const dir = join(config.TRADEGRAPH_STATE_DIR, "fabric");
mkdirSync(dir, { recursive: true });
const network = await startCarrierNetwork({
  dir,
  host: config.FABRIC_HOST,
  port: config.FABRIC_PORT,
  channel: config.FABRIC_CHANNEL,
  chaincode: config.FABRIC_CHAINCODE,
  tls: config.FABRIC_TLS,
  ...(config.FABRIC_ENDORSEMENT_POLICY ? { endorsementPolicy: config.FABRIC_ENDORSEMENT_POLICY } : {}),
  ...(config.FABRIC_CHAINCODE_ADDRESS
    ? { chaincodeRuntime: { address: config.FABRIC_CHAINCODE_ADDRESS } }
    : {}),
  ...(config.FABRIC_CHAINCODE_ID ? { chaincodePackageId: config.FABRIC_CHAINCODE_ID } : {}),
});
const seederTls = network.tls
  ? {
      caCertificatePem: network.tls.caCertificatePem,
      clientCertificatePem: network.tls.clients.get("seeder")!.certificatePem,
      clientKeyPem: network.tls.clients.get("seeder")!.privateKeyPem,
    }
  : undefined;

const world = generateWorld(worldOptionsOf(config));
const indexFile = config.EBL_INDEX_FILE ?? join(config.TRADEGRAPH_STATE_DIR, "evm", "documents.json");
const deploymentFile = join(config.TRADEGRAPH_STATE_DIR, "evm", "deployment.json");
const ebls = new Map<string, EblIndexEntry>();
if (existsSync(indexFile))
  for (const e of JSON.parse(readFileSync(indexFile, "utf8")) as EblIndexEntry[]) ebls.set(e.reference, e);
const eblChainId = existsSync(deploymentFile)
  ? (JSON.parse(readFileSync(deploymentFile, "utf8")) as { chainId: number }).chainId
  : 31337;
const seeded = await seedCarrierNetwork(world, {
  endpoint: network.endpoint,
  channel: config.FABRIC_CHANNEL,
  chaincode: config.FABRIC_CHAINCODE,
  consortium: network.consortium,
  ebls,
  eblChainId,
  batchSize: seedBatchSize(config),
  ...(seederTls ? { tls: seederTls } : {}),
});

writeFileSync(
  join(dir, "connection.json"),
  JSON.stringify(
    {
      endpoint: network.endpoint,
      channel: config.FABRIC_CHANNEL,
      chaincode: config.FABRIC_CHAINCODE,
      mspId: network.consortium.reader.mspId,
      certificatePath: network.consortium.reader.certificatePath,
      privateKeyPath: network.consortium.reader.privateKeyPath,
      endorsementPolicy: network.endorsementPolicy,
      ...(network.tls
        ? {
            tls: {
              caCertificatePath: network.tls.caCertificatePath,
              clientCertificatePath: network.tls.clients.get("reader")!.certificatePath,
              clientKeyPath: network.tls.clients.get("reader")!.privateKeyPath,
            },
          }
        : {}),
      carrierMsps: Object.fromEntries(
        [...network.consortium.carrierAdmins.entries()].map(([scac, m]) => [scac, m.mspId]),
      ),
    },
    null,
    2,
  ),
);
runService(
  "fabric-network",
  {
    endpoint: network.endpoint,
    height: network.ledger.height,
    chaincode: network.chaincodePackageId,
    tls: network.tls !== null,
    created: seeded.created,
    transactions: seeded.transactions,
    ms: Date.now() - started,
  },
  async () => {
    await network.close();
  },
);
