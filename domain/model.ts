/**
 * The canonical, DCSA-aligned model every adapter returns. GraphQL types mirror these; the subgraphs'
 * codegen maps onto them (`mappers`).
 */
export type NetworkKind = "FABRIC" | "ANTCHAIN" | "EVM";
export type Finality = "PENDING" | "FINAL";

/** Where a fact was read: network, block, transaction, and whether it can still change. */
export interface Provenance {
  network: string;
  kind: NetworkKind;
  blockNumber: string | null;
  transactionId: string | null;
  finality: Finality;
  recordedAt: Date | null;
  /** True once the adapter checked the fact's receipt against its block's Merkle root (networks that offer proofs). */
  proven?: boolean | null;
}

/** A party as a network names it: by address (EVM), by name (carrier and port systems), or both. */
export interface PartyRef {
  address?: string | null;
  name?: string | null;
}

export type TitleStatus = "ISSUED" | "RETURNED_TO_ISSUER" | "ACCOMPLISHED";
export type TitleAction =
  | "ISSUE"
  | "NOMINATE"
  | "TRANSFER_HOLDER"
  | "TRANSFER_BENEFICIARY"
  | "TRANSFER_OWNERS"
  | "REJECT_TRANSFER"
  | "RETURN_TO_ISSUER"
  | "RESTORE"
  | "ACCOMPLISH";

export interface TitleRegistryRef {
  network: string;
  chainId: number;
  address: string;
}

/** The state of one eBL's title as its registry and escrow report it at one block. */
export interface Title {
  documentHash: string;
  registry: TitleRegistryRef;
  status: TitleStatus;
  beneficiary: PartyRef | null;
  holder: PartyRef | null;
  nominee: PartyRef | null;
  escrow: string | null;
  source: Provenance;
}

export interface TitleTransfer {
  action: TitleAction;
  from: PartyRef | null;
  to: PartyRef | null;
  at: Date;
  source: Provenance;
}

export type FragmentStatus = "VALID" | "INVALID" | "SKIPPED" | "ERROR";
export type FragmentType = "DOCUMENT_INTEGRITY" | "DOCUMENT_STATUS" | "ISSUER_IDENTITY";

/** One OpenAttestation verification fragment, named and coded as OpenAttestation's verifier names it. */
export interface VerificationFragment {
  type: FragmentType;
  name: string;
  status: FragmentStatus;
  /** The reason's message (null when VALID). */
  reason: string | null;
  /** OpenAttestation's reason code and its name (e.g. 1, "DOCUMENT_NOT_MINTED"). */
  code?: number | null;
  codeString?: string | null;
  /** The fragment's `data`, as OpenAttestation's verifier reports it. */
  data?: unknown;
}

export type VerificationStatus = "VALID" | "INVALID" | "ERROR";

export interface DocumentVerification {
  valid: boolean;
  status: VerificationStatus;
  fragments: VerificationFragment[];
  checkedAt: Date;
  cached: boolean;
  source: Provenance | null;
  /** The chain height the DOCUMENT_STATUS reflects (the block it was read at). */
  asOfHeight?: string | null;
  /** Served from the cache while the title network is known to be unreachable. */
  stale?: boolean;
}

export type NetworkHealth = "UP" | "DEGRADED" | "DOWN";

export interface NetworkStatus {
  name: string;
  kind: NetworkKind;
  health: NetworkHealth;
  height: string | null;
  latencyMs: number | null;
  /** State of the verification cache as seen from this network's subgraph ("UP", "DOWN: ..."). */
  cache: string | null;
  /** Height the event follower has processed. */
  indexedHeight: string | null;
}

export type EventType = "SHIPMENT" | "TRANSPORT" | "EQUIPMENT";
export type EventClassifier = "ACT" | "PLN" | "EST";

export interface Location {
  unLocationCode: string;
  name: string | null;
  facilityCode: string | null;
}

export interface VesselRef {
  imoNumber: string;
  name: string | null;
}

/** One event in DCSA Track & Trace form, with the native code kept beside the DCSA one. */
export interface TrackingEvent {
  eventID: string;
  eventType: EventType;
  eventClassifier: EventClassifier;
  eventDateTime: Date;
  /** DCSA code when mapped; otherwise the native code. */
  code: string;
  mapped: boolean;
  nativeCode: string;
  location: Location | null;
  equipmentReference: string | null;
  vessel: VesselRef | null;
  carrierVoyageNumber: string | null;
  source: Provenance;
}

export type ReleaseStatus = "NOT_REQUESTED" | "REQUESTED" | "RELEASED" | "REFUSED";

export interface CargoRelease {
  status: ReleaseStatus;
  releasedTo: PartyRef | null;
  releasedAt: Date | null;
  source: Provenance | null;
}

export type DocumentKind = "NEGOTIABLE_EBL" | "SEA_WAYBILL" | "PAPER_BL";

export interface EquipmentRef {
  reference: string;
  isoEquipmentCode: string | null;
}

/** Where a shipment's electronic document lives, as the carrier recorded it at issue. */
export interface EblLocation {
  documentHash: string;
  kind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
  chainId: number;
  address: string;
}

/** A shipment as the carrier network records it, mapped to the canonical model. */
export interface CarrierShipment {
  reference: string;
  carrierBookingReference: string;
  carrier: { scac: string; name: string | null };
  documentKind: DocumentKind | null;
  shipper: PartyRef | null;
  consignee: PartyRef | null;
  notifyParty: PartyRef | null;
  portOfLoading: Location | null;
  portOfDischarge: Location | null;
  vessel: VesselRef | null;
  carrierVoyageNumber: string | null;
  equipment: EquipmentRef[];
  ebl: EblLocation | null;
  events: TrackingEvent[];
  release: CargoRelease;
  source: Provenance;
}

export interface PortCall {
  callReference: string;
  vessel: VesselRef | null;
  carrierVoyageNumber: string | null;
  location: Location | null;
  berth: string | null;
  estimatedArrival: Date | null;
  actualArrival: Date | null;
  actualDeparture: Date | null;
  source: Provenance;
}

export type CustomsState = "NOT_DECLARED" | "DECLARED" | "INSPECTED" | "HELD" | "CLEARED";

export interface CustomsStep {
  status: CustomsState;
  nativeCode: string;
  at: Date | null;
  source: Provenance;
}

export interface CustomsClearance {
  declarationReference: string;
  direction: "IMPORT" | "EXPORT";
  location: Location | null;
  status: CustomsState;
  declaredAt: Date | null;
  inspectedAt: Date | null;
  heldAt: Date | null;
  clearedAt: Date | null;
  history: CustomsStep[];
}

export interface PortFee {
  feeType: string;
  amount: string;
  currency: string;
  paidAt: Date | null;
  source: Provenance;
}

/** What the port network records of one B/L, mapped to the canonical model. */
export interface PortShipmentRecord {
  reference: string;
  portCalls: PortCall[];
  events: TrackingEvent[];
  customs: CustomsClearance[];
  /** The latest release order. */
  release: CargoRelease | null;
  /** Every release order, oldest first. */
  releases: CargoRelease[];
  fees: PortFee[];
}
