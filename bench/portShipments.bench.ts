/**
 * `npm run bench` (third part): a shipment's carrier record and port record together, through the
 * gateway (carrier subgraph for the root, port subgraph joined by Federation), for 1, 10, 100 and 1,000
 * shipments in one GraphQL request: requests to the port network's REST API and Evaluate calls to the
 * carrier network per GraphQL request (both must stay constant), and latency. Bounded: fixed runs.
 */
import { readFileSync } from "node:fs";
import { startGateway } from "../gateway/server.ts";
import { benchAccess } from "./support/access.ts";
import { startAntchainSubgraph } from "../subgraphs/antchain/server.ts";
import { startFabricSubgraph } from "../subgraphs/fabric/server.ts";
import { startLocalCarrierNetwork } from "../test/support/carrierNetwork.ts";
import { startLocalPortNetwork } from "../test/support/portNetwork.ts";
import { median, printTable } from "./table.ts";

const SIZES = [1, 10, 100, 1000];
const RUNS = 7;

process.stdout.write("seeding 1,000 shipments on the carrier and port networks... ");
const started = Date.now();
const [carrier, port] = await Promise.all([startLocalCarrierNetwork(1000), startLocalPortNetwork(1000)]);
console.log(
  `done in ${((Date.now() - started) / 1000).toFixed(1)} s (port chain height ${port.network.chain.height})`,
);
const fabric = carrier.adapter();
const antchain = port.adapter();
await antchain.sync();
const access = await benchAccess();
const fabricSubgraph = await startFabricSubgraph({ adapter: fabric }, "127.0.0.1", 0, access.subgraph);
const antchainSubgraph = await startAntchainSubgraph({ adapter: antchain }, "127.0.0.1", 0, access.subgraph);
const gateway = await startGateway({
  access: access.gateway,
  supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
  subgraphUrls: {
    fabric: fabricSubgraph.url,
    antchain: antchainSubgraph.url,
    evm: "http://127.0.0.1:9/graphql",
  },
  host: "127.0.0.1",
  port: 0,
});
// Shipments the port network knows (a Chinese port of loading or discharge) come first.
const refs = [...port.world.shipments]
  .sort(
    (a, b) =>
      Number(b.portOfDischarge.startsWith("CN") || b.portOfLoading.startsWith("CN")) -
      Number(a.portOfDischarge.startsWith("CN") || a.portOfLoading.startsWith("CN")),
  )
  .map((s) => s.reference);

// One list field, so the planner makes one entity fetch per subgraph (aliases would make one per alias).
const queryFor = (n: number) =>
  `{ shipmentsByReference(references: ${JSON.stringify(refs.slice(0, n))}) { reference carrierEvents { code } portEvents { code eventDateTime source { proven } } customs { status } portRelease { status } } }`;
async function post(query: string): Promise<number> {
  const t = performance.now();
  const response = await fetch(gateway.url, {
    method: "POST",
    headers: access.operatorHeaders,
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return performance.now() - t;
}

const rows: string[][] = [];
for (const n of SIZES) {
  const query = queryFor(n);
  await post(query);
  const times: number[] = [];
  const portTrips: number[] = [];
  const evaluates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const p = antchain.client.requests;
    const e = fabric.counters.evaluates;
    times.push(await post(query));
    portTrips.push(antchain.client.requests - p);
    evaluates.push(fabric.counters.evaluates - e);
  }
  rows.push([
    String(n),
    String(Math.max(...portTrips)),
    String(Math.max(...evaluates)),
    median(times).toFixed(1),
    (median(times) / n).toFixed(2),
  ]);
}
const header = [
  "shipments",
  "port REST requests",
  "carrier Evaluates",
  "GraphQL ms (p50)",
  "ms per shipment",
];
console.log(
  `\nCarrier + port records, through gateway -> carrier and port subgraphs -> adapters -> networks, median of ${RUNS}:\n`,
);
printTable(header, rows);

await gateway.close();
await fabricSubgraph.close();
await antchainSubgraph.close();
await carrier.close();
await port.close();
process.exit(0);
