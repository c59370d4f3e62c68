import { DateTimeScalar } from "../../../serving/scalars.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { FabricSubgraphContext } from "../context.ts";
import { BillOfLading, Equipment, Shipment } from "./entities.ts";
import { Query } from "./Query.ts";

export const resolvers: Resolvers<FabricSubgraphContext> = {
  DateTime: DateTimeScalar,
  Query,
  Shipment,
  BillOfLading,
  Equipment,
  TrackingEvent: {
    sources: (e) => [e.source],
  },
  Party: {
    name: (p) => p.name ?? null,
    address: (p) => p.address ?? null,
  },
};
