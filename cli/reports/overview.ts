import { queryGateway } from "../gatewayClient.ts";
import {
  LANE_STATISTICS_FIELDS,
  laneStatisticsTable,
  onTimeByLane,
  type LaneStatistics,
} from "./laneStatistics.ts";
import {
  dwellByCarrier,
  PORT_STATISTICS_FIELDS,
  portStatisticsTable,
  releaseByMonth,
  type PortStatisticsGroup,
} from "./portStatistics.ts";
import type { Report } from "./report.ts";
import { fetchShipmentPage, SHIPMENT_COLUMNS, type ShipmentFilter } from "./shipmentListing.ts";
import type { Cell } from "./table.ts";
import { TITLE_STATISTICS_FIELDS, titleStatisticsTable, type TitleStatistics } from "./titleStatistics.ts";

export interface OverviewOptions {
  gatewayUrl: string;
  port: string;
  from: string;
  to: string;
  /** Narrows the shipment listing to one carrier; the statistics stay port-wide to compare against. */
  carrier: string | null;
  asOf: string | null;
  pageSize?: number;
  /** Called after each page of the shipment listing: rows so far and the total. */
  onProgress?: (written: number, total: number) => void;
}

// The four aggregates in one request: one consistent answer rather than four taken moments apart.
export const OVERVIEW_QUERY = `query OverviewReport($port: String!, $from: DateTime!, $to: DateTime!, $asOf: DateTime) {
  byCarrier: portStatistics(port: $port, from: $from, to: $to, groupBy: CARRIER, asOf: $asOf) { ${PORT_STATISTICS_FIELDS} }
  byMonth: portStatistics(port: $port, from: $from, to: $to, groupBy: MONTH, asOf: $asOf) { ${PORT_STATISTICS_FIELDS} }
  laneStatistics(from: $from, to: $to, port: $port, asOf: $asOf) { ${LANE_STATISTICS_FIELDS} }
  titleStatistics(from: $from, to: $to, asOf: $asOf) { ${TITLE_STATISTICS_FIELDS} }
}`;

/**
 * `report overview`: a port's dwell and release lead time by carrier and by month, the transit time and
 * on-time share of each lane loading or discharging there, eBL title statistics, and the shipments that arrived at the port in the window,
 * the one report that carries all three charts.
 */
export async function overviewReport(options: OverviewOptions): Promise<Report> {
  const answer = await queryGateway<{
    byCarrier: PortStatisticsGroup[];
    byMonth: PortStatisticsGroup[];
    laneStatistics: LaneStatistics[];
    titleStatistics: TitleStatistics;
  }>(options.gatewayUrl, OVERVIEW_QUERY, {
    port: options.port,
    from: options.from,
    to: options.to,
    asOf: options.asOf,
  });

  const filter: ShipmentFilter = {
    portOfDischarge: options.port,
    arrivedFrom: options.from,
    arrivedTo: options.to,
    ...(options.carrier ? { carrier: options.carrier } : {}),
  };
  const shipments: Cell[][] = [];
  let after: string | null = null;
  let total: number | null = null;
  for (;;) {
    const page = await fetchShipmentPage(
      options.gatewayUrl,
      filter,
      options.pageSize ?? 200,
      after,
      options.asOf,
      total === null,
    );
    total ??= page.totalCount ?? 0;
    shipments.push(...page.rows);
    options.onProgress?.(shipments.length, total);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }

  return {
    title: `Overview of ${options.port}`,
    parameters: {
      port: options.port,
      from: options.from,
      to: options.to,
      ...(options.carrier ? { carrier: options.carrier } : {}),
      ...(options.asOf ? { asOf: options.asOf } : {}),
    },
    tables: [
      portStatisticsTable("portByCarrier", `${options.port} by carrier`, answer.byCarrier),
      portStatisticsTable("portByMonth", `${options.port} by month`, answer.byMonth),
      laneStatisticsTable(answer.laneStatistics),
      titleStatisticsTable(answer.titleStatistics),
      {
        name: "shipments",
        title: `Shipments arrived at ${options.port} in the window${options.carrier ? `, carrier ${options.carrier}` : ""}`,
        columns: SHIPMENT_COLUMNS,
        rows: shipments,
      },
    ],
    charts: {
      dwell: dwellByCarrier(answer.byCarrier),
      release: releaseByMonth(answer.byMonth),
      lanes: onTimeByLane(answer.laneStatistics),
    },
  };
}
