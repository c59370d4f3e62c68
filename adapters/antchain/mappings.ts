/**
 * The port community system's vocabulary mapped to the canonical model, as data tested row by row.
 * Unknown codes are surfaced with their native value, never dropped.
 */
export interface PortCodeMapping {
  native: string;
  unLocode: string;
  name: string;
}

export const PORT_CODE_MAP: readonly PortCodeMapping[] = [
  { native: "2248", unLocode: "CNSHA", name: "Shanghai" },
  { native: "5304", unLocode: "CNSHK", name: "Shekou" },
  { native: "5316", unLocode: "CNYTN", name: "Yantian" },
  { native: "5301", unLocode: "CNSZX", name: "Shenzhen" },
  { native: "3104", unLocode: "CNNGB", name: "Ningbo" },
  { native: "4227", unLocode: "CNTAO", name: "Qingdao" },
  { native: "3702", unLocode: "CNXMN", name: "Xiamen" },
  { native: "0202", unLocode: "CNTXG", name: "Tianjin Xingang" },
];

export interface MoveCodeMapping {
  native: string;
  eventType: "EQUIPMENT";
  code: string;
  meaning: string;
}

export const MOVE_CODE_MAP: readonly MoveCodeMapping[] = [
  { native: "XH", eventType: "EQUIPMENT", code: "DISC", meaning: "卸货 discharged from the vessel" },
  { native: "ZH", eventType: "EQUIPMENT", code: "LOAD", meaning: "装货 loaded on the vessel" },
  { native: "JG", eventType: "EQUIPMENT", code: "GTIN", meaning: "进港 gated in, full" },
  { native: "TG", eventType: "EQUIPMENT", code: "GTOT", meaning: "提柜 gated out, full" },
  { native: "CY", eventType: "EQUIPMENT", code: "INSP", meaning: "查验 inspected" },
];

export type CustomsState = "DECLARED" | "INSPECTED" | "HELD" | "CLEARED";

export const CUSTOMS_STATUS_MAP: Readonly<Record<string, CustomsState>> = {
  SB: "DECLARED",
  CY: "INSPECTED",
  KL: "HELD",
  FX: "CLEARED",
};

export const RELEASE_STATUS_MAP: Readonly<Record<string, "RELEASED" | "REFUSED">> = {
  FX: "RELEASED",
  JZ: "REFUSED",
};

/** Every port-system time is Beijing time (UTC+8), "yyyy-MM-dd HH:mm:ss". */
export const PORT_SYSTEM_UTC_OFFSET_HOURS = 8;

const portIndex = new Map(PORT_CODE_MAP.map((m) => [m.native, m]));
const moveIndex = new Map(MOVE_CODE_MAP.map((m) => [m.native, m]));
export const lookupPortCode = (code: string) => portIndex.get(code.trim());
export const lookupMoveCode = (code: string) => moveIndex.get(code.trim().toUpperCase());

/** "yyyy-MM-dd HH:mm:ss" Beijing time to a UTC instant; null when it is not such a time. */
export function portSystemTimeToUtc(text: string | undefined): Date | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const utc =
    Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - PORT_SYSTEM_UTC_OFFSET_HOURS * 3_600_000;
  return Number.isNaN(utc) ? null : new Date(utc);
}

/** "COSU-6612345678" (as the port writes it) to the carrier's B/L number "COSU6612345678". */
export const normalizeBillNo = (billNo: string) => billNo.replace(/[\s-]/g, "").toUpperCase();
/** The canonical B/L number to the port's form. */
export const toPortBillNo = (reference: string) => `${reference.slice(0, 4)}-${reference.slice(4)}`;
/** "CSNU 1234567" (as the terminal writes it) to ISO 6346 "CSNU1234567". */
export const normalizeContainerNo = (ctnNo: string) => ctnNo.replace(/\s+/g, "").toUpperCase();
export const toPortContainerNo = (reference: string) => `${reference.slice(0, 4)} ${reference.slice(4)}`;
