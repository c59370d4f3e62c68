import {
  indexLag,
  laneStatistics,
  listShipments,
  portStatistics,
  readModelCut,
  titleStatistics,
} from "../../../analytics/queries.ts";
import { BadUserInputError } from "../../../core/errors.ts";
import { DateTimeScalar } from "../../../core/scalars.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { AnalyticsSubgraphContext } from "../context.ts";

function checkPort(port: string): void {
  if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(port.toUpperCase()))
    throw new BadUserInputError(
      `port must be a UN/LOCODE such as CNSHA; got ${JSON.stringify(port.slice(0, 20))}`,
      "port",
    );
}

export const resolvers: Resolvers<AnalyticsSubgraphContext> = {
  DateTime: DateTimeScalar,
  ShipmentConnection: {
    totalCount: (page) => page.totalCount(),
  },
  NetworkStatus: {
    async readModel(status, _, ctx) {
      const checkpoint = await ctx.checkpoints.load(status.name);
      return checkpoint ? indexLag(checkpoint, status.height ?? null) : null;
    },
  },
  Query: {
    laneStatistics(_, { from, to, asOf, port }, ctx) {
      if (port) checkPort(port);
      return laneStatistics(ctx.sql, from, to, asOf ?? null, port ?? null);
    },
    titleStatistics: (_, { from, to, asOf }, ctx) => titleStatistics(ctx.sql, from, to, asOf ?? null),
    readModelCut: (_, { asOf }, ctx) => readModelCut(ctx.sql, asOf ?? null),
    shipments: (_, { filter, first, after, asOf }, ctx) =>
      listShipments(ctx.sql, filter ?? {}, first ?? 50, after ?? null, asOf ?? null),
    portStatistics(_, { port, from, to, groupBy, asOf }, ctx) {
      checkPort(port);
      return portStatistics(ctx.sql, port, from, to, groupBy ?? null, asOf ?? null);
    },
  },
};
