import type {
  CargoRelease,
  CarrierShipment,
  PartyRef,
  PortShipmentRecord,
  Title,
  TitleTransfer,
  TrackingEvent,
} from "../domain/model.ts";
import { titleId, titleRef } from "../domain/networkChange.ts";
import type { ContainerMoveRow, EventRow, ReleaseRow, ShipmentRow, TitleTransferRow } from "./tables.ts";
import { deriveStatus } from "../interop/status.ts";
import { mergeTimeline } from "../interop/timeline.ts";
import { isPublishable } from "../dcsa/codes.ts";
import { dcsaEventId, transportCallId } from "../dcsa/eventIdentity.ts";

/**
 * The read model's rows for one shipment, derived from the networks' canonical records: its summary
 * row, and its facts (events, container moves, releases, title transfers), each with its provenance.
 */
export interface ShipmentRows {
  shipment: ShipmentRow;
  /** Container moves, without the time the index first saw them (the indexer knows that). */
  moves: Omit<ContainerMoveRow, "indexedAt">[];
  events: EventRow[];
  releases: ReleaseRow[];
  transfers: TitleTransferRow[];
  /** The shipment's canonical events in DCSA form (the `dcsa_events` table). */
  dcsaEvents: DcsaEventRow[];
}

/** One canonical DCSA event of a shipment: the networks' reports of it merged, with every source. */
export interface DcsaEventRow {
  reference: string;
  eventId: string;
  eventType: string;
  classifier: string;
  code: string;
  at: Date;
  location: string | null;
  locationName: string | null;
  equipment: string | null;
  vesselImo: string | null;
  vesselName: string | null;
  voyage: string | null;
  bookingReference: string;
  carrier: string;
  transportCallId: string | null;
  /** Whether the port network reported it (a port authority may see it at its port). */
  portReported: boolean;
  /** The networks' own IDs of the reports merged into it (its lineage: what keeps its eventID stable). */
  reports: string[];
  sources: { network: string; kind: string; blockNumber: string | null; transactionId: string | null }[];
}

/**
 * A shipment's events as DCSA Track & Trace publishes them: only DCSA-coded events (native codes with
 * no DCSA equivalent stay in the graph's own views), merged across networks exactly as the graph's
 * timeline merges them (`mergeTimeline`), each with its name-based eventID.
 */
