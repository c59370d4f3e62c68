/**
 * `npm run bench` (fourth part): the cross-network views through the whole federated stack (gateway ->
 * carrier, port, EVM and interop subgraphs -> three networks), for 1, 10 and 100 shipments in one request:
 * the unified shipment query (merged timeline, status, ETA) and the B/L verdict (title, carrier record,
 * port release, integrity), cold (empty caches) and cached; and the calls each network
 * received per request, which must not grow with the number of shipments. Bounded: fixed runs.
 */
import { inspect } from "node:util";
import { startTestStack } from "../test/support/stack.ts";
import { printTable } from "./table.ts";

const SIZES = [1, 10, 100];
const RUNS = 5;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

process.stdout.write("seeding 300 shipments on all three networks... ");
const started = Date.now();
const stack = await startTestStack(redisUrl, 300);
// Stop the followers so every call counted below is the query's own.
await stack.evm.close();
await stack.antchain.close();
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const shipments = stack.chain.world.shipments
  .filter((s) => s.documentKind === "NEGOTIABLE_EBL" && s.title.length > 0)
  .map((s) => s.reference);
const unified = (refs: string[]) =>
  `{ shipmentsByReference(references: ${JSON.stringify(refs)}) { reference status eta { at eventClassifier } currentLocation { unLocationCode } events { code eventDateTime sources { network } } } }`;
const verdict = (refs: string[]) =>
  `{ shipmentsByReference(references: ${JSON.stringify(refs)}) { reference billOfLading { titleStatus verdict { status checks { name status } integrity { consistent } } } } }`;

const calls = () => ({
  evm: stack.evm.counters.httpRequests,
  fabric: stack.fabric.counters.evaluates,
  port: stack.antchain.client.requests,
});
async function measure(query: string, before?: () => Promise<void>) {
  const times: number[] = [];
  let perRequest = { evm: 0, fabric: 0, port: 0 };
  for (let r = 0; r < RUNS; r++) {
    await before?.();
    const c0 = calls();
    const t = performance.now();
    const result = await stack.query(query);
    times.push(performance.now() - t);
    if (result.errors) throw new Error(inspect(result.errors).slice(0, 400));
    const c1 = calls();
    perRequest = {
      evm: Math.max(perRequest.evm, c1.evm - c0.evm),
      fabric: Math.max(perRequest.fabric, c1.fabric - c0.fabric),
      port: Math.max(perRequest.port, c1.port - c0.port),
    };
  }
  return { p50: [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!, perRequest };
}
/** Cold: the title verification cache and the carrier and port record caches all empty. */
async function clearCaches() {
  const keys = (
    await Promise.all(["verify", "fabric", "port"].map((k) => stack.redis.keys(`${stack.prefix}${k}:*`)))
  ).flat();
  if (keys.length) await stack.redis.del(...keys);
}

const rows: string[][] = [];
for (const n of SIZES) {
  const refs = shipments.slice(0, n);
  await stack.query(unified(refs));
  const u = await measure(unified(refs), clearCaches);
  const uWarm = await measure(unified(refs));
  const cold = await measure(verdict(refs), clearCaches);
  const warm = await measure(verdict(refs));
  const fmt = (c: { evm: number; fabric: number; port: number }) => `${c.fabric}/${c.port}/${c.evm}`;
  rows.push([
    String(n),
    u.p50.toFixed(1),
    fmt(u.perRequest),
    uWarm.p50.toFixed(1),
    fmt(uWarm.perRequest),
    cold.p50.toFixed(1),
    fmt(cold.perRequest),
    warm.p50.toFixed(1),
    fmt(warm.perRequest),
    `${(cold.p50 / warm.p50).toFixed(2)}x`,
  ]);
}
const header = [
  "shipments",
  "unified cold ms",
  "calls F/A/E",
  "unified cached ms",
  "calls F/A/E",
  "verdict cold ms",
  "calls F/A/E",
  "verdict cached ms",
  "calls F/A/E",
  "cold/cached",
];
console.log(
  `\nCross-network views through the federated gateway (4 subgraphs, 3 networks), median of ${RUNS}. Calls per request: Fabric Evaluates / port REST requests / EVM JSON-RPC HTTP requests.\n`,
);
printTable(header, rows);

await stack.close();
process.exit(0);
