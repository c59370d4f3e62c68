import { CARRIERS, PARTIES, PORTS } from "../../world/catalog.ts";
import type { WorldEvent, WorldShipment } from "../../world/types.ts";
import type {
  CarrierMilestone,
  CarrierShipmentRecord,
  CarrierStatus,
  EblRecord,
} from "../../wire/fabric/records.ts";

/** How the carrier's system names ports (its own port master data, not UN/LOCODEs). */
export const CARRIER_PORT_NAMES: Record<string, string> = {
  CNSHA: "SHANGHAI",
  CNSHK: "SHEKOU",
  CNYTN: "YANTIAN",
  CNSZX: "SHENZHEN",
  CNNGB: "NINGBO",
  CNTAO: "QINGDAO",
  CNXMN: "XIAMEN",
  CNTXG: "XINGANG",
  HKHKG: "HONG KONG",
  SGSIN: "SINGAPORE",
  THLCH: "LAEM CHABANG",
  MYPKG: "PORT KELANG",
  KRPUS: "BUSAN",
  USLAX: "LOS ANGELES, CA",
  USLGB: "LONG BEACH, CA",
  USNYC: "NEW YORK, NY",
  NLRTM: "ROTTERDAM",
  DEHAM: "HAMBURG",
  BEANR: "ANTWERP",
  GBFXT: "FELIXSTOWE",
};

const STATUS_OF: Record<string, CarrierStatus> = {
  RECE: "BOOKING_RECEIVED",
  CONF: "BOOKING_CONFIRMED",
  LOAD: "LOADED_ON_BOARD",
  DEPA: "VESSEL_DEPARTED",
  ISSU: "BL_ISSUED",
  ARRI: "VESSEL_ARRIVED",
  DISC: "DISCHARGED",
  SURR: "BL_SURRENDERED",
  RELS: "CARGO_RELEASED",
  HOLD: "RELEASE_ON_HOLD",
};

const KIND_OF = { ACT: "ACTUAL", PLN: "PLANNED", EST: "ESTIMATED" } as const;

export interface EblIndexEntry {
  reference: string;
  documentHash: string;
  kind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
  issuer: string;
}

