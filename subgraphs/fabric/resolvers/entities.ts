import type {
  BillOfLadingResolvers,
  EquipmentResolvers,
  ShipmentResolvers,
} from "../__generated__/resolvers.ts";
import type { FabricSubgraphContext } from "../context.ts";
import { shipmentByKey } from "../context.ts";
import { isCarrierUnreachable, type BillOfLadingParent, type ShipmentParent } from "../parents.ts";
import type { CarrierShipment } from "../../../domain/model.ts";

const shipmentOf = async (parent: BillOfLadingParent, ctx: FabricSubgraphContext) =>
  parent.shipment !== undefined
    ? parent.shipment
    : ctx.loaders.byDocumentHash.load(parent.documentHash.toLowerCase());

/** A field of the carrier's record: fails with the outage when the record could not be read. */
const record =
  <R>(value: (s: CarrierShipment) => R) =>
  (s: ShipmentParent): R => {
    if (isCarrierUnreachable(s)) throw s.unreachable;
    return value(s);
  };

/** A commercial detail: the shipment's parties see it; anyone else gets null with FORBIDDEN at its path. */
const forParties =
  <T>(what: string, value: (s: CarrierShipment) => T) =>
  (s: ShipmentParent, _: unknown, ctx: FabricSubgraphContext) =>
    ctx.access.guard(ctx.access.isShipmentParty(s.reference), what, () => record(value)(s));

/** The carrier's pointer to the B/L's eBL: from the record, or kept from an earlier read during an outage. */
const eblOf = (s: ShipmentParent) => {
  if (!isCarrierUnreachable(s)) return s.ebl;
  if (s.ebl) return s.ebl;
  throw s.unreachable;
};

export const Shipment: ShipmentResolvers<FabricSubgraphContext> = {
  __resolveReference: (ref, ctx) => shipmentByKey(ref.reference, ctx),
  reference: (s) => s.reference,
  carrierBookingReference: forParties("the booking reference", (s) => s.carrierBookingReference),
  carrier: record((s) => s.carrier),
  documentKind: record((s) => s.documentKind),
  shipper: forParties("the shipper", (s) => s.shipper),
  consignee: forParties("the consignee", (s) => s.consignee),
  notifyParty: forParties("the notify party", (s) => s.notifyParty),
  portOfLoading: record((s) => s.portOfLoading),
  portOfDischarge: record((s) => s.portOfDischarge),
  vessel: record((s) => s.vessel),
  carrierVoyageNumber: record((s) => s.carrierVoyageNumber),
  carrierEvents: forParties("the carrier's event log", (s) => s.events),
  equipment: forParties("the equipment", (s) => s.equipment),
  // Unguarded inputs of the interop subgraph's derived fields: @inaccessible, so only the gateway's own
  // @requires fetches (signed) can ask for them; callers get status and ETA, never the log itself.
  carrierEventLog: record((s) => s.events),
  carrierReleaseRecord: record((s) => s.release),
  billOfLading: (s) => {
    const ebl = eblOf(s);
    if (!ebl) return null;
    return isCarrierUnreachable(s)
      ? { documentHash: ebl.documentHash }
      : { documentHash: ebl.documentHash, shipment: s };
  },
  carrierRelease: forParties("the carrier's release", (s) => s.release),
  carrierSource: record((s) => s.source),
  eblLocation: (s) => eblOf(s),
};

export const BillOfLading: BillOfLadingResolvers<FabricSubgraphContext> = {
  __resolveReference: (ref) => ({ documentHash: ref.documentHash.toLowerCase() }),
  documentHash: (b) => b.documentHash,
  reference: async (b, _, ctx) => (await shipmentOf(b, ctx))?.reference ?? null,
  shipment: (b, _, ctx) => shipmentOf(b, ctx),
  carrierLookup: async (b, _, ctx) => ((await shipmentOf(b, ctx)) ? "FOUND" : "NOT_FOUND"),
};

export const Equipment: EquipmentResolvers<FabricSubgraphContext> = {
  __resolveReference: (ref) => ({ reference: ref.reference, isoEquipmentCode: null }),
  reference: (e) => e.reference,
  async isoEquipmentCode(e, _, ctx) {
    if (e.isoEquipmentCode) return e.isoEquipmentCode;
    const shipments = await ctx.adapter.shipmentsByContainer(e.reference);
    return shipments[0]?.equipment.find((x) => x.reference === e.reference)?.isoEquipmentCode ?? null;
  },
  // A list reveals B/L numbers: only the shipments the caller may see.
  async shipments(e, _, ctx) {
    const shipments = await ctx.adapter.shipmentsByContainer(e.reference);
    const visible = await Promise.all(shipments.map((s) => ctx.access.mayListShipment(s.reference)));
    return shipments.filter((_, i) => visible[i]);
  },
};
