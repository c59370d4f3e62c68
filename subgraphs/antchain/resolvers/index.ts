import { BadUserInputError } from "../../../domain/errors.ts";
import { DateTimeScalar } from "../../../serving/scalars.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { AntchainSubgraphContext } from "../context.ts";
import { isPublicMilestone, type PortFactKind } from "../../../access/policy.ts";

const record = (reference: string, ctx: AntchainSubgraphContext) => ctx.loaders.bill.load(reference);

/** The facts of one kind the caller may see: all for the shipment's parties, their port's for its authorities. */
async function visible<T>(
  reference: string,
  ctx: AntchainSubgraphContext,
  kind: PortFactKind,
  facts: readonly T[],
  portOf: (fact: T) => string | null,
): Promise<T[]> {
  const allowed = await Promise.all(facts.map((f) => ctx.access.maySeePortFact(reference, kind, portOf(f))));
  return facts.filter((_, i) => allowed[i]);
}

const at = (fact: { location?: { unLocationCode: string } | null }) => fact.location?.unLocationCode ?? null;

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
    // Vessel arrivals and departures are public milestones; every other port fact is filtered by who may see it.
    portEvents: async (s, _, ctx) => {
      const events = (await record(s.reference, ctx))?.events ?? [];
      const allowed = await Promise.all(
        events.map((e) => isPublicMilestone(e) || ctx.access.maySeePortFact(s.reference, "EVENT", at(e))),
      );
      return events.filter((_, i) => allowed[i]);
    },
    portCalls: async (s, _, ctx) => (await record(s.reference, ctx))?.portCalls ?? [],
    customs: async (s, _, ctx) => {
      const customs = (await record(s.reference, ctx))?.customs ?? [];
      const clearance = customs.find((c) => c.direction === "IMPORT") ?? customs[0] ?? null;
      if (!clearance) return null;
      return ctx.access.guard(
        ctx.access.maySeePortFact(s.reference, "CUSTOMS", at(clearance)),
        "the customs clearance",
        () => clearance,
      );
    },
    customsDeclarations: async (s, _, ctx) =>
      visible(s.reference, ctx, "CUSTOMS", (await record(s.reference, ctx))?.customs ?? [], at),
    portRelease: async (s, _, ctx) => {
      const release = (await record(s.reference, ctx))?.release ?? null;
      if (!release) return null;
      return ctx.access.guard(
        ctx.access.maySeePortFact(s.reference, "RELEASE", null),
        "the port release",
        () => release,
      );
    },
    portFees: async (s, _, ctx) =>
      visible(s.reference, ctx, "FEE", (await record(s.reference, ctx))?.fees ?? [], () => null),
    portReleases: async (s, _, ctx) =>
      visible(s.reference, ctx, "RELEASE", (await record(s.reference, ctx))?.releases ?? [], () => null),
    // Unguarded inputs of the interop subgraph's derived fields (@inaccessible: only the gateway's signed
    // @requires fetches can ask for them).
    portEventLog: async (s, _, ctx) => (await record(s.reference, ctx))?.events ?? [],
    customsRecord: async (s, _, ctx) => {
      const customs = (await record(s.reference, ctx))?.customs ?? [];
      return customs.find((c) => c.direction === "IMPORT") ?? customs[0] ?? null;
    },
    portReleaseRecord: async (s, _, ctx) => (await record(s.reference, ctx))?.release ?? null,
    portReleaseRecords: async (s, _, ctx) => (await record(s.reference, ctx))?.releases ?? [],
    portLookup: async (s, _, ctx) => ((await record(s.reference, ctx)) ? "FOUND" : "NOT_FOUND"),
  },
  // The verdict's port inputs, by B/L number (see the schema): the same unguarded record as the shipment's.
  BillOfLading: {
    // A document the carrier does not know has no B/L number: a gateway may still send it, as null.
    __resolveReference: (ref) => (typeof ref.reference === "string" ? { reference: ref.reference } : null),
    portReleaseRecords: async (b, _, ctx) => (await record(b.reference, ctx))?.releases ?? [],
    portLookup: async (b, _, ctx) => ((await record(b.reference, ctx)) ? "FOUND" : "NOT_FOUND"),
  },
  Equipment: {
    __resolveReference: (ref) => ({ reference: ref.reference }),
    reference: (e) => e.reference,
    // No shipment is named here, so only each move's port authorities (and the operator) see it; a shipment's
    // parties see their containers' moves through Shipment.portEvents.
    terminalEvents: async (e, _, ctx) => {
      const events = await ctx.loaders.container.load(e.reference);
      return events?.filter((m) => ctx.access.isPortAuthority("EVENT", at(m))) ?? null;
    },
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