/** Local time at a port, in the carrier system's "yyyy-MM-dd HH:mm" (no offset: the port implies it). */
export function carrierLocalTime(at: Date, unLocode: string): string {
  const offset = PORTS.find((p) => p.unLocode === unLocode)?.utcOffsetHours ?? 0;
  return new Date(at.getTime() + offset * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/**
 * The world's shipment as the carrier's system records it. Split in the stages it is written in: the
 * booking up to B/L issue, the voyage's later milestones, and the release.
 *
 * Milestone numbers (`seq`) never change as the world moves: those the world held at `anchor` are
 * numbered in story order, as seeding writes them; those recorded after it follow in the order the
 * carrier records them. Without `anchor`, every milestone counts as held at the anchor.
 */
export function carrierRecord(
  s: WorldShipment,
  ebls: Map<string, EblIndexEntry>,
  chainId: number,
  anchor?: Date,
) {
  const carrier = CARRIERS.find((c) => c.scac === s.carrierScac)!;
  const party = (id: string) => PARTIES.find((p) => p.id === id)?.name ?? id;
  const ebl = ebls.get(s.reference);
  const eblRecord: EblRecord =
    ebl?.kind === "TOKEN_REGISTRY"
      ? {
          platform: "TRADETRUST",
          chainId,
          registry: ebl.issuer,
          tokenId: s.conflicts.includes("HASH_MISMATCH") ? mistyped(ebl.documentHash) : ebl.documentHash,
        }
      : ebl?.kind === "DOCUMENT_STORE"
        ? { platform: "DOCUMENT_STORE", chainId, store: ebl.issuer, documentHash: ebl.documentHash }
        : { platform: "PAPER" };
  const milestones: CarrierMilestone[] = [];
  let seq = 0;
  const carrierEvents = s.events.filter((x) => x.recordedBy === "CARRIER");
  const heldAtAnchor = (e: WorldEvent) => !anchor || e.classifier === "PLN" || e.recordedAt <= anchor;
  const recordedLater = carrierEvents
    .filter((e) => !heldAtAnchor(e))
    .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  for (const e of [...carrierEvents.filter(heldAtAnchor), ...recordedLater]) {
    milestones.push(milestone(++seq, e));
    // Some carriers log their customs filing too; it has no DCSA code (the adapter must keep it visible).
    if (e.code === "CONF" && s.bookingReference.endsWith("7")) {
      milestones.push({
        seq: ++seq,
        status: "CUSTOMS_DOCS_LODGED",
        kind: "ACTUAL",
        portName: CARRIER_PORT_NAMES[s.portOfLoading]!,
        localTime: carrierLocalTime(new Date(e.at.getTime() + 3_600_000), s.portOfLoading),
        recordedLocalTime: carrierLocalTime(new Date(e.at.getTime() + 3_600_000), s.portOfLoading),
      });
    }
  }
  const issuedSeq = milestones.find((m) => m.status === "BL_ISSUED")?.seq ?? milestones.length;
  const rels = s.events.find((e) => e.code === "RELS");
  const hold = s.events.find((e) => e.code === "HOLD");
  const surr = s.events.find((e) => e.code === "SURR");
  const release: CarrierShipmentRecord["release"] = rels
    ? {
        status: "RELEASED",
        releasedTo: party(s.consignee),
        localTime: carrierLocalTime(rels.at, s.portOfDischarge),
      }
    : hold
      ? { status: "HOLD", localTime: carrierLocalTime(hold.at, s.portOfDischarge) }
      : surr
        ? { status: "RELEASE_REQUESTED" }
        : { status: "NOT_REQUESTED" };
  const record: CarrierShipmentRecord = {
    blNo: s.reference,
    bookingNo: s.bookingReference,
    carrier: carrier.scac,
    docType: s.documentKind === "NEGOTIABLE_EBL" ? "EBL" : s.documentKind === "SEA_WAYBILL" ? "SWB" : "OBL",
    shipperName: party(s.shipper),
    consigneeName: s.documentKind === "NEGOTIABLE_EBL" ? "TO ORDER" : party(s.consignee),
    notifyName: party(s.consignee),
    vesselName: s.vessel.name,
    vesselImo: s.vessel.imoNumber,
    voyageNo: s.voyage,
    polName: CARRIER_PORT_NAMES[s.portOfLoading]!,
    podName: CARRIER_PORT_NAMES[s.portOfDischarge]!,
    commodity: s.commodity,
    containers: s.containers.map((c) => ({
      cntrNo: c.number,
      sizeType: c.isoSizeType,
      sealNo: c.sealNumber,
      grossKg: c.grossWeightKg,
    })),
    ebl: eblRecord,
    release: { status: "NOT_REQUESTED" },
  };
  return {
    record,
    booking: milestones.filter((m) => m.seq <= issuedSeq),
    voyage: milestones.filter((m) => m.seq > issuedSeq),
    release,
  };
}

function milestone(seq: number, e: WorldEvent): CarrierMilestone {
  return {
    seq,
    status: STATUS_OF[e.code] ?? e.code,
    kind: KIND_OF[e.classifier],
    portName: CARRIER_PORT_NAMES[e.unLocode] ?? e.unLocode,
    localTime: carrierLocalTime(e.at, e.unLocode),
    recordedLocalTime: carrierLocalTime(e.recordedAt, e.unLocode),
    ...(e.containerNumber ? { cntrNo: e.containerNumber } : {}),
  };
}

/** Seeded conflict: the carrier's record carries a token id one character off the minted one. */
function mistyped(hash: string): string {
  const last = hash.at(-1)!;
  return `${hash.slice(0, -1)}${last === "0" ? "1" : "0"}`;
}
