/**
 * Entry point of the world clock: runs the local world forward in story time after seeding, writing each
 * fact as its time comes through its own network's protocol, as the party that records it (the carrier's
 * identity on Fabric, the terminal operator's account on the port network, the title holder's or the
 * carrier's wallet on the eBL chain). A simulator of the world, not part of the product: it reads the
 * local ledgers' access details from the state directory. Story time reached is kept in
 * `<state dir>/world-clock.json`, so a restart seeds up to it and moves on from there.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { loadConfigOrExit } from "../../serving/config.ts";
import { runService } from "../../serving/service.ts";
import { SeedingClient } from "../../networks/antchain/baasClient.ts";
import type { PortWriter } from "../../networks/antchain/seed.ts";
import { ensureTenants } from "../../networks/antchain/tenants.ts";
import { deriveActors } from "../../networks/evm/accounts.ts";
import { chainClients, type EvmDeployment } from "../../networks/evm/deploy.ts";
import { CarrierWriter } from "../../networks/fabric/advance.ts";
import type { EblIndexEntry } from "../../networks/fabric/nativeRecords.ts";
import { TLS_CLIENTS } from "../../networks/fabric/network.ts";
import { ensureConsortium } from "../../networks/fabric/orgs.ts";
import { ensureTls } from "../../networks/fabric/tls.ts";
import { worldConfigSchema, worldOptionsOf } from "../config.ts";
import { generateStory } from "../generate.ts";
import { carrierWriter, portWriter, titleWriter, type DocumentIndex } from "./networkWriters.ts";
import { WorldClock, type WorldMove } from "./worldClock.ts";

const config = loadConfigOrExit(
  "world-clock",
  z.object({
    ...worldConfigSchema,
    /** Story seconds per real second. */
    WORLD_SPEED: z.coerce.number().positive().default(3600),
    /** Hold the world where seeding left it. */
    WORLD_FROZEN: z.stringbool().default(false),
    /** Real milliseconds between moves. */
    WORLD_TICK_MS: z.coerce.number().int().min(10).default(1000),
  }),
  process.env,
);

const stateDir = config.TRADEGRAPH_STATE_DIR;
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;
const writeJson = (path: string, value: unknown) => {
  writeFileSync(`${path}.tmp`, JSON.stringify(value, null, 2));
  renameSync(`${path}.tmp`, path);
};

const story = generateStory(worldOptionsOf(config));
const from = config.WORLD_NOW ? new Date(config.WORLD_NOW) : story.anchor;

// The eBL chain, as its network wrote it down: deployment, and the documents issued so far.
const evmDir = join(stateDir, "evm");
const deployment = readJson<EvmDeployment & { rpcUrl: string }>(join(evmDir, "deployment.json"));
const documentsFile = join(evmDir, "documents.json");
const indexed = readJson<(EblIndexEntry & { carrierScac: string; path: string })[]>(documentsFile);
const documents: DocumentIndex = {
  entries: new Map(indexed.map((d) => [d.reference, d])),
  added(issued) {
    indexed.push(
      ...issued.map((d) => ({
        reference: d.reference,
        documentHash: d.documentHash,
        kind: d.kind,
        issuer: d.issuer,
        carrierScac: d.carrierScac,
        path: d.path,
      })),
    );
    writeJson(documentsFile, indexed);
  },
};

// The carrier network: its endpoint, and each carrier's identity from the consortium's MSPs.
const fabricDir = join(stateDir, "fabric");
const connection = readJson<{ endpoint: string; channel: string; chaincode: string; tls?: unknown }>(
  join(fabricDir, "connection.json"),
);
const consortium = await ensureConsortium(join(fabricDir, "msp"));
const fabricTls = connection.tls
  ? await ensureTls(join(fabricDir, "tls"), connection.endpoint.split(":")[0]!, [...TLS_CLIENTS])
  : null;
const carriers = new CarrierWriter({
  endpoint: connection.endpoint,
  channel: connection.channel,
  chaincode: connection.chaincode,
  carrierAdmins: consortium.carrierAdmins,
  eblChainId: deployment.chainId,
  anchor: story.anchor,
  ...(fabricTls
    ? {
        tls: {
          caCertificatePem: fabricTls.caCertificatePem,
          clientCertificatePem: fabricTls.clients.get("seeder")!.certificatePem,
          clientKeyPem: fabricTls.clients.get("seeder")!.privateKeyPem,
        },
      }
    : {}),
});

// The port network: the terminal operator's tenant writes the port community's records, customs its own.
const access = readJson<{ url: string; bizid: string }>(join(stateDir, "antchain", "access.json"));
const tenants = ensureTenants(join(stateDir, "antchain", "tenants"));
const portWriterOf = (accessId: string): PortWriter => {
  const tenant = tenants.find((t) => t.accessId === accessId)!;
  return {
    client: new SeedingClient(
      access.url,
      tenant.accessId,
      tenant.privateKeyPath,
      access.bizid,
      tenant.tenantId,
      tenant.kmsKeyIds,
    ),
    account: tenant.accounts[0]!,
  };
};

const clockFile = join(stateDir, "world-clock.json");
const clock = new WorldClock(
  story,
  from,
  [
    titleWriter(
      {
        clients: chainClients(deployment.rpcUrl, deployment.chainId),
        actors: deriveActors(story.seed),
        deployment,
        documentsDir: join(stateDir, "documents"),
      },
      documents,
    ),
    carrierWriter(carriers, documents),
    portWriter(story, portWriterOf("cmport-terminal"), portWriterOf("cn-customs")),
  ],
  {
    speed: config.WORLD_SPEED,
    frozen: config.WORLD_FROZEN,
    tickMs: config.WORLD_TICK_MS,
    onMove: (move) => {
      if (!move.error)
        writeJson(clockFile, {
          seed: story.seed,
          shipments: story.shipments.length,
          anchor: story.anchor.toISOString(),
          now: clock.now.toISOString(),
        });
      console.log(describe(move));
    },
  },
);
clock.start();

function describe(move: WorldMove): string {
  const written = Object.entries(move.written)
    .filter(([, w]) => w.facts > 0)
    .map(([network, w]) => `${network} ${w.facts} facts in ${w.transactions} transactions`)
    .join(", ");
  const error = move.error ? ` failed (retrying next move): ${(move.error as Error).message}` : "";
  return `story time ${clock.now.toISOString()}: ${written || "nothing written"}${error}`;
}

runService(
  "world-clock",
  {
    now: from.toISOString(),
    speed: config.WORLD_SPEED,
    frozen: config.WORLD_FROZEN,
    remaining: story.shipments.reduce(
      (n, s) =>
        n +
        s.events.filter((e) => e.classifier !== "PLN" && e.recordedAt > from).length +
        s.title.filter((t) => t.at > from).length,
      0,
    ),
  },
  async () => {
    await clock.stop();
    carriers.close();
  },
);
