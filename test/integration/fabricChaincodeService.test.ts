import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { GatewayError } from "@hyperledger/fabric-gateway";
import { peer } from "@hyperledger/fabric-protos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChaincodeConnection, grpcChaincodeTransport } from "../../networks/fabric/chaincodeSupport.ts";
import { Ledger } from "../../networks/fabric/ledger.ts";
import { chaincodePackageId } from "../../networks/fabric/network.ts";
import { TxSimulator } from "../../networks/fabric/txSimulator.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "../support/carrierNetwork.ts";

/** Starts the chaincode's own entry point in a process of its own, as a chaincode-as-a-service container runs it. */
async function startChaincodeProcess(
  address: string,
  packageId: string,
): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "networks/fabric/chaincode/main.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, CHAINCODE_SERVER_ADDRESS: address, CHAINCODE_ID: packageId },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ready = await new Promise<{ address: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the chaincode server did not start")), 30_000);
    child.on("exit", (code) => reject(new Error(`the chaincode server exited with ${code}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("READY ")) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)) as { address: string });
    });
  });
  return { child, address: ready.address };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

describe("the carrier chaincode as an external service (chaincode-as-a-service under fabric-shim)", () => {
  const packageId = chaincodePackageId("carrier");
  let chaincode: { child: ChildProcess; address: string };
  let local: LocalCarrierNetwork;

  beforeAll(async () => {
    chaincode = await startChaincodeProcess("127.0.0.1:0", packageId);
    local = await startLocalCarrierNetwork(
      4,
      undefined,
      undefined,
      {},
      { chaincodeRuntime: { address: chaincode.address, dialTimeoutMs: 1000 } },
    );
  });
  afterAll(async () => {
    await local?.close();
    if (chaincode) await stop(chaincode.child);
  });

  it("serves the network from its own process: the seeded world reads back, and writes are checked there", async () => {
    const adapter = local.adapter();
    const shipments = await adapter.shipmentsByReference(local.world.shipments.map((s) => s.reference));
    expect(shipments.map((s) => s?.reference)).toEqual(local.world.shipments.map((s) => s.reference));
    const history = await local.network.ledger.historyOf(
      `\u0000bl\u0000${local.world.shipments[0]!.reference}\u0000`,
    );
    expect(history.length).toBeGreaterThan(0);
  });

  it("refuses a server that registers with another package id", async () => {
    const transport = grpcChaincodeTransport({ address: chaincode.address, dialTimeoutMs: 5000 });
    const connection = new ChaincodeConnection("carrier", "carrier_1.0:another-package", transport);
    const input = new peer.ChaincodeInput();
    input.setArgsList([Buffer.from("ListShipments"), Buffer.from(""), Buffer.from("1")]);
    const ledger = new Ledger(`${local.dir}/other.jsonl`);
    await expect(
      connection.execute({
        channelId: "tradelane",
        txId: "t1",
        signedProposal: new peer.SignedProposal(),
        input,
        simulator: new TxSimulator(ledger, "t1"),
      }),
    ).rejects.toThrow(`registered as ${packageId}, expected carrier_1.0:another-package`);
    connection.close();
    ledger.close();
  });

  it("answers a chaincode error when the service is down, and reconnects once it is back", async () => {
    const reader = local.adapter();
    const ref = local.world.shipments[1]!.reference;
    await stop(chaincode.child);
    const down = await reader.shipmentsByReference([ref]).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(Error);
    // The peer answers as a peer does when it cannot launch the chaincode: a 500 from the simulation.
    expect(((down as Error & { cause?: unknown }).cause as GatewayError).details[0]?.message).toMatch(
      /^chaincode response 500, error in simulation: failed to execute transaction \w+: (could not reach chaincode carrier|chaincode carrier stream terminated)/,
    );
    chaincode = await startChaincodeProcess(chaincode.address, packageId);
    const [back] = await reader.shipmentsByReference([ref]);
    expect(back?.reference).toBe(ref);
  });
});
