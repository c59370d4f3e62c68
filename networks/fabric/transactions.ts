import { createHash, createPrivateKey, type KeyObject } from "node:crypto";
import { common, ledger as ledgerProtos, msp, peer } from "@hyperledger/fabric-protos";
import { signLowS } from "./ecdsa.ts";
import type { RangeQueryRecord, ReadRecord, WriteRecord } from "./ledger.ts";

/** What a signed proposal asks for, decoded layer by layer (Proposal -> Header -> ... -> invocation). */
export interface DecodedProposal {
  signed: peer.SignedProposal;
  proposalBytes: Uint8Array;
  signature: Uint8Array;
  header: common.Header;
  channelHeaderBytes: Uint8Array;
  signatureHeaderBytes: Uint8Array;
  channelId: string;
  txId: string;
  timestamp: Date;
  creator: Uint8Array;
  nonce: Uint8Array;
  chaincodeId: string;
  /** The invocation's `ChaincodeInput` as the chaincode receives it (function name first). */
  input: peer.ChaincodeInput;
  fn: string;
  args: string[];
  /**
   * The proposal payload without its transient map, as it goes into the transaction (transient data
   * never reaches the ledger), and the proposal hash over it (protoutil.GetProposalHash1).
   */
  transactionPayloadBytes: Uint8Array;
  proposalHash: Buffer;
}

export class MalformedProposal extends Error {}

export function decodeSignedProposal(signed: peer.SignedProposal): DecodedProposal {
  try {
    const proposalBytes = signed.getProposalBytes_asU8();
    const proposal = peer.Proposal.deserializeBinary(proposalBytes);
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const channelHeaderBytes = header.getChannelHeader_asU8();
    const signatureHeaderBytes = header.getSignatureHeader_asU8();
    const channelHeader = common.ChannelHeader.deserializeBinary(channelHeaderBytes);
    const signatureHeader = common.SignatureHeader.deserializeBinary(signatureHeaderBytes);
    const payload = peer.ChaincodeProposalPayload.deserializeBinary(proposal.getPayload_asU8());
    const invocation = peer.ChaincodeInvocationSpec.deserializeBinary(payload.getInput_asU8());
    const spec = invocation.getChaincodeSpec();
    const input = spec?.getInput() ?? new peer.ChaincodeInput();
    const args = input.getArgsList_asU8();
    const withoutTransient = new peer.ChaincodeProposalPayload();
    withoutTransient.setInput(payload.getInput_asU8());
    const transactionPayloadBytes = withoutTransient.serializeBinary();
    const ts = channelHeader.getTimestamp();
    return {
      signed,
      proposalBytes,
      signature: signed.getSignature_asU8(),
      header,
      channelHeaderBytes,
      signatureHeaderBytes,
      channelId: channelHeader.getChannelId(),
      txId: channelHeader.getTxId(),
      timestamp: ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : new Date(),
      creator: signatureHeader.getCreator_asU8(),
      nonce: signatureHeader.getNonce_asU8(),
      chaincodeId: spec?.getChaincodeId()?.getName() ?? "",
      input,
      fn: args[0] ? Buffer.from(args[0]).toString() : "",
      args: args.slice(1).map((a) => Buffer.from(a).toString()),
      transactionPayloadBytes,
      proposalHash: proposalHash(channelHeaderBytes, signatureHeaderBytes, transactionPayloadBytes),
    };
  } catch (error) {
    throw new MalformedProposal(`malformed proposal: ${(error as Error).message}`);
  }
}

/** Fabric derives the transaction id from the nonce and creator (protoutil.ComputeTxID), so a client cannot reuse another's. */
export function expectedTxId(nonce: Uint8Array, creator: Uint8Array): string {
  return createHash("sha256").update(nonce).update(creator).digest("hex");
}

/** sha256(channel header || signature header || proposal payload), protoutil.GetProposalHash1/2. */
function proposalHash(channelHeader: Uint8Array, signatureHeader: Uint8Array, payload: Uint8Array): Buffer {
  return createHash("sha256").update(channelHeader).update(signatureHeader).update(payload).digest();
}

/** A node's signing identity: its serialized identity (MSP id + certificate) and key. */
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
  rangeQueries: RangeQueryRecord[];
  writes: WriteRecord[];
  event: { name: string; payload: Uint8Array } | null;
}

