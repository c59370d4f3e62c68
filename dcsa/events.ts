import { DOCUMENT_OF_SHIPMENT_CODE, type DcsaEventType } from "./codes.ts";

/** A `dcsa_events` row as the database returns it. */
export interface DcsaEventRecord {
  reference: string;
  event_id: string;
  event_type: string;
  classifier: string;
  code: string;
  at: Date | string;
  location: string | null;
  location_name: string | null;
  equipment: string | null;
  vessel_imo: string | null;
  vessel_name: string | null;
  voyage: string | null;
  booking_reference: string;
  carrier: string;
  transport_call_id: string | null;
  port_reported: boolean;
  sources: DcsaSource[] | string;
  created_at: Date | string;
}

/** Where a network recorded the event: its name and kind, block and transaction. */
export interface DcsaSource {
  network: string;
  kind: string;
  blockNumber: string | null;
  transactionId: string | null;
}

/**
 * Provenance and the shipment's identifiers, beside the spec's fields. The TNT 2.2 event schemas do
 * not forbid additional properties, so this extension validates; a client that does not know it
 * ignores it. `x-` marks it as not DCSA's.
 */
export interface TradegraphExtension {
  transportDocumentReference: string;
  carrierBookingReference: string;
  carrierSCAC: string;
  /** Every network that reported this event (two when the carrier and the terminal both did). */
  sources: DcsaSource[];
}

interface BaseEvent {
  eventID: string;
  eventType: DcsaEventType;
  eventCreatedDateTime: string;
  eventClassifierCode: string;
  eventDateTime: string;
  "x-tradegraph": TradegraphExtension;
}

export interface DcsaLocation {
  UNLocationCode: string;
  locationName?: string;
}

export interface DcsaTransportCall {
  transportCallID: string;
  /** Deprecated in 2.2 in favour of exportVoyageNumber; sent too for 2.1 clients. */
  carrierVoyageNumber?: string;
  exportVoyageNumber?: string;
  UNLocationCode?: string;
  facilityTypeCode: "POTE";
  modeOfTransport: "VESSEL";
  location?: DcsaLocation;
  vessel?: { vesselIMONumber: string; vesselName?: string };
}

export interface DcsaShipmentEvent extends BaseEvent {
  eventType: "SHIPMENT";
  shipmentEventTypeCode: string;
  documentID: string;
  documentTypeCode: "BKG" | "TRD";
}

export interface DcsaTransportEvent extends BaseEvent {
  eventType: "TRANSPORT";
  transportEventTypeCode: string;
  transportCall: DcsaTransportCall;
}

export interface DcsaEquipmentEvent extends BaseEvent {
  eventType: "EQUIPMENT";
  equipmentEventTypeCode: string;
  equipmentReference?: string;
  emptyIndicatorCode: "EMPTY" | "LADEN";
  eventLocation?: DcsaLocation;
  transportCall?: DcsaTransportCall;
}

export type DcsaEvent = DcsaShipmentEvent | DcsaTransportEvent | DcsaEquipmentEvent;

const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * The columns a query selects to build events. `eventCreatedDateTime` keeps the database's microseconds:
 * a poller's `eventCreatedDateTime:gt=<the last one it saw>` then misses nothing written in the same
 * millisecond.
 */
export const DCSA_EVENT_COLUMNS = `e.reference, e.event_id, e.event_type, e.classifier, e.code, e.at, e.location,
  e.location_name, e.equipment, e.vessel_imo, e.vessel_name, e.voyage, e.booking_reference, e.carrier,
  e.transport_call_id, e.port_reported, e.sources,
  to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at`;

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;

function locationOf(r: DcsaEventRecord): DcsaLocation | undefined {
  if (!r.location) return undefined;
  return defined({ UNLocationCode: r.location, locationName: r.location_name ?? undefined });
}

function transportCallOf(r: DcsaEventRecord): DcsaTransportCall | undefined {
  if (!r.transport_call_id) return undefined;
  return defined({
    transportCallID: r.transport_call_id,
    carrierVoyageNumber: r.voyage ?? undefined,
    exportVoyageNumber: r.voyage ?? undefined,
    UNLocationCode: r.location ?? undefined,
    // Every call in this world is a sea vessel's at a port terminal.
    facilityTypeCode: "POTE" as const,
    modeOfTransport: "VESSEL" as const,
    location: locationOf(r),
    vessel: r.vessel_imo
      ? defined({ vesselIMONumber: r.vessel_imo, vesselName: r.vessel_name ?? undefined })
      : undefined,
  });
}

/**
 * One canonical event in DCSA Track & Trace 2.2's own shape (`shipmentEvent`, `transportEvent` or
 * `equipmentEvent` of Event Domain 1.0.4), every required field present.
 *
 * `eventCreatedDateTime` is when Tradegraph first indexed the event (when it came to exist in this
 * publisher), so `eventCreatedDateTime:gte=` finds what is new since a poll. `eventDateTime` stays the
 * time of the fact, also for shipment events (the spec's description asks it to equal the creation
 * time; a tracker wants when the B/L was issued, not when it was indexed).
 */
export function toDcsaEvent(r: DcsaEventRecord): DcsaEvent {
  const sources = typeof r.sources === "string" ? (JSON.parse(r.sources) as DcsaSource[]) : r.sources;
  const head = {
    eventID: r.event_id,
    eventCreatedDateTime:
      typeof r.created_at === "string" && RFC3339_UTC.test(r.created_at) ? r.created_at : iso(r.created_at),
    eventClassifierCode: r.classifier,
    eventDateTime: iso(r.at),
  };
  // Last, so the spec's fields read first.
  const extension = {
    "x-tradegraph": {
      transportDocumentReference: r.reference,
      carrierBookingReference: r.booking_reference,
      carrierSCAC: r.carrier,
      sources,
    },
  };
  switch (r.event_type) {
    case "SHIPMENT": {
      const documentTypeCode = DOCUMENT_OF_SHIPMENT_CODE[r.code] ?? "TRD";
      return {
        eventType: "SHIPMENT",
        ...head,
        shipmentEventTypeCode: r.code,
        documentTypeCode,
        documentID: documentTypeCode === "BKG" ? r.booking_reference : r.reference,
        ...extension,
      };
    }
    case "TRANSPORT":
      return {
        eventType: "TRANSPORT",
        ...head,
        transportEventTypeCode: r.code,
        transportCall: transportCallOf(r) ?? {
          transportCallID: r.transport_call_id ?? r.event_id,
          facilityTypeCode: "POTE",
          modeOfTransport: "VESSEL",
        },
        ...extension,
      };
    default:
      return defined({
        eventType: "EQUIPMENT" as const,
        ...head,
        equipmentEventTypeCode: r.code,
        equipmentReference: r.equipment ?? undefined,
        // Every container this world moves is a full one (gate-in and gate-out full, loaded, discharged).
        emptyIndicatorCode: "LADEN" as const,
        eventLocation: locationOf(r),
        transportCall: transportCallOf(r),
        ...extension,
      });
  }
}
