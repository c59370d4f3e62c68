/**
 * The carrier chaincode's interface as both sides of the wire use it: the transactions a client
 * evaluates or submits, the limits it enforces, and the events it emits. The chaincode
 * (`networks/fabric/chaincode/`) implements it; the adapter (`adapters/fabric/`) calls it.
 */

/** Read-only transactions (Evaluate): each answers JSON. */
export const CARRIER_QUERIES = {
  /** B/L numbers as a JSON array -> the shipments, null where unknown, in the same order. */
  getShipments: "GetShipments",
  getShipmentsByBooking: "GetShipmentsByBooking",
  getShipmentsByDocumentHash: "GetShipmentsByDocumentHash",
  /** One container number -> every shipment that carried it. */
  getShipmentsByContainer: "GetShipmentsByContainer",
  getShipmentHistory: "GetShipmentHistory",
  /** (after B/L number, page size) -> the next B/L numbers in key order. */
  listShipments: "ListShipments",
} as const;

/** Transactions that write (endorsed by the carrier's org, then submitted). */
export const CARRIER_SUBMITS = {
  createShipment: "CreateShipment",
  addMilestones: "AddMilestones",
  setRelease: "SetRelease",
  createShipments: "CreateShipments",
  addShipmentMilestones: "AddShipmentMilestones",
  setReleases: "SetReleases",
} as const;

/** Most keys one Evaluate takes (and most B/L numbers one ListShipments page answers). */
export const MAX_KEYS_PER_EVALUATE = 1000;
/** Most shipments one bulk Submit writes. */
export const MAX_SHIPMENTS_PER_SUBMIT = 200;

/** What a chaincode event names: the B/L it touched, and its booking and eBL document where known. */
export interface CarrierEventSubject {
  blNo?: string;
  bookingNo?: string;
  documentHash?: string | null;
}

/** A chaincode event's payload: one subject, or a bulk transaction's list of them. */
export type CarrierEventPayload = CarrierEventSubject | { shipments: CarrierEventSubject[] };
