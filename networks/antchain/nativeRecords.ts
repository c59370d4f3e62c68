import type { PortWriteSignature } from "../../wire/antchain/portContract.ts";
import { PARTIES, PORTS } from "../../world/catalog.ts";
import type { World, WorldShipment } from "../../world/types.ts";

/** The port community system's own port codes (customs-area style), not UN/LOCODEs. Chinese ports only. */
export const PORT_SYSTEM_CODES: Record<string, string> = {
  CNSHA: "2248",
  CNSHK: "5304",
  CNYTN: "5316",
  CNSZX: "5301",
  CNNGB: "3104",
  CNTAO: "4227",
  CNXMN: "3702",
  CNTXG: "0202",
};

const HOUR = 3_600_000;

/** "yyyy-MM-dd HH:mm:ss" in UTC+8, as the port system writes every time. */
export function portTime(at: Date): string {
  return new Date(at.getTime() + 8 * HOUR).toISOString().slice(0, 19).replace("T", " ");
}

/** Bill numbers as the port writes them: prefix, dash, serial ("COSU-6612345678"). */
export const portBillNo = (blNo: string) => `${blNo.slice(0, 4)}-${blNo.slice(4)}`;
/** Container numbers as the terminal writes them: owner code, space, serial and check digit. */
export const portCtnNo = (ctnNo: string) => `${ctnNo.slice(0, 4)} ${ctnNo.slice(4)}`;

export interface PortCallRecord {
  method: PortWriteSignature;
  /** Stable per record, so a re-seed is a no-op (orderId idempotency). */
  orderId: string;
  at: Date;
  payload: Record<string, unknown>;
}

/** Small deterministic jitter: the terminal's clock is not the carrier's. */
function jitterMinutes(key: string, max: number): number {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (h % (2 * max + 1)) - max;
}

/**
 * What the port community system records of a shipment, in its own vocabulary: port calls at Chinese
 * ports, terminal moves (XH discharge, ZH load, JG gate-in, TG gate-out, CY inspection), customs
 * declarations and their status (SB declared, CY inspection, KL held, FX cleared), release orders
 * (FX released, JZ refused) and fees. Only facts dated by the world's "now".
 *
 * `whole` is the shipment's whole story where it is known (the world clock): the terminal then records a
 * vessel's arrival at the port of loading when it arrives, rather than with its departure, as a world
 * cut at its anchor has it.
 */
