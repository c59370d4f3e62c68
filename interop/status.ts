import type { EventClassifier, Location, Provenance } from "../domain/model.ts";

export type ShipmentStatus =
  | "BOOKED"
  | "RECEIVED"
  | "LOADED"
  | "DEPARTED"
  | "IN_TRANSIT"
  | "ARRIVED"
  | "DISCHARGED"
  | "CUSTOMS_HELD"
  | "CUSTOMS_CLEARED"
  | "RELEASE_REFUSED"
  | "RELEASED"
  | "DELIVERED";

export interface StatusEvent {
  eventClassifier: EventClassifier;
  eventDateTime: string;
  code: string;
  location: Pick<Location, "unLocationCode"> | null;
}

export interface StatusInput {
  events: StatusEvent[];
  portOfDischarge: string | null;
  releases: ({ status: string; releasedAt: string | null } | null)[];
  /** The import customs clearance at the port of discharge, as the port network records it. */
  customs: { direction: string; status: string; clearedAt: string | null; heldAt: string | null } | null;
  /** "Now", for DEPARTED vs IN_TRANSIT. */
  now: Date;
}

/** How long after departure a vessel is said to have DEPARTED before it is IN_TRANSIT. */
export const DEPARTED_FOR_MS = 24 * 3_600_000;

/**
 * The stage a shipment has reached, from the most advanced fact any network reports (actual events,
 * customs milestones as the port records them, carrier and port releases). Later stages win: a shipment
 * released and gated out is DELIVERED even if an earlier customs hold is on record.
 */
export function deriveStatus(input: StatusInput): { status: ShipmentStatus; since: Date } | null {
  const actual = input.events
    .filter((e) => e.eventClassifier === "ACT")
    .map((e) => ({ ...e, at: new Date(e.eventDateTime) }));
  const atPod = (code: string) =>
    actual.filter(
      (e) =>
        e.code === code && (!input.portOfDischarge || e.location?.unLocationCode === input.portOfDischarge),
    );
  const last = (list: { at: Date }[]) =>
    list.reduce<Date | null>((m, e) => (m === null || e.at > m ? e.at : m), null);
  const first = (list: { at: Date }[]) =>
    list.reduce<Date | null>((m, e) => (m === null || e.at < m ? e.at : m), null);
  const released = input.releases
    .filter((r) => r?.status === "RELEASED")
    .map((r) => (r!.releasedAt ? new Date(r!.releasedAt) : null));
  const refused = input.releases.some((r) => r?.status === "REFUSED");
  const any = (code: string) => actual.filter((e) => e.code === code);

  const gateOut = atPod("GTOT");
  if (released.length > 0 && gateOut.length > 0) return { status: "DELIVERED", since: last(gateOut)! };
  if (released.length > 0 || any("RELS").length > 0) {
    const times = [...released.filter((d): d is Date => d !== null), ...any("RELS").map((e) => e.at)];
    return { status: "RELEASED", since: times.reduce((a, b) => (a < b ? a : b)) };
  }
  if (refused || any("HOLD").length > 0)
    return { status: "RELEASE_REFUSED", since: first(any("HOLD")) ?? last(actual) ?? input.now };
  const inspected = atPod("INSP");
  const discharged = atPod("DISC");
  const customs = input.customs?.direction === "IMPORT" ? input.customs : null;
  if (customs && (customs.status === "HELD" || customs.status === "INSPECTED")) {
    return {
      status: "CUSTOMS_HELD",
      since: customs.heldAt ? new Date(customs.heldAt) : (first(inspected) ?? input.now),
    };
  }
  // Without the port's customs record, an inspection on the timeline still means a hold.
  if (!customs && inspected.length > 0 && gateOut.length === 0)
    return { status: "CUSTOMS_HELD", since: first(inspected)! };
  if (customs?.status === "CLEARED" && (discharged.length > 0 || atPod("ARRI").length > 0)) {
    return {
      status: "CUSTOMS_CLEARED",
      since: customs.clearedAt ? new Date(customs.clearedAt) : first(discharged)!,
    };
  }
  if (discharged.length > 0) return { status: "DISCHARGED", since: first(discharged)! };
  const arrived = atPod("ARRI");
  if (arrived.length > 0) return { status: "ARRIVED", since: first(arrived)! };
  const departed = any("DEPA");
  if (departed.length > 0) {
    const at = first(departed)!;
    return {
      status: input.now.getTime() - at.getTime() < DEPARTED_FOR_MS ? "DEPARTED" : "IN_TRANSIT",
      since: at,
    };
  }
  if (any("LOAD").length > 0) return { status: "LOADED", since: first(any("LOAD"))! };
  if (any("GTIN").length > 0) return { status: "RECEIVED", since: first(any("GTIN"))! };
  const booked = [...any("RECE"), ...any("CONF")];
  if (booked.length > 0) return { status: "BOOKED", since: first(booked)! };
  return null;
}

export interface EtaEvent {
  eventClassifier: EventClassifier;
  eventDateTime: string;
  code: string;
  location: Location | null;
  source: Provenance;
}

/** The arrival at the port of discharge: the actual one once it happened, else the latest estimate, else the plan. */
export function latestEta(
  events: EtaEvent[],
  portOfDischarge: string | null,
): { at: Date; eventClassifier: EventClassifier; location: Location | null; source: Provenance } | null {
  const arrivals = events.filter(
    (e) => e.code === "ARRI" && (!portOfDischarge || e.location?.unLocationCode === portOfDischarge),
  );
  for (const classifier of ["ACT", "EST", "PLN"] as const) {
    const candidates = arrivals
      .filter((e) => e.eventClassifier === classifier)
      .sort((a, b) => b.eventDateTime.localeCompare(a.eventDateTime));
    const best = candidates[0];
    if (best)
      return {
        at: new Date(best.eventDateTime),
        eventClassifier: classifier,
        location: best.location,
        source: best.source,
      };
  }
  return null;
}

/** The location of the latest actual event that has one. */
export function currentLocation(
  events: { eventClassifier: EventClassifier; eventDateTime: string; location: Location | null }[],
): Location | null {
  const located = events
    .filter((e) => e.eventClassifier === "ACT" && e.location)
    .sort((a, b) => b.eventDateTime.localeCompare(a.eventDateTime));
  return located[0]?.location ?? null;
}
