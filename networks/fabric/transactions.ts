import { createHash, createPrivateKey, sign, type KeyObject } from "node:crypto";
import { common, ledger as ledgerProtos, msp, peer } from "@hyperledger/fabric-protos";
import type { ReadRecord, WriteRecord } from "./ledger.ts";

/** What a signed proposal asks for, decoded layer by layer (Proposal -> Header -> ... -> invocation). */
export interface DecodedProposal {
  proposalBytes: Uint8Array;
  signature: Uint8Array;
  header: common.Header;
  headerBytes: Uint8Array;
  payloadBytes: Uint8Array;
  channelId: string;
  txId: string;
  timestamp: Date;
  creator: Uint8Array;
  nonce: Uint8Array;
  chaincodeId: string;
  fn: string;
  args: string[];
}

export class MalformedProposal extends Error {}

export function decodeSignedProposal(signed: peer.SignedProposal): DecodedProposal {
  try {
    const proposalBytes = signed.getProposalBytes_asU8();
    const proposal = peer.Proposal.deserializeBinary(proposalBytes);
    const headerBytes = proposal.getHeader_asU8();
    const header = common.Header.deserializeBinary(headerBytes);
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
    const payloadBytes = proposal.getPayload_asU8();
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(payloadBytes);
    const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
    const spec = invocation.getChaincodeSpec();
    const args = spec?.getInput()?.getArgsList_asU8() ?? [];
    const ts = channelHeader.getTimestamp();
    return {
      proposalBytes,
      signature: signed.getSignature_asU8(),
      header,
      headerBytes,
      payloadBytes,
      channelId: channelHeader.getChannelId(),
      txId: channelHeader.getTxId(),
      timestamp: ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : new Date(),
      creator: signatureHeader.getCreator_asU8(),
      nonce: signatureHeader.getNonce_asU8(),
      chaincodeId: spec?.getChaincodeId()?.getName() ?? "",
      fn: args[0] ? Buffer.from(args[0]).toString() : "",
      args: args.slice(1).map((a) => Buffer.from(a).toString()),
    };
  } catch (error) {
    throw new MalformedProposal(`malformed proposal: ${(error as Error).message}`);
  }
}

/** Fabric derives the transaction id from the nonce and creator, so a client cannot reuse another's. */
export function expectedTxId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash("sha256").update(nonce).update(creator).digest("hex");
}

export interface PeerSigner {
  mspId: string;
  serializedIdentity: Uint8Array;
  key: KeyObject;
}

export function newPeerSigner(mspId: string, certificatePem: string, privateKeyPem: string): PeerSigner {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(mspId);
  identity.setIdBytes(Buffer.from(certificatePem));
  return { mspId, serializedIdentity: identity.serializeBinary(), key: createPrivateKey(privateKeyPem) };
}

export interface SimulationResult {
  status: number;
  message: string;
  payload: Uint8Array;
  reads: ReadRecord[];
  writes: WriteRecord[];
  event: { name: string; payload: Uint8Array } | null;
}

/**
 * Builds the prepared transaction envelope the Gateway's Endorse returns: the endorsed chaincode action
 * (read/write set as `ledger.rwset` protos, event, response) signed by this peer, wrapped as
 * Transaction -> Payload -> Envelope for the client to sign and Submit.
 */
