/**
 * The carrier system's own records, in its own vocabulary (not DCSA): its status names, port names,
 * booking and B/L numbers, and local port times "yyyy-MM-dd HH:mm" without an offset.
 */
export type CarrierStatus =
  | "BOOKING_RECEIVED"
  | "BOOKING_CONFIRMED"
  | "LOADED_ON_BOARD"
  | "VESSEL_DEPARTED"
  | "BL_ISSUED"
  | "VESSEL_ARRIVED"
  | "DISCHARGED"
  | "BL_SURRENDERED"
  | "CARGO_RELEASED"
  | "RELEASE_ON_HOLD"
  | "CUSTOMS_DOCS_LODGED";

export interface CarrierMilestone {
  seq: number;
  status: CarrierStatus | string;
  /** ACTUAL, PLANNED or ESTIMATED. */
  kind: "ACTUAL" | "PLANNED" | "ESTIMATED";
  portName: string;
  /** Local time at the port, "yyyy-MM-dd HH:mm". */
  localTime: string;
  /** When the carrier's system recorded it, local time at the port. */
  recordedLocalTime: string;
  cntrNo?: string;
  /** The transaction that wrote this milestone (set by the chaincode). */
  txId?: string;
}

export type EblRecord =
  | { platform: "TRADETRUST"; chainId: number; registry: string; tokenId: string }
  | { platform: "DOCUMENT_STORE"; chainId: number; store: string; documentHash: string }
  | { platform: "PAPER" };

export interface CarrierShipmentRecord {
  blNo: string;
  bookingNo: string;
  carrier: string;
  docType: "EBL" | "SWB" | "OBL";
  shipperName: string;
  consigneeName: string;
  notifyName: string;
  vesselName: string;
  vesselImo: string;
  voyageNo: string;
  polName: string;
  podName: string;
  commodity: string;
  containers: { cntrNo: string; sizeType: string; sealNo: string; grossKg: number }[];
  ebl: EblRecord;
  release: {
    status: "NOT_REQUESTED" | "RELEASE_REQUESTED" | "RELEASED" | "HOLD";
    releasedTo?: string;
    localTime?: string;
  };
}

/** A stored record plus what the ledger knows of it. */
export interface StoredShipment extends CarrierShipmentRecord {
  milestones: CarrierMilestone[];
  lastTxId: string;
  updatedAt: string;
  /** Who last wrote it: the submitter's `x509::<subject DN>::<issuer DN>` (ClientIdentity.getID()). */
  updatedBy?: string;
}
