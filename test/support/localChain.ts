import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deriveActors, everyActor, type EvmActors } from "../../networks/evm/accounts.ts";
import { startEvmChain, type RunningEvmChain } from "../../networks/evm/chain.ts";
import {
  chainClients,
  deployContracts,
  type ChainClients,
  type EvmDeployment,
} from "../../networks/evm/deploy.ts";
import { seedTitles, type SeededDocument } from "../../networks/evm/seed.ts";
import { CARRIERS } from "../../world/catalog.ts";
import { generateWorld } from "../../world/generate.ts";
import type { World } from "../../world/types.ts";
import { TrustList } from "../../verification/trustList.ts";

export interface LocalChain {
  chain: RunningEvmChain;
  world: World;
  actors: EvmActors;
  clients: ChainClients;
  deployment: EvmDeployment;
  documents: SeededDocument[];
  trustList: TrustList;
  dir: string;
  close(): Promise<void>;
}

export const TEST_ANCHOR = new Date("2026-11-20T00:00:00Z");

/** A real local chain on a free loopback port, with the real contracts, seeded from a small world. */
export async function startLocalChain(shipments = 24): Promise<LocalChain> {
  const world = generateWorld({ seed: "test", shipments, anchor: TEST_ANCHOR });
  const actors = deriveActors(world.seed);
  const chain = await startEvmChain({
    host: "127.0.0.1",
    port: 0,
    chainId: 31337,
    initialDate: new Date(world.start.getTime() - 86_400_000),
    privateKeys: everyActor(actors).map((a) => a.privateKey),
  });
  const clients = chainClients(chain.url, 31337);
  const deployment = await deployContracts(clients, actors);
  const dir = mkdtempSync(join(tmpdir(), "tradegraph-test-"));
  const documents = await seedTitles(world, clients, actors, deployment, join(dir, "documents"));
  const trustList = new TrustList(
    CARRIERS.flatMap((c) => [
      {
        chainId: 31337,
        address: deployment.registries[c.scac]!,
        name: c.name,
        scac: c.scac,
        kind: "TOKEN_REGISTRY" as const,
      },
      {
        chainId: 31337,
        address: deployment.documentStores[c.scac]!,
        name: c.name,
        scac: c.scac,
        kind: "DOCUMENT_STORE" as const,
      },
    ]),
  );
  return {
    chain,
    world,
    actors,
    clients,
    deployment,
    documents,
    trustList,
    dir,
    async close() {
      await chain.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Mines `count` empty blocks so earlier facts reach finality. */
export async function mine(clients: ChainClients, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await clients.publicClient.request({ method: "evm_mine" as never, params: [] as never });
}
