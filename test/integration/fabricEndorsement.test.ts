import { createHash, randomBytes, X509Certificate } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { GatewayError, type Contract, type Gateway } from "@hyperledger/fabric-gateway";
import { common, gateway, ledger as ledgerProtos, msp, peer } from "@hyperledger/fabric-protos";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectAs } from "../../networks/fabric/client.ts";
import { ensureOrg, type MemberCredentials } from "../../networks/fabric/msp.ts";
import { PLATFORM_MSP, carrierMsp } from "../../networks/fabric/orgs.ts";
import {
  buildPreparedTransaction,
  buildProposalResponsePayload,
  decodeSignedProposal,
  endorse,
  newPeerSigner,
  type PeerSigner,
} from "../../networks/fabric/transactions.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "../support/carrierNetwork.ts";

const {
  VALID,
  ENDORSEMENT_POLICY_FAILURE,
  BAD_PROPOSAL_TXID,
  INVALID_ENDORSER_TRANSACTION,
  DUPLICATE_TXID,
  PHANTOM_READ_CONFLICT,
} = peer.TxValidationCode;

interface StoredRecord {
  blNo: string;
  bookingNo: string;
  carrier: string;
  containers: { cntrNo: string }[];
  release: { status: string };
  lastTxId: string;
  updatedBy: string;
  milestones: { seq: number }[];
}

