/**
 * `npm run bench` (second part): shipments from the carrier network through the whole stack (gateway ->
 * carrier subgraph -> Fabric adapter -> Fabric Gateway peer over gRPC), for 1, 10, 100 and 1,000
 * shipments in one GraphQL request: Evaluate round trips and latency; then the adapter against the bare
 * Fabric Gateway client doing the same reads (the adapter's overhead is its mapping to the canonical
 * model). Bounded: a fixed number of runs per size.
 */
import { readFileSync } from "node:fs";
import { createPrivateKey } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { connect, hash, signers } from "@hyperledger/fabric-gateway";
import { startGateway } from "../gateway/server.ts";
import { benchAccess } from "./support/access.ts";
import { startFabricSubgraph } from "../subgraphs/fabric/server.ts";
import { startLocalCarrierNetwork } from "../test/support/carrierNetwork.ts";
import { median, printTable } from "./table.ts";

const SIZES = [1, 10, 100, 1000];
const RUNS = 7;

process.stdout.write("seeding 1,000 shipments on the carrier network... ");
const started = Date.now();
const local = await startLocalCarrierNetwork(1000);
console.log(
  `done in ${((Date.now() - started) / 1000).toFixed(1)} s (ledger height ${local.network.ledger.height})`,
);
const refs = local.world.shipments.map((s) => s.reference);

const adapter = local.adapter();
const access = await benchAccess();
const subgraph = await startFabricSubgraph({ adapter }, "127.0.0.1", 0, access.subgraph);
// The gateway is given only the carrier subgraph: these queries never touch the EVM one.
const gateway = await startGateway({
  access: access.gateway,
  supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
  subgraphUrls: { fabric: subgraph.url, evm: "http://127.0.0.1:9/graphql" },
  host: "127.0.0.1",
  port: 0,
});

const reader = local.network.consortium.reader;
const client = new grpc.Client(local.network.endpoint, grpc.credentials.createInsecure());
const bare = connect({
  client,
  identity: { mspId: reader.mspId, credentials: Buffer.from(reader.certificatePem) },
  signer: signers.newPrivateKeySigner(createPrivateKey(reader.privateKeyPem)),
  hash: hash.sha256,
})
  .getNetwork("tradelane")
  .getContract("carrier");

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
function graphqlFor(n: number): string {
  const fields = refs
    .slice(0, n)
    .map(
      (r, i) =>
        `s${i}: shipment(reference: "${r}") { reference carrier { scac } portOfDischarge { unLocationCode } carrierEvents { code eventDateTime } carrierRelease { status } }`,
    );
  return `{ ${fields.join(" ")} }`;
}
async function post(query: string) {
  const response = await fetch(gateway.url, {
    method: "POST",
    headers: access.operatorHeaders,
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
}

const rows: string[][] = [];
for (const n of SIZES) {
  const query = graphqlFor(n);
  const slice = refs.slice(0, n);
  await post(query);
  const gql: number[] = [];
  const trips: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const before = adapter.counters.evaluates;
    gql.push(await time(() => post(query)));
    trips.push(adapter.counters.evaluates - before);
  }
  // Adapter vs bare client, same reads, interleaved so both see the same machine state.
  const viaAdapter: number[] = [];
  const viaBare: number[] = [];
  for (let r = 0; r < RUNS * 5; r++) {
    viaBare.push(
      await time(async () =>
        JSON.parse(
          Buffer.from(await bare.evaluateTransaction("GetShipments", JSON.stringify(slice))).toString(),
        ),
      ),
    );
    viaAdapter.push(await time(() => adapter.shipmentsByReference(slice)));
  }
  rows.push([
    String(n),
    String(Math.max(...trips)),
    median(gql).toFixed(1),
    median(viaBare).toFixed(2),
    median(viaAdapter).toFixed(2),
    `${((median(viaAdapter) / median(viaBare) - 1) * 100).toFixed(1)}%`,
  ]);
}

const header = [
  "shipments",
  "Evaluate calls",
  "GraphQL ms (p50)",
  "bare client ms",
  "adapter ms",
  "adapter overhead",
];
console.log(
  `\nCarrier network, through gateway -> subgraph -> adapter -> Fabric Gateway peer (gRPC), median of ${RUNS} (client comparison: ${RUNS * 5}):\n`,
);
printTable(header, rows);

client.close();
await gateway.close();
await subgraph.close();
await local.close();
process.exit(0);
