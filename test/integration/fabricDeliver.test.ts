import { createHash, createPrivateKey, verify, X509Certificate } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { checkpointers, connect, hash, signers, type Gateway } from "@hyperledger/fabric-gateway";
import { common, msp, peer } from "@hyperledger/fabric-protos";
import * as asn1js from "asn1js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connectAs, tlsCertificateHash } from "../../networks/fabric/client.ts";
import { ensureOrg } from "../../networks/fabric/msp.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "../support/carrierNetwork.ts";

const POLICY = "OutOf(2, 'TradegraphMSP.peer', 'PortMSP.peer', 'BankMSP.peer')";

/** Fabric's block header hash, computed here with an ASN.1 library rather than the peer's own encoder. */
function headerHash(header: common.BlockHeader): Buffer {
  const der = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: header.getNumber() }),
      new asn1js.OctetString({ valueHex: header.getPreviousHash_asU8() }),
      new asn1js.OctetString({ valueHex: header.getDataHash_asU8() }),
    ],
  }).toBER();
  return createHash("sha256").update(Buffer.from(der)).digest();
}

/** The MSP ids that endorsed an envelope. */
function endorsersOf(envelopeBytes: Uint8Array): string[] {
  const envelope = common.Envelope.deserializeBinary(envelopeBytes);
  const tx = peer.Transaction.deserializeBinary(
    common.Payload.deserializeBinary(envelope.getPayload_asU8()).getData_asU8(),
  );
  return peer.ChaincodeActionPayload.deserializeBinary(tx.getActionsList()[0]!.getPayload_asU8())
    .getAction()!
    .getEndorsementsList()
    .map((e) => msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid());
}

