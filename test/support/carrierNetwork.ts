import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createFabricAdapter,
  type FabricAdapter,
  type FabricAdapterOptions,
} from "../../adapters/fabric/index.ts";
import type { EblIndexEntry } from "../../networks/fabric/nativeRecords.ts";
import type { ClientTls } from "../../networks/fabric/client.ts";
import {
  startCarrierNetwork,
  type CarrierNetworkOptions,
  type RunningCarrierNetwork,
} from "../../networks/fabric/network.ts";
import { seedCarrierNetwork } from "../../networks/fabric/seed.ts";
import { generateWorld } from "../../world/generate.ts";
import type { World } from "../../world/types.ts";
import { TEST_ANCHOR } from "./localChain.ts";

export interface LocalCarrierNetwork {
  dir: string;
  world: World;
  network: RunningCarrierNetwork;
  /** What seeding reported: shipments created and transactions submitted. */
  seeded: { created: number; transactions: number };
  adapter(overrides?: Partial<FabricAdapterOptions>): FabricAdapter;
  /** TLS for a client of the network (with the named client certificate); undefined without TLS. */
  clientTls(name?: "seeder" | "reader"): ClientTls | undefined;
  /** Stops the network and starts it again on the same port and state; `whileDown` runs in between. */
  restart(whileDown?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** How a benchmark seeds a big world: a world it already generated, and shipments per transaction. */
export interface BulkSeed {
  world?: World;
  /** Shipments per transaction (CreateShipments and friends). @default 1 (one per transaction) */
  batchSize?: number;
}

/** How the network runs: mutual TLS, its endorsement policy, where its chaincode runs. */
export type NetworkSetup = Pick<
  CarrierNetworkOptions,
  "tls" | "endorsementPolicy" | "chaincodeRuntime" | "chaincodePackageId"
>;

/** The carrier network on a free loopback port, seeded from a small world through the real client. */
export async function startLocalCarrierNetwork(
  shipments = 24,
  ebls = new Map<string, EblIndexEntry>(),
  dir = mkdtempSync(join(tmpdir(), "tradegraph-fabric-")),
  bulk: BulkSeed = {},
  setup: NetworkSetup = {},
): Promise<LocalCarrierNetwork> {
  const world = bulk.world ?? generateWorld({ seed: "test", shipments, anchor: TEST_ANCHOR });
  const options = { dir, host: "127.0.0.1", port: 0, channel: "tradelane", chaincode: "carrier", ...setup };
  let network = await startCarrierNetwork(options);
  const clientTls = (name: "seeder" | "reader" = "reader"): ClientTls | undefined =>
    network.tls
      ? {
          caCertificatePem: network.tls.caCertificatePem,
          clientCertificatePem: network.tls.clients.get(name)!.certificatePem,
          clientKeyPem: network.tls.clients.get(name)!.privateKeyPem,
        }
      : undefined;
  const seeded = await seedCarrierNetwork(world, {
    endpoint: network.endpoint,
    channel: "tradelane",
    chaincode: "carrier",
    consortium: network.consortium,
    ebls,
    eblChainId: 31337,
    ...(bulk.batchSize ? { batchSize: bulk.batchSize } : {}),
    ...(network.tls ? { tls: clientTls("seeder") } : {}),
  });
  const adapters: FabricAdapter[] = [];
  const self: LocalCarrierNetwork = {
    dir,
    world,
    seeded,
    get network() {
      return network;
    },
    clientTls,
    adapter(overrides = {}) {
      const reader = network.consortium.reader;
      const tls = clientTls("reader");
      const adapter = createFabricAdapter({
        endpoint: network.endpoint,
        mspId: reader.mspId,
        certificate: reader.certificatePem,
        privateKey: reader.privateKeyPem,
        ...(tls
          ? {
              tlsRootCertificate: tls.caCertificatePem,
              tlsClientCertificate: tls.clientCertificatePem!,
              tlsClientKey: tls.clientKeyPem!,
            }
          : {}),
        ...overrides,
      });
      adapters.push(adapter);
      return adapter;
    },
    async restart(whileDown) {
      const port = Number(network.endpoint.split(":")[1]);
      await network.close();
      await whileDown?.();
      network = await startCarrierNetwork({ ...options, port });
    },
    async close() {
      for (const a of adapters) await a.close();
      await network.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}
