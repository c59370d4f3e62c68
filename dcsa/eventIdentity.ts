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
