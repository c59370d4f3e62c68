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
// Port names arrive exactly as the carrier system writes them; normalising (trim, upper case) is
// only needed for the rare variant, so the exact text is tried first (this runs per event).
export const lookupPort = (native: string) =>
  portIndex.get(native) ?? portIndex.get(native.trim().toUpperCase());

const digit = (text: string, at: number) => {
  const c = text.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const num = (text: string, from: number, length: number) => {
  let n = 0;
  for (let i = from; i < from + length; i++) n = n * 10 + digit(text, i);
  return n;
};

/**
 * "yyyy-MM-dd HH:mm[:ss]" at a port to a UTC instant (epoch ms). Returns null when the text is not such a
 * time or the port is unknown (its offset, hence the instant, would be a guess). Parsed by position: this
 * runs for every event of every shipment read, and a regular expression costs several times more.
 */
export function localPortTimeToEpoch(local: string, port: PortMapping | undefined): number | null {
  if (!port || (local.length !== 16 && local.length !== 19)) return null;
  if (
    local[4] !== "-" ||
    local[7] !== "-" ||
    local[10] !== " " ||
    local[13] !== ":" ||
    (local.length === 19 && local[16] !== ":")
  )
    return null;
  const month = num(local, 5, 2);
  const day = num(local, 8, 2);
  const hour = num(local, 11, 2);
  const minute = num(local, 14, 2);
  const second = local.length === 19 ? num(local, 17, 2) : 0;
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59))
    return null;
  const utc =
    Date.UTC(num(local, 0, 4), month - 1, day, hour, minute, second) - port.utcOffsetHours * 3_600_000;
  return Number.isNaN(utc) ? null : utc;
}

export function localPortTimeToUtc(local: string, port: PortMapping | undefined): Date | null {
  const epoch = localPortTimeToEpoch(local.trim(), port);
  return epoch === null ? null : new Date(epoch);
}
