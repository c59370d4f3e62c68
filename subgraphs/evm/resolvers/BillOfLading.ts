import type { BillOfLadingResolvers } from "../__generated__/resolvers.ts";
import type { EvmSubgraphContext } from "../context.ts";
import type { BillOfLadingParent } from "../parents.ts";
import { findBill } from "./Query.ts";

const title = (parent: BillOfLadingParent, ctx: EvmSubgraphContext) =>
  parent.registry
    ? ctx.loaders.title.load({ registry: parent.registry, documentHash: parent.documentHash })
    : Promise.resolve(null);

export const BillOfLading: BillOfLadingResolvers<EvmSubgraphContext> = {
  __resolveReference: (ref, ctx) => findBill(ref.documentHash, ctx),
  documentHash: (parent) => parent.documentHash,
  registry: async (parent, _, ctx) => (await title(parent, ctx))?.registry ?? null,
  titleStatus: async (parent, _, ctx) => (await title(parent, ctx))?.status ?? null,
  beneficiary: async (parent, _, ctx) => (await title(parent, ctx))?.beneficiary ?? null,
  holder: async (parent, _, ctx) => (await title(parent, ctx))?.holder ?? null,
  nominee: async (parent, _, ctx) => (await title(parent, ctx))?.nominee ?? null,
  titleSource: async (parent, _, ctx) => (await title(parent, ctx))?.source ?? null,
  endorsementChain: (parent, _, ctx) =>
    parent.registry
      ? ctx.adapter.endorsementChain({ registry: parent.registry, documentHash: parent.documentHash })
      : [],
  verification: (parent, _, ctx) =>
    ctx.loaders.verification.load({
      registry: parent.registry ?? "0x0000000000000000000000000000000000000000",
      documentHash: parent.documentHash,
    }),
};