describe("the carrier network's Deliver service and mutual TLS, through the real Gateway client", () => {
  let local: LocalCarrierNetwork;
  const closers: (() => void)[] = [];

  beforeAll(async () => {
    local = await startLocalCarrierNetwork(
      6,
      undefined,
      undefined,
      {},
      { tls: true, endorsementPolicy: POLICY },
    );
  });
  afterAll(async () => {
    for (const close of closers) close();
    await local?.close();
  });

  const readerGateway = (): Gateway => {
    const c = connectAs(local.network.endpoint, local.network.consortium.reader, local.clientTls("reader"));
    closers.push(c.close);
    return c.gateway;
  };
  const carrierContract = (scac: string) => {
    const c = connectAs(
      local.network.endpoint,
      local.network.consortium.carrierAdmins.get(scac)!,
      local.clientTls("seeder"),
    );
    closers.push(c.close);
    return c.gateway.getNetwork("tradelane").getContract("carrier");
  };

  it("serves every block hash-chained as Fabric's, with its envelopes, validation codes and orderer signature, and resumes from a file checkpointer", async () => {
    const network = readerGateway().getNetwork("tradelane");
    const checkpointFile = join(mkdtempSync(join(tmpdir(), "tg-blocks-")), "checkpoint.json");
    const height = local.network.ledger.height;
    const seen: common.Block[] = [];
    {
      const checkpointer = await checkpointers.file(checkpointFile);
      const events = await network.getBlockEvents({ checkpoint: checkpointer, startBlock: 0n });
      for await (const block of events) {
        seen.push(block);
        await checkpointer.checkpointBlock(BigInt(block.getHeader()!.getNumber()));
        if (block.getHeader()!.getNumber() === height - 1) break;
      }
      events.close();
    }
    expect(seen.map((b) => b.getHeader()!.getNumber())).toEqual(Array.from({ length: height }, (_, i) => i));
    for (const [i, block] of seen.entries()) {
      const header = block.getHeader()!;
      const data = block.getData()!.getDataList_asU8();
      expect(Buffer.from(header.getDataHash_asU8())).toEqual(
        createHash("sha256").update(Buffer.concat(data)).digest(),
      );
      if (i > 0)
        expect(Buffer.from(header.getPreviousHash_asU8())).toEqual(headerHash(seen[i - 1]!.getHeader()!));
      const metadata = block.getMetadata()!.getMetadataList_asU8();
      const stored = local.network.ledger.block(i)!;
      expect([...metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER]!]).toEqual(
        stored.transactions.map((t) => t.validationCode),
      );
      // The orderer signed value || signature header || header, as Fabric's block signature is checked.
      const signatures = common.Metadata.deserializeBinary(metadata[common.BlockMetadataIndex.SIGNATURES]!);
      const signature = signatures.getSignaturesList()[0]!;
      const creator = msp.SerializedIdentity.deserializeBinary(
        common.SignatureHeader.deserializeBinary(signature.getSignatureHeader_asU8()).getCreator_asU8(),
      );
      const ordererCertificate = new X509Certificate(Buffer.from(creator.getIdBytes_asU8()));
      const headerDer = new asn1js.Sequence({
        value: [
          new asn1js.Integer({ value: header.getNumber() }),
          new asn1js.OctetString({ valueHex: header.getPreviousHash_asU8() }),
          new asn1js.OctetString({ valueHex: header.getDataHash_asU8() }),
        ],
      }).toBER();
      expect(
        verify(
          "sha256",
          Buffer.concat([
            signatures.getValue_asU8(),
            signature.getSignatureHeader_asU8(),
            Buffer.from(headerDer),
          ]),
          ordererCertificate.publicKey,
          signature.getSignature_asU8(),
        ),
      ).toBe(true);
      // Every envelope is the client-signed transaction, endorsed as the configured policy asks.
      for (const envelope of data) {
        const endorsers = endorsersOf(envelope);
        expect(
          endorsers.filter((m) => ["TradegraphMSP", "PortMSP", "BankMSP"].includes(m)).length,
        ).toBeGreaterThanOrEqual(2);
      }
    }

    // Two more transactions; the checkpointer picks up after the last block it recorded.
    const s = local.world.shipments[0]!;
    const contract = carrierContract(s.carrierScac);
    const first = await (
      await contract
        .newProposal("SetRelease", { arguments: [s.reference, JSON.stringify({ status: "HOLD" })] })
        .endorse()
    ).submit();
    const second = await (
      await contract
        .newProposal("SetRelease", { arguments: [s.reference, JSON.stringify({ status: "RELEASED" })] })
        .endorse()
    ).submit();
    const [firstStatus, secondStatus] = [await first.getStatus(), await second.getStatus()];
    const checkpointer = await checkpointers.file(checkpointFile);
    expect(checkpointer.getBlockNumber()).toBe(BigInt(height));
    const events = await network.getBlockEvents({ checkpoint: checkpointer, startBlock: 0n });
    const resumed: common.Block[] = [];
    for await (const block of events) {
      resumed.push(block);
      if (BigInt(block.getHeader()!.getNumber()) === secondStatus.blockNumber) break;
    }
    events.close();
    expect(resumed[0]!.getHeader()!.getNumber()).toBe(height);
    expect(resumed.map((b) => b.getHeader()!.getNumber())).toEqual(
      Array.from({ length: resumed.length }, (_, i) => height + i),
    );
    for (const status of [firstStatus, secondStatus]) {
      const block = resumed.find((b) => BigInt(b.getHeader()!.getNumber()) === status.blockNumber)!;
      const ids = block
        .getData()!
        .getDataList_asU8()
        .map((e) =>
          common.ChannelHeader.deserializeBinary(
            common.Payload.deserializeBinary(common.Envelope.deserializeBinary(e).getPayload_asU8())
              .getHeader()!
              .getChannelHeader_asU8(),
          ).getTxId(),
        );
      const at = ids.indexOf(status.transactionId);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(
        block.getMetadata()!.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER]![at],
      ).toBe(status.code);
    }
  });

  it("resumes chaincode events from a file checkpointer in the middle of a block, after the last event it recorded", async () => {
    const network = readerGateway().getNetwork("tradelane");
    // A block with several evented transactions (seeding commits them concurrently).
    let busy = -1;
    for (let n = 1; n < local.network.ledger.height && busy < 0; n++)
      if (
        local.network.ledger.block(n)!.transactions.filter((t) => t.validationCode === 0 && t.event).length >=
        2
      )
        busy = n;
    expect(busy).toBeGreaterThan(0);
    const expected = local.network.ledger
      .block(busy)!
      .transactions.filter((t) => t.validationCode === 0 && t.event)
      .map((t) => t.txId);
    const file = join(mkdtempSync(join(tmpdir(), "tg-ccevents-")), "checkpoint.json");
    const first = await checkpointers.file(file);
    const events = await network.getChaincodeEvents("carrier", {
      checkpoint: first,
      startBlock: BigInt(busy),
    });
    for await (const event of events) {
      expect(event.transactionId).toBe(expected[0]);
      await first.checkpointChaincodeEvent(event);
      break;
    }
    events.close();
    const resumed = await network.getChaincodeEvents("carrier", {
      checkpoint: await checkpointers.file(file),
    });
    const rest: string[] = [];
    for await (const event of resumed) {
      rest.push(event.transactionId);
      if (rest.length === expected.length - 1) break;
    }
    resumed.close();
    expect(rest).toEqual(expected.slice(1));
  });

  it("serves filtered blocks: each transaction's id, validation code and event name, no payloads", async () => {
    const network = readerGateway().getNetwork("tradelane");
    const events = await network.getFilteredBlockEvents({ startBlock: 1n });
    const filtered: peer.FilteredBlock[] = [];
    for await (const block of events) {
      filtered.push(block);
      if (block.getNumber() === 3) break;
    }
    events.close();
    for (const block of filtered) {
      const stored = local.network.ledger.block(block.getNumber())!;
      expect(block.getChannelId()).toBe("tradelane");
      expect(
        block
          .getFilteredTransactionsList()
          .map((t) => [
            t.getTxid(),
            t.getTxValidationCode(),
            t.getTransactionActions()?.getChaincodeActionsList()[0]?.getChaincodeEvent()?.getEventName() ??
              null,
          ]),
      ).toEqual(stored.transactions.map((t) => [t.txId, t.validationCode, t.event?.eventName ?? null]));
      for (const t of block.getFilteredTransactionsList())
        for (const a of t.getTransactionActions()?.getChaincodeActionsList() ?? [])
          expect(a.getChaincodeEvent()?.getPayload_asU8()).toHaveLength(0);
    }
  });

  it("requires mutual TLS: no client certificate, another CA's, or plaintext are refused; the adapter's TLS options read and follow", async () => {
    const tls = local.clientTls("reader")!;
    const reader = local.network.consortium.reader;
    const tryEvaluate = async (credentials: grpc.ChannelCredentials) => {
      const client = new grpc.Client(local.network.endpoint, credentials);
      const gateway = connect({
        client,
        identity: { mspId: reader.mspId, credentials: Buffer.from(reader.certificatePem) },
        signer: signers.newPrivateKeySigner(createPrivateKey(reader.privateKeyPem)),
        hash: hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + 3000 }),
      });
      try {
        return await gateway
          .getNetwork("tradelane")
          .getContract("carrier")
          .evaluateTransaction("ListShipments", "", "1")
          .then(
            () => "answered",
            (e: { code?: number }) => e.code,
          );
      } finally {
        gateway.close();
        client.close();
      }
    };
    expect(await tryEvaluate(grpc.credentials.createSsl(Buffer.from(tls.caCertificatePem)))).toBe(
      grpc.status.UNAVAILABLE,
    );
    expect(await tryEvaluate(grpc.credentials.createInsecure())).toBe(grpc.status.UNAVAILABLE);
    const strangerDir = mkdtempSync(join(tmpdir(), "tg-stranger-"));
    const { org, members } = await ensureOrg(strangerDir, "TlsStranger", ["client"]);
    expect(
      await tryEvaluate(
        grpc.credentials.createSsl(
          Buffer.from(tls.caCertificatePem),
          Buffer.from(members[0]!.privateKeyPem),
          Buffer.from(members[0]!.certificatePem),
        ),
      ),
    ).toBe(grpc.status.UNAVAILABLE);
    expect(org.mspId).toBe("TlsStranger");
    expect(
      await tryEvaluate(
        grpc.credentials.createSsl(
          Buffer.from(tls.caCertificatePem),
          Buffer.from(tls.clientKeyPem!),
          Buffer.from(tls.clientCertificatePem!),
        ),
      ),
    ).toBe("answered");

    // The adapter, configured as the subgraph configures it from FABRIC_TLS_CA_PATH and
    // FABRIC_TLS_CLIENT_CERT_PATH / FABRIC_TLS_CLIENT_KEY_PATH, reads and follows over mutual TLS.
    const adapter = local.adapter();
    expect(adapter.options.tlsClientCertificate).toBe(tls.clientCertificatePem);
    const [record] = await adapter.shipmentsByReference([local.world.shipments[1]!.reference]);
    expect(record?.reference).toBe(local.world.shipments[1]!.reference);
    const changes: string[] = [];
    adapter.onChange((c) => changes.push(c.transactionId));
    await adapter.start();
    await vi.waitFor(() => expect(changes.length).toBeGreaterThan(0), { timeout: 10_000 });
    expect((await adapter.status()).health).toBe("UP");
  });

  it("refuses a block request bound to another TLS certificate (BAD_REQUEST) or from a stranger identity (FORBIDDEN)", async () => {
    const tls = local.clientTls("reader")!;
    const open = async (
      member: { mspId: string; certificatePem: string; privateKeyPem: string },
      boundTo: string,
    ) => {
      const client = new grpc.Client(
        local.network.endpoint,
        grpc.credentials.createSsl(
          Buffer.from(tls.caCertificatePem),
          Buffer.from(tls.clientKeyPem!),
          Buffer.from(tls.clientCertificatePem!),
        ),
      );
      const gateway = connect({
        client,
        identity: { mspId: member.mspId, credentials: Buffer.from(member.certificatePem) },
        signer: signers.newPrivateKeySigner(createPrivateKey(member.privateKeyPem)),
        hash: hash.sha256,
        tlsClientCertificateHash: tlsCertificateHash(boundTo),
      });
      closers.push(() => {
        gateway.close();
        client.close();
      });
      const events = await gateway.getNetwork("tradelane").getBlockEvents({ startBlock: 0n });
      try {
        for await (const block of events) return `block ${block.getHeader()!.getNumber()}`;
        return "ended";
      } catch (error) {
        return (error as Error).message;
      } finally {
        events.close();
      }
    };
    const reader = local.network.consortium.reader;
    expect(await open(reader, tls.clientCertificatePem!)).toBe("block 0");
    expect(await open(reader, local.clientTls("seeder")!.clientCertificatePem!)).toMatch(
      new RegExp(`Unexpected status response: ${common.Status.BAD_REQUEST}`),
    );
    const { members } = await ensureOrg(mkdtempSync(join(tmpdir(), "tg-outsider-")), "TradegraphMSP", [
      "reader",
    ]);
    expect(await open(members[0]!, tls.clientCertificatePem!)).toMatch(
      new RegExp(`Unexpected status response: ${common.Status.FORBIDDEN}`),
    );
  });
});
