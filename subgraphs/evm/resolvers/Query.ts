import { BadUserInputError } from "../../../domain/errors.ts";
import { MAX_KEYS_PER_REQUEST, parseDocumentHash } from "../../../domain/inputs.ts";
import { readWrappedDocument } from "../../../verification/wrappedDocument.ts";
import { verifyDocuments } from "../../../verification/verifier.ts";
import { titleParties } from "./BillOfLading.ts";
import type { QueryResolvers } from "../__generated__/resolvers.ts";
import type { EvmSubgraphContext } from "../context.ts";
import type { BillOfLadingParent } from "../parents.ts";

/** The bill of lading for a hash, on the first registry that minted it; null when none did. */
export async function findBill(
  documentHash: string,
  ctx: EvmSubgraphContext,
): Promise<BillOfLadingParent | null> {
  const hash = parseDocumentHash(documentHash);
  const registries = await ctx.loaders.registries.load(hash);
  return registries.length > 0 ? { documentHash: hash, registry: registries[0]! } : null;
}

export const Query: QueryResolvers<EvmSubgraphContext> = {
  async billsOfLading(_, { documentHashes }, ctx) {
    if (documentHashes.length > MAX_KEYS_PER_REQUEST) {
      throw new BadUserInputError(
        `billsOfLading takes at most ${MAX_KEYS_PER_REQUEST} document hashes; got ${documentHashes.length}`,
        "documentHashes",
      );
    }
    documentHashes.forEach((h, i) => parseDocumentHash(h, `documentHashes[${i}]`));
    // Item by item: a title that cannot be read fails its own entry, not the whole list.
    // (graphql-js completes each promise of a list on its own; the generated type only knows values.)
    // A list never reveals a title the caller is not a party to: those entries are null.
    return documentHashes.map(async (h) => {
      const bill = await findBill(h, ctx);
      if (!bill || ctx.access.operator) return bill;
      return ctx.access.isTitleParty(await titleParties(bill, ctx)) ? bill : null;
    }) as unknown as (BillOfLadingParent | null)[];
  },
  async verifyDocument(_, { document }, ctx) {
    const identity = readWrappedDocument(document);
    const [verification] = await verifyDocuments(ctx.adapter, ctx.checker, ctx.identity, [identity]);
    return verification!;
  },
  /** This network measured now, the others as their subgraphs last published (DOWN when silent). */
  async networks(_, __, ctx) {
    const [status, cache, others] = await Promise.all([
      ctx.adapter.status(),
      ctx.cache.health(),
      ctx.health?.registry.list(ctx.health.expected) ?? null,
    ]);
    const own = { ...status, cache };
    // The registry unreachable (Redis down): the other networks are silent to this subgraph, so each is
    // listed DOWN, as any network not heard from, never left out of the list.
    const listed =
      others ??
      (ctx.health?.expected ?? []).map((e) => ({
        name: e.name,
        kind: e.kind,
        health: "DOWN" as const,
        height: null,
        latencyMs: null,
        cache: null,
        indexedHeight: null,
      }));
    return [own, ...listed.filter((n) => n.name !== own.name)];
  },
};
