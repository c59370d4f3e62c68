/**
 * `node --import tsx bench/evmResilience.bench.ts`: what the EVM adapter's provider limits, reorg
 * detection and circuit breaker cost and buy, against the local chain (EDR, real TradeTrust contracts).
 * Bounded: a fixed number of runs, blocks and requests.
 *
 * 1. 1,000 title reads (4,000 calls in Multicall3 chunks) with JSON-RPC batches of 1,000 and of 100.
 * 2. Following: HTTP requests and time per followed block (header linking included).
 * 3. A reorganisation (EDR snapshot, revert, another branch): time and requests to roll back and reapply.
 * 4. A frozen node: how long reads take before the circuit opens, and after.
 */
import type { Address, Hex } from "viem";
import { createEvmAdapter } from "../adapters/evm/index.ts";
import { artifacts } from "../networks/evm/contracts.ts";
import { mine, startFreezableProxy, startLocalChain } from "../test/support/localChain.ts";
import { median, printTable } from "./table.ts";

const RUNS = 7;
const local = await startLocalChain(60);
await mine(local.clients, 3);
const factory = local.deployment.titleEscrowFactory;
const keysOf = (n: number) => {
  const ebls = local.documents.filter((d) => d.kind === "TOKEN_REGISTRY");
  return Array.from({ length: n }, (_, i) => ({
    registry: ebls[i % ebls.length]!.issuer,
    documentHash: ebls[i % ebls.length]!.documentHash,
  }));
};

// 1. Batch size.
const batchRows: string[][] = [];
for (const rpcBatchSize of [1000, 100]) {
  const adapter = createEvmAdapter({
    rpcUrl: local.chain.url,
    chainId: 31337,
    titleEscrowFactory: factory,
    rpcBatchSize,
  });
  await adapter.sync();
  const keys = keysOf(1000);
  await adapter.readTitles(keys);
  const times: number[] = [];
  let requests = 0;
  for (let i = 0; i < RUNS; i++) {
    const before = adapter.counters.httpRequests;
    const t = performance.now();
    await adapter.readTitles(keys);
    times.push(performance.now() - t);
    requests = adapter.counters.httpRequests - before;
  }
  batchRows.push([String(rpcBatchSize), "1,000", String(requests), `${median(times).toFixed(1)} ms`]);
  await adapter.close();
}
console.log("\n1,000 title reads (4,000 calls), median of", RUNS);
printTable(["rpcBatchSize", "titles", "HTTP requests", "read"], batchRows);

// 2. Following, block by block.
const follower = createEvmAdapter({ rpcUrl: local.chain.url, chainId: 31337, titleEscrowFactory: factory });
await follower.sync();
const BLOCKS = 30;
let followRequests = 0;
const followTimes: number[] = [];
for (let i = 0; i < BLOCKS; i++) {
  await mine(local.clients, 1);
  const before = follower.counters.httpRequests;
  const t = performance.now();
  await follower.sync();
  followTimes.push(performance.now() - t);
  followRequests += follower.counters.httpRequests - before;
}
console.log(`\nfollowing ${BLOCKS} blocks one at a time`);
printTable(
  ["HTTP requests per block", "pass, median"],
  [[(followRequests / BLOCKS).toFixed(1), `${median(followTimes).toFixed(1)} ms`]],
);

// 3. A reorganisation under the follower.
const rpc = (method: string, params: unknown[] = []) =>
  local.clients.publicClient.request({ method: method as never, params: params as never });
const doc = local.documents.find(
  (d) =>
    d.kind === "TOKEN_REGISTRY" &&
    local.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action === "ISSUE",
)!;
const transfer = async (to: string) => {
  const escrow = (await local.clients.publicClient.readContract({
    address: doc.issuer,
    abi: artifacts.tradeTrustToken.abi,
    functionName: "ownerOf",
    args: [BigInt(doc.documentHash)],
  })) as Address;
  const holder = (await local.clients.publicClient.readContract({
    address: escrow,
    abi: artifacts.titleEscrow.abi,
    functionName: "holder",
  })) as string;
  const signer = [...local.actors.parties.values()].find(
    (p) => p.account.address.toLowerCase() === holder.toLowerCase(),
  )!;
  return local.clients.walletFor(signer).writeContract({
    address: escrow,
    abi: artifacts.titleEscrow.abi,
    functionName: "transferHolder",
    args: [local.actors.parties.get(to)!.account.address, "0x" as Hex],
    gas: 500_000n,
  });
};
const reorgRows: string[][] = [];
for (const depth of [1, 5, 20]) {
  const snapshot = await rpc("evm_snapshot");
  await transfer("fwd-kn");
  await mine(local.clients, depth);
  await follower.sync();
  await rpc("evm_revert", [snapshot]);
  await transfer("bnk-dbs");
  await mine(local.clients, depth + 2);
  const before = follower.counters.httpRequests;
  const reorgs = follower.reorgs;
  const t = performance.now();
  await follower.sync();
  const ms = performance.now() - t;
  if (follower.reorgs !== reorgs + 1) throw new Error("the reorganisation was not noticed");
  reorgRows.push([String(depth + 1), `${ms.toFixed(1)} ms`, String(follower.counters.httpRequests - before)]);
}
console.log("\na reorganisation noticed while following (rolled back to the common ancestor and reapplied)");
printTable(["orphaned blocks", "pass", "HTTP requests"], reorgRows);
await follower.close();

// 4. A frozen node.
const proxy = await startFreezableProxy(local.chain.url);
const far = createEvmAdapter({
  rpcUrl: proxy.url,
  chainId: 31337,
  titleEscrowFactory: factory,
  requestTimeoutMs: 1000,
});
await far.sync();
proxy.freeze();
const frozenRows: string[][] = [];
for (let i = 1; i <= 8; i++) {
  const t = performance.now();
  await far.readTitles(keysOf(1)).catch(() => undefined);
  frozenRows.push([String(i), far.circuit(), `${(performance.now() - t).toFixed(1)} ms`]);
}
proxy.thaw();
const t = performance.now();
// The circuit lets a probe through on the first call after it has been open 2 s (the follower's poll
// and the health publisher make such calls in a running subgraph).
while ((await far.status()).health !== "UP" || far.circuit() !== "CLOSED")
  await new Promise((r) => setTimeout(r, 50));
const recovered = performance.now() - t;
console.log("\nreads while the node is frozen (deadline 1,000 ms, circuit opens after 5 failures)");
printTable(["read", "circuit after", "answered in"], frozenRows);
console.log(`thawed: circuit closed and node UP again after ${recovered.toFixed(0)} ms`);
await far.close();
await proxy.close();
await local.close();
// stdout to a pipe is asynchronous: let it drain before the chain's handles are cut short.
await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
process.exit(0);
