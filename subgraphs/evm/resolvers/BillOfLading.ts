import type { BillOfLadingResolvers } from "../__generated__/resolvers.ts";
import type { EvmSubgraphContext } from "../context.ts";
import type { BillOfLadingParent } from "../parents.ts";
import { findBill } from "./Query.ts";
import { titlePartiesOf } from "../../../access/shipmentAccess.ts";

const title = (parent: BillOfLadingParent, ctx: EvmSubgraphContext) =>
  parent.lookupError
    ? Promise.reject(parent.lookupError)
    : parent.registry
      ? ctx.loaders.title.load({ registry: parent.registry, documentHash: parent.documentHash })
      : Promise.resolve(null);

const chainOf = (parent: BillOfLadingParent, ctx: EvmSubgraphContext) => {
  if (parent.lookupError) throw parent.lookupError;
  return parent.registry
    ? ctx.adapter.endorsementChain({ registry: parent.registry, documentHash: parent.documentHash })
    : [];
};

/** The title's parties, past and present, and its issuing carrier (the registry's owner), by party id. */
export async function titleParties(parent: BillOfLadingParent, ctx: EvmSubgraphContext): Promise<string[]> {
  const current = await title(parent, ctx);
  const issuer = parent.registry ? (ctx.access.parties.byEvmAddress(parent.registry)?.id ?? null) : null;
  return titlePartiesOf(current, chainOf(parent, ctx), issuer, ctx.access.parties);
}

/** A title detail: its parties see it; anyone else gets null with FORBIDDEN at its path. */
const forTitleParties =
  <T>(what: string, value: (parent: BillOfLadingParent, ctx: EvmSubgraphContext) => T | Promise<T>) =>
  async (parent: BillOfLadingParent, _: unknown, ctx: EvmSubgraphContext) =>
    // No registry minted it (a sea waybill's store, or nothing): no title, nothing to withhold.
    !parent.registry && !parent.lookupError
      ? value(parent, ctx)
      : ctx.access.guard(
          ctx.access.operator || ctx.access.isTitleParty(await titleParties(parent, ctx)),
          what,
          () => value(parent, ctx),
        );

export const BillOfLading: BillOfLadingResolvers<EvmSubgraphContext> = {
  // A hash no registry minted is still the entity other networks named: its title fields are null and
  // its verification says so, rather than the whole entity (and the other networks' fields) vanishing.
  // A hash no registry minted is still the entity other networks named: its title fields are null and
  // its verification says so. A registry lookup that failed is reported by each title field, so the
  // other networks' fields of this entity still arrive.
  __resolveReference: async (ref, ctx) => {
    try {
      return (
        (await findBill(ref.documentHash, ctx)) ?? {
          documentHash: ref.documentHash.toLowerCase() as `0x${string}`,
          registry: null,
        }
      );
    } catch (error) {
      return {
        documentHash: ref.documentHash.toLowerCase() as `0x${string}`,
        registry: null,
        lookupError: error as Error,
      };
    }
  },
  documentHash: (parent) => parent.documentHash,
  registry: async (parent, _, ctx) => (await title(parent, ctx))?.registry ?? null,
  titleStatus: async (parent, _, ctx) => (await title(parent, ctx))?.status ?? null,
  beneficiary: forTitleParties(
    "the beneficiary",
    async (p, ctx) => (await title(p, ctx))?.beneficiary ?? null,
  ),
  holder: forTitleParties("the holder", async (p, ctx) => (await title(p, ctx))?.holder ?? null),
  nominee: forTitleParties("the nominee", async (p, ctx) => (await title(p, ctx))?.nominee ?? null),
  titleSource: async (parent, _, ctx) => (await title(parent, ctx))?.source ?? null,
  async liveRegistries(parent, _, ctx) {
    if (parent.lookupError) throw parent.lookupError;
    const registries = await ctx.loaders.registries.load(parent.documentHash);
    const titles = await Promise.all(
      registries.map((registry) => ctx.loaders.title.load({ registry, documentHash: parent.documentHash })),
    );
    return titles.filter((t) => t?.status === "ISSUED").map((t) => t!.registry);
  },
  endorsementChain: forTitleParties("the endorsement chain", chainOf),
  // Unguarded input of the interop subgraph's title integrity (@inaccessible: gateway @requires only).
  endorsementRecord: (parent, _, ctx) => chainOf(parent, ctx),
  verification: (parent, _, ctx) =>
    ctx.loaders.verification.load({
      registry: parent.registry ?? "0x0000000000000000000000000000000000000000",
      documentHash: parent.documentHash,
    }),
};
