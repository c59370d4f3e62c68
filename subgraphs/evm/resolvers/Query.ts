import { BadUserInputError } from "../../../core/errors.ts";
import { readWrappedDocument } from "../../../verification/wrappedDocument.ts";
import { verifyDocuments } from "../../../verification/verifier.ts";
import type { QueryResolvers } from "../__generated__/resolvers.ts";
import type { EvmSubgraphContext } from "../context.ts";
import type { BillOfLadingParent } from "../parents.ts";
import { MAX_TITLES_PER_REQUEST, parseDocumentHash } from "./inputs.ts";

export async function findBill(
  documentHash: string,
  ctx: EvmSubgraphContext,
): Promise<BillOfLadingParent | null> {
  const hash = parseDocumentHash(documentHash);
  const registries = await ctx.loaders.registries.load(hash);
  return registries.length > 0 ? { documentHash: hash, registry: registries[0]! } : null;
}

export const Query: QueryResolvers<EvmSubgraphContext> = {
  async billOfLading(_, { reference, documentHash }, ctx) {
    if (!documentHash) {
      throw new BadUserInputError(
        reference
          ? "lookup by reference needs the carrier network, which records where each eBL was issued; pass documentHash"
          : "pass documentHash",
        "documentHash",
      );
    }
    return findBill(documentHash, ctx);
  },
  async billsOfLading(_, { documentHashes }, ctx) {
    if (documentHashes.length > MAX_TITLES_PER_REQUEST) {
      throw new BadUserInputError(
        `billsOfLading takes at most ${MAX_TITLES_PER_REQUEST} document hashes; got ${documentHashes.length}`,
        "documentHashes",
      );
    }
    documentHashes.forEach((h, i) => parseDocumentHash(h, `documentHashes[${i}]`));
    return Promise.all(documentHashes.map((h) => findBill(h, ctx)));
  },
  async verifyDocument(_, { document }, ctx) {
    const identity = readWrappedDocument(document);
    const [verification] = await verifyDocuments(ctx.adapter, ctx.checker, ctx.trustList, [identity]);
    return verification!;
  },
  async networks(_, __, ctx) {
    const [status, cache] = await Promise.all([ctx.adapter.status(), ctx.cache.health()]);
    return [{ ...status, cache }];
  },
};
