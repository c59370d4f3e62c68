import type { BillOfLadingResolvers } from "../__generated__/resolvers.ts";
import type { EvmSubgraphContext } from "../context.ts";
import type { BillOfLadingParent } from "../parents.ts";
import { findBill } from "./Query.ts";
import { titlePartiesOf } from "../../../access/shipmentAccess.ts";
import { FRAGMENT, TokenRegistryCode, fragment, skipped } from "../../../verification/fragments.ts";
import { hashFragment } from "../../../verification/statusFragments.ts";
import { combine } from "../../../verification/verifier.ts";

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
  // It fails whenever the title's state could not be read in this request: the interop subgraph reads
  // "an endorsement chain but no title" as a token the chain never minted (HASH_MISMATCH), so the
  // index's warm copy must not arrive beside a title the frozen chain did not give.
  endorsementRecord: async (parent, _, ctx) => {
    await title(parent, ctx);
    return chainOf(parent, ctx);
  },
  verification: (parent, _, ctx) => {
    // The registry lookup failed (the chain could not be asked): no verification, never one of 0x0.
    if (parent.lookupError) throw parent.lookupError;
    if (!parent.registry) return noRegistry(parent.documentHash);
    return ctx.loaders.verification.load({ registry: parent.registry, documentHash: parent.documentHash });
  },
};

/**
 * The verification of a hash no followed registry ever minted (the index reached the head and knows
 * every mint of the trusted factory): DOCUMENT_STATUS INVALID, said without asking the chain.
 */
function noRegistry(documentHash: string) {
  return combine(
    [
      hashFragment(null),
      fragment(
        "DOCUMENT_STATUS",
        FRAGMENT.tokenRegistry,
        "INVALID",
        {
          codes: TokenRegistryCode,
          code: TokenRegistryCode.DOCUMENT_NOT_MINTED,
          message: `Document ${documentHash} has not been issued under any token registry of the trusted title escrow factory`,
        },
        { mintedOnAll: false, details: [] },
      ),
      skipped.documentStore(),
      skipped.didSigned(),
      skipped.dnsTxt("No token registry minted the document, so there is no issuer to identify"),
      skipped.dnsDid(),
    ],
    null,
    new Date(),
    false,
    ["DOCUMENT_INTEGRITY", "ISSUER_IDENTITY"],
  );
}
