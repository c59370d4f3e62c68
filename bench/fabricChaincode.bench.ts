/**
 * `node --import tsx bench/fabricChaincode.bench.ts`: the carrier chaincode under fabric-shim, reached
 * by the local peer over the chaincode protocol in its two forms, in-process (fabric-shim's message
 * handler over an in-memory message stream, the default) and chaincode-as-a-service over gRPC (the
 * shim's ChaincodeServer on loopback, as a real peer dials it). For each: seeding 1,000 shipments in bulk
 * through the Fabric Gateway client, then GetShipments of 1, 10, 100 and 1,000 B/Ls through the bare
 * client (one Evaluate each; median of 9 runs). Bounded: a fixed number of runs per size.
 */
import { connectAs } from "../networks/fabric/client.ts";
import type { CarrierNetworkOptions } from "../networks/fabric/network.ts";
import { startLocalCarrierNetwork } from "../test/support/carrierNetwork.ts";
import { median, printTable } from "./table.ts";

const SIZES = [1, 10, 100, 1000];
const RUNS = 9;
const rows: string[][] = [];

for (const runtime of ["in-process", "grpc"] as const satisfies CarrierNetworkOptions["chaincodeRuntime"][]) {
  const started = performance.now();
  const local = await startLocalCarrierNetwork(
    1000,
    undefined,
    undefined,
    { batchSize: 100 },
    { chaincodeRuntime: runtime },
  );
  const seedMs = performance.now() - started;
  const client = connectAs(local.network.endpoint, local.network.consortium.reader);
  const contract = client.gateway.getNetwork("tradelane").getContract("carrier");
  const refs = local.world.shipments.map((s) => s.reference);
  const cells = [runtime, (seedMs / 1000).toFixed(1)];
  for (const n of SIZES) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await contract.evaluateTransaction("GetShipments", JSON.stringify(refs.slice(0, n)));
      times.push(performance.now() - t);
    }
    cells.push(median(times).toFixed(1));
  }
  rows.push(cells);
  client.close();
  await local.close();
}

console.log(
  "\nCarrier chaincode under fabric-shim: seeding 1,000 shipments in bulk, and GetShipments (ms, median of 9):\n",
);
printTable(["chaincode runtime", "seed s", ...SIZES.map((n) => `${n} B/Ls`)], rows);
process.exit(0);
