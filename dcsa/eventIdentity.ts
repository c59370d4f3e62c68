import { createHash } from "node:crypto";

/**
 * The namespace of Tradegraph's DCSA event IDs (a random UUID fixed once): IDs are name-based, so the
 * same event always gets the same ID, in every process, on every retry and after a rebuild.
 */
const EVENT_NAMESPACE = Buffer.from("6f1d2a4e9b3c4d7e8a5f0c1b2d3e4f50", "hex");

/**
 * A name-based UUID, version 5 (RFC 9562 §5.5: SHA-1 of namespace and name, version and variant bits
 * set), of the facts that make an event what it is.
 */
export function uuidV5(name: string, namespace: Buffer = EVENT_NAMESPACE): string {
  const hash = createHash("sha1").update(namespace).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What identifies one DCSA event: its shipment, the report that stands for it, and what it says. */
export interface EventIdentity {
  reference: string;
  /** The network's own id of the report the merged event keeps (the earliest). */
  sourceEventId: string;
  eventType: string;
  classifier: string;
  code: string;
  at: Date;
  location: string | null;
  equipment: string | null;
}

/**
 * The DCSA `eventID`. A revised estimate is a new event (DCSA events are immutable: a new ETA is a new
 * EST event), so the time and the classifier are part of the name; the network's id alone would give a
 * revised ETA the ID of the one it replaces.
 */
export function dcsaEventId(e: EventIdentity): string {
  return uuidV5(
    [
      e.reference,
      e.sourceEventId,
      e.eventType,
      e.classifier,
      e.code,
      e.at.toISOString(),
      e.location ?? "",
      e.equipment ?? "",
    ].join("|"),
  );
}

/**
 * A transport call's ID: the vessel's call at a port on a voyage. Built from what every network reports
 * of it (IMO number, voyage, UN/LOCODE), so the carrier's and the terminal's events of the same call
 * name the same transport call.
 */
export function transportCallId(
  vesselImo: string | null,
  voyage: string | null,
  unLocationCode: string | null,
): string {
  return [vesselImo ?? "NOIMO", voyage ?? "NOVOYAGE", unLocationCode ?? "NOLOCODE"].join("-");
}

/** What `keepIdentities` needs of an event, new or already indexed. */
export interface EventLineage {
  reference: string;
  eventId: string;
  eventType: string;
  classifier: string;
  code: string;
  at: Date;
  /** The networks' IDs of the reports merged into it. */
  reports: readonly string[];
}

/**
 * Gives each freshly derived event the eventID its shipment's indexed event of the same lineage already
 * has, so an event keeps its ID while its content settles: when a second network reports the same
 * discharge, earlier by its clock, the merged event gains a source and moves to the earlier time, and
 * it is still the event subscribers got. Same lineage: a report in common, same type, code and
 * classifier, and for a plan or an estimate the same time too (a revised ETA is a new event, as DCSA
 * has it). Everything else keeps its name-based ID. Each indexed ID is given once.
 */
export function keepIdentities<T extends EventLineage>(fresh: T[], indexed: readonly EventLineage[]): T[] {
  const taken = new Set<string>();
  const byReference = new Map<string, EventLineage[]>();
  for (const e of indexed) byReference.set(e.reference, [...(byReference.get(e.reference) ?? []), e]);
  // Name-based IDs that are already right are kept first, so a lineage never steals an exact match.
  const exact = new Set(indexed.map((e) => `${e.reference} ${e.eventId}`));
  for (const e of fresh)
    if (exact.has(`${e.reference} ${e.eventId}`)) taken.add(`${e.reference} ${e.eventId}`);
  return fresh.map((e) => {
    if (exact.has(`${e.reference} ${e.eventId}`)) return e;
    const same = (byReference.get(e.reference) ?? []).find(
      (old) =>
        !taken.has(`${old.reference} ${old.eventId}`) &&
        old.eventType === e.eventType &&
        old.code === e.code &&
        old.classifier === e.classifier &&
        (e.classifier === "ACT" || old.at.getTime() === e.at.getTime()) &&
        old.reports.some((r) => e.reports.includes(r)),
    );
    if (!same) return e;
    taken.add(`${same.reference} ${same.eventId}`);
    return { ...e, eventId: same.eventId };
  });
}