export function dcsaEventRows(carrier: CarrierShipment, port: PortShipmentRecord | null): DcsaEventRow[] {
  // Each report gets a source object of its own, so a merged event's sources name its reports.
  const reportOf = new Map<object, string>();
  const reports = [...carrier.events, ...(port?.events ?? [])]
    .filter((e) => e.mapped && isPublishable(e.eventType, e.code))
    .map((e) => {
      const source = { ...e.source };
      reportOf.set(source, e.eventID);
      return { ...e, source, eventDateTime: e.eventDateTime.toISOString() };
    });
  return mergeTimeline([reports]).map((e) => {
    const location = e.location?.unLocationCode ?? null;
    const vessel = e.vessel ?? carrier.vessel;
    const voyage = e.carrierVoyageNumber ?? carrier.carrierVoyageNumber;
    return {
      reference: carrier.reference,
      eventId: dcsaEventId({
        reference: carrier.reference,
        sourceEventId: e.eventID,
        eventType: e.eventType,
        classifier: e.eventClassifier,
        code: e.code,
        at: e.eventDateTime,
        location,
        equipment: e.equipmentReference,
      }),
      eventType: e.eventType,
      classifier: e.eventClassifier,
      code: e.code,
      at: e.eventDateTime,
      location,
      locationName: e.location?.name ?? null,
      equipment: e.equipmentReference,
      vesselImo: vessel?.imoNumber ?? null,
      vesselName: vessel?.name ?? null,
      voyage,
      bookingReference: carrier.carrierBookingReference,
      carrier: carrier.carrier.scac,
      transportCallId:
        e.eventType === "SHIPMENT" ? null : transportCallId(vessel?.imoNumber ?? null, voyage, location),
      portReported: e.sources.some((s) => s.kind === "ANTCHAIN"),
      reports: e.sources.map((s) => reportOf.get(s)!),
      sources: e.sources.map((s) => ({
        network: s.network,
        kind: s.kind,
        blockNumber: s.blockNumber,
        transactionId: s.transactionId,
      })),
    };
  });
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const party = (p: PartyRef | null) => p?.address ?? p?.name ?? null;
const provenance = (s: { network: string; blockNumber: string | null; transactionId: string | null }) => ({
  network: s.network,
  block: s.blockNumber,
  tx: s.transactionId,
});

/** The eBL title's facts for a shipment: state, transfers before surrender, issue and surrender times. */
export function titleFacts(title: Title | null, chain: TitleTransfer[]): TitleFacts {
  const issued = chain.find((t) => t.action === "ISSUE")?.at ?? null;
  const surrendered = chain.find((t) => t.action === "RETURN_TO_ISSUER")?.at ?? null;
  const transfers = chain.filter(
    (t) =>
      ["TRANSFER_HOLDER", "TRANSFER_BENEFICIARY", "TRANSFER_OWNERS"].includes(t.action) &&
      (!surrendered || t.at <= surrendered),
  ).length;
  return {
    titleStatus: title?.status ?? null,
    titleTransfers: title ? transfers : null,
    titleIssuedAt: iso(issued),
    titleSurrenderedAt: iso(surrendered),
  };
}

/** The title's columns of a shipment's row. */
export type TitleFacts = Pick<
  ShipmentRow,
  "titleStatus" | "titleTransfers" | "titleIssuedAt" | "titleSurrenderedAt"
>;

export interface TitleOfShipment {
  facts: TitleFacts;
  chain: TitleTransfer[];
  /** The title as read now (current holder and beneficiary); null without an eBL. */
  title: Title | null;
}

export const NO_TITLE: TitleOfShipment = {
  facts: { titleStatus: null, titleTransfers: null, titleIssuedAt: null, titleSurrenderedAt: null },
  chain: [],
  title: null,
};

/** One shipment's canonical row and container moves, from the carrier's and the port's records. */
export function rowsOf(
  carrier: CarrierShipment,
  port: PortShipmentRecord | null,
  now: Date,
  title: TitleOfShipment,
): ShipmentRows {
  const events = [...carrier.events, ...(port?.events ?? [])];
  const status = deriveStatus({
    events: events.map((e) => ({
      eventClassifier: e.eventClassifier,
      eventDateTime: e.eventDateTime.toISOString(),
      code: e.code,
      location: e.location,
    })),
    portOfDischarge: carrier.portOfDischarge?.unLocationCode ?? null,
    releases: [carrier.release, port?.release ?? null].map((r) =>
      r ? { status: r.status, releasedAt: iso(r.releasedAt) } : null,
    ),
    customs: (() => {
      const c = port?.customs.find((x) => x.direction === "IMPORT");
      return c
        ? { direction: c.direction, status: c.status, clearedAt: iso(c.clearedAt), heldAt: iso(c.heldAt) }
        : null;
    })(),
    now,
  });
  const first = (code: string, at: string | null | undefined) =>
    events
      .filter(
        (e) => e.code === code && e.eventClassifier === "ACT" && (!at || e.location?.unLocationCode === at),
      )
      .map((e) => e.eventDateTime)
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  // The first ETA: the carrier's plan for arrival at the port of discharge (recorded at booking).
  const planned =
    carrier.events
      .filter(
        (e) =>
          e.code === "ARRI" &&
          e.eventClassifier === "PLN" &&
          e.location?.unLocationCode === carrier.portOfDischarge?.unLocationCode,
      )
      .map((e) => e.eventDateTime)
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const released =
    [carrier.release, port?.release]
      .filter((r) => r?.status === "RELEASED" && r.releasedAt)
      .map((r) => r!.releasedAt!)
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const moves = events
    .filter(
      (e): e is TrackingEvent & { equipmentReference: string } =>
        e.eventType === "EQUIPMENT" &&
        e.eventClassifier === "ACT" &&
        e.equipmentReference !== null &&
        e.mapped,
    )
    .map((e) => ({
      reference: carrier.reference,
      container: e.equipmentReference,
      code: e.code,
      location: e.location?.unLocationCode ?? null,
      at: e.eventDateTime.toISOString(),
      ...provenance(e.source),
    }));
  return {
    shipment: {
      reference: carrier.reference,
      carrierScac: carrier.carrier.scac,
      pol: carrier.portOfLoading?.unLocationCode ?? null,
      pod: carrier.portOfDischarge?.unLocationCode ?? null,
      status: status?.status ?? null,
      departedAt: iso(first("DEPA", carrier.portOfLoading?.unLocationCode)),
      arrivedAt: iso(first("ARRI", carrier.portOfDischarge?.unLocationCode)),
      releasedAt: iso(released),
      carrierBlock: carrier.source.blockNumber,
      carrierTx: carrier.source.transactionId,
      plannedArrival: iso(planned),
      ...title.facts,
      titleKey:
        carrier.ebl?.kind === "TOKEN_REGISTRY"
          ? titleId(titleRef(carrier.ebl.address, carrier.ebl.documentHash))
          : null,
    },
    moves,
    events: events.map((e) => ({
      reference: carrier.reference,
      eventId: e.eventID,
      eventType: e.eventType,
      classifier: e.eventClassifier,
      code: e.code,
      mapped: e.mapped,
      location: e.location?.unLocationCode ?? null,
      equipment: e.equipmentReference,
      at: e.eventDateTime.toISOString(),
      ...provenance(e.source),
    })),
    releases: [carrier.release, ...(port?.releases ?? [])]
      .filter((r): r is CargoRelease & { source: NonNullable<CargoRelease["source"]> } => r?.source != null)
      .map((r, i) => ({
        reference: carrier.reference,
        seq: i,
        status: r.status,
        releasedTo: party(r.releasedTo),
        releasedAt: iso(r.releasedAt),
        ...provenance(r.source),
      })),
    transfers: title.chain.map((t, i) => ({
      reference: carrier.reference,
      seq: i,
      action: t.action,
      fromParty: party(t.from),
      toParty: party(t.to),
      at: t.at.toISOString(),
      ...provenance(t.source),
    })),
    dcsaEvents: dcsaEventRows(carrier, port),
  };
}
