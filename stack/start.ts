/**
 * `npm start`: seeds and starts the local eBL network, the EVM subgraph and the gateway, each as its own
 * process, then the world clock that keeps the world moving; prints where to query and one sample query
 * per user; stops everything on Ctrl-C.
 *
 *   npm start -- --shipments 500 --seed demo
 *   npm start -- --frozen          # the world stays where seeding left it (WORLD_FROZEN=1)
 *   npm run build && npm start -- --compiled      # the product's services from dist/
 *   npm start -- --dist /srv/tradegraph/dist       # ... or from another build (a production install's)
 *
 * Set EVM_RPC_URL (plus EVM_TITLE_ESCROW_FACTORY and TRUST_LIST_FILE) to use a real chain instead of
 * the local one.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { createHash } from "node:crypto";
import pg from "pg";
import { ensureLocalIssuer } from "../access/identity/localIssuer.ts";
import { ensureLocalProofSecret } from "../access/serviceConfig.ts";
import { generateWorld } from "../world/generate.ts";
import { writeLocalPartyDirectory } from "./localParties.ts";
import { compiledEntry, startService, stopService, stopStarting, type RunningService } from "./services.ts";

const { values: args } = parseArgs({
  options: {
    shipments: { type: "string" },
    seed: { type: "string" },
    "state-dir": { type: "string" },
    frozen: { type: "boolean" },
    compiled: { type: "boolean" },
    dist: { type: "string" },
  },
});
const env = process.env;
// The product's services from dist/ (`npm run build` first) as production runs them; the local ledgers
// always run from source through tsx (they are never compiled).
const compiled = args.compiled ?? (args.dist !== undefined || env.TRADEGRAPH_COMPILED === "1");
const product = (entry: string) => (compiled ? compiledEntry(entry, args.dist) : entry);
const stateDir = args["state-dir"] ?? env.TRADEGRAPH_STATE_DIR ?? ".tradegraph";
// The world is fixed at first start (seed, size, "now"), so every later start and every network agree.
const worldFile = join(stateDir, "world.json");
const savedWorld = existsSync(worldFile)
  ? (JSON.parse(readFileSync(worldFile, "utf8")) as { seed: string; shipments: string; anchor: string })
  : undefined;
const world = {
  seed: args.seed ?? env.WORLD_SEED ?? savedWorld?.seed ?? "tradegraph",
  shipments: args.shipments ?? env.WORLD_SHIPMENTS ?? savedWorld?.shipments ?? "50",
  anchor:
    env.WORLD_ANCHOR ?? savedWorld?.anchor ?? new Date(new Date().toISOString().slice(0, 10)).toISOString(),
};
mkdirSync(stateDir, { recursive: true });
writeFileSync(worldFile, JSON.stringify(world, null, 2));
// How far the world clock has moved the story (kept apart from world.json, which names the world).
const clockFile = join(stateDir, "world-clock.json");
const savedClock = existsSync(clockFile)
  ? (JSON.parse(readFileSync(clockFile, "utf8")) as {
      seed?: string;
      shipments?: number;
      anchor?: string;
      now: string;
    })
  : undefined;
// Only this world's clock: a new seed, size or anchor starts its story at the anchor.
const sameWorld =
  savedClock?.seed === world.seed &&
  String(savedClock.shipments) === world.shipments &&
  savedClock.anchor !== undefined &&
  new Date(savedClock.anchor).getTime() === new Date(world.anchor).getTime();
const storyNow = env.WORLD_NOW ?? (sameWorld ? savedClock.now : undefined);
const shared: Record<string, string> = {
  TRADEGRAPH_STATE_DIR: stateDir,
  WORLD_SEED: world.seed,
  WORLD_SHIPMENTS: world.shipments,
  WORLD_ANCHOR: world.anchor,
  ...(storyNow ? { WORLD_NOW: storyNow } : {}),
};
const frozen = args.frozen === true || /^(1|true|yes|on)$/i.test(env.WORLD_FROZEN ?? "");
const worldSpeed = env.WORLD_SPEED ?? "3600";
// A network is ready once seeded, a subgraph once its adapters have caught up (the EVM title index reads
// every title event; the analytics subgraph builds its read model). All of it grows with the world (the
// eBL chain replays every title step as its own transaction, ~10 ms each): 3 minutes for a demo, and
// 10 minutes more per 10k shipments.
const seedingTimeoutMs = 180_000 + Number(world.shipments) * 60;
const gatewayPort = env.GATEWAY_PORT ?? "4000";
const evmSubgraphPort = env.EVM_SUBGRAPH_PORT ?? "4001";
const fabricSubgraphPort = env.FABRIC_SUBGRAPH_PORT ?? "4002";
const antchainSubgraphPort = env.ANTCHAIN_SUBGRAPH_PORT ?? "4003";
const interopSubgraphPort = env.INTEROP_SUBGRAPH_PORT ?? "4004";
const analyticsSubgraphPort = env.ANALYTICS_SUBGRAPH_PORT ?? "4005";
const services: RunningService[] = [];
let stopping = false;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  stopStarting();
  for (const service of [...services].reverse()) await stopService(service);
  process.exit(code);
}
process.once("SIGINT", () => void stopAll(0));
process.once("SIGTERM", () => void stopAll(0));

function watch(service: RunningService) {
  services.push(service);
  service.child.once("exit", (code) => {
    if (stopping) return;
    console.error(`\n${service.name} stopped unexpectedly (code ${code}); stopping the stack.`);
    void stopAll(1);
  });
}

try {
  if (!existsSync("schema/supergraph.graphql"))
    throw new Error("schema/supergraph.graphql is missing: run `npm run compose`");
  await checkRedis(env.REDIS_URL ?? "redis://127.0.0.1:6379");

  let rpcUrl = env.EVM_RPC_URL;
  let identityDnsServers = env.IDENTITY_DNS_SERVERS;
  if (!rpcUrl) {
    console.log("Seeding the local eBL title network (EDR + TradeTrust contracts)...");
    const evm = await startService(
      "evm-network",
      "networks/evm/main.ts",
      {
        ...shared,
        EVM_PORT: env.EVM_PORT ?? "8545",
      },
      seedingTimeoutMs,
    );
    watch(evm);
    rpcUrl = String(evm.ready.url);
    console.log(`  JSON-RPC ${rpcUrl}: ${evm.ready.documents} documents issued in ${evm.ready.ms} ms`);
    // The carriers' OpenAttestation DNS-TXT identity records, served as DNS does for a real issuer.
    const dns = await startService("dns", "networks/dns/main.ts", {
      ...shared,
      DNS_PORT: env.DNS_PORT ?? "8053",
    });
    watch(dns);
    identityDnsServers = String(dns.ready.address);
    console.log(`  DNS ${identityDnsServers}: the carriers' openatts TXT records`);
  }
  let fabricEndpoint = env.FABRIC_PEER_ENDPOINT;
  if (!fabricEndpoint) {
    console.log("Starting the local carrier network (Fabric Gateway peer + carrier chaincode)...");
    const fabric = await startService(
      "fabric-network",
      "networks/fabric/main.ts",
      {
        ...shared,
        FABRIC_PORT: env.FABRIC_PORT ?? "7051",
      },
      seedingTimeoutMs,
    );
    watch(fabric);
    fabricEndpoint = String(fabric.ready.endpoint);
    console.log(
      `  gRPC ${fabricEndpoint}: ${fabric.ready.created} shipments seeded by ${fabric.ready.transactions} transactions, ledger height ${fabric.ready.height}, in ${fabric.ready.ms} ms`,
    );
  }
  let antchainUrl = env.ANTCHAIN_URL;
  if (!antchainUrl) {
    console.log("Starting the local port network (AntChain-style BaaS REST + port-logistics contract)...");
    const antchain = await startService(
      "antchain-network",
      "networks/antchain/main.ts",
      {
        ...shared,
        ANTCHAIN_PORT: env.ANTCHAIN_PORT ?? "8090",
      },
      seedingTimeoutMs,
    );
    watch(antchain);
    antchainUrl = String(antchain.ready.url);
    console.log(
      `  REST ${antchainUrl}: ${antchain.ready.calls} signed contract calls, height ${antchain.ready.height}, in ${antchain.ready.ms} ms`,
    );
  }
  // Who is who, and the gateway's proof secret: the services read both from the state directory.
  const addressBook = env.ADDRESS_BOOK_FILE ?? join(stateDir, "evm/address-book.json");
  const trustList = env.TRUST_LIST_FILE ?? join(stateDir, "evm/trust-list.json");
  writeLocalPartyDirectory(stateDir, addressBook, trustList);
  ensureLocalProofSecret(stateDir);
  // The read model and its access directory are shared by every subgraph process: PostgreSQL.
  const database = await ensureDatabase(env.DATABASE_URL);
  Object.assign(shared, database);
  const [evmSubgraph, fabricSubgraph, antchainSubgraph, interopSubgraph, analyticsSubgraph] =
    await Promise.all([
      startService(
        "evm-subgraph",
        product("subgraphs/evm/main.ts"),
        {
          ...shared,
          EVM_RPC_URL: rpcUrl,
          EVM_SUBGRAPH_PORT: evmSubgraphPort,
          ...(identityDnsServers ? { IDENTITY_DNS_SERVERS: identityDnsServers } : {}),
          TRUST_LIST_FILE: env.TRUST_LIST_FILE ?? join(stateDir, "evm/trust-list.json"),
          ADDRESS_BOOK_FILE: env.ADDRESS_BOOK_FILE ?? join(stateDir, "evm/address-book.json"),
        },
        seedingTimeoutMs,
      ),
      startService(
        "fabric-subgraph",
        product("subgraphs/fabric/main.ts"),
        {
          ...shared,
          FABRIC_PEER_ENDPOINT: fabricEndpoint,
          FABRIC_SUBGRAPH_PORT: fabricSubgraphPort,
        },
        seedingTimeoutMs,
      ),
      startService(
        "antchain-subgraph",
        product("subgraphs/antchain/main.ts"),
        {
          ...shared,
          ANTCHAIN_URL: antchainUrl,
          ANTCHAIN_SUBGRAPH_PORT: antchainSubgraphPort,
        },
        seedingTimeoutMs,
      ),
      startService(
        "interop-subgraph",
        product("subgraphs/interop/main.ts"),
        {
          ...shared,
          INTEROP_SUBGRAPH_PORT: interopSubgraphPort,
          ADDRESS_BOOK_FILE: env.ADDRESS_BOOK_FILE ?? join(stateDir, "evm/address-book.json"),
          TRUST_LIST_FILE: env.TRUST_LIST_FILE ?? join(stateDir, "evm/trust-list.json"),
        },
        seedingTimeoutMs,
      ),
      startService(
        "analytics-subgraph",
        product("subgraphs/analytics/main.ts"),
        {
          ...shared,
          FABRIC_PEER_ENDPOINT: fabricEndpoint,
          ANTCHAIN_URL: antchainUrl,
          ANALYTICS_SUBGRAPH_PORT: analyticsSubgraphPort,
        },
        seedingTimeoutMs,
      ),
    ]);
  watch(evmSubgraph);
  watch(fabricSubgraph);
  watch(antchainSubgraph);
  watch(interopSubgraph);
  watch(analyticsSubgraph);
  const gateway = await startService("gateway", product("gateway/main.ts"), {
    TRADEGRAPH_STATE_DIR: stateDir,
    GATEWAY_PORT: gatewayPort,
    SUBGRAPH_EVM_URL: String(evmSubgraph.ready.url),
    SUBGRAPH_FABRIC_URL: String(fabricSubgraph.ready.url),
    SUBGRAPH_ANTCHAIN_URL: String(antchainSubgraph.ready.url),
    SUBGRAPH_INTEROP_URL: String(interopSubgraph.ready.url),
    SUBGRAPH_ANALYTICS_URL: String(analyticsSubgraph.ready.url),
  });
  watch(gateway);
  // DCSA Track & Trace 2.2 and its webhook delivery, from the same read model and credentials.
  const dcsaPort = env.DCSA_PORT ?? "4006";
  const dcsa = await startService("dcsa", product("dcsa/main.ts"), {
    ...shared,
    DCSA_PORT: dcsaPort,
    // The local world's subscribers listen on this machine.
    DCSA_CALLBACK_ALLOW: env.DCSA_CALLBACK_ALLOW ?? "loopback",
  });
  watch(dcsa);
  const delivery = await startService("dcsa-delivery", product("dcsa/deliveryMain.ts"), {
    ...shared,
    DCSA_CALLBACK_ALLOW: env.DCSA_CALLBACK_ALLOW ?? "loopback",
  });
  watch(delivery);
  // The world keeps moving: each fact written through its own network as story time reaches it. Only
  // on local ledgers, whose access details (and the parties' keys) this machine holds.
  const localLedgers = !env.EVM_RPC_URL && !env.FABRIC_PEER_ENDPOINT && !env.ANTCHAIN_URL;
  if (localLedgers) {
    const clock = await startService("world-clock", "world/clock/main.ts", {
      ...shared,
      WORLD_SPEED: worldSpeed,
      WORLD_FROZEN: String(frozen),
    });
    watch(clock);
  }
  // How long each service took to start and what it holds (bench/startup.bench.ts compares runtimes).
  writeFileSync(
    join(stateDir, "startup.json"),
    JSON.stringify(
      services.map(({ name, runtime, startMs, rssBytes }) => ({ name, runtime, startMs, rssBytes })),
      null,
      2,
    ),
  );
  await printWelcome(
    String(gateway.ready.url).replace("127.0.0.1", "localhost"),
    String(dcsa.ready.url).replace("127.0.0.1", "localhost"),
    stateDir,
    localLedgers,
  );
} catch (error) {
  console.error(`\nCould not start the stack: ${(error as Error).message}`);
  await stopAll(1);
}

/**
 * The PostgreSQL the read model lives in: DATABASE_URL, else the local server (database `tradegraph`,
 * created if missing). Each world gets a schema of its own, so a new seed never meets an old one's rows.
 */
