import { BadUserInputError } from "../../../core/errors.ts";
import { DateTimeScalar } from "../../../core/scalars.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { AntchainSubgraphContext } from "../context.ts";

const record = (reference: string, ctx: AntchainSubgraphContext) => ctx.loaders.bill.load(reference);

export const resolvers: Resolvers<AntchainSubgraphContext> = {
  DateTime: DateTimeScalar,
  Query: {
    async portReceiptProof(_, { transactionId }, ctx) {
      if (!/^[0-9a-f]{64}$/.test(transactionId))
        throw new BadUserInputError(
          "transactionId must be 64 lowercase hex characters (no 0x)",
          "transactionId",
        );
      const proof = await ctx.adapter.proveTransaction(transactionId);
      return {
        transactionId: proof.txHash,
        blockNumber: String(proof.blockNumber),
        receiptHash: proof.receiptHash,
        receiptRoot: proof.receiptRoot,
        proven: proof.proven,
      };
    },
  },
  Shipment: {
    __resolveReference: (ref) => ({ reference: ref.reference }),
    reference: (s) => s.reference,
    portEvents: async (s, _, ctx) => (await record(s.reference, ctx))?.events ?? [],
    portCalls: async (s, _, ctx) => (await record(s.reference, ctx))?.portCalls ?? [],
    customs: async (s, _, ctx) => {
      const customs = (await record(s.reference, ctx))?.customs ?? [];
      return customs.find((c) => c.direction === "IMPORT") ?? customs[0] ?? null;
    },
    customsDeclarations: async (s, _, ctx) => (await record(s.reference, ctx))?.customs ?? [],
    portRelease: async (s, _, ctx) => (await record(s.reference, ctx))?.release ?? null,
    portFees: async (s, _, ctx) => (await record(s.reference, ctx))?.fees ?? [],
    portReleases: async (s, _, ctx) => (await record(s.reference, ctx))?.releases ?? [],
    portLookup: async (s, _, ctx) => ((await record(s.reference, ctx)) ? "FOUND" : "NOT_FOUND"),
  },
  Equipment: {
    __resolveReference: (ref) => ({ reference: ref.reference }),
    reference: (e) => e.reference,
    terminalEvents: (e, _, ctx) => ctx.loaders.container.load(e.reference),
  },
  TrackingEvent: {
    sources: (e) => [e.source],
  },
  Party: {
    name: (p) => p.name ?? null,
    address: (p) => p.address ?? null,
  },
  Provenance: {
    proven: (p) => p.proven ?? null,
  },
};
