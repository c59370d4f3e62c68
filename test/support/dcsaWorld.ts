import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createAuthenticator } from "../../access/identity/authenticator.ts";
import { ensureLocalIssuer } from "../../access/identity/localIssuer.ts";
import { PartyDirectory } from "../../access/partyDirectory.ts";
import { isOperator, type Role } from "../../access/principal.ts";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import type { AntchainAdapter } from "../../adapters/antchain/index.ts";
import type { FabricAdapter } from "../../adapters/fabric/index.ts";
import { ReadModelIndexer } from "../../analytics/indexer.ts";
import { callbackPolicy, type CallbackPolicy } from "../../dcsa/callbackUrl.ts";
import { migrateDcsa, openDcsaDatabase, type DcsaDatabase } from "../../dcsa/database.ts";
import { startDcsaServer, type DcsaServer } from "../../dcsa/server.ts";
import { deriveActors } from "../../networks/evm/accounts.ts";
import type { EblIndexEntry } from "../../networks/fabric/nativeRecords.ts";
import { seedCarrierNetwork } from "../../networks/fabric/seed.ts";
import { seedPortNetwork } from "../../networks/antchain/seed.ts";
import { createRateLimiter } from "../../gateway/limits/rateLimiter.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { CARRIERS } from "../../world/catalog.ts";
import type { DocumentIndex } from "../../world/clock/networkWriters.ts";
import { WorldClock } from "../../world/clock/worldClock.ts";
import { generateStory, generateWorld } from "../../world/generate.ts";
import { buildPartyDirectory } from "../../world/partyDirectory.ts";
import type { World } from "../../world/types.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "./carrierNetwork.ts";
import { mine, startLocalChain, TEST_ANCHOR, type LocalChain } from "./localChain.ts";
import { localWorldWriters } from "./localWorldWriters.ts";
import { startLocalPortNetwork, type LocalPortNetwork } from "./portNetwork.ts";

