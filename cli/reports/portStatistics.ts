import { queryGateway } from "../gatewayClient.ts";
import type { DwellDatum, ReleaseDatum, Report } from "./report.ts";
import {
  DISTRIBUTION_FIELDS,
  distributionCells,
  distributionColumns,
  type Distribution,
  type Table,
} from "./table.ts";

export type StatisticsGroup = "CARRIER" | "MONTH";

/** The analytics subgraph's `PortStatisticsGroup`. */
export interface PortStatisticsGroup {
  key: string;
  shipments: number;
  containerMoves: number;
  dwellHours: Distribution;
  releaseLeadHours: Distribution;
}

export const PORT_STATISTICS_FIELDS = `key shipments containerMoves dwellHours { ${DISTRIBUTION_FIELDS} } releaseLeadHours { ${DISTRIBUTION_FIELDS} }`;

const COLUMNS = [
  "group",
  "shipments",
  "containerMoves",
  ...distributionColumns("dwell", "Hours"),
  ...distributionColumns("releaseLead", "Hours"),
];

export function portStatisticsTable(name: string, title: string, groups: PortStatisticsGroup[]): Table {
  return {
    name,
    title,
    columns: COLUMNS,
    rows: groups.map((g) => [
      g.key,
      g.shipments,
      g.containerMoves,
      ...distributionCells(g.dwellHours),
      ...distributionCells(g.releaseLeadHours),
    ]),
  };
}

/** Carriers with at least one container that went from discharge to gate-out; the others have no bar to draw. */
export const dwellByCarrier = (groups: PortStatisticsGroup[]): DwellDatum[] =>
  groups.filter((g) => g.dwellHours.count > 0).map((g) => ({ carrier: g.key, ...g.dwellHours }));

export const releaseByMonth = (groups: PortStatisticsGroup[]): ReleaseDatum[] =>
  groups
    .filter((g) => g.releaseLeadHours.count > 0)
    .map((g) => ({
      month: g.key,
      count: g.releaseLeadHours.count,
      p50: g.releaseLeadHours.p50,
      p95: g.releaseLeadHours.p95,
    }));

export interface PortStatisticsOptions {
  gatewayUrl: string;
  port: string;
  from: string;
  to: string;
  groupBy: StatisticsGroup | null;
  asOf: string | null;
}

export const PORT_STATISTICS_QUERY = `query PortStatisticsReport($port: String!, $from: DateTime!, $to: DateTime!, $groupBy: StatisticsGroup, $asOf: DateTime) {
      portStatistics(port: $port, from: $from, to: $to, groupBy: $groupBy, asOf: $asOf) { ${PORT_STATISTICS_FIELDS} }
    }`;

/** `report port-statistics`: dwell and release lead time at one port, by carrier, by month or overall. */
export async function portStatisticsReport(options: PortStatisticsOptions): Promise<Report> {
  const { portStatistics } = await queryGateway<{ portStatistics: PortStatisticsGroup[] }>(
    options.gatewayUrl,
    PORT_STATISTICS_QUERY,
    { port: options.port, from: options.from, to: options.to, groupBy: options.groupBy, asOf: options.asOf },
  );
  const by = options.groupBy === "CARRIER" ? " by carrier" : options.groupBy === "MONTH" ? " by month" : "";
  return {
    title: `Port statistics at ${options.port}${by}`,
    parameters: {
      port: options.port,
      from: options.from,
      to: options.to,
      ...(options.groupBy ? { groupBy: options.groupBy } : {}),
      ...(options.asOf ? { asOf: options.asOf } : {}),
    },
    tables: [portStatisticsTable("portStatistics", `Port statistics${by}`, portStatistics)],
    charts: {
      ...(options.groupBy === "CARRIER" ? { dwell: dwellByCarrier(portStatistics) } : {}),
      ...(options.groupBy === "MONTH" ? { release: releaseByMonth(portStatistics) } : {}),
    },
  };
}
