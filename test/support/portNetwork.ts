import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createAntchainAdapter,
  type AntchainAdapter,
  type AntchainAdapterOptions,
} from "../../adapters/antchain/index.ts";
import { SeedingClient } from "../../networks/antchain/baasClient.ts";
import { startPortNetwork, type RunningPortNetwork } from "../../networks/antchain/network.ts";
import { seedPortNetwork } from "../../networks/antchain/seed.ts";
import { generateWorld } from "../../world/generate.ts";
import type { World } from "../../world/types.ts";
import { TEST_ANCHOR } from "./localChain.ts";

export const TEST_BIZID = "a00e36c5";

export interface LocalPortNetwork {
  dir: string;
  world: World;
  network: RunningPortNetwork;
  terminalClient(): SeedingClient;
  adapter(overrides?: Partial<AntchainAdapterOptions>): AntchainAdapter;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The port network on a free loopback port, seeded from a small world by signed contract calls. */
export async function startLocalPortNetwork(
  shipments = 30,
  tokenTtlMs?: number,
  bulk: { world?: World; /** Records per contract call (recordBatch). @default 1 */ batchSize?: number } = {},
): Promise<LocalPortNetwork> {
  const dir = mkdtempSync(join(tmpdir(), "tradegraph-port-"));
  const world = bulk.world ?? generateWorld({ seed: "test", shipments, anchor: TEST_ANCHOR });
  const options = {
    dir,
    host: "127.0.0.1",
    port: 0,
    bizid: TEST_BIZID,
    ...(tokenTtlMs ? { tokenTtlMs } : {}),
  };
  let network = await startPortNetwork(options);
  const terminal = () => network.tenants.find((t) => t.accessId === "cmport-terminal")!;
  const terminalClient = () =>
    new SeedingClient(
      network.url,
      terminal().accessId,
      terminal().privateKeyPath,
      TEST_BIZID,
      terminal().tenantId,
      terminal().kmsKeyIds,
    );
  await seedPortNetwork(
    world,
    terminalClient(),
    terminal().accounts[0]!,
    bulk.batchSize ? { batchSize: bulk.batchSize } : {},
  );
  const adapters: AntchainAdapter[] = [];
  return {
    dir,
    world,
    get network() {
      return network;
    },
    terminalClient,
    adapter(overrides = {}) {
      const reader = network.tenants.find((t) => t.accessId === "tradegraph-reader")!;
      const adapter = createAntchainAdapter({
        url: network.url,
        bizid: TEST_BIZID,
        accessId: reader.accessId,
        tenantId: reader.tenantId,
        privateKey: readFileSync(reader.privateKeyPath, "utf8"),
        account: reader.accounts[0]!,
        kmsKeyId: reader.kmsKeyIds[reader.accounts[0]!]!,
        trustedCheckpoint: { number: 0, hash: network.chain.header(0)!.hash },
        pollIntervalMs: 100,
        ...overrides,
      });
      adapters.push(adapter);
      return adapter;
    },
    async restart() {
      const port = Number(new URL(network.url).port);
      await network.close();
      network = await startPortNetwork({ ...options, port });
    },
    async close() {
      for (const a of adapters) await a.close();
      await network.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
