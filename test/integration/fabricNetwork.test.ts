import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { connect, GatewayError, hash, signers, type Gateway } from "@hyperledger/fabric-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkUnavailableError } from "../../domain/errors.ts";
import { issueMember, loadCaPrivateKey } from "../../networks/fabric/msp.ts";
import { PARTIES } from "../../world/catalog.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "../support/carrierNetwork.ts";

const DCSA_OF: Record<string, string> = {
  RECE: "RECE",
  CONF: "CONF",
  LOAD: "LOAD",
  DEPA: "DEPA",
  ISSU: "ISSU",
  ARRI: "ARRI",
  DISC: "DISC",
  SURR: "SURR",
  RELS: "RELS",
  HOLD: "HOLD",
};

describe("carrier network through the real Fabric Gateway client over gRPC", () => {
  let local: LocalCarrierNetwork;
  const gateways: { gateway: Gateway; client: grpc.Client }[] = [];

  beforeAll(async () => {
    local = await startLocalCarrierNetwork(30);
  });
  afterAll(async () => {
    for (const g of gateways) {
      g.gateway.close();
      g.client.close();
    }
    await local?.close();
  });

  function gatewayFor(identity: { mspId: string; certificatePem: string }, privateKeyPem: string): Gateway {
    const client = new grpc.Client(local.network.endpoint, grpc.credentials.createInsecure());
    const gateway = connect({
      client,
      identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) },
      signer: signers.newPrivateKeySigner(createPrivateKey(privateKeyPem)),
      hash: hash.sha256,
    });
    gateways.push({ gateway, client });
    return gateway;
  }
  const carrierContract = (scac: string) => {
    const admin = local.network.consortium.carrierAdmins.get(scac)!;
    return gatewayFor(admin, admin.privateKeyPem).getNetwork("tradelane").getContract("carrier");
  };

  it("reads back, in canonical form, exactly what the carriers submitted", async () => {
    const adapter = local.adapter();
    const shipments = await adapter.shipmentsByReference(local.world.shipments.map((s) => s.reference));
    expect(adapter.counters.evaluates).toBe(1);
    for (const [i, expected] of local.world.shipments.entries()) {
      const got = shipments[i]!;
      expect(got.reference).toBe(expected.reference);
      expect(got.carrierBookingReference).toBe(expected.bookingReference);
      expect(got.carrier.scac).toBe(expected.carrierScac);
      expect(got.portOfLoading?.unLocationCode).toBe(expected.portOfLoading);
      expect(got.portOfDischarge?.unLocationCode).toBe(expected.portOfDischarge);
      expect(got.vessel?.imoNumber).toBe(expected.vessel.imoNumber);
      expect(got.equipment.map((e) => e.reference)).toEqual(expected.containers.map((c) => c.number));
      const carrierEvents = expected.events.filter((e) => e.recordedBy === "CARRIER");
      const mapped = got.events.filter((e) => e.mapped);
      expect(
        mapped.map((e) => `${e.code}/${e.eventClassifier}@${e.eventDateTime.toISOString()}`).sort(),
      ).toEqual(
        carrierEvents
          .map(
            (e) =>
              `${DCSA_OF[e.code]}/${e.classifier}@${new Date(Math.floor(e.at.getTime() / 60_000) * 60_000).toISOString()}`,
          )
          .sort(),
      );
      // Everything the table cannot map is still there, native code kept.
      for (const e of got.events.filter((x) => !x.mapped)) expect(e.nativeCode).toBe("CUSTOMS_DOCS_LODGED");
      expect(got.source).toMatchObject({ kind: "FABRIC", finality: "FINAL" });
      const released = expected.events.some((e) => e.code === "RELS");
      expect(got.release.status).toBe(
        released
          ? "RELEASED"
          : expected.events.some((e) => e.code === "HOLD")
            ? "REFUSED"
            : expected.events.some((e) => e.code === "SURR")
              ? "REQUESTED"
              : "NOT_REQUESTED",
      );
      if (released)
        expect(got.release.releasedTo?.name).toBe(PARTIES.find((p) => p.id === expected.consignee)!.name);
    }
    expect(shipments.some((s) => s!.events.some((e) => !e.mapped))).toBe(true);
  });

  it("finds shipments by booking reference and by container, and says null for unknown ones", async () => {
    const adapter = local.adapter();
    const s = local.world.shipments[2]!;
    const [byBooking, missing] = await adapter.shipmentsByBooking([s.bookingReference, "NOPE0000000"]);
    expect(byBooking?.reference).toBe(s.reference);
    expect(missing).toBeNull();
    const byContainer = await adapter.shipmentsByContainer(s.containers[0]!.number);
    expect(byContainer.map((x) => x.reference)).toContain(s.reference);
  });

  it("refuses a forged signature with the status a peer returns", async () => {
    const reader = local.network.consortium.reader;
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const contract = gatewayFor(reader, privateKey.export({ type: "pkcs8", format: "pem" }).toString())
      .getNetwork("tradelane")
      .getContract("carrier");
    const error = await contract.evaluateTransaction("ListShipments", "", "1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe(grpc.status.FAILED_PRECONDITION);
    expect((error as GatewayError).message).toMatch(
      /access denied: channel \[tradelane\] creator org \[TradegraphMSP\]/,
    );
  });

  it("refuses an unknown MSP", async () => {
    const reader = local.network.consortium.reader;
    const contract = gatewayFor(
      { mspId: "EvilMSP", certificatePem: reader.certificatePem },
      reader.privateKeyPem,
    )
      .getNetwork("tradelane")
      .getContract("carrier");
    const error = (await contract
      .evaluateTransaction("ListShipments", "", "1")
      .catch((e: unknown) => e)) as GatewayError;
    expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(error.message).toMatch(/access denied/);
  });

  it("refuses an expired certificate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tg-expired-"));
    const mspDir = join(local.dir, "msp");
    const caCertPem = readFileSync(join(mspDir, "BankMSP", "ca", "cert.pem"), "utf8");
    await issueMember(
      { mspId: "BankMSP", caCertPem, caPrivateKey: await loadCaPrivateKey(mspDir, "BankMSP") },
      "expired",
      dir,
      { notBefore: new Date("2020-01-01"), notAfter: new Date("2021-01-01") },
    );
    const contract = gatewayFor(
      { mspId: "BankMSP", certificatePem: readFileSync(join(dir, "cert.pem"), "utf8") },
      readFileSync(join(dir, "key.pem"), "utf8"),
    )
      .getNetwork("tradelane")
      .getContract("carrier");
    const error = (await contract
      .evaluateTransaction("ListShipments", "", "1")
      .catch((e: unknown) => e)) as GatewayError;
    expect(error.code).toBe(grpc.status.FAILED_PRECONDITION);
  });

  it("lets only the issuing carrier write its shipment (chaincode ACL, Fabric's endorsement error shape)", async () => {
    const s = local.world.shipments[0]!;
    const other = s.carrierScac === "MAEU" ? "COSU" : "MAEU";
    const error = (await carrierContract(other)
      .submitTransaction("SetRelease", s.reference, JSON.stringify({ status: "RELEASED" }))
      .catch((e: unknown) => e)) as GatewayError;
    expect(error.code).toBe(grpc.status.ABORTED);
    expect(error.details[0]?.message).toMatch(/chaincode response 500, access denied/);
  });

  it("commits one of two conflicting transactions and marks the other MVCC_READ_CONFLICT", async () => {
    const s = local.world.shipments[1]!;
    const contract = carrierContract(s.carrierScac);
    const a = await contract
      .newProposal("SetRelease", {
        arguments: [s.reference, JSON.stringify({ status: "RELEASE_REQUESTED" })],
      })
      .endorse();
    const b = await contract
      .newProposal("SetRelease", { arguments: [s.reference, JSON.stringify({ status: "HOLD" })] })
      .endorse();
    const [sa, sb] = await Promise.all([(await a.submit()).getStatus(), (await b.submit()).getStatus()]);
    expect([sa.code, sb.code].sort()).toEqual([0, 11]); // VALID, MVCC_READ_CONFLICT
    expect(sa.successful !== sb.successful).toBe(true);
    const winner = sa.successful ? "REQUESTED" : "REFUSED";
    const [after] = await local.adapter().shipmentsByReference([s.reference]);
    expect(after!.release.status).toBe(winner);
  });

  it("keeps every block and resumes the event checkpoint across restarts, without gaps or duplicates", async () => {
    const checkpointFile = join(mkdtempSync(join(tmpdir(), "tg-cp-")), "carrier.json");
    const first = local.adapter({ checkpointFile });
    const seen: string[] = [];
    first.onChange((c) => seen.push(c.transactionId));
    await first.start();
    // Every valid transaction with an event on the ledger so far, each once.
    const evented = new Set<string>();
    for (let n = 0; n < local.network.ledger.height; n++)
      for (const tx of local.network.ledger.block(n)!.transactions)
        if (tx.validationCode === 0 && tx.event) evented.add(tx.txId);
    await waitFor(() => new Set(seen).size === seen.length && seen.length === evented.size);
    expect(new Set(seen)).toEqual(evented);
    const before = new Set(seen);
    await first.close();

    const heightBefore = local.network.ledger.height;
    const s = local.world.shipments[3]!;
    await local.restart();
    expect(local.network.ledger.height).toBe(heightBefore);
    const [reread] = await local.adapter().shipmentsByReference([s.reference]);
    expect(reread?.reference).toBe(s.reference);

    // A new transaction while the follower is down; the restarted follower sees that one only.
    await carrierContract(s.carrierScac).submitTransaction(
      "SetRelease",
      s.reference,
      JSON.stringify({ status: "RELEASE_REQUESTED" }),
    );
    const second = local.adapter({ checkpointFile });
    const after: string[] = [];
    second.onChange((c) => after.push(c.transactionId));
    await second.start();
    await waitFor(() => after.length >= 1);
    // A marker transaction: events arrive in block order, so once its event is in, any replay of an
    // earlier transaction would be in too.
    await carrierContract(s.carrierScac).submitTransaction(
      "SetRelease",
      s.reference,
      JSON.stringify({ status: "RELEASE_REQUESTED" }),
    );
    await waitFor(() => after.length >= 2);
    expect(after).toHaveLength(2);
    expect(new Set(after).size).toBe(2);
    expect(after.some((tx) => before.has(tx))).toBe(false);
  });

  it("reports the peer being down as NETWORK_UNAVAILABLE", async () => {
    const reader = local.network.consortium.reader;
    const { createFabricAdapter } = await import("../../adapters/fabric/index.ts");
    const down = createFabricAdapter({
      endpoint: "127.0.0.1:9",
      mspId: reader.mspId,
      certificate: reader.certificatePem,
      privateKey: reader.privateKeyPem,
      evaluateTimeoutMs: 1000,
    });
    await expect(down.shipmentsByReference(["COSU1234567"])).rejects.toBeInstanceOf(NetworkUnavailableError);
    expect((await down.status()).health).toBe("DOWN");
    await down.close();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