/** The PostgreSQL the DCSA tests use (the read model, subscriptions and outbox live there). */
export const DCSA_TEST_DATABASE = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Fails saying how to get PostgreSQL when none answers (the DCSA service needs a server, not PGlite). */
export async function requirePostgres(url = DCSA_TEST_DATABASE): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const database = new URL(url).pathname.slice(1);
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`create database "${database}"`).catch(() => undefined);
  } catch (error) {
    throw new Error(
      `No PostgreSQL answers at ${url} (${String(error)}). Install it (apt-get install postgresql; brew install postgresql) or set DATABASE_URL.`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface DcsaWorldOptions {
  /** Shipments the world has in all. */
  shipments: number;
  /** Shipments on the ledgers at start; the rest arrive through `moveWorld`. */
  seeded: number;
  /** Start the eBL chain (titles) too. @default false */
  evm?: boolean;
  /** DCSA_CALLBACK_ALLOW. @default "loopback" */
  callbackAllow?: string;
  /** Redis URL: the API then rate-limits in Redis as in production (else with a generous memory budget). */
  redisUrl?: string;
  rateLimitPoints?: number;
  /** The indexer's debounce (analytics in production: 200). @default 50 */
  debounceMs?: number;
}

export interface DcsaWorld {
  world: World;
  carrier: LocalCarrierNetwork;
  port: LocalPortNetwork;
  chain: LocalChain | null;
  evm: EvmAdapter | null;
  fabric: FabricAdapter;
  antchain: AntchainAdapter;
  db: DcsaDatabase;
  schema: string;
  indexer: ReadModelIndexer;
  parties: PartyDirectory;
  /** The directory as a file (for a delivery worker in its own process). */
  partiesFile: string;
  policy: CallbackPolicy;
  api: DcsaServer;
  /** A bearer token from the test issuer; `null` party: the operator. */
  token(party: string | null, roles?: Role[]): Promise<string>;
  /** A request to the API with a token (or none). */
  request(
    path: string,
    init?: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
  /** Writes the next shipments' facts through the carrier's and the port's own protocols. */
  moveWorld(upTo: number): Promise<void>;
  /**
   * The world clock over the seeded shipments (the eBL chain's), writing through the three networks as
   * `npm start`'s does; move it with `moveTo(storyTime)`. Needs `evm: true`.
   */
  worldClock(): WorldClock;
  /** Waits until the read model has indexed every change the networks have announced. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A world for the DCSA tests: the local carrier and port networks (and the eBL chain) seeded from the first
 * shipments of one generated world, the read model in its own PostgreSQL schema kept current by the
 * indexer from the networks' change streams, and the DCSA API in process behind real credentials.
 */
export async function startDcsaWorld(options: DcsaWorldOptions): Promise<DcsaWorld> {
  await requirePostgres();
  const world = generateWorld({ seed: "test", shipments: options.shipments, anchor: TEST_ANCHOR });
  const slice = (n: number): World => ({ ...world, shipments: world.shipments.slice(0, n) });
  const chain = options.evm ? await startLocalChain(options.seeded) : null;
  if (chain) await mine(chain.clients, 3);
  const ebls = new Map<string, EblIndexEntry>(
    (chain?.documents ?? []).map((d) => [
      d.reference,
      { reference: d.reference, documentHash: d.documentHash, kind: d.kind, issuer: d.issuer },
    ]),
  );
  const [carrier, port] = await Promise.all([
    startLocalCarrierNetwork(options.seeded, ebls, undefined, { world: slice(options.seeded) }),
    startLocalPortNetwork(options.seeded, undefined, { world: slice(options.seeded) }),
  ]);
  const fabric = carrier.adapter();
  const antchain = port.adapter();
  const evm = chain
    ? createEvmAdapter({
        rpcUrl: chain.chain.url,
        chainId: 31337,
        titleEscrowFactory: chain.deployment.titleEscrowFactory,
        pollIntervalMs: 100,
        confirmations: 0,
      })
    : null;
  await evm?.start();

  const actors = chain?.actors ?? deriveActors(world.seed);
  const parties = new PartyDirectory(
    buildPartyDirectory({
      carriers: new Map(
        CARRIERS.map((c) => [
          c.scac,
          [
            actors.carriers.get(c.scac)!.account.address,
            ...(chain
              ? [chain.deployment.registries[c.scac]!, chain.deployment.documentStores[c.scac]!]
              : []),
          ],
        ]),
      ),
      parties: new Map([...actors.parties].map(([id, actor]) => [id, actor.account.address])),
    }),
  );
  const stateDir = mkdtempSync(join(tmpdir(), "tradegraph-dcsa-"));
  const partiesFile = join(stateDir, "parties.json");
  writeFileSync(partiesFile, JSON.stringify({ parties: parties.entries }));

  const schema = `dcsa_${process.pid}_${Date.now()}`;
  const db = openDcsaDatabase(DCSA_TEST_DATABASE, schema);
  await migrateDcsa(db, schema);
  const indexer = new ReadModelIndexer(db.sql, fabric, antchain, evm, parties, 500, () => TEST_ANCHOR);
  await indexer.rebuild();
  indexer.follow(options.debounceMs ?? 50, 500);
  await Promise.all([fabric.start(), antchain.start()]);

  const issuer = await ensureLocalIssuer(stateDir);
  const authenticator = createAuthenticator({
    jwt: { issuer: issuer.issuer, audience: issuer.audience, jwksFile: issuer.jwksFile },
    directory: parties,
  });
  const redis = options.redisUrl ? createCacheRedis(options.redisUrl) : null;
  const rateLimiter = redis
    ? createRateLimiter(redis, {
        points: options.rateLimitPoints ?? 100_000,
        operatorPoints: 100_000,
        keyPrefix: `${schema}:ratelimit`,
      })
    : null;
  const policy = callbackPolicy(options.callbackAllow ?? "loopback");
  const api = await startDcsaServer({
    services: { sql: db.sql, parties, callbacks: policy, publicUrl: "http://dcsa.test/v2" },
    access: {
      authenticate: (headers) => authenticator.authenticate(headers),
      rateLimit: async (principal) => {
        await rateLimiter?.consume(principal.subject, { operator: isOperator(principal) });
      },
    },
    host: "127.0.0.1",
    port: 0,
    health: async () => ({ status: "UP" }),
  });

  const terminal = () => port.network.tenants.find((t) => t.accessId === "cmport-terminal")!;
  let clockWriters: ReturnType<typeof localWorldWriters> | undefined;
  return {
    world,
    carrier,
    port,
    chain,
    evm,
    fabric,
    antchain,
    db,
    schema,
    indexer,
    parties,
    partiesFile,
    policy,
    api,
    token: (party, roles = []) =>
      issuer.issueToken({ party, roles: party === null ? ["operator", ...roles] : roles, ttlSeconds: 3600 }),
    async request(path, init = {}) {
      // Paging links name the public URL; the test reaches the same paths on the server's own address.
      const url = path.startsWith("http://dcsa.test/v2")
        ? path.replace("http://dcsa.test/v2", api.url)
        : `${api.url}${path}`;
      const response = await fetch(url, {
        method: init.method ?? "GET",
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? JSON.parse(text) : undefined,
      };
    },
    async moveWorld(upTo) {
      const next = slice(upTo);
      await seedCarrierNetwork(next, {
        endpoint: carrier.network.endpoint,
        channel: "tradelane",
        chaincode: "carrier",
        consortium: carrier.network.consortium,
        ebls,
        eblChainId: 31337,
      });
      await seedPortNetwork(next, port.terminalClient(), terminal().accounts[0]!);
    },
    worldClock() {
      if (!chain) throw new Error("the world clock needs the eBL chain (evm: true)");
      const story = generateStory({ seed: "test", shipments: options.shipments, anchor: TEST_ANCHOR });
      const seededStory: World = { ...story, shipments: story.shipments.slice(0, options.seeded) };
      const documents: DocumentIndex = { entries: new Map(ebls), added: () => undefined };
      clockWriters?.close();
      clockWriters = localWorldWriters(seededStory, { chain, carrier, port }, documents);
      return new WorldClock(seededStory, TEST_ANCHOR, clockWriters.writers);
    },
    settle: () => indexer.settle(),
    async close() {
      clockWriters?.close();
      indexer.stop();
      await api.close();
      redis?.disconnect();
      await db.sql.query(`drop schema if exists "${schema}" cascade`).catch(() => undefined);
      await db.close();
      await evm?.close();
      await carrier.close();
      await port.close();
      await chain?.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
