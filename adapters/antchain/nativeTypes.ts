/** The port-logistics contract's answers as they come over the wire (declared here, not imported). */
interface Written {
  txHash: string;
  blockNumber: number;
}

export interface NativePortCall extends Written {
  callNo: string;
  vesselName: string;
  imo: string;
  voyage: string;
  portCode: string;
  berth: string;
  eta?: string;
  ata?: string;
  atd?: string;
}

export interface NativeMove extends Written {
  moveNo: string;
  ctnNo: string;
  billNo: string;
  portCode: string;
  callNo?: string;
  moveCode: string;
  moveTime: string;
}

export interface NativeCustoms extends Written {
  declNo: string;
  billNo: string;
  portCode: string;
  direction: "I" | "E";
  statusCode: string;
  statusTime: string;
}

export interface NativeRelease extends Written {
  releaseNo: string;
  billNo: string;
  portCode: string;
  statusCode: string;
  releasedTo: string;
  releaseTime: string;
}

export interface NativeFee extends Written {
  feeNo: string;
  billNo: string;
  feeType: string;
  amount: string;
  currency: string;
  paidTime: string;
}

export interface NativeBillView {
  billNo: string;
  portCalls: NativePortCall[];
  moves: NativeMove[];
  customs: NativeCustoms[];
  releases: NativeRelease[];
  fees: NativeFee[];
}

export interface NativeBlockHeader {
  number: number;
  parentHash: string;
  hash: string;
  timestamp: number;
  transactionRoot: string;
  receiptRoot: string;
  transactionCount: number;
}

export interface NativeReceipt {
  txHash: string;
  blockNumber: number;
  index: number;
  result: number;
  gasUsed: number;
  output: string;
  logs: { topic: string; data: string }[];
}
