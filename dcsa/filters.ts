import { z } from "zod";
import { BadUserInputError } from "../domain/errors.ts";
import {
  DOCUMENT_OF_SHIPMENT_CODE,
  DOCUMENT_TYPE_CODES,
  EQUIPMENT_EVENT_TYPE_CODES,
  EVENT_TYPES,
  SHIPMENT_EVENT_TYPE_CODES,
  TRANSPORT_EVENT_TYPE_CODES,
} from "./codes.ts";

/**
 * The spec's event filters, shared by `GET /v2/events` (query parameters) and subscriptions (body
 * fields). Lists match any of their values (OR); filters combine with AND; a filter on an attribute an
 * event does not have excludes it (the spec: `shipmentEventTypeCode=DRFT&equipmentEventTypeCode=GTIN`
 * returns nothing). Null means "not filtered".
 */
export interface EventFilter {
  eventType: string[] | null;
  shipmentEventTypeCode: string[] | null;
  documentTypeCode: string[] | null;
  carrierBookingReference: string | null;
  transportDocumentReference: string | null;
  transportEventTypeCode: string[] | null;
  transportCallID: string | null;
  vesselIMONumber: string | null;
  exportVoyageNumber: string | null;
  carrierServiceCode: string | null;
  UNLocationCode: string | null;
  equipmentEventTypeCode: string[] | null;
  equipmentReference: string | null;
}
export type FilterName = keyof EventFilter;

/** The document a shipment event is about, in SQL (the same table as `DOCUMENT_OF_SHIPMENT_CODE`). */
const DOCUMENT_TYPE_SQL = `(case e.code ${Object.entries(DOCUMENT_OF_SHIPMENT_CODE)
  .map(([code, doc]) => `when '${code}' then '${doc}'`)
  .join(" ")} end)`;

interface FilterField {
  /** A list (comma-separated in a query, an array in a body) or one value. */
  kind: "list" | "text";
  /** The subscription's column holding it. */
  column: string;
  /** Allowed values of a list; the spec's maximum length of a text. */
  values?: readonly string[];
  maxLength?: number;
  /** The condition on event `e` (a `dcsa_events` row), given the filter's SQL expression. */
  matches: (value: string) => string;
}

/**
 * Every filter as data: its column, its allowed values and what it means on a `dcsa_events` row. Events
 * of other types lack an attribute and so never match a filter on it. This world has no service codes,
 * so `carrierServiceCode` matches nothing.
 */
export const FILTERS: Record<FilterName, FilterField> = {
  eventType: {
    kind: "list",
    column: "event_types",
    values: EVENT_TYPES,
    matches: (v) => `e.event_type = any(${v})`,
  },
  shipmentEventTypeCode: {
    kind: "list",
    column: "shipment_codes",
    values: SHIPMENT_EVENT_TYPE_CODES,
    matches: (v) => `e.event_type = 'SHIPMENT' and e.code = any(${v})`,
  },
  documentTypeCode: {
    kind: "list",
    column: "document_type_codes",
    values: DOCUMENT_TYPE_CODES,
    matches: (v) => `e.event_type = 'SHIPMENT' and ${DOCUMENT_TYPE_SQL} = any(${v})`,
  },
  carrierBookingReference: {
    kind: "text",
    column: "carrier_booking_reference",
    maxLength: 35,
    matches: (v) => `e.booking_reference = ${v}`,
  },
  transportDocumentReference: {
    kind: "text",
    column: "transport_document_reference",
    maxLength: 20,
    matches: (v) => `e.reference = ${v}`,
  },
  transportEventTypeCode: {
    kind: "list",
    column: "transport_codes",
    values: TRANSPORT_EVENT_TYPE_CODES,
    matches: (v) => `e.event_type = 'TRANSPORT' and e.code = any(${v})`,
  },
  transportCallID: {
    kind: "text",
    column: "transport_call_id",
    maxLength: 100,
    matches: (v) => `e.transport_call_id = ${v}`,
  },
  vesselIMONumber: {
    kind: "text",
    column: "vessel_imo",
    maxLength: 7,
    matches: (v) => `e.transport_call_id is not null and e.vessel_imo = ${v}`,
  },
  exportVoyageNumber: {
    kind: "text",
    column: "export_voyage",
    maxLength: 50,
    matches: (v) => `e.transport_call_id is not null and e.voyage = ${v}`,
  },
  carrierServiceCode: {
    kind: "text",
    column: "carrier_service_code",
    maxLength: 5,
    matches: () => `false`,
  },
  UNLocationCode: {
    kind: "text",
    column: "un_location_code",
    maxLength: 5,
    matches: (v) => `e.event_type <> 'SHIPMENT' and e.location = ${v}`,
  },
  equipmentEventTypeCode: {
    kind: "list",
    column: "equipment_codes",
    values: EQUIPMENT_EVENT_TYPE_CODES,
    matches: (v) => `e.event_type = 'EQUIPMENT' and e.code = any(${v})`,
  },
  equipmentReference: {
    kind: "text",
    column: "equipment_reference",
    maxLength: 15,
    matches: (v) => `e.event_type = 'EQUIPMENT' and e.equipment = ${v}`,
  },
};