export function buildPreparedTransaction(
  proposal: DecodedProposal,
  result: SimulationResult,
  endorser: PeerSigner,
): common.Envelope {
  const kv = new ledgerProtos.rwset.kvrwset.KVRWSet();
  kv.setReadsList(
    result.reads.map((r) => {
      const read = new ledgerProtos.rwset.kvrwset.KVRead();
      read.setKey(r.key);
      if (r.version) {
        const version = new ledgerProtos.rwset.kvrwset.Version();
        version.setBlockNum(r.version.block);
        version.setTxNum(r.version.tx);
        read.setVersion(version);
      }
      return read;
    }),
  );
  kv.setWritesList(
    result.writes.map((w) => {
      const write = new ledgerProtos.rwset.kvrwset.KVWrite();
      write.setKey(w.key);
      write.setIsDelete(w.value === null);
      if (w.value !== null) write.setValue(Buffer.from(w.value, "base64"));
      return write;
    }),
  );
  const ns = new ledgerProtos.rwset.NsReadWriteSet();
  ns.setNamespace(proposal.chaincodeId);
  ns.setRwset(kv.serializeBinary());
  const txRwSet = new ledgerProtos.rwset.TxReadWriteSet();
  txRwSet.setDataModel(ledgerProtos.rwset.TxReadWriteSet.DataModel.KV);
  txRwSet.setNsRwsetList([ns]);

  const response = new peer.Response();
  response.setStatus(result.status);
  response.setMessage(result.message);
  response.setPayload(result.payload);
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(proposal.chaincodeId);
  const action = new peer.ChaincodeAction();
  action.setResults(txRwSet.serializeBinary());
  if (result.event) {
    const event = new peer.ChaincodeEvent();
    event.setChaincodeId(proposal.chaincodeId);
    event.setTxId(proposal.txId);
    event.setEventName(result.event.name);
    event.setPayload(result.event.payload);
    action.setEvents(event.serializeBinary());
  }
  action.setResponse(response);
  action.setChaincodeId(chaincodeId);

  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setProposalHash(
    createHash("sha256").update(proposal.headerBytes).update(proposal.payloadBytes).digest(),
  );
  responsePayload.setExtension$(action.serializeBinary());
  const responsePayloadBytes = responsePayload.serializeBinary();

  const endorsement = new peer.Endorsement();
  endorsement.setEndorser(endorser.serializedIdentity);
  endorsement.setSignature(
    sign("sha256", Buffer.concat([responsePayloadBytes, endorser.serializedIdentity]), endorser.key),
  );
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(responsePayloadBytes);
  endorsed.setEndorsementsList([endorsement]);
  const actionPayload = new peer.ChaincodeActionPayload();
  // Transient data never goes on the ledger; this peer takes none, so the payload is kept as proposed.
  actionPayload.setChaincodeProposalPayload(proposal.payloadBytes);
  actionPayload.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setHeader(proposal.header.getSignatureHeader_asU8());
  txAction.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([txAction]);
  const payload = new common.Payload();
  payload.setHeader(proposal.header);
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope;
}

/** What Submit needs from a signed envelope, read back from the protos (not from memory). */
export interface DecodedEnvelope {
  txId: string;
  channelId: string;
  timestamp: Date;
  creator: Uint8Array;
  payloadBytes: Uint8Array;
  signature: Uint8Array;
  chaincodeId: string;
  reads: ReadRecord[];
  writes: WriteRecord[];
  event: { name: string; payload: Uint8Array } | null;
  endorsements: { endorser: Uint8Array; signature: Uint8Array; signedBytes: Uint8Array }[];
}

export function decodeEnvelope(envelope: common.Envelope): DecodedEnvelope {
  const payloadBytes = envelope.getPayload_asU8();
  const payload = common.Payload.deserializeBinary(payloadBytes);
  const header = payload.getHeader();
  if (!header) throw new MalformedProposal("envelope has no header");
  const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
  const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const txAction = transaction.getActionsList()[0];
  if (!txAction) throw new MalformedProposal("transaction has no action");
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(txAction.getPayload_asU8());
  const endorsed = actionPayload.getAction();
  if (!endorsed) throw new MalformedProposal("transaction has no endorsed action");
  const prpBytes = endorsed.getProposalResponsePayload_asU8();
  const prp = peer.ProposalResponsePayload.deserializeBinary(prpBytes);
  const action = peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8());
  const rwset = ledgerProtos.rwset.TxReadWriteSet.deserializeBinary(action.getResults_asU8());
  const reads: ReadRecord[] = [];
  const writes: WriteRecord[] = [];
  for (const ns of rwset.getNsRwsetList()) {
    const kv = ledgerProtos.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    for (const r of kv.getReadsList()) {
      const v = r.getVersion();
      reads.push({ key: r.getKey(), version: v ? { block: v.getBlockNum(), tx: v.getTxNum() } : null });
    }
    for (const w of kv.getWritesList())
      writes.push({
        key: w.getKey(),
        value: w.getIsDelete() ? null : Buffer.from(w.getValue_asU8()).toString("base64"),
      });
  }
  const eventBytes = action.getEvents_asU8();
  let event: DecodedEnvelope["event"] = null;
  if (eventBytes.length > 0) {
    const e = peer.ChaincodeEvent.deserializeBinary(eventBytes);
    event = { name: e.getEventName(), payload: e.getPayload_asU8() };
  }
  const ts = channelHeader.getTimestamp();
  return {
    txId: channelHeader.getTxId(),
    channelId: channelHeader.getChannelId(),
    timestamp: ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : new Date(),
    creator: signatureHeader.getCreator_asU8(),
    payloadBytes,
    signature: envelope.getSignature_asU8(),
    chaincodeId: action.getChaincodeId()?.getName() ?? "",
    reads,
    writes,
    event,
    endorsements: endorsed.getEndorsementsList().map((e) => ({
      endorser: e.getEndorser_asU8(),
      signature: e.getSignature_asU8(),
      signedBytes: Buffer.concat([prpBytes, e.getEndorser_asU8()]),
    })),
  };
}
