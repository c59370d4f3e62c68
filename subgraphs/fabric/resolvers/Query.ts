import { BadUserInputError } from "../../../domain/errors.ts";
import {
  MAX_KEYS_PER_REQUEST,
  parseContainerNumber,
  parseDocumentHash,
  parseReference,
} from "../../../domain/inputs.ts";
import type { QueryResolvers } from "../__generated__/resolvers.ts";
import { shipmentByKey, type FabricSubgraphContext } from "../context.ts";
import { isCarrierUnreachable } from "../parents.ts";

export const Query: QueryResolvers<FabricSubgraphContext> = {
  async shipment(_, { reference, carrierBookingReference }, ctx) {
    if (reference) return shipmentByKey(parseReference(reference, "reference"), ctx);
    if (carrierBookingReference)
      return ctx.loaders.byBooking.load(parseReference(carrierBookingReference, "carrierBookingReference"));
    throw new BadUserInputError("pass reference (the B/L number) or carrierBookingReference", "reference");
  },
  async shipmentsByReference(_, { references }, ctx) {
    if (references.length > MAX_KEYS_PER_REQUEST) {
      throw new BadUserInputError(
        `shipmentsByReference takes at most ${MAX_KEYS_PER_REQUEST} references; got ${references.length}`,
        "references",
      );
    }
    const parsed = references.map((r, i) => parseReference(r, `references[${i}]`));
    // Item by item, as the loader resolves them: one unknown or failed number does not fail the list. A
    // list never reveals a record the caller may not see: those are null, like a number nobody knows.
    return parsed.map(async (r) =>
      (await ctx.access.mayListShipment(r)) ? shipmentByKey(r, ctx) : null,
    ) as unknown as Awaited<ReturnType<typeof shipmentByKey>>[];
  },
  async billOfLading(_, { reference, documentHash }, ctx) {
    if (documentHash) {
      // The title network can answer by hash alone; the carrier's record (reference, shipment) is looked
      // up lazily, so an outage of this network does not hide the title.
      return { documentHash: parseDocumentHash(documentHash) };
    }
    if (!reference)
      throw new BadUserInputError("pass reference (the B/L number) or documentHash", "reference");
    const shipment = await shipmentByKey(parseReference(reference, "reference"), ctx);
    if (shipment && isCarrierUnreachable(shipment)) {
      // The carrier's peer is down: its pointer to the eBL, when kept, still leads to the title.
      if (shipment.ebl) return { documentHash: shipment.ebl.documentHash };
      throw shipment.unreachable;
    }
    if (!shipment?.ebl) return null; // unknown, or issued on paper: there is no electronic B/L to show
    return { documentHash: shipment.ebl.documentHash, shipment };
  },
  async equipment(_, { reference }) {
    return { reference: parseContainerNumber(reference), isoEquipmentCode: null };
  },
};
