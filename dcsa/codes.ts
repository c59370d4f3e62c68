/**
 * DCSA Track & Trace 2.2 code lists (Event Domain 1.0.4, which TNT 2.2.0 references), as data. The
 * enums are the spec's; `test/fixtures/dcsa/` holds the spec they are copied from, and a test checks
 * each list against it.
 */
export const EVENT_TYPES = ["SHIPMENT", "TRANSPORT", "EQUIPMENT"] as const;
export type DcsaEventType = (typeof EVENT_TYPES)[number];

export const EVENT_CLASSIFIERS = ["ACT", "PLN", "EST"] as const;

export const SHIPMENT_EVENT_TYPE_CODES = [
  "RECE",
  "DRFT",
  "PENA",
  "PENU",
  "REJE",
  "APPR",
  "ISSU",
  "SURR",
  "SUBM",
  "VOID",
  "CONF",
  "REQS",
  "CMPL",
  "HOLD",
  "RELS",
] as const;

export const TRANSPORT_EVENT_TYPE_CODES = ["ARRI", "DEPA"] as const;

export const EQUIPMENT_EVENT_TYPE_CODES = [
  "LOAD",
  "DISC",
  "GTIN",
  "GTOT",
  "STUF",
  "STRP",
  "PICK",
  "DROP",
  "INSP",
  "RSEA",
  "RMVD",
] as const;

export const DOCUMENT_TYPE_CODES = [
  "CBR",
  "BKG",
  "SHI",
  "SRM",
  "TRD",
  "ARN",
  "VGM",
  "CAS",
  "CUS",
  "DGD",
  "OOG",
] as const;
export type DocumentTypeCode = (typeof DOCUMENT_TYPE_CODES)[number];

/** The codes an event of each type may carry. */
export const CODES_OF_TYPE: Record<DcsaEventType, readonly string[]> = {
  SHIPMENT: SHIPMENT_EVENT_TYPE_CODES,
  TRANSPORT: TRANSPORT_EVENT_TYPE_CODES,
  EQUIPMENT: EQUIPMENT_EVENT_TYPE_CODES,
};

/**
 * The document a shipment event is about (`documentTypeCode`), and so which identifier is its
 * `documentID`: the booking for its receipt and confirmation, the transport document (the B/L) for
 * its issue, surrender, and the cargo's release or hold against it.
 */
export const DOCUMENT_OF_SHIPMENT_CODE: Readonly<Record<string, "BKG" | "TRD">> = {
  RECE: "BKG",
  CONF: "BKG",
  ISSU: "TRD",
  SURR: "TRD",
  RELS: "TRD",
  HOLD: "TRD",
};

/** Whether `code` is a DCSA code of `eventType` this service can publish. */
export function isPublishable(eventType: string, code: string): boolean {
  if (eventType === "SHIPMENT") return code in DOCUMENT_OF_SHIPMENT_CODE;
  return (CODES_OF_TYPE[eventType as DcsaEventType] ?? []).includes(code);
}

/** The version this service implements: every response's `API-Version` header. */
export const API_VERSION = "2.2.0";
export const API_MAJOR = "2";