export function portRecords(s: WorldShipment, world: World, whole?: WorldShipment): PortCallRecord[] {
  const out: PortCallRecord[] = [];
  const now = world.now.getTime();
  const billNo = portBillNo(s.reference);

  const consignee = PARTIES.find((p) => p.id === s.consignee)?.name ?? s.consignee;
  const push = (method: PortCallRecord["method"], id: string, at: Date, payload: Record<string, unknown>) => {
    if (at.getTime() <= now) out.push({ method, orderId: `seed:${s.reference}:${id}`, at, payload });
  };
  for (const [role, unLocode] of [
    ["POL", s.portOfLoading],
    ["POD", s.portOfDischarge],
  ] as const) {
    const portCode = PORT_SYSTEM_CODES[unLocode];
    if (!portCode) continue;
    const terminal = PORTS.find((p) => p.unLocode === unLocode)!.terminals[0]!;
    const callNo = `${portCode}${s.vessel.imoNumber.slice(-4)}${s.voyage}`;
    const base = {
      callNo,
      vesselName: s.vessel.name,
      imo: s.vessel.imoNumber,
      voyage: s.voyage,
      portCode,
      berth: `${terminal}-${(s.vessel.imoNumber.charCodeAt(6) % 9) + 1}`,
    };
    // (Its departure is dated as it happens: with the whole story, only its arrival shows earlier.)
    const depa = (whole ?? s).events.find((e) => e.code === "DEPA" && e.classifier === "ACT");
    const arri = s.events.find((e) => e.code === "ARRI" && e.classifier === "ACT");
    const etas = s.events.filter((e) => e.code === "ARRI" && e.classifier !== "ACT");
    if (role === "POL" && depa) {
      const ata = new Date(depa.at.getTime() - 30 * HOUR);
      push("recordPortCall(string)", `${callNo}:ata`, ata, { ...base, ata: portTime(ata) });
      push("recordPortCall(string)", `${callNo}:atd`, depa.at, { ...base, atd: portTime(depa.at) });
    }
    if (role === "POD") {
      const eta = etas.at(-1);
      if (eta)
        push("recordPortCall(string)", `${callNo}:eta`, eta.recordedAt, { ...base, eta: portTime(eta.at) });
      if (arri) {
        push("recordPortCall(string)", `${callNo}:ata`, arri.at, { ...base, ata: portTime(arri.at) });
        const atd = new Date(arri.at.getTime() + 36 * HOUR);
        push("recordPortCall(string)", `${callNo}:atd`, atd, { ...base, atd: portTime(atd) });
      }
    }
    const moves: Record<string, string> =
      role === "POL" ? { GTIN: "JG", LOAD: "ZH" } : { DISC: "XH", INSP: "CY", GTOT: "TG" };
    for (const e of s.events) {
      const moveCode = moves[e.code];
      if (!moveCode || e.unLocode !== unLocode || !e.containerNumber || e.classifier !== "ACT") continue;
      const at = new Date(e.at.getTime() + jitterMinutes(`${e.containerNumber}${e.code}`, 9) * 60_000);
      const moveNo = `${portCode}${moveCode}${e.containerNumber.slice(4)}${s.reference.slice(-4)}`;
      push("recordMove(string)", `move:${moveNo}`, at, {
        moveNo,
        ctnNo: portCtnNo(e.containerNumber),
        billNo,
        portCode,
        callNo,
        moveCode,
        moveTime: portTime(at),
      });
    }
    const declNo = `${portCode}${role === "POD" ? "I" : "E"}${s.bookingReference.slice(-8)}`;
    const customs = (statusCode: string, at: Date) =>
      push("recordCustoms(string)", `customs:${declNo}:${statusCode}`, at, {
        declNo,
        billNo,
        portCode,
        direction: role === "POD" ? "I" : "E",
        statusCode,
        statusTime: portTime(at),
      });
    if (role === "POL") {
      const gtin = s.events.find((e) => e.code === "GTIN");
      if (gtin) {
        customs("SB", new Date(gtin.at.getTime() - 2 * HOUR));
        customs("FX", new Date(gtin.at.getTime() + 4 * HOUR));
      }
    } else if (arri) {
      customs("SB", new Date(arri.at.getTime() - 24 * HOUR));
      const insp = s.events.find((e) => e.code === "INSP");
      // A held container is cleared only after its inspection, before it leaves (never cleared first).
      if (insp || s.trouble.includes("CUSTOMS_HOLD")) {
        if (insp) customs("CY", insp.at);
        if (insp) customs("KL", new Date(insp.at.getTime() + HOUR));
        const gtot = s.events.find((e) => e.code === "GTOT");
        if (insp && gtot) customs("FX", new Date(gtot.at.getTime() - 10 * HOUR));
      } else {
        customs("FX", new Date(arri.at.getTime() + 6 * HOUR));
      }
      const rels = s.events.find((e) => e.code === "RELS");
      const hold = s.events.find((e) => e.code === "HOLD");
      const releaseNo = `${portCode}R${s.reference.slice(-8)}`;
      if (rels) {
        // Seeded conflicts: a release to a party that never held the title, or a second release order.
        const releasedTo = s.conflicts.includes("RELEASE_TO_NON_HOLDER")
          ? (PARTIES.find((p) => p.id === "fwd-kn")?.name ?? "Kuehne+Nagel Forwarding")
          : consignee;
        push("recordRelease(string)", `release:${releaseNo}`, rels.at, {
          releaseNo,
          billNo,
          portCode,
          statusCode: "FX",
          releasedTo,
          releaseTime: portTime(rels.at),
        });
        if (s.conflicts.includes("RELEASED_TWICE")) {
          const again = new Date(rels.at.getTime() + 20 * HOUR);
          const other = PARTIES.find((p) => p.id === "fwd-sino")?.name ?? "Sinotrans Forwarding";
          push("recordRelease(string)", `release:${releaseNo}B`, again, {
            releaseNo: `${releaseNo}B`,
            billNo,
            portCode,
            statusCode: "FX",
            releasedTo: other,
            releaseTime: portTime(again),
          });
        }
        push("recordFee(string)", `fee:${releaseNo}`, rels.at, {
          feeNo: `F${releaseNo}`,
          billNo,
          feeType: "THC",
          amount: String(1200 * s.containers.length),
          currency: "CNY",
          paidTime: portTime(rels.at),
        });
      } else if (hold) {
        push("recordRelease(string)", `release:${releaseNo}`, hold.at, {
          releaseNo,
          billNo,
          portCode,
          statusCode: "JZ",
          releasedTo: "",
          releaseTime: portTime(hold.at),
        });
      }
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}
