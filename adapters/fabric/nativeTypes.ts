/**
 * The carrier chaincode's records as they come over the wire (JSON from Evaluate). Declared here, not
 * imported from the chaincode: the adapter knows the network only through its interface.
 */
export interface NativeMilestone {
  seq: number;
  status: string;
  kind: string;
  portName: string;
  localTime: string;
  recordedLocalTime?: string;
  cntrNo?: string;
  txId?: string;
}

export interface NativeShipment {
  blNo: string;
  bookingNo: string;
  carrier: string;
  docType: string;
  shipperName: string;
  consigneeName: string;
  notifyName: string;
  vesselName: string;
  vesselImo: string;
  voyageNo: string;
  polName: string;
  podName: string;
  commodity?: string;
  containers: { cntrNo: string; sizeType: string; sealNo?: string; grossKg?: number }[];
  ebl:
    | { platform: "TRADETRUST"; chainId: number; registry: string; tokenId: string }
    | { platform: "DOCUMENT_STORE"; chainId: number; store: string; documentHash: string }
    | { platform: "PAPER" }
    | { platform: string };
  release: { status: string; releasedTo?: string; localTime?: string };
  milestones: NativeMilestone[];
  lastTxId: string;
  updatedAt: string;
}