export const FILTER_NAMES = Object.keys(FILTERS) as FilterName[];

/** Deprecated names the spec still lists, read as their replacements. */
export const FILTER_ALIASES: Readonly<Record<string, FilterName>> = {
  bookingReference: "carrierBookingReference",
  carrierVoyageNumber: "exportVoyageNumber",
};

/** Deprecated filters on identifiers this publisher does not issue, refused with what to use instead. */
export const UNSUPPORTED_FILTERS: Readonly<Record<string, string>> = {
  transportDocumentID: "transport documents are identified by transportDocumentReference",
  transportDocumentTypeCode: "deprecated by the spec and not to be used any more",
  scheduleID: "deprecated by the spec (added by mistake); use transportCallID or vesselIMONumber",
};

export const NO_FILTER: EventFilter = Object.fromEntries(FILTER_NAMES.map((n) => [n, null])) as never;

/**
 * The SQL condition an event `e` meets under a filter whose values are the SQL expressions `bind(name)`
 * gives (query parameters for `GET /v2/events`, a subscription's columns in the fan-out): one text for
 * both, so a subscription delivers exactly what the same query would list.
 */
export function filterSql(bind: (name: FilterName, field: FilterField) => string): string {
  return FILTER_NAMES.map((name) => {
    const field = FILTERS[name];
    const value = bind(name, field);
    return `(${value} is null or (${field.matches(value)}))`;
  }).join(" and ");
}

/** Checks one filter's value (its list's values, its text's length). */
function checked(name: FilterName, value: string[] | string): string[] | string {
  const field = FILTERS[name];
  if (Array.isArray(value)) {
    if (value.length === 0) throw new BadUserInputError(`${name}: give at least one value`, name);
    for (const v of value)
      if (!field.values!.includes(v))
        throw new BadUserInputError(`${name}: ${v} is not one of ${field.values!.join(", ")}`, name);
    return [...new Set(value)];
  }
  if (value.length === 0 || value.length > field.maxLength!)
    throw new BadUserInputError(`${name}: 1 to ${field.maxLength} characters`, name);
  return value;
}

/** The filters of a `GET /v2/events` query (comma-separated lists); other parameters are the caller's. */
export function filterFromQuery(params: URLSearchParams): EventFilter {
  const filter: EventFilter = { ...NO_FILTER };
  for (const [rawName, rawValue] of params) {
    if (rawName in UNSUPPORTED_FILTERS)
      throw new BadUserInputError(`${rawName} is not supported: ${UNSUPPORTED_FILTERS[rawName]}`, rawName);
    const name = (FILTER_ALIASES[rawName] ?? rawName) as FilterName;
    if (!(name in FILTERS)) continue;
    if (filter[name] !== null) throw new BadUserInputError(`${rawName} is given twice`, rawName);
    const value =
      FILTERS[name].kind === "list"
        ? rawValue
            .split(",")
            .map((v) => v.trim())
            .filter(Boolean)
        : rawValue.trim();
    (filter as unknown as Record<string, unknown>)[name] = checked(name, value);
  }
  return filter;
}

const listOrNull = z.array(z.string()).nullish();
const textOrNull = z.string().nullish();

/** A subscription's filter fields as the spec's body gives them (lists are JSON arrays). */
export const subscriptionFilterShape = {
  ...(Object.fromEntries(
    FILTER_NAMES.map((n) => [n, FILTERS[n].kind === "list" ? listOrNull : textOrNull]),
  ) as Record<FilterName, typeof listOrNull | typeof textOrNull>),
  bookingReference: textOrNull,
  carrierVoyageNumber: textOrNull,
};

/** The filter of a subscription body already parsed by `subscriptionFilterShape`. */
export function filterFromBody(body: Record<string, unknown>): EventFilter {
  const filter: EventFilter = { ...NO_FILTER };
  for (const [rawName, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    const name = (FILTER_ALIASES[rawName] ?? rawName) as FilterName;
    if (!(name in FILTERS)) continue;
    if (filter[name] !== null) throw new BadUserInputError(`${rawName} repeats ${name}`, rawName);
    (filter as unknown as Record<string, unknown>)[name] = checked(name, value as string[] | string);
  }
  return filter;
}

/** A filter as the spec's subscription body shows it: only the fields set. */
export function filterToBody(filter: EventFilter): Partial<Record<FilterName, string[] | string>> {
  return Object.fromEntries(FILTER_NAMES.filter((n) => filter[n] !== null).map((n) => [n, filter[n]!]));
}
