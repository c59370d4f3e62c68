import { DateTimeScalar, JSONScalar } from "../../../serving/scalars.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { EvmSubgraphContext } from "../context.ts";
import { BillOfLading } from "./BillOfLading.ts";
import { Query } from "./Query.ts";

export const resolvers: Resolvers<EvmSubgraphContext> = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  Query,
  BillOfLading,
  DocumentVerification: {
    stale: (verification) => verification.stale ?? false,
  },
  Party: {
    name: (party, _, ctx) => party.name ?? ctx.addressBook.nameOf(party.address),
    address: (party) => party.address ?? null,
  },
};
