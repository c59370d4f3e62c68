/** The world as one coherent story; each local network seeds itself from it in its own vocabulary. */

export type DocumentKind = "NEGOTIABLE_EBL" | "SEA_WAYBILL" | "PAPER_BL";

export type DcsaEventType = "SHIPMENT" | "TRANSPORT" | "EQUIPMENT";
export type DcsaClassifier = "ACT" | "PLN" | "EST";

/** One milestone in DCSA Track & Trace terms, as the story says it happened (or is planned). */
export interface WorldEvent {
  eventType: DcsaEventType;
  /** DCSA shipmentEventTypeCode / transportEventTypeCode / equipmentEventTypeCode. */
  code: string;
  classifier: DcsaClassifier;
  at: Date;
  /** When this fact was recorded (an estimate issued earlier than the time it estimates). */
  recordedAt: Date;
  unLocode: string;
  containerNumber?: string;
  emptyIndicator?: "EMPTY" | "LADEN";
  /** Which network records this milestone natively. */
  recordedBy: "CARRIER" | "PORT";
}

export type TitleStepAction =
  | "ISSUE"
  | "NOMINATE"
  | "TRANSFER_HOLDER"
  | "TRANSFER_BENEFICIARY"
  | "TRANSFER_OWNERS"
  | "REJECT_TRANSFER_HOLDER"
  | "RETURN_TO_ISSUER"
  | "RESTORE"
  | "ACCOMPLISH";

/** One title action on an eBL, with the party that signs it. `carrier` means the issuing carrier. */
export interface TitleStep {
  action: TitleStepAction;
  by: string;
  /** New beneficiary (or nominee for NOMINATE). */
  beneficiary?: string;
  /** New holder. */
  holder?: string;
  at: Date;
}

export interface WorldContainer {
  number: string;
  isoSizeType: string;
  sealNumber: string;
  grossWeightKg: number;
}

export interface WorldShipment {
  /** Transport document reference as the carrier prints it (the B/L number). */
  reference: string;
  bookingReference: string;
  carrierScac: string;
  vessel: { name: string; imoNumber: string };
  voyage: string;
  portOfLoading: string;
  portOfDischarge: string;
  plannedDeparture: Date;
  plannedArrival: Date;
  commodity: string;
  containers: WorldContainer[];
  shipper: string;
  consignee: string;
  /** The bank that finances the shipment and holds title for a while, if any. */
  bank?: string;
  documentKind: DocumentKind;
  events: WorldEvent[];
  /** Title actions in time order; only for negotiable eBLs. */
  title: TitleStep[];
  /** Deliberate trouble in the story, documented in the README. */
  trouble: ("DELAYED" | "CUSTOMS_HOLD" | "RELEASE_REFUSED" | "TITLE_REJECTED" | "TITLE_RESTORED")[];
  /** Title conflicts seeded on purpose for the interoperability checks (each documented in the README). */
  conflicts: TitleConflictKind[];
}

export type TitleConflictKind =
  | "DUPLICATE_TITLE"
  | "HASH_MISMATCH"
  | "RELEASE_TO_NON_HOLDER"
  | "RELEASE_WHILE_TITLE_LIVE"
  | "RELEASED_TWICE";

export interface WorldVessel {
  name: string;
  imoNumber: string;
  carrierScac: string;
}

export interface World {
  seed: string;
  /** Where the story is placed in time: voyages are planned around it. */
  anchor: Date;
  /**
   * "Now" in the story: the world holds the facts recorded up to it (plans and estimates included);
   * later ones have not happened yet. The anchor at first; the world clock moves it forward. A whole
   * story (`generateStory`) has every fact and the latest instant a Date can hold.
   */
  now: Date;
  /** Earliest instant any record carries; ledgers start their clocks before it. */
  start: Date;
  vessels: WorldVessel[];
  shipments: WorldShipment[];
}
