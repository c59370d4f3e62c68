import type { CarrierMilestone, StoredShipment } from "../../wire/fabric/records.ts";

/**
 * The carrier chaincode's records as the adapter reads them (JSON from Evaluate): the wire's records
 * (`wire/fabric/records.ts`, which the local chaincode writes), taken defensively where a carrier's own
 * chaincode may differ: optional parts missing, and a status, kind, document type or eBL platform this
 * adapter does not know (mapped as unknown, never a crash).
 */
export type NativeMilestone = Omit<CarrierMilestone, "kind" | "recordedLocalTime"> & {
  kind: string;
  recordedLocalTime?: string;
};

export interface NativeShipment extends Omit<
  StoredShipment,
  "docType" | "commodity" | "containers" | "ebl" | "release" | "milestones" | "updatedBy"
> {
  docType: string;
  commodity?: string;
  containers: { cntrNo: string; sizeType: string; sealNo?: string; grossKg?: number }[];
  ebl: StoredShipment["ebl"] | { platform: string };
  release: { status: string; releasedTo?: string; localTime?: string };
  milestones: NativeMilestone[];
}
