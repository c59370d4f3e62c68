/**
 * `npm run bench`: titles and verification through the whole stack (gateway -> EVM subgraph -> adapter
 * -> local chain with the real TradeTrust contracts, Redis for the cache), for 1, 10, 100 and 1,000
 * titles in one GraphQL request. Prints chain round trips (HTTP requests to the node), latency, and
 * cached vs uncached verification throughput side by side. Bounded: a fixed number of runs per size.
 */
import { readFileSync } from "node:fs";
import type { Address, Hex } from "viem";
import { createEvmAdapter } from "../adapters/evm/index.ts";
import { startGateway } from "../gateway/server.ts";
import { benchAccess } from "./support/access.ts";
import { artifacts } from "../networks/evm/contracts.ts";
import { AddressBook } from "../subgraphs/evm/addressBook.ts";
import { startEvmSubgraph } from "../subgraphs/evm/server.ts";
import { DocumentStatusChecker } from "../verification/documentStatus.ts";
import { createCacheRedis } from "../verification/redis.ts";
import { StatusCache } from "../verification/statusCache.ts";
import { mine, startLocalChain } from "../test/support/localChain.ts";
import { median, printTable } from "./table.ts";

const SIZES = [1, 10, 100, 1000];
const RUNS = 5;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const local = await startLocalChain(20);
const carrier = local.actors.carriers.get("COSU")!;
const shipper = local.actors.parties.get("shp-saic")!.account.address;
const registry = local.deployment.registries.COSU as Address;
process.stdout.write("minting 1,000 titles for the benchmark... ");
const hashes: Hex[] = [];
const wallet = local.clients.walletFor(carrier);
let nonce = await local.clients.publicClient.getTransactionCount({ address: carrier.account.address });
for (let i = 0; i < 1000; i++) {
  const tokenId = BigInt(`0x${(BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(64, "0")}`);
  hashes.push(`0x${tokenId.toString(16).padStart(64, "0")}`);
  await wallet.writeContract({
    address: registry,
    abi: artifacts.tradeTrustToken.abi,
    functionName: "mint",
    args: [shipper, shipper, tokenId, "0x"],
    gas: 600_000n,
    nonce: nonce++,
  });
}
await mine(local.clients, 3);
console.log("done");

const adapter = createEvmAdapter({
  rpcUrl: local.chain.url,
  chainId: 31337,
  titleEscrowFactory: local.deployment.titleEscrowFactory,
});
await adapter.sync(); // no follower polling during the measurement: every request counted is the query's
const redis = createCacheRedis(redisUrl);
const prefix = `bench:${process.pid}:`;
const cache = new StatusCache(redis, { prefix });
const deps = {
  adapter,
  cache,
  checker: new DocumentStatusChecker(adapter, cache),
  trustList: local.trustList,
  addressBook: new AddressBook([]),
};
const access = await benchAccess();
const subgraph = await startEvmSubgraph(deps, "127.0.0.1", 0, access.subgraph);
const gateway = await startGateway({
  access: access.gateway,
  supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
  subgraphUrls: { evm: subgraph.url },
  host: "127.0.0.1",
  port: 0,
});

const titlesQuery = `query($h: [String!]!) { billsOfLading(documentHashes: $h) { documentHash titleStatus holder { address } } }`;
const verifyQuery = `query($h: [String!]!) { billsOfLading(documentHashes: $h) { verification { status cached } } }`;
async function post(query: string, hashesForRequest: Hex[]) {
  const started = performance.now();
  const response = await fetch(gateway.url, {
    method: "POST",
    headers: access.operatorHeaders,
    body: JSON.stringify({ query, variables: { h: hashesForRequest } }),
  });
  const body = (await response.json()) as { errors?: unknown[]; data?: { billsOfLading: unknown[] } };
  if (body.errors || body.data?.billsOfLading.length !== hashesForRequest.length)
    throw new Error(`bad answer: ${JSON.stringify(body).slice(0, 300)}`);
  return performance.now() - started;
}
async function clearCache() {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
}

const rows: string[][] = [];
for (const n of SIZES) {
  const slice = hashes.slice(0, n);
  await post(titlesQuery, slice); // warm escrow addresses and connections
  const titleTimes: number[] = [];
  const titleTrips: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const before = adapter.counters.httpRequests;
    titleTimes.push(await post(titlesQuery, slice));
    titleTrips.push(adapter.counters.httpRequests - before);
  }
  const uncached: number[] = [];
  const uncachedTrips: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    await clearCache();
    const before = adapter.counters.httpRequests;
    uncached.push(await post(verifyQuery, slice));
    uncachedTrips.push(adapter.counters.httpRequests - before);
  }
  const cached: number[] = [];
  const cachedTrips: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const before = adapter.counters.httpRequests;
    cached.push(await post(verifyQuery, slice));
    cachedTrips.push(adapter.counters.httpRequests - before);
  }
  const perSecond = (ms: number) => (n / ms) * 1000;
  rows.push([
    String(n),
    String(Math.max(...titleTrips)),
    median(titleTimes).toFixed(1),
    String(Math.max(...uncachedTrips)),
    String(Math.max(...cachedTrips)),
    perSecond(median(uncached)).toFixed(0),
    perSecond(median(cached)).toFixed(0),
    `${(median(uncached) / median(cached)).toFixed(2)}x`,
  ]);
}

const header = [
  "titles",
  "chain trips (title)",
  "title ms (p50)",
  "chain trips (verify, cold)",
  "chain trips (verify, cached)",
  "verify/s uncached",
  "verify/s cached",
  "cached/uncached",
];
console.log(
  `\nThrough gateway -> subgraph -> adapter -> EDR (Node ${process.version}), median of ${RUNS} runs:\n`,
);
printTable(header, rows);

await clearCache();
await gateway.close();
await subgraph.close();
redis.disconnect();
await local.close();
process.exit(0);
