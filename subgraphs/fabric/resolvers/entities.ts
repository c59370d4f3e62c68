import type {
  BillOfLadingResolvers,
  EquipmentResolvers,
  ShipmentResolvers,
} from "../__generated__/resolvers.ts";
import type { FabricSubgraphContext } from "../context.ts";
import type { BillOfLadingParent } from "../parents.ts";
import type { CarrierShipment } from "../../../core/model.ts";

const shipmentOf = async (parent: BillOfLadingParent, ctx: FabricSubgraphContext) =>
  parent.shipment !== undefined
    ? parent.shipment
    : ctx.loaders.byDocumentHash.load(parent.documentHash.toLowerCase());

/** A commercial detail: the shipment's parties see it; anyone else gets null with FORBIDDEN at its path. */
const forParties =
  <T>(what: string, value: (s: CarrierShipment) => T) =>
  (s: CarrierShipment, _: unknown, ctx: FabricSubgraphContext) =>
    ctx.access.guard(ctx.access.isShipmentParty(s.reference), what, () => value(s));

export const Shipment: ShipmentResolvers<FabricSubgraphContext> = {
  __resolveReference: (ref, ctx) => ctx.loaders.byReference.load(ref.reference),
  reference: (s) => s.reference,
  carrierBookingReference: forParties("the booking reference", (s) => s.carrierBookingReference),
  carrier: (s) => s.carrier,
  documentKind: (s) => s.documentKind,
  shipper: forParties("the shipper", (s) => s.shipper),
  consignee: forParties("the consignee", (s) => s.consignee),
  notifyParty: forParties("the notify party", (s) => s.notifyParty),
  portOfLoading: (s) => s.portOfLoading,
  portOfDischarge: (s) => s.portOfDischarge,
  vessel: (s) => s.vessel,
  carrierVoyageNumber: (s) => s.carrierVoyageNumber,
  carrierEvents: forParties("the carrier's event log", (s) => s.events),
  equipment: forParties("the equipment", (s) => s.equipment),
  // Unguarded inputs of the interop subgraph's derived fields: @inaccessible, so only the gateway's own
  // @requires fetches (signed) can ask for them; callers get status and ETA, never the log itself.
  carrierEventLog: (s) => s.events,
  carrierReleaseRecord: (s) => s.release,
  billOfLading: (s) => (s.ebl ? { documentHash: s.ebl.documentHash, shipment: s } : null),
  carrierRelease: forParties("the carrier's release", (s) => s.release),
  carrierSource: (s) => s.source,
  eblLocation: (s) => s.ebl,
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
