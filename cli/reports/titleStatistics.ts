import { queryGateway } from "../gatewayClient.ts";
import type { Report } from "./report.ts";
import {
  DISTRIBUTION_FIELDS,
  distributionCells,
  distributionColumns,
  type Distribution,
  type Table,
} from "./table.ts";

/** The analytics subgraph's `TitleStatistics`. */
export interface TitleStatistics {
  ebls: number;
  transfersBeforeSurrender: Distribution;
  issueToSurrenderHours: Distribution;
}

export const TITLE_STATISTICS_FIELDS = `ebls transfersBeforeSurrender { ${DISTRIBUTION_FIELDS} } issueToSurrenderHours { ${DISTRIBUTION_FIELDS} }`;

export function titleStatisticsTable(titles: TitleStatistics): Table {
  return {
    name: "titles",
    title: "eBL titles issued in the window: transfers before surrender, issue to surrender",
    columns: [
      "ebls",
      ...distributionColumns("transfersBeforeSurrender", ""),
      ...distributionColumns("issueToSurrender", "Hours"),
    ],
    rows: [
      [
        titles.ebls,
        ...distributionCells(titles.transfersBeforeSurrender),
        ...distributionCells(titles.issueToSurrenderHours),
      ],
    ],
  };
}

export const TITLE_STATISTICS_QUERY = `query TitleStatisticsReport($from: DateTime!, $to: DateTime!, $asOf: DateTime) {
      titleStatistics(from: $from, to: $to, asOf: $asOf) { ${TITLE_STATISTICS_FIELDS} }
    }`;

/** `report titles`: for eBLs issued in the window, transfers before surrender and time to surrender. */
export async function titleStatisticsReport(options: {
  gatewayUrl: string;
  from: string;
  to: string;
  asOf: string | null;
}): Promise<Report> {
  const { titleStatistics } = await queryGateway<{ titleStatistics: TitleStatistics }>(
    options.gatewayUrl,
    TITLE_STATISTICS_QUERY,
    { from: options.from, to: options.to, asOf: options.asOf },
  );
  return {
    title: "eBL title statistics",
    parameters: { from: options.from, to: options.to, ...(options.asOf ? { asOf: options.asOf } : {}) },
    tables: [titleStatisticsTable(titleStatistics)],
    charts: {},
  };
}