async function ensureDatabase(url: string | undefined): Promise<Record<string, string>> {
  const schema = `world_${createHash("sha256").update(JSON.stringify(world)).digest("hex").slice(0, 12)}`;
  if (url) return { DATABASE_URL: url, DATABASE_SCHEMA: env.DATABASE_SCHEMA ?? schema };
  const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
  try {
    await admin.connect();
    const { rowCount } = await admin.query("select 1 from pg_database where datname = 'tradegraph'");
    if (!rowCount) await admin.query("create database tradegraph");
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at 127.0.0.1:5432 (${(error as Error).message}). The read model and the access directory live there: install it (\`apt-get install postgresql\`, \`brew install postgresql\`) and start it, or set DATABASE_URL.`,
      { cause: error },
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
  return { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/tradegraph", DATABASE_SCHEMA: schema };
}

async function checkRedis(url: string) {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    console.warn(
      `! Redis does not answer at ${url}: verification will work uncached. Install it with \`apt-get install redis-server\` and start \`redis-server\`, or set REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}

async function printWelcome(url: string, dcsaUrl: string, dir: string, localLedgers: boolean) {
  const docsFile = join(dir, "evm/documents.json");
  const documents = existsSync(docsFile)
    ? (JSON.parse(readFileSync(docsFile, "utf8")) as {
        reference: string;
        documentHash: string;
        kind: string;
        path: string;
      }[])
    : [];
  const ebls = documents.filter((d) => d.kind === "TOKEN_REGISTRY");
  // Show the story the README tells: cargo into a Chinese port, released after its eBL was surrendered.
  const generated = generateWorld({
    seed: world.seed,
    shipments: Number(world.shipments),
    anchor: new Date(world.anchor),
  });
  const story = generated.shipments.find(
    (s) =>
      s.documentKind === "NEGOTIABLE_EBL" &&
      s.conflicts.length === 0 &&
      s.portOfDischarge.startsWith("CN") &&
      s.events.some((e) => e.code === "RELS"),
  );
  const one = ebls.find((d) => d.reference === story?.reference) ?? ebls[0];
  const storyShipment = generated.shipments.find((x) => x.reference === one?.reference);
  // A token for the user each query illustrates (one hour): the consignee tracks its cargo and holds
  // its title; the analyst works for the shipment's carrier.
  const issuer = await ensureLocalIssuer(dir);
  const consignee = storyShipment?.consignee ?? "cne-tesla";
  const consigneeToken = await issuer.issueToken({ party: consignee, roles: [], ttlSeconds: 3600 });
  const analystToken = await issuer.issueToken({
    party: storyShipment?.carrierScac ?? "COSU",
    roles: ["analyst"],
    ttlSeconds: 3600,
  });
  const q = (query: string) =>
    `curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\\n    -d '${JSON.stringify({ query }).replaceAll("'", "'\\''")}'`;
  const as = (who: string, t: string) => `TOKEN=${t}   # ${who}`;
  console.log(`
Tradegraph is up. GraphQL: ${url}   (health: ${url.replace("/graphql", "/health")})
DCSA Track & Trace 2.2: ${dcsaUrl}/events   (same tokens; webhooks: POST /v2/event-subscriptions)

Every request needs a bearer token (or an x-api-key). A token for any party: npx tradegraph token --party <id>
(carriers by SCAC; the others as the \`parties\` query lists them), e.g. for an analyst: --party MAEU --role analyst.

E-commerce platform — where is shipment ${one?.reference ?? ""}, and is the cargo released?
  ${as(`the consignee, ${consignee}`, consigneeToken)}
  ${q(`{ shipment(reference: "${one?.reference ?? ""}") { carrier { scac name } portOfLoading { unLocationCode } portOfDischarge { unLocationCode } status statusSince eta { at eventClassifier } currentLocation { unLocationCode } events { code eventClassifier eventDateTime location { unLocationCode } equipmentReference sources { network blockNumber proven } } customs { status declaredAt clearedAt } carrierRelease { status releasedAt } portRelease { status releasedTo { name } releasedAt } } }`)}

Cross-border app — who holds the eBL for B/L ${one?.reference ?? ""}? (the same consignee, a party to its title)
  ${as(`the consignee, ${consignee}`, consigneeToken)}
  ${q(`{ billOfLading(reference: "${one?.reference ?? ""}") { documentHash titleStatus holder { name } endorsementChain { action to { name } at } verification { status } } }`)}

Anyone with a .tt file — verify it (files are in ${join(dir, "documents")}/):
  node -e 'const d=JSON.parse(require("fs").readFileSync("${one?.path ?? ""}","utf8"));fetch("${url}",{method:"POST",headers:{"content-type":"application/json",authorization:"Bearer "+process.env.TOKEN},body:JSON.stringify({query:"query($d:JSON!){verifyDocument(document:$d){status fragments{type status reason}}}",variables:{d}})}).then(r=>r.json()).then(j=>console.log(JSON.stringify(j,null,1)))'

Analyst — shipments into Shanghai from the read model (paged; a list shows the analyst's own party's shipments), dwell and release lead time over every shipment, every network's health and how far the read model trails it:
  ${as(`an analyst at ${storyShipment?.carrierScac ?? "COSU"}`, analystToken)}
  ${q(`{ shipments(filter: { portOfDischarge: "CNSHA" }, first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { node { reference status carrier { scac } eta { at } } } } portStatistics(port: "CNSHA", from: "2026-01-01T00:00:00Z", to: "${new Date(generated.anchor).toISOString()}", groupBy: CARRIER) { key shipments dwellHours { count mean p50 p95 } releaseLeadHours { count p50 } } networks { name health height readModel { indexedHeight lagBlocks lagSeconds } } }`)}

Analyst — the same as the read model stood when the stack came up (asOf works on shipments and every statistic; the cut names the heights used):
  ${q(`{ shipments(filter: { portOfDischarge: "CNSHA" }, first: 5, asOf: "${new Date().toISOString()}") { totalCount cut { asOf heights { network height } } edges { node { reference } state { status titleStatus titleTransfers } } } }`)}

Analyst — a report as a file (CSV, JSON, or one offline HTML page with charts):
  TRADEGRAPH_TOKEN=$TOKEN npx tradegraph report overview --port CNSHA --from 2026-01-01 --to ${new Date(generated.anchor).toISOString().slice(0, 10)} --format html --out cnsha.html

Seeded title conflicts (query billOfLading(reference: ...) { verdict { status integrity { conflicts { kind description } } } }):
${generated.shipments.flatMap((x) => x.conflicts.map((c) => `  ${c.padEnd(26)} ${x.reference}`)).join("\n")}

${
  !localLedgers
    ? "The world does not move: the world clock writes only to local ledgers."
    : frozen
      ? `The world is frozen at story time ${storyNow ?? world.anchor} (npm start without --frozen lets it move).`
      : `The world moves: ${Number(worldSpeed) / 3600} story hour(s) each second from ${storyNow ?? world.anchor} (WORLD_SPEED=${worldSpeed} story seconds per second); new events arrive on all three networks. Freeze it: npm start -- --frozen (or WORLD_FROZEN=1).`
}

Ctrl-C stops everything.`);
}
