import type {
  CargoRelease,
  CustomsClearance,
  CustomsState,
  Location,
  PortCall,
  PortShipmentRecord,
  Provenance,
  TrackingEvent,
} from "../../domain/model.ts";
import {
  CUSTOMS_STATUS_MAP,
  lookupMoveCode,
  lookupPortCode,
  normalizeBillNo,
  normalizeContainerNo,
  portSystemTimeToUtc,
  RELEASE_STATUS_MAP,
} from "./mappings.ts";
import type { BillView, RecordKind, Written } from "../../wire/antchain/records.ts";

export interface PortMapContext {
  network: string;
  /**
   * Whether the adapter's checked header chain holds this fact: its transaction is in a checked block,
   * succeeded, and wrote the values the contract reports (see `CheckedChain.proves`).
   */
  proven(kind: RecordKind, record: Written): boolean;
}

function location(portCode: string): Location | null {
  const port = lookupPortCode(portCode);
  return port ? { unLocationCode: port.unLocode, name: port.name, facilityCode: null } : null;
}

/** The port's record of a B/L in canonical form: DCSA events in UTC, UN/LOCODEs, provenance per fact. */
export function mapBill(view: BillView, ctx: PortMapContext): PortShipmentRecord {
  const reference = normalizeBillNo(view.billNo);
  const source = (kind: RecordKind, w: Written): Provenance => ({
    network: ctx.network,
    kind: "ANTCHAIN",
    blockNumber: String(w.blockNumber),
    transactionId: w.txHash,
    // A committed block of the consortium chain is final.
    finality: "FINAL",
    recordedAt: null,
    proven: ctx.proven(kind, w),
  });

  const portCalls: PortCall[] = view.portCalls.map((c) => ({
    callReference: c.callNo,
    vessel: c.imo ? { imoNumber: c.imo, name: c.vesselName || null } : null,
    carrierVoyageNumber: c.voyage || null,
    location: location(c.portCode),
    berth: c.berth || null,
    estimatedArrival: portSystemTimeToUtc(c.eta),
    actualArrival: portSystemTimeToUtc(c.ata),
    actualDeparture: portSystemTimeToUtc(c.atd),
    source: source("portCall", c),
  }));

  const events: TrackingEvent[] = [];
  for (const c of view.portCalls) {
    const loc = location(c.portCode);
    const vessel = c.imo ? { imoNumber: c.imo, name: c.vesselName || null } : null;
    const transport = (
      code: "ARRI" | "DEPA",
      classifier: "ACT" | "EST",
      text: string | undefined,
      nativeCode: string,
    ) => {
      const at = portSystemTimeToUtc(text);
      if (!at) return;
      events.push({
        eventID: `${ctx.network}:${c.callNo}:${nativeCode}`,
        eventType: "TRANSPORT",
        eventClassifier: classifier,
        eventDateTime: at,
        code,
        mapped: loc !== null,
        nativeCode,
        location: loc,
        equipmentReference: null,
        vessel,
        carrierVoyageNumber: c.voyage || null,
        source: source("portCall", c),
      });
    };
    transport("ARRI", "EST", c.eta, "ETA");
    transport("ARRI", "ACT", c.ata, "ATA");
    transport("DEPA", "ACT", c.atd, "ATD");
  }
  for (const m of view.moves) {
    const mapping = lookupMoveCode(m.moveCode);
    const at = portSystemTimeToUtc(m.moveTime);
    const loc = location(m.portCode);
    const call = view.portCalls.find((c) => c.callNo === m.callNo);
    events.push({
      eventID: `${ctx.network}:${m.moveNo}`,
      eventType: "EQUIPMENT",
      eventClassifier: "ACT",
      eventDateTime: at ?? new Date(0),
      code: mapping?.code ?? m.moveCode,
      mapped: Boolean(mapping && at && loc),
      nativeCode: m.moveCode,
      location: loc,
      equipmentReference: normalizeContainerNo(m.ctnNo),
      vessel: call?.imo ? { imoNumber: call.imo, name: call.vesselName || null } : null,
      carrierVoyageNumber: call?.voyage ?? null,
      source: source("move", m),
    });
  }
  events.sort((a, b) => a.eventDateTime.getTime() - b.eventDateTime.getTime());

  const declarations = new Map<string, CustomsClearance>();
  for (const c of [...view.customs].sort((a, b) => a.statusTime.localeCompare(b.statusTime))) {
    const status: CustomsState = CUSTOMS_STATUS_MAP[c.statusCode] ?? "DECLARED";
    const at = portSystemTimeToUtc(c.statusTime);
    let decl = declarations.get(c.declNo);
    if (!decl) {
      decl = {
        declarationReference: c.declNo,
        direction: c.direction === "E" ? "EXPORT" : "IMPORT",
        location: location(c.portCode),
        status: "DECLARED",
        declaredAt: null,
        inspectedAt: null,
        heldAt: null,
        clearedAt: null,
        history: [],
      };
      declarations.set(c.declNo, decl);
    }
    decl.history.push({ status, nativeCode: c.statusCode, at, source: source("customs", c) });
    decl.status = status;
    if (status === "DECLARED") decl.declaredAt = at;
    if (status === "INSPECTED") decl.inspectedAt = at;
    if (status === "HELD") decl.heldAt = at;
    if (status === "CLEARED") decl.clearedAt = at;
  }

  const releases: CargoRelease[] = [...view.releases]
    .sort((a, b) => a.releaseTime.localeCompare(b.releaseTime))
    .map((r) => {
      const status = RELEASE_STATUS_MAP[r.statusCode] ?? "REQUESTED";
      return {
        status,
        releasedTo: r.releasedTo ? { name: r.releasedTo } : null,
        releasedAt: status === "RELEASED" ? portSystemTimeToUtc(r.releaseTime) : null,
        source: source("release", r),
      };
    });

  return {
    reference,
    portCalls,
    events,
    customs: [...declarations.values()],
    release: releases.at(-1) ?? null,
    releases,
    fees: view.fees.map((f) => ({
      feeType: f.feeType,
      amount: f.amount,
      currency: f.currency,
      paidAt: portSystemTimeToUtc(f.paidTime),
      source: source("fee", f),
    })),
  };
}
