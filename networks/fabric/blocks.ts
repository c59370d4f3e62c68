import { createHash, randomBytes, type KeyObject } from "node:crypto";
import { signLowS } from "./ecdsa.ts";
import { common, peer } from "@hyperledger/fabric-protos";

/**
 * Fabric's block hashes, computed as `protoutil` does: the data hash is SHA-256 over the block's
 * envelopes concatenated, and a header's hash is SHA-256 over the ASN.1 DER of
 * `SEQUENCE { number INTEGER, previousHash OCTET STRING, dataHash OCTET STRING }`, so a client that
 * checks the chain of blocks from Deliver computes the same hashes it would on a real channel.
 */
export function blockDataHash(envelopes: readonly Uint8Array[]): Buffer {
  const hash = createHash("sha256");
  for (const e of envelopes) hash.update(e);
  return hash.digest();
}

export function blockHeaderBytes(number: number, previousHash: Uint8Array, dataHash: Uint8Array): Buffer {
  return derSequence([derInteger(number), derOctetString(previousHash), derOctetString(dataHash)]);
}

export function blockHeaderHash(number: number, previousHash: Uint8Array, dataHash: Uint8Array): Buffer {
  return createHash("sha256")
    .update(blockHeaderBytes(number, previousHash, dataHash))
    .digest();
}

/** What a stored block holds that the protos need. */
export interface BlockContent {
  number: number;
  previousHash: Uint8Array;
  dataHash: Uint8Array;
  envelopes: Uint8Array[];
  validationCodes: number[];
  /** `common.Metadata` bytes for the SIGNATURES index (the orderer's signature over the header). */
  signatures: Uint8Array;
}

/** The block as Deliver sends it, with the validation codes in TRANSACTIONS_FILTER as a peer keeps them. */
export function toFabricBlock(content: BlockContent): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(content.number);
  header.setPreviousHash(content.previousHash);
  header.setDataHash(content.dataHash);
  const data = new common.BlockData();
  data.setDataList(content.envelopes);
  const metadata = new common.BlockMetadata();
  const entries: Uint8Array[] = [];
  entries[common.BlockMetadataIndex.SIGNATURES] = content.signatures;
  entries[common.BlockMetadataIndex.LAST_CONFIG] = new Uint8Array(0);
  entries[common.BlockMetadataIndex.TRANSACTIONS_FILTER] = Uint8Array.from(content.validationCodes);
  entries[common.BlockMetadataIndex.ORDERER] = new Uint8Array(0);
  entries[common.BlockMetadataIndex.COMMIT_HASH] = new Uint8Array(0);
  metadata.setMetadataList(entries);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}

/** What DeliverFiltered sends: per transaction its id, type, validation code and events without payloads. */
export function toFilteredBlock(
  channelId: string,
  number: number,
  transactions: {
    txId: string;
    validationCode: number;
    event: { chaincodeId: string; eventName: string } | null;
  }[],
): peer.FilteredBlock {
  const block = new peer.FilteredBlock();
  block.setChannelId(channelId);
  block.setNumber(number);
  block.setFilteredTransactionsList(
    transactions.map((tx) => {
      const filtered = new peer.FilteredTransaction();
      filtered.setTxid(tx.txId);
      filtered.setType(common.HeaderType.ENDORSER_TRANSACTION);
      filtered.setTxValidationCode(
        tx.validationCode as peer.TxValidationCodeMap[keyof peer.TxValidationCodeMap],
      );
      const actions = new peer.FilteredTransactionActions();
      if (tx.event) {
        const event = new peer.ChaincodeEvent();
        event.setChaincodeId(tx.event.chaincodeId);
        event.setTxId(tx.txId);
        event.setEventName(tx.event.eventName);
        const action = new peer.FilteredChaincodeAction();
        action.setChaincodeEvent(event);
        actions.setChaincodeActionsList([action]);
      }
      filtered.setTransactionActions(actions);
      return filtered;
    }),
  );
  return block;
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function derTlv(tag: number, value: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(value.length), value]);
}

/** A non-negative integer in minimal two's complement, as Go's asn1 encodes a big.Int. */
function derInteger(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = BigInt(n); v > 0n; v >>= 8n) bytes.unshift(Number(v & 0xffn));
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
  return derTlv(0x02, Buffer.from(bytes));
}

function derOctetString(value: Uint8Array): Buffer {
  return derTlv(0x04, value);
}

function derSequence(items: Buffer[]): Buffer {
  return derTlv(0x30, Buffer.concat(items));
}

/**
 * The SIGNATURES metadata the ordering service attaches to a block: `OrdererBlockMetadata` as the value
 * and the orderer's signature over value || signature header || header bytes (protoutil's SignOrderer).
 */
export function signBlockHeader(
  orderer: { serializedIdentity: Uint8Array; key: KeyObject },
  number: number,
  previousHash: Uint8Array,
  dataHash: Uint8Array,
): Uint8Array {
  const lastConfig = new common.LastConfig();
  lastConfig.setIndex(0);
  const ordererMetadata = new common.OrdererBlockMetadata();
  ordererMetadata.setLastConfig(lastConfig);
  const value = ordererMetadata.serializeBinary();
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(orderer.serializedIdentity);
  signatureHeader.setNonce(randomBytes(24));
  const signatureHeaderBytes = signatureHeader.serializeBinary();
  const signature = new common.MetadataSignature();
  signature.setSignatureHeader(signatureHeaderBytes);
  signature.setSignature(
    signLowS(
      Buffer.concat([value, signatureHeaderBytes, blockHeaderBytes(number, previousHash, dataHash)]),
      orderer.key,
    ),
  );
  const metadata = new common.Metadata();
  metadata.setValue(value);
  metadata.setSignaturesList([signature]);
  return metadata.serializeBinary();
}
