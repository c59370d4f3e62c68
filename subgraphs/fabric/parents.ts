import type { CarrierShipment, EquipmentRef } from "../../core/model.ts";

/** A bill of lading as this subgraph knows it: the key, and the carrier's shipment once looked up. */
export interface BillOfLadingParent {
  documentHash: string;
  /** undefined: not looked up yet; null: the carrier network has no record of it. */
  shipment?: CarrierShipment | null;
}

export type EquipmentParent = EquipmentRef;
