import type { TradegraphError } from "../../domain/errors.ts";
import type { CarrierShipment, EblLocation, EquipmentRef } from "../../domain/model.ts";

/**
 * A shipment asked by its key while the carrier network could not be asked: the entity still resolves
 * (the port's and the title's subgraphs answer for the same key), and every field the carrier's record
 * holds fails with `unreachable`. `ebl` is the carrier's pointer to the B/L's eBL when this subgraph has
 * read it before (fixed once issued), else null.
 */
export interface CarrierUnreachable {
  reference: string;
  unreachable: TradegraphError;
  ebl: EblLocation | null;
}

/** A shipment as this subgraph resolves it: the carrier's record, or its key alone during an outage. */
export type ShipmentParent = CarrierShipment | CarrierUnreachable;

export const isCarrierUnreachable = (s: ShipmentParent): s is CarrierUnreachable => "unreachable" in s;

/** A bill of lading as this subgraph knows it: the key, and the carrier's shipment once looked up. */
export interface BillOfLadingParent {
  documentHash: string;
  /** undefined: not looked up yet; null: the carrier network has no record of it. */
  shipment?: CarrierShipment | null;
}

export type EquipmentParent = EquipmentRef;