/** The read/write set as `ledger.rwset` protos: reads, range query infos with raw reads, writes. */
function encodeRwSet(namespace: string, result: SimulationResult): Uint8Array {
  const kvRead = (r: ReadRecord) => {
    const read = new ledgerProtos.rwset.kvrwset.KVRead();
    read.setKey(r.key);
    if (r.version) {
      const version = new ledgerProtos.rwset.kvrwset.Version();
      version.setBlockNum(r.version.block);
      version.setTxNum(r.version.tx);
      read.setVersion(version);
    }
    return read;
  };
  const kv = new ledgerProtos.rwset.kvrwset.KVRWSet();
  kv.setReadsList(result.reads.map(kvRead));
  kv.setRangeQueriesInfoList(
    result.rangeQueries.map((q) => {
      const info = new ledgerProtos.rwset.kvrwset.RangeQueryInfo();
      info.setStartKey(q.startKey);
      info.setEndKey(q.endKey);
      info.setItrExhausted(q.itrExhausted);
      const raw = new ledgerProtos.rwset.kvrwset.QueryReads();
      raw.setKvReadsList(q.reads.map(kvRead));
      info.setRawReads(raw);
      return info;
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
  ns.setNamespace(namespace);
  ns.setRwset(kv.serializeBinary());
  const txRwSet = new ledgerProtos.rwset.TxReadWriteSet();
  txRwSet.setDataModel(ledgerProtos.rwset.TxReadWriteSet.DataModel.KV);
  txRwSet.setNsRwsetList([ns]);
  return txRwSet.serializeBinary();
}

/** The proposal response payload every endorser signs: the proposal hash and the chaincode action. */
export function buildProposalResponsePayload(
  proposal: DecodedProposal,
  result: SimulationResult,
): Uint8Array {
  const response = new peer.Response();
  response.setStatus(result.status);
  response.setMessage(result.message);
  response.setPayload(result.payload);
  const chaincodeId = new peer.ChaincodeID();
  chaincodeId.setName(proposal.chaincodeId);
  const action = new peer.ChaincodeAction();
  action.setResults(encodeRwSet(proposal.chaincodeId, result));
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
  responsePayload.setProposalHash(proposal.proposalHash);
  responsePayload.setExtension$(action.serializeBinary());
  return responsePayload.serializeBinary();
}

/** An endorser's signature: over the proposal response payload followed by its serialized identity. */
export function endorse(proposalResponsePayload: Uint8Array, endorser: PeerSigner): peer.Endorsement {
  const endorsement = new peer.Endorsement();
  endorsement.setEndorser(endorser.serializedIdentity);
  endorsement.setSignature(
    signLowS(Buffer.concat([proposalResponsePayload, endorser.serializedIdentity]), endorser.key),
  );
  return endorsement;
}

/**
 * Builds the prepared transaction envelope the Gateway's Endorse returns: the endorsed chaincode action
 * with every endorsement collected, wrapped as Transaction -> Payload -> Envelope for the client to sign
 * and Submit (protoutil.CreateSignedTx without the signature).
 */
export function buildPreparedTransaction(
  proposal: DecodedProposal,
  proposalResponsePayload: Uint8Array,
  endorsements: peer.Endorsement[],
): common.Envelope {
  const endorsed = new peer.ChaincodeEndorsedAction();
  endorsed.setProposalResponsePayload(proposalResponsePayload);
  endorsed.setEndorsementsList(endorsements);
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(proposal.transactionPayloadBytes);
  actionPayload.setAction(endorsed);
  const txAction = new peer.TransactionAction();
  txAction.setHeader(proposal.signatureHeaderBytes);
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

/** What Submit and the committer need from a signed envelope, read back from the protos (not from memory). */
export interface DecodedEnvelope {
  envelopeBytes: Uint8Array;
  headerType: number;
  txId: string;
  channelId: string;
  timestamp: Date;
  creator: Uint8Array;
  nonce: Uint8Array;
  payloadBytes: Uint8Array;
  signature: Uint8Array;
  channelHeaderBytes: Uint8Array;
  actions: number;
  actionSignatureHeaderBytes: Uint8Array;
  chaincodeProposalPayloadBytes: Uint8Array;
  proposalResponsePayload: Uint8Array;
  proposalHash: Uint8Array;
  chaincodeId: string;
  reads: ReadRecord[];
  rangeQueries: RangeQueryRecord[];
  writes: WriteRecord[];
  event: { name: string; payload: Uint8Array } | null;
  endorsements: { endorser: Uint8Array; signature: Uint8Array }[];
}

export function decodeEnvelope(envelope: common.Envelope): DecodedEnvelope {
  const payloadBytes = envelope.getPayload_asU8();
  const payload = common.Payload.deserializeBinary(payloadBytes);
  const header = payload.getHeader();
  if (!header) throw new MalformedProposal("envelope has no header");
  const channelHeaderBytes = header.getChannelHeader_asU8();
  const channelHeader = common.ChannelHeader.deserializeBinary(channelHeaderBytes);
  const signatureHeader = common.SignatureHeader.deserializeBinary(header.getSignatureHeader_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const txActions = transaction.getActionsList();
  const txAction = txActions[0];
  if (!txAction) throw new MalformedProposal("transaction has no action");
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(txAction.getPayload_asU8());
  const endorsed = actionPayload.getAction();
  if (!endorsed) throw new MalformedProposal("transaction has no endorsed action");
  const prpBytes = endorsed.getProposalResponsePayload_asU8();
  const prp = peer.ProposalResponsePayload.deserializeBinary(prpBytes);
  const action = peer.ChaincodeAction.deserializeBinary(prp.getExtension_asU8());
  const rwset = ledgerProtos.rwset.TxReadWriteSet.deserializeBinary(action.getResults_asU8());
  const reads: ReadRecord[] = [];
  const rangeQueries: RangeQueryRecord[] = [];
  const writes: WriteRecord[] = [];
  const readOf = (r: ledgerProtos.rwset.kvrwset.KVRead): ReadRecord => {
    const v = r.getVersion();
    return { key: r.getKey(), version: v ? { block: v.getBlockNum(), tx: v.getTxNum() } : null };
  };
  for (const ns of rwset.getNsRwsetList()) {
    const kv = ledgerProtos.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    for (const r of kv.getReadsList()) reads.push(readOf(r));
    for (const q of kv.getRangeQueriesInfoList())
      rangeQueries.push({
        startKey: q.getStartKey(),
        endKey: q.getEndKey(),
        itrExhausted: q.getItrExhausted(),
        reads: (q.getRawReads()?.getKvReadsList() ?? []).map(readOf),
      });
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
    envelopeBytes: envelope.serializeBinary(),
    headerType: channelHeader.getType(),
    txId: channelHeader.getTxId(),
    channelId: channelHeader.getChannelId(),
    timestamp: ts ? new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)) : new Date(),
    creator: signatureHeader.getCreator_asU8(),
    nonce: signatureHeader.getNonce_asU8(),
    payloadBytes,
    signature: envelope.getSignature_asU8(),
    channelHeaderBytes,
    actions: txActions.length,
    actionSignatureHeaderBytes: txAction.getHeader_asU8(),
    chaincodeProposalPayloadBytes: actionPayload.getChaincodeProposalPayload_asU8(),
    proposalResponsePayload: prpBytes,
    proposalHash: prp.getProposalHash_asU8(),
    chaincodeId: action.getChaincodeId()?.getName() ?? "",
    reads,
    rangeQueries,
    writes,
    event,
    endorsements: endorsed.getEndorsementsList().map((e) => ({
      endorser: e.getEndorser_asU8(),
      signature: e.getSignature_asU8(),
    })),
  };
}

/**
 * The committer's checks of a transaction's form (core/common/validation ValidateTransaction and
 * validateEndorserTransaction) before its endorsements: an endorser transaction with a nonce and creator
 * (else BAD_COMMON_HEADER), a transaction id that is sha256(nonce + creator) (else BAD_PROPOSAL_TXID:
 * the id is what duplicate detection keys on), exactly one action whose proposal hash matches the
 * proposal it carries (else INVALID_ENDORSER_TRANSACTION: the endorsed results belong to that proposal).
 */
export function validateEnvelopeForm(tx: DecodedEnvelope): number {
  if (tx.headerType !== common.HeaderType.ENDORSER_TRANSACTION)
    return peer.TxValidationCode.BAD_COMMON_HEADER;
  if (tx.nonce.length === 0 || tx.creator.length === 0) return peer.TxValidationCode.BAD_COMMON_HEADER;
  if (tx.txId !== expectedTxId(tx.nonce, tx.creator)) return peer.TxValidationCode.BAD_PROPOSAL_TXID;
  if (tx.actions !== 1) return peer.TxValidationCode.INVALID_ENDORSER_TRANSACTION;
  const hash = proposalHash(
    tx.channelHeaderBytes,
    tx.actionSignatureHeaderBytes,
    tx.chaincodeProposalPayloadBytes,
  );
  if (!hash.equals(tx.proposalHash)) return peer.TxValidationCode.INVALID_ENDORSER_TRANSACTION;
  return peer.TxValidationCode.VALID;
}
