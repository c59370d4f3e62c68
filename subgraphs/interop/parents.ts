import type { ReportedEvent } from "../../interop/timeline.ts";

/** A Shipment representation with the fields its @requires asked for (partial: each field asks for its own). */
export interface ShipmentRepresentation {
  reference: string;
  carrierEvents?: ReportedEvent[] | null;
  portEvents?: ReportedEvent[] | null;
  portOfDischarge?: { unLocationCode: string } | null;
  carrierRelease?: { status: string; releasedAt: string | null } | null;
  portRelease?: { status: string; releasedAt: string | null } | null;
  customs?: { direction: string; status: string; clearedAt: string | null; heldAt: string | null } | null;
}
