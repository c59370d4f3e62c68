import type { CrosswalkEntry } from "../../interop/crosswalk/lookup.ts";
import type { ReportedEvent } from "../../interop/timeline.ts";
import type { TitleConflict } from "../../interop/titleIntegrity.ts";

/** A conflict, with what decides who may read its description: the title's and the shipment's parties. */
export interface ConflictParent extends TitleConflict {
  bill: { reference: string | null; titleParties: string[] };
}

/** A Shipment representation with the fields its @requires asked for (partial: each field asks for its own). */
export interface ShipmentRepresentation {
  reference: string;
  carrierEventLog?: ReportedEvent[] | null;
  portEventLog?: ReportedEvent[] | null;
  /** Null when the port network could not be asked (NOT_FOUND when it has no record). */
  portLookup?: "FOUND" | "NOT_FOUND" | null;
  portOfDischarge?: { unLocationCode: string } | null;
  carrierReleaseRecord?: { status: string; releasedAt: string | null } | null;
  portReleaseRecord?: { status: string; releasedAt: string | null } | null;
  customsRecord?: {
    direction: string;
    status: string;
    clearedAt: string | null;
    heldAt: string | null;
  } | null;
}

interface Named {
  name?: string | null;
  address?: string | null;
}

interface ReleaseRepresentation {
  status: string;
  releasedTo: Named | null;
  releasedAt: string | null;
}

/** A BillOfLading representation with the fields `titleIntegrity` and `verdict` require. */
export interface BillOfLadingRepresentation {
  documentHash: string;
  titleStatus?: string | null;
  registry?: { address: string; chainId: number } | null;
  liveRegistries?: { address: string; chainId: number }[] | null;
  endorsementRecord?: { action: string; from: Named | null; to: Named | null; at: string }[] | null;
  verification?: {
    status: string;
    fragments: { type: string; status: string; reason: string | null }[];
  } | null;
  carrierLookup?: "FOUND" | "NOT_FOUND" | null;
  shipment?: {
    reference: string;
    eblLocation: { documentHash: string; address: string; chainId: number } | null;
    carrierReleaseRecord: ReleaseRepresentation | null;
  } | null;
  /** The port network's release orders and record of this B/L (by its B/L number, from the port's BillOfLading). */
  portReleaseRecords?: ReleaseRepresentation[] | null;
  portLookup?: "FOUND" | "NOT_FOUND" | null;
}

export interface ReferenceOnly {
  reference: string;
}

export interface CrosswalkEntryParent extends CrosswalkEntry {
  shipment: { reference: string } | null;
  equipment: ReferenceOnly | null;
}
