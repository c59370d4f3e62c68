import { canonicalJson, sha256Hex } from "./canonicalJson.ts";

/** Where a fact was written; the contract keeps it beside the fact so that reads carry provenance. */
export interface Written {
  /** 64 hex characters, no 0x. */
  txHash: string;
  blockNumber: number;
}

/** A vessel's call at a port; updated as it progresses (ETA, then ATA, then ATD), each by its own write. */
export interface PortCall extends Written {
  callNo: string;
  vesselName: string;
  imo: string;
  voyage: string;
  /** The port community system's code (e.g. "2248" Shanghai), not a UN/LOCODE. */
  portCode: string;
  berth: string;
  /** "yyyy-MM-dd HH:mm:ss", Beijing time (UTC+8), as every time the port system writes. */
  eta?: string;
  ata?: string;
  atd?: string;
}

export interface ContainerMove extends Written {
  moveNo: string;
  ctnNo: string;
  billNo: string;
  portCode: string;
  callNo?: string;
  /** XH discharge, ZH load, JG gate-in, TG gate-out, CY inspection (the terminal system's codes). */
  moveCode: string;
  moveTime: string;
}

export interface CustomsRecord extends Written {
  declNo: string;
  billNo: string;
  portCode: string;
  /** I import, E export */
  direction: "I" | "E";
  /** SB declared, CY inspection ordered, KL held, FX cleared */
  statusCode: string;
  statusTime: string;
}

export interface ReleaseOrder extends Written {
  releaseNo: string;
  billNo: string;
  portCode: string;
  /** FX released, JZ refused */
  statusCode: string;
  releasedTo: string;
  releaseTime: string;
}

export interface FeeRecord extends Written {
  feeNo: string;
  billNo: string;
  feeType: string;
  amount: string;
  currency: string;
  paidTime: string;
}

/** What `queryBills(string)` answers per B/L number (null where the port has nothing). */
export interface BillView {
  billNo: string;
  portCalls: PortCall[];
  moves: ContainerMove[];
  customs: CustomsRecord[];
  releases: ReleaseOrder[];
  fees: FeeRecord[];
}

/** What `queryContainers(string)` answers per container number. */
export interface ContainerView {
  ctnNo: string;
  moves: ContainerMove[];
}

/** The kinds of record the port contract writes, one write method each. */
export type RecordKind = "portCall" | "move" | "customs" | "release" | "fee";

/**
 * A transaction as the chain keeps it (and as `QUERYTRANSACTION` answers it under `transactionDO`):
 * `data` is the EVM call data (4-byte selector and ABI-encoded arguments) in base64, as the SDKs read it.
 */
export interface ChainTransaction {
  hash: string;
  /** Acceptance time, ms since the epoch. */
  timestamp: number;
  /** Makes the hash unique per client order (sha256 of tenant and orderId). */
  nonce: string;
  /** sha256 of the sending account's name (an account's identity on the chain). */
  from: string;
  /** sha256 of the contract's name. */
  to: string;
  /** Gas limit; 0 means none. */
  gas: number;
  data: string;
}

/** An event as a receipt carries it: topics (the event's signature hash first) and ABI-encoded data. */
export interface ReceiptLog {
  /** The contract that emitted it (sha256 of its name). */
  from: string;
  /** Each 64 hex characters, no 0x. */
  topics: string[];
  /** ABI encoding of the non-indexed arguments, base64. */
  data: string;
}

export interface ChainReceipt {
  txHash: string;
  blockNumber: number;
  index: number;
  /** 0 on success; see RECEIPT_RESULT. */
  result: number;
  gasUsed: number;
  /** ABI encoding of the function's outputs (or of `Error(string)` when it reverted), base64. */
  output: string;
  logs: ReceiptLog[];
}

/**
 * Receipt results. 0 is success on every AntChain client; the two failure values are this chain's own
 * (no public client names the VM's codes), both non-zero as clients only test `result == 0`.
 */
export const RECEIPT_RESULT = { SUCCESS: 0, REVERTED: 10201, OUT_OF_GAS: 10202 } as const;

export interface BlockHeader {
  number: number;
  parentHash: string;
  /** sha256 of the header's other fields in canonical JSON. */
  hash: string;
  timestamp: number;
  /** Merkle root over the transaction hashes, in order. */
  transactionRoot: string;
  /** Merkle root over the receipt hashes, in order. */
  receiptRoot: string;
  transactionCount: number;
}

/** `QUERYBLOCKBODY`'s answer: a whole block. */
export interface BlockBody {
  header: BlockHeader;
  transactions: ChainTransaction[];
  receipts: ChainReceipt[];
}

/** `QUERYTRANSACTION`'s answer, in the shape the SDKs parse (`transactionDO` and its block). */
export interface TransactionAnswer {
  blockNumber: number;
  transactionDO: ChainTransaction;
}

/** The parent hash of block 0. */
export const GENESIS_PARENT = "0".repeat(64);

export const txHashOf = (tx: Omit<ChainTransaction, "hash">) =>
  sha256Hex(canonicalJson({ ...tx, hash: undefined }));
export const receiptHashOf = (receipt: ChainReceipt) => sha256Hex(canonicalJson(receipt));
export const headerHashOf = (header: Omit<BlockHeader, "hash">) =>
  sha256Hex(canonicalJson({ ...header, hash: undefined }));
/** Accounts and contracts are identified on the chain by the hash of their name. */
export const identityOf = (name: string) => sha256Hex(name);

/** Plain receipt fields only: a receipt read from JSON may carry more (an answer's decorations). */
export function receiptFields(r: ChainReceipt): ChainReceipt {
  return {
    txHash: r.txHash,
    blockNumber: r.blockNumber,
    index: r.index,
    result: r.result,
    gasUsed: r.gasUsed,
    output: r.output,
    logs: r.logs.map((l) => ({ from: l.from, topics: [...l.topics], data: l.data })),
  };
}
