import { queryGateway } from "../gatewayClient.ts";
import type { LaneDatum, Report } from "./report.ts";
import {
  DISTRIBUTION_FIELDS,
  distributionCells,
  distributionColumns,
  type Distribution,
  type Table,
} from "./table.ts";

/** The analytics subgraph's `LaneStatistics`. */
export interface LaneStatistics {
  portOfLoading: string;
  portOfDischarge: string;
  shipments: number;
  transitHours: Distribution;
  onTimeShare: number | null;
}

export const LANE_STATISTICS_FIELDS = `portOfLoading portOfDischarge shipments transitHours { ${DISTRIBUTION_FIELDS} } onTimeShare`;

export function laneStatisticsTable(lanes: LaneStatistics[]): Table {
  return {
    name: "lanes",
    title: "Lanes: transit time and on-time share (shipments departed in the window)",
    columns: [
      "portOfLoading",
      "portOfDischarge",
      "shipments",
      ...distributionColumns("transit", "Hours"),
      "onTimeShare",
    ],
    rows: lanes.map((l) => [
      l.portOfLoading,
      l.portOfDischarge,
      l.shipments,
      ...distributionCells(l.transitHours),
      l.onTimeShare,
    ]),
  };
}

/** Lanes with no shipment that had a first ETA have no share to draw. */
export const onTimeByLane = (lanes: LaneStatistics[]): LaneDatum[] =>
  lanes
    .filter((l) => l.onTimeShare !== null)
    .map(({ portOfLoading, portOfDischarge, shipments, onTimeShare }) => ({
      portOfLoading,
      portOfDischarge,
      shipments,
      onTimeShare,
    }));

export const LANE_STATISTICS_QUERY = `query LaneStatisticsReport($from: DateTime!, $to: DateTime!, $asOf: DateTime) {
      laneStatistics(from: $from, to: $to, asOf: $asOf) { ${LANE_STATISTICS_FIELDS} }
    }`;

/** `report lanes`: per port pair, transit time and on-time share for shipments departed in the window. */
export async function laneStatisticsReport(options: {
  gatewayUrl: string;
  from: string;
  to: string;
  asOf: string | null;
}): Promise<Report> {
  const { laneStatistics } = await queryGateway<{ laneStatistics: LaneStatistics[] }>(
    options.gatewayUrl,
    LANE_STATISTICS_QUERY,
    { from: options.from, to: options.to, asOf: options.asOf },
  );
  return {
    title: "Lane statistics",
    parameters: { from: options.from, to: options.to, ...(options.asOf ? { asOf: options.asOf } : {}) },
    tables: [laneStatisticsTable(laneStatistics)],
    charts: { lanes: onTimeByLane(laneStatistics) },
  };
}
