/**
 * Entry point of the local eBL title network: an EDR chain on JSON-RPC with TradeTrust's contracts,
 * seeded from the world by signed transactions. Writes what a client needs to know (deployment,
 * trust list, address book) under the state directory, then keeps mining until stopped.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { loadConfigOrExit, port, host } from "../../serving/config.ts";
import { CARRIERS, PARTIES } from "../../world/catalog.ts";
import { worldConfigSchema, worldOptionsOf } from "../../world/config.ts";
import { generateWorld } from "../../world/generate.ts";
import { deriveActors, everyActor } from "./accounts.ts";
import { startEvmChain } from "./chain.ts";
import { chainClients, deployContracts } from "./deploy.ts";
import { seedTitles } from "./seed.ts";
import { IDENTITY_ZONE, openAttestationDnsRecords } from "./identity.ts";
import { runService } from "../../serving/service.ts";

const config = loadConfigOrExit(
  "evm-network",
  z.object({
    EVM_HOST: host,
    EVM_PORT: port(8545),
    EVM_CHAIN_ID: z.coerce.number().int().positive().default(31337),
    /** Empty blocks keep coming at this pace after seeding, so facts gain confirmations. */
    EVM_BLOCK_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
    ...worldConfigSchema,
  }),
  process.env,
);

const started = Date.now();
const world = generateWorld(worldOptionsOf(config));
const actors = deriveActors(world.seed);
const chain = await startEvmChain({
  host: config.EVM_HOST,
  port: config.EVM_PORT,
  chainId: config.EVM_CHAIN_ID,
  initialDate: new Date(world.start.getTime() - 86_400_000),
  privateKeys: everyActor(actors).map((a) => a.privateKey),
});
const clients = chainClients(chain.url, config.EVM_CHAIN_ID);
const deployment = await deployContracts(clients, actors);
const stateDir = join(config.TRADEGRAPH_STATE_DIR, "evm");
mkdirSync(stateDir, { recursive: true });
const documents = await seedTitles(
  world,
  clients,
  actors,
  deployment,
  join(config.TRADEGRAPH_STATE_DIR, "documents"),
);

// The chain keeps the story's clock: the world clock stamps each later title step with its story time,
// and a block cannot go back in time. One block at the world's "now", then mine on an interval like a
// live chain.
const latest = await clients.publicClient.getBlock();
await clients.publicClient.request({
  method: "evm_setNextBlockTimestamp" as never,
  params: [Math.max(Math.floor(world.now.getTime() / 1000), Number(latest.timestamp) + 1)] as never,
});
await clients.publicClient.request({ method: "evm_mine" as never, params: [] as never });
if (config.EVM_BLOCK_INTERVAL_MS > 0) {
  await clients.publicClient.request({
    method: "evm_setIntervalMining" as never,
    params: [config.EVM_BLOCK_INTERVAL_MS] as never,
  });
}

const write = (name: string, value: unknown) =>
  writeFileSync(join(stateDir, name), JSON.stringify(value, null, 2));
write("deployment.json", { ...deployment, rpcUrl: chain.url });
// What a verifier may trust by configuration (TRUST_LIST_FILE): the carriers' registries and stores.
write(
  "trust-list.json",
  CARRIERS.flatMap((c) => [
    {
      address: deployment.registries[c.scac],
      chainId: deployment.chainId,
      name: c.name,
      scac: c.scac,
      kind: "TOKEN_REGISTRY",
    },
    {
      address: deployment.documentStores[c.scac],
      chainId: deployment.chainId,
      name: c.name,
      scac: c.scac,
      kind: "DOCUMENT_STORE",
    },
  ]),
);
// The carriers' DNS-TXT identity records, as their DNS zones would publish them (networks/dns serves them).
write("dns-records.json", { zones: [IDENTITY_ZONE], records: openAttestationDnsRecords(deployment) });
// Who is behind an address, as a party directory would publish it.
write("address-book.json", [
  ...PARTIES.map((p) => ({
    address: actors.parties.get(p.id)!.account.address,
    name: p.name,
    partyId: p.id,
    role: p.role,
    ...(p.lei ? { lei: p.lei } : {}),
  })),
  ...CARRIERS.map((c) => ({
    address: actors.carriers.get(c.scac)!.account.address,
    name: c.name,
    partyId: `carrier-${c.scac}`,
    role: "CARRIER",
  })),
  ...CARRIERS.map((c) => ({
    address: deployment.registries[c.scac]!,
    name: `${c.name} (token registry)`,
    partyId: `registry-${c.scac}`,
    role: "REGISTRY",
  })),
]);
write(
  "documents.json",
  documents.map((d) => ({
    reference: d.reference,
    documentHash: d.documentHash,
    kind: d.kind,
    issuer: d.issuer,
    carrierScac: d.carrierScac,
    path: d.path,
  })),
);

runService(
  "evm-network",
  { url: chain.url, documents: documents.length, ms: Date.now() - started },
  async () => {
    await chain.close();
  },
);
