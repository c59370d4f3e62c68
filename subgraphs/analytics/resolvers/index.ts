import {
  indexLag,
  laneStatistics,
  listShipments,
  portStatistics,
  readModelCut,
  titleStatistics,
  type ListVisibility,
} from "../../../analytics/queries.ts";
import { BadUserInputError, ForbiddenError } from "../../../domain/errors.ts";
import { DateTimeScalar } from "../../../serving/scalars.ts";
import type { Resolvers } from "../__generated__/resolvers.ts";
import type { AnalyticsSubgraphContext } from "../context.ts";

function checkPort(port: string): void {
  if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(port.toUpperCase()))
    throw new BadUserInputError(
      `port must be a UN/LOCODE such as CNSHA; got ${JSON.stringify(port.slice(0, 20))}`,
      "port",
    );
}

/** Aggregates over every shipment are the analyst's (and the operator's): @requiresScopes in the schema. */
function requireAggregates(ctx: AnalyticsSubgraphContext): void {
  if (!ctx.access.maySeeAggregates())
    throw new ForbiddenError("Aggregates over every shipment need the analyst role");
}

/** The rows a caller's lists may show (null: all, for the operator). */
function visibilityOf(ctx: AnalyticsSubgraphContext): ListVisibility | null {
  if (ctx.access.operator) return null;
  const party = ctx.access.caller.party;
  // Without a party nothing is the caller's: an id no row names lists nothing.
  if (!party) return { party: "", ports: [] };
  const authority = party.kind === "TERMINAL_OPERATOR" || party.kind === "CUSTOMS";
  return { party: party.id, ports: authority ? party.ports : [] };
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
      requireAggregates(ctx);
      if (port) checkPort(port);
      return laneStatistics(ctx.sql, from, to, asOf ?? null, port ?? null);
    },
    titleStatistics: (_, { from, to, asOf }, ctx) => {
      requireAggregates(ctx);
      return titleStatistics(ctx.sql, from, to, asOf ?? null);
    },
    readModelCut: (_, { asOf }, ctx) => readModelCut(ctx.sql, asOf ?? null),
    shipments: (_, { filter, first, after, asOf }, ctx) =>
      listShipments(ctx.sql, filter ?? {}, first ?? 50, after ?? null, asOf ?? null, visibilityOf(ctx)),
    portStatistics(_, { port, from, to, groupBy, asOf }, ctx) {
      requireAggregates(ctx);
      checkPort(port);
      return portStatistics(ctx.sql, port, from, to, groupBy ?? null, asOf ?? null);
    },
  },
};
