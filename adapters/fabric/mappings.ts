/**
 * The carrier system's vocabulary mapped to the canonical model, as data: each row is tested. Codes the
 * table does not know are surfaced with their native value (`mapped: false`), never dropped.
 */
export type DcsaEventType = "SHIPMENT" | "TRANSPORT" | "EQUIPMENT";

export interface StatusMapping {
  native: string;
  eventType: DcsaEventType;
  /** DCSA shipmentEventTypeCode / transportEventTypeCode / equipmentEventTypeCode. */
  code: string;
}

export const CARRIER_STATUS_MAP: readonly StatusMapping[] = [
  { native: "BOOKING_RECEIVED", eventType: "SHIPMENT", code: "RECE" },
  { native: "BOOKING_CONFIRMED", eventType: "SHIPMENT", code: "CONF" },
  { native: "BL_ISSUED", eventType: "SHIPMENT", code: "ISSU" },
  { native: "BL_SURRENDERED", eventType: "SHIPMENT", code: "SURR" },
  { native: "CARGO_RELEASED", eventType: "SHIPMENT", code: "RELS" },
  { native: "RELEASE_ON_HOLD", eventType: "SHIPMENT", code: "HOLD" },
  { native: "VESSEL_DEPARTED", eventType: "TRANSPORT", code: "DEPA" },
  { native: "VESSEL_ARRIVED", eventType: "TRANSPORT", code: "ARRI" },
  { native: "LOADED_ON_BOARD", eventType: "EQUIPMENT", code: "LOAD" },
  { native: "DISCHARGED", eventType: "EQUIPMENT", code: "DISC" },
  { native: "GATE_IN_FULL", eventType: "EQUIPMENT", code: "GTIN" },
  { native: "GATE_OUT_FULL", eventType: "EQUIPMENT", code: "GTOT" },
];

export const CARRIER_KIND_MAP: Readonly<Record<string, "ACT" | "PLN" | "EST">> = {
  ACTUAL: "ACT",
  PLANNED: "PLN",
  ESTIMATED: "EST",
};

export interface PortMapping {
  /** The carrier system's port name. */
  native: string;
  unLocode: string;
  name: string;
  /** Offset of the port's local time from UTC, hours (standard time). */
  utcOffsetHours: number;
}

export const CARRIER_PORT_MAP: readonly PortMapping[] = [
  { native: "SHANGHAI", unLocode: "CNSHA", name: "Shanghai", utcOffsetHours: 8 },
  { native: "SHEKOU", unLocode: "CNSHK", name: "Shekou", utcOffsetHours: 8 },
  { native: "YANTIAN", unLocode: "CNYTN", name: "Yantian", utcOffsetHours: 8 },
  { native: "SHENZHEN", unLocode: "CNSZX", name: "Shenzhen", utcOffsetHours: 8 },
  { native: "NINGBO", unLocode: "CNNGB", name: "Ningbo", utcOffsetHours: 8 },
  { native: "QINGDAO", unLocode: "CNTAO", name: "Qingdao", utcOffsetHours: 8 },
  { native: "XIAMEN", unLocode: "CNXMN", name: "Xiamen", utcOffsetHours: 8 },
  { native: "XINGANG", unLocode: "CNTXG", name: "Tianjin Xingang", utcOffsetHours: 8 },
  { native: "HONG KONG", unLocode: "HKHKG", name: "Hong Kong", utcOffsetHours: 8 },
  { native: "SINGAPORE", unLocode: "SGSIN", name: "Singapore", utcOffsetHours: 8 },
  { native: "LAEM CHABANG", unLocode: "THLCH", name: "Laem Chabang", utcOffsetHours: 7 },
  { native: "PORT KELANG", unLocode: "MYPKG", name: "Port Klang", utcOffsetHours: 8 },
  { native: "BUSAN", unLocode: "KRPUS", name: "Busan", utcOffsetHours: 9 },
  { native: "LOS ANGELES, CA", unLocode: "USLAX", name: "Los Angeles", utcOffsetHours: -8 },
  { native: "LONG BEACH, CA", unLocode: "USLGB", name: "Long Beach", utcOffsetHours: -8 },
  { native: "NEW YORK, NY", unLocode: "USNYC", name: "New York", utcOffsetHours: -5 },
  { native: "ROTTERDAM", unLocode: "NLRTM", name: "Rotterdam", utcOffsetHours: 1 },
  { native: "HAMBURG", unLocode: "DEHAM", name: "Hamburg", utcOffsetHours: 1 },
  { native: "ANTWERP", unLocode: "BEANR", name: "Antwerp", utcOffsetHours: 1 },
  { native: "FELIXSTOWE", unLocode: "GBFXT", name: "Felixstowe", utcOffsetHours: 0 },
];

export const CARRIER_RELEASE_MAP: Readonly<
  Record<string, "NOT_REQUESTED" | "REQUESTED" | "RELEASED" | "REFUSED">
> = {
  NOT_REQUESTED: "NOT_REQUESTED",
  RELEASE_REQUESTED: "REQUESTED",
  RELEASED: "RELEASED",
  HOLD: "REFUSED",
};

export const CARRIER_DOCTYPE_MAP: Readonly<Record<string, "NEGOTIABLE_EBL" | "SEA_WAYBILL" | "PAPER_BL">> = {
  EBL: "NEGOTIABLE_EBL",
  SWB: "SEA_WAYBILL",
  OBL: "PAPER_BL",
};

const statusIndex = new Map(CARRIER_STATUS_MAP.map((m) => [m.native, m]));
const portIndex = new Map(CARRIER_PORT_MAP.map((m) => [m.native, m]));

export const lookupStatus = (native: string) => statusIndex.get(native);
export const lookupPort = (native: string) => portIndex.get(native.trim().toUpperCase());

/**
 * "yyyy-MM-dd HH:mm" at a port to a UTC instant. Returns null when the text is not such a time or the
 * port is unknown (its offset, hence the instant, would be a guess).
 */
export function localPortTimeToUtc(local: string, port: PortMapping | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m || !port) return null;
  const [, y, mo, d, h, mi, s] = m;
  const utc =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)) -
    port.utcOffsetHours * 3_600_000;
  return Number.isNaN(utc) ? null : new Date(utc);
}
