/**
 * Entry point of the local port network: a BaaS-style REST service (default port 8090) over the port
 * community's chain, seeded from the world by contract transactions. Writes the reader's access details
 * for clients (with the genesis block's hash, the checkpoint they may trust), then serves until stopped.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { host, loadConfigOrExit, port } from "../../serving/config.ts";
import { seedBatchSize, worldConfigSchema, worldOptionsOf } from "../../world/config.ts";
import { generateWorld } from "../../world/generate.ts";
import { SeedingClient } from "./baasClient.ts";
import { startPortNetwork } from "./network.ts";
import { seedPortNetwork } from "./seed.ts";
import { runService } from "../../serving/service.ts";

const config = loadConfigOrExit(
  "antchain-network",
  z.object({
    ANTCHAIN_HOST: host,
    ANTCHAIN_PORT: port(8090),
    ANTCHAIN_BIZID: z
      .string()
      .regex(/^[0-9a-f]{8}$/, "must be 8 hex characters")
      .default("a00e36c5"),
    ANTCHAIN_TOKEN_TTL_MS: z.coerce.number().int().positive().default(1_800_000),
    ...worldConfigSchema,
  }),
  process.env,
);

const started = Date.now();
const dir = join(config.TRADEGRAPH_STATE_DIR, "antchain");
mkdirSync(dir, { recursive: true });
const network = await startPortNetwork({
  dir,
  host: config.ANTCHAIN_HOST,
  port: config.ANTCHAIN_PORT,
  bizid: config.ANTCHAIN_BIZID,
  tokenTtlMs: config.ANTCHAIN_TOKEN_TTL_MS,
});
const world = generateWorld(worldOptionsOf(config));
const terminal = network.tenants.find((t) => t.accessId === "cmport-terminal")!;
const seeded = await seedPortNetwork(
  world,
  new SeedingClient(
    network.url,
    terminal.accessId,
    terminal.privateKeyPath,
    config.ANTCHAIN_BIZID,
    terminal.tenantId,
    terminal.kmsKeyIds,
  ),
  terminal.accounts[0]!,
  // About 5 port records per shipment.
  { batchSize: seedBatchSize(config) * 5 },
);
const reader = network.tenants.find((t) => t.accessId === "tradegraph-reader")!;
writeFileSync(
  join(dir, "access.json"),
  JSON.stringify(
    {
      url: network.url,
      bizid: config.ANTCHAIN_BIZID,
      accessId: reader.accessId,
      tenantId: reader.tenantId,
      privateKeyPath: reader.privateKeyPath,
      account: reader.accounts[0]!,
      kmsKeyId: reader.kmsKeyIds[reader.accounts[0]!]!,
      // The consortium hands its members the genesis block's hash: the header chain they check starts there.
      trustedCheckpoint: { number: 0, hash: network.chain.header(0)!.hash },
    },
    null,
    2,
  ),
);
runService(
  "antchain-network",
  { url: network.url, height: network.chain.height, calls: seeded.calls, ms: Date.now() - started },
  async () => {
    await network.close();
  },
);