describe("the local Fabric peer validates what it commits, as a Fabric peer does", () => {
  let local: LocalCarrierNetwork;
  const connections: { close(): void }[] = [];

  beforeAll(async () => {
    local = await startLocalCarrierNetwork(8);
  });
  afterAll(async () => {
    for (const c of connections) c.close();
    await local?.close();
  });

  const gatewayOf = (member: MemberCredentials): Gateway => {
    const c = connectAs(local.network.endpoint, member);
    connections.push(c);
    return c.gateway;
  };
  const contractOf = (member: MemberCredentials): Contract =>
    gatewayOf(member).getNetwork("tradelane").getContract("carrier");
  const admin = (scac: string) => local.network.consortium.carrierAdmins.get(scac)!;
  const reader = () => contractOf(local.network.consortium.reader);
  const recordOf = async (blNo: string): Promise<StoredRecord> =>
    (
      JSON.parse(
        Buffer.from(await reader().evaluateTransaction("GetShipments", JSON.stringify([blNo]))).toString(),
      ) as StoredRecord[]
    )[0]!;
  const shipmentKey = (blNo: string) => `\u0000bl\u0000${blNo}\u0000`;

  /**
   * A prepared transaction built by hand, as an attacker would: the proposal the client made, a write set
   * of the attacker's choosing, and whatever endorsements the attacker can produce.
   */
  function forge(
    proposalBytes: Uint8Array,
    writes: { key: string; value: unknown }[],
    endorsers: PeerSigner[],
  ): Uint8Array {
    const proposal = decodeSignedProposal(
      gateway.ProposedTransaction.deserializeBinary(proposalBytes).getProposal()!,
    );
    const prp = buildProposalResponsePayload(proposal, {
      status: 200,
      message: "",
      payload: new Uint8Array(0),
      reads: [],
      rangeQueries: [],
      writes: writes.map((w) => ({
        key: w.key,
        value: Buffer.from(JSON.stringify(w.value)).toString("base64"),
      })),
      event: null,
    });
    const prepared = new gateway.PreparedTransaction();
    prepared.setTransactionId(proposal.txId);
    prepared.setEnvelope(
      buildPreparedTransaction(
        proposal,
        prp,
        endorsers.map((e) => endorse(prp, e)),
      ),
    );
    return prepared.serializeBinary();
  }

  /** The MSP ids of the endorsers in a prepared transaction. */
  function endorsersOf(preparedBytes: Uint8Array): string[] {
    const envelope = gateway.PreparedTransaction.deserializeBinary(preparedBytes).getEnvelope()!;
    const tx = peer.Transaction.deserializeBinary(
      common.Payload.deserializeBinary(envelope.getPayload_asU8()).getData_asU8(),
    );
    const action = peer.ChaincodeActionPayload.deserializeBinary(tx.getActionsList()[0]!.getPayload_asU8());
    return action
      .getAction()!
      .getEndorsementsList()
      .map((e) => msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid())
      .sort();
  }

  it("refuses at commit endorsements from certificates another CA issued in the peers' MSP names, so a member cannot bypass the chaincode", async () => {
    const victim = local.world.shipments[0]!;
    const attackerScac = victim.carrierScac === "MAEU" ? "COSU" : "MAEU";
    const attacker = gatewayOf(admin(attackerScac));
    const before = await recordOf(victim.reference);
    const released = { ...before, release: { status: "RELEASED", releasedTo: "Mallory Trading" } };
    const newProposal = () =>
      attacker
        .getNetwork("tradelane")
        .getContract("carrier")
        .newProposal("SetRelease", { arguments: [victim.reference, JSON.stringify(released.release)] });

    // Asked honestly, the chaincode refuses: only the issuing carrier writes its shipments.
    const refused = await newProposal()
      .endorse()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).details[0]?.message).toMatch(/access denied/);

    // So the attacker endorses the write itself, with peer certificates of a CA of its own that name the
    // consortium's and the victim carrier's MSP ids: both satisfy the policy's principals by name only.
    const fakeDir = mkdtempSync(join(tmpdir(), "tg-fake-msp-"));
    const fakePeer = async (mspId: string) => {
      const { members } = await ensureOrg(fakeDir, mspId, [{ name: "peer0", ou: "peer" }]);
      return newPeerSigner(mspId, members[0]!.certificatePem, members[0]!.privateKeyPem);
    };
    const forgedSigners = [await fakePeer(PLATFORM_MSP), await fakePeer(carrierMsp(victim.carrierScac))];
    const writes = [{ key: shipmentKey(victim.reference), value: released }];
    const forged = await attacker
      .newTransaction(forge(newProposal().getBytes(), writes, forgedSigners))
      .submit();
    const forgedStatus = await forged.getStatus();
    expect(forgedStatus.code).toBe(ENDORSEMENT_POLICY_FAILURE);
    expect(forgedStatus.successful).toBe(false);

    // The genuine peers' certificates with the attacker's signatures do no better.
    const realPeers = local.network.consortium.peers;
    const stolenIdentity = (mspId: string): PeerSigner => ({
      ...newPeerSigner(mspId, realPeers.get(mspId)!.certificatePem, admin(attackerScac).privateKeyPem),
    });
    const impostor = await attacker
      .newTransaction(
        forge(newProposal().getBytes(), writes, [
          stolenIdentity(PLATFORM_MSP),
          stolenIdentity(carrierMsp(victim.carrierScac)),
        ]),
      )
      .submit();
    expect((await impostor.getStatus()).code).toBe(ENDORSEMENT_POLICY_FAILURE);
    expect((await recordOf(victim.reference)).release).toEqual(before.release);

    // Control: the same hand-made write endorsed with the real peers' keys commits. The endorsement check,
    // nothing else about the forged transaction, is what stopped it (endorsers are trusted by design).
    const genuine = [PLATFORM_MSP, carrierMsp(victim.carrierScac)].map((m) =>
      newPeerSigner(m, realPeers.get(m)!.certificatePem, realPeers.get(m)!.privateKeyPem),
    );
    const endorsed = await attacker.newTransaction(forge(newProposal().getBytes(), writes, genuine)).submit();
    expect((await endorsed.getStatus()).code).toBe(VALID);
    expect((await recordOf(victim.reference)).release.status).toBe("RELEASED");
  });

  it("re-derives the transaction id at commit (BAD_PROPOSAL_TXID) and checks the proposal the endorsements are for (INVALID_ENDORSER_TRANSACTION)", async () => {
    const s = local.world.shipments[1]!;
    const client = gatewayOf(admin(s.carrierScac));
    const contract = client.getNetwork("tradelane").getContract("carrier");
    const before = await recordOf(s.reference);
    const transaction = await contract
      .newProposal("SetRelease", { arguments: [s.reference, JSON.stringify({ status: "HOLD" })] })
      .endorse();
    /** A prepared transaction with its payload edited; the client signs the edited payload. */
    const edited = (prepared: Uint8Array, edit: (payload: common.Payload) => void, txId?: string) => {
      const copy = gateway.PreparedTransaction.deserializeBinary(prepared);
      const envelope = copy.getEnvelope()!;
      const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
      edit(payload);
      envelope.setPayload(payload.serializeBinary());
      envelope.setSignature(new Uint8Array(0));
      if (txId) copy.setTransactionId(txId);
      return copy.serializeBinary();
    };

    // Another id than sha256(nonce + creator): a client could otherwise replay a transaction under a fresh id.
    const otherId = createHash("sha256").update(randomBytes(32)).digest("hex");
    const renamed = edited(
      transaction.getBytes(),
      (payload) => {
        const header = payload.getHeader()!;
        const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
        channelHeader.setTxId(otherId);
        header.setChannelHeader(channelHeader.serializeBinary());
      },
      otherId,
    );
    const renamedStatus = await (await client.newTransaction(renamed).submit()).getStatus();
    expect(renamedStatus).toMatchObject({
      code: BAD_PROPOSAL_TXID,
      successful: false,
      transactionId: otherId,
    });
    expect((await recordOf(s.reference)).release).toEqual(before.release);
    // The untouched transaction still commits.
    expect((await (await transaction.submit()).getStatus()).code).toBe(VALID);
    expect((await recordOf(s.reference)).release.status).toBe("HOLD");

    // The endorsed results with another proposal's arguments under them.
    const second = await contract
      .newProposal("SetRelease", {
        arguments: [s.reference, JSON.stringify({ status: "RELEASE_REQUESTED" })],
      })
      .endorse();
    const swapped = edited(second.getBytes(), (payload) => {
      const tx = peer.Transaction.deserializeBinary(payload.getData_asU8());
      const action = tx.getActionsList()[0]!;
      const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
      const proposalPayload = peer.ChaincodeProposalPayload.deserializeBinary(
        actionPayload.getChaincodeProposalPayload_asU8(),
      );
      const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(proposalPayload.getInput_asU8());
      invocation
        .getChaincodeSpec()!
        .getInput()!
        .setArgsList([
          Buffer.from("SetRelease"),
          Buffer.from(s.reference),
          Buffer.from('{"status":"RELEASED"}'),
        ]);
      proposalPayload.setInput(invocation.serializeBinary());
      actionPayload.setChaincodeProposalPayload(proposalPayload.serializeBinary());
      action.setPayload(actionPayload.serializeBinary());
      payload.setData(tx.serializeBinary());
    });
    const swappedStatus = await (await client.newTransaction(swapped).submit()).getStatus();
    expect(swappedStatus.code).toBe(INVALID_ENDORSER_TRANSACTION);
    expect((await recordOf(s.reference)).release.status).toBe("HOLD");
    // Its id is spent all the same: the genuine transaction under it commits as a duplicate, writes
    // nothing, and the id's status stays that of its first commit.
    const height = local.network.ledger.height;
    expect((await (await second.submit()).getStatus()).code).toBe(INVALID_ENDORSER_TRANSACTION);
    await vi.waitFor(() => expect(local.network.ledger.height).toBeGreaterThan(height));
    const last = local.network.ledger.block(local.network.ledger.height - 1)!.transactions.at(-1)!;
    expect(last).toMatchObject({ txId: second.getTransactionId(), validationCode: DUPLICATE_TXID });
    expect((await recordOf(s.reference)).release.status).toBe("HOLD");
  });

  it("collects endorsements for the policy, or from exactly the organisations the client names (endorsingOrganizations)", async () => {
    expect(local.network.endorsementPolicy).toMatch(/^AND\('TradegraphMSP\.peer', OR\('COSUMSP\.peer'/);
    const s = local.world.shipments[2]!;
    const own = carrierMsp(s.carrierScac);
    const contract = contractOf(admin(s.carrierScac));
    const proposal = (status: string, endorsingOrganizations?: string[]) =>
      contract.newProposal("SetRelease", {
        arguments: [s.reference, JSON.stringify({ status })],
        ...(endorsingOrganizations ? { endorsingOrganizations } : {}),
      });

    // Left to the gateway: its own organisation and the submitter's, which the policy accepts.
    const planned = await proposal("RELEASE_REQUESTED").endorse();
    expect(endorsersOf(planned.getBytes())).toEqual([own, PLATFORM_MSP].sort());
    expect((await (await planned.submit()).getStatus()).code).toBe(VALID);

    // Named by the client, who then answers for the policy: the carrier alone does not satisfy it.
    const alone = await proposal("HOLD", [own]).endorse();
    expect(endorsersOf(alone.getBytes())).toEqual([own]);
    const aloneStatus = await (await alone.submit()).getStatus();
    expect(aloneStatus.code).toBe(ENDORSEMENT_POLICY_FAILURE);
    expect((await recordOf(s.reference)).release.status).toBe("RELEASE_REQUESTED");

    const both = await proposal("RELEASED", [own, PLATFORM_MSP]).endorse();
    expect(endorsersOf(both.getBytes())).toEqual([own, PLATFORM_MSP].sort());
    expect((await (await both.submit()).getStatus()).code).toBe(VALID);

    const unknown = await proposal("HOLD", [own, "NoSuchMSP"])
      .endorse()
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(GatewayError);
    expect((unknown as GatewayError).code).toBe(grpc.status.UNAVAILABLE);
    expect((unknown as GatewayError).message).toContain(
      "failed to find any endorsing peers for org(s): NoSuchMSP",
    );
  });

  it("records range reads and refuses a transaction whose range gained a key before it committed (PHANTOM_READ_CONFLICT)", async () => {
    const s = local.world.shipments[3]!;
    const container = s.containers[0]!.number;
    const contract = contractOf(admin(s.carrierScac));
    const query = await contract.newProposal("GetShipmentsByContainer", { arguments: [container] }).endorse();
    const envelope = gateway.PreparedTransaction.deserializeBinary(query.getBytes()).getEnvelope()!;
    const tx = peer.Transaction.deserializeBinary(
      common.Payload.deserializeBinary(envelope.getPayload_asU8()).getData_asU8(),
    );
    const action = peer.ChaincodeAction.deserializeBinary(
      peer.ProposalResponsePayload.deserializeBinary(
        peer.ChaincodeActionPayload.deserializeBinary(tx.getActionsList()[0]!.getPayload_asU8())
          .getAction()!
          .getProposalResponsePayload_asU8(),
      ).getExtension_asU8(),
    );
    const rwset = ledgerProtos.rwset.TxReadWriteSet.deserializeBinary(action.getResults_asU8());
    const kv = ledgerProtos.rwset.kvrwset.KVRWSet.deserializeBinary(
      rwset.getNsRwsetList()[0]!.getRwset_asU8(),
    );
    const [range] = kv.getRangeQueriesInfoList();
    const prefix = `\u0000cntr\u0000${container}\u0000`;
    expect(range?.getStartKey()).toBe(prefix);
    expect(range?.getEndKey()).toBe(`${prefix}\u{10FFFF}`);
    expect(range?.getItrExhausted()).toBe(true);
    expect(
      range
        ?.getRawReads()
        ?.getKvReadsList()
        .map((r) => r.getKey()),
    ).toContain(`${prefix}${s.reference}\u0000`);

    // Another shipment in the same container commits first: the range the query read is no longer what it was.
    const before = await recordOf(s.reference);
    const newBl = `${s.reference.slice(0, 4)}9${s.reference.slice(5)}`;
    const { lastTxId: _t, updatedBy: _u, milestones: _m, ...fields } = before;
    await contract.submitTransaction(
      "CreateShipment",
      JSON.stringify({ ...fields, blNo: newBl, bookingNo: `${before.bookingNo}X`, milestones: [] }),
    );
    expect((await (await query.submit()).getStatus()).code).toBe(PHANTOM_READ_CONFLICT);

    // A range nothing touched still commits.
    const other = local.world.shipments.find((x) => x.carrierScac !== s.carrierScac)!.containers[0]!.number;
    const untouched = await contract.newProposal("GetShipmentsByContainer", { arguments: [other] }).endorse();
    expect((await (await untouched.submit()).getStatus()).code).toBe(VALID);
  });

  it("returns history newest first and names writers as fabric-shim's ClientIdentity.getID() does", async () => {
    const s = local.world.shipments[4]!;
    const carrierAdmin = admin(s.carrierScac);
    const contract = contractOf(carrierAdmin);
    const milestones = await contract.newProposal("AddMilestones", {
      arguments: [
        s.reference,
        JSON.stringify([
          {
            seq: 900,
            status: "VESSEL_ARRIVED",
            kind: "ESTIMATED",
            portName: "SHANGHAI",
            localTime: "2026-12-01 08:00",
            recordedLocalTime: "2026-11-20 08:00",
          },
        ]),
      ],
    });
    const first = await (await milestones.endorse()).submit();
    await first.getStatus();
    const release = await (
      await contract
        .newProposal("SetRelease", {
          arguments: [s.reference, JSON.stringify({ status: "RELEASE_REQUESTED" })],
        })
        .endorse()
    ).submit();
    await release.getStatus();
    const history = JSON.parse(
      Buffer.from(await contract.evaluateTransaction("GetShipmentHistory", s.reference)).toString(),
    ) as { txId: string; timestamp: string; record: StoredRecord }[];
    expect(history.slice(0, 2).map((h) => h.txId)).toEqual([
      release.getTransactionId(),
      first.getTransactionId(),
    ]);
    const times = history.map((h) => Date.parse(h.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(history.at(-1)!.record.lastTxId).toBe(history.at(-1)!.txId); // the oldest is the create

    // x509::<subject DN>::<issuer DN>, each attribute as /SHORTNAME=value in certificate order.
    const certificate = new X509Certificate(carrierAdmin.certificatePem);
    const dn = (name: string) =>
      name
        .split("\n")
        .map((a) => `/${a}`)
        .join("");
    expect(history[0]!.record.updatedBy).toBe(`x509::${dn(certificate.subject)}::${dn(certificate.issuer)}`);
    expect(history[0]!.record.updatedBy).toMatch(
      /^x509::\/CN=admin\/OU=client\/O=\w+MSP::\/CN=ca\.\w+msp\.tradegraph\.example\/O=\w+MSP$/,
    );
  });

  it("exposes only the contract's transactions: its helpers cannot be invoked, and write nothing", async () => {
    const s = local.world.shipments[5]!;
    const contract = contractOf(admin(s.carrierScac));
    const keys = local.network.ledger.range("", "").length;
    const height = local.network.ledger.height;
    for (const helper of ["create", "addMilestones", "setRelease", "read", "load", "touch", "firstIndexed"]) {
      const error = (await contract
        .evaluateTransaction(helper, JSON.stringify({ blNo: s.reference }))
        .catch((e: unknown) => e)) as GatewayError;
      expect(error).toBeInstanceOf(GatewayError);
      expect(error.message).toContain(`You've asked to invoke a function that does not exist: ${helper}`);
    }
    const submitted = await contract
      .submitTransaction("touch", JSON.stringify({ blNo: s.reference, carrier: s.carrierScac }))
      .catch((e: unknown) => e);
    expect(submitted).toBeInstanceOf(GatewayError);
    expect(local.network.ledger.range("", "")).toHaveLength(keys);
    expect(local.network.ledger.height).toBe(height);
  });
});
