import type {
  BillOfLadingResolvers,
  EquipmentResolvers,
  ShipmentResolvers,
} from "../__generated__/resolvers.ts";
import type { FabricSubgraphContext } from "../context.ts";
import type { BillOfLadingParent } from "../parents.ts";

const shipmentOf = async (parent: BillOfLadingParent, ctx: FabricSubgraphContext) =>
  parent.shipment !== undefined
    ? parent.shipment
    : ctx.loaders.byDocumentHash.load(parent.documentHash.toLowerCase());

export const Shipment: ShipmentResolvers<FabricSubgraphContext> = {
  __resolveReference: (ref, ctx) => ctx.loaders.byReference.load(ref.reference),
  reference: (s) => s.reference,
  carrierBookingReference: (s) => s.carrierBookingReference,
  carrier: (s) => s.carrier,
  documentKind: (s) => s.documentKind,
  shipper: (s) => s.shipper,
  consignee: (s) => s.consignee,
  portOfLoading: (s) => s.portOfLoading,
  portOfDischarge: (s) => s.portOfDischarge,
  vessel: (s) => s.vessel,
  carrierVoyageNumber: (s) => s.carrierVoyageNumber,
  carrierEvents: (s) => s.events,
  equipment: (s) => s.equipment,
  billOfLading: (s) => (s.ebl ? { documentHash: s.ebl.documentHash, shipment: s } : null),
  carrierRelease: (s) => s.release,
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
  shipments: (e, _, ctx) => ctx.adapter.shipmentsByContainer(e.reference),
};
