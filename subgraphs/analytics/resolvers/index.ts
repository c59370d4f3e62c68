import {
  laneStatistics,
  listShipments,
  portStatistics,
  titleStatistics,
} from "../../../analytics/queries.ts";
import { BadUserInputError } from "../../../core/errors.ts";
import { DateTimeScalar } from "../../../core/scalars.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { AnalyticsSubgraphContext } from "../context.ts";

export const resolvers: Resolvers<AnalyticsSubgraphContext> = {
  DateTime: DateTimeScalar,
  Query: {
    laneStatistics: (_, { from, to }, ctx) => laneStatistics(ctx.sql, from, to),
    titleStatistics: (_, { from, to }, ctx) => titleStatistics(ctx.sql, from, to),
    shipments: (_, { filter, first, after }, ctx) =>
      listShipments(ctx.sql, filter ?? {}, first ?? 50, after ?? null),
    portStatistics(_, { port, from, to, groupBy }, ctx) {
      if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(port.toUpperCase()))
        throw new BadUserInputError(
          `port must be a UN/LOCODE such as CNSHA; got ${JSON.stringify(port.slice(0, 20))}`,
          "port",
        );
      return portStatistics(ctx.sql, port, from, to, groupBy ?? null);
    },
  },
};
