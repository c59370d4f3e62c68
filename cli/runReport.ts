import { withGatewayCredentials } from "./gatewayClient.ts";
import { renderReportPage } from "./html/reportPage.ts";
import type { ReportRequest } from "./reportArguments.ts";
import { laneStatisticsReport } from "./reports/laneStatistics.ts";
import { overviewReport } from "./reports/overview.ts";
import { portStatisticsReport } from "./reports/portStatistics.ts";
import type { Report } from "./reports/report.ts";
import type { ShipmentFilter } from "./reports/shipmentListing.ts";
import { shipmentsPageReport } from "./reports/shipmentsPage.ts";
import { titleStatisticsReport } from "./reports/titleStatistics.ts";
import { tablesToCsv, tablesToJsonLines, writeReportFile } from "./reports/writeTables.ts";
import { exportShipments, type ExportResult } from "./shipmentsReport.ts";

/** Rows so far and the total, after each page of a streamed listing. */
export type OnProgress = (written: number, total: number) => void;

/** What a run wrote, and whether every row is whole. */
export interface ReportOutcome {
  message: string;
  /** Some rows lack a network's part (the message names the networks and the file listing the rows). */
  incomplete: boolean;
}

/** Runs one report against the gateway, writes its file, and says what it wrote. */
export function runReport(request: ReportRequest, onProgress: OnProgress): Promise<ReportOutcome> {
  return withGatewayCredentials(request.credentials, () => runWithCredentials(request, onProgress));
}

async function runWithCredentials(request: ReportRequest, onProgress: OnProgress): Promise<ReportOutcome> {
  if (request.report === "shipments") {
    const filter: ShipmentFilter = {
      ...(request.carrier ? { carrier: request.carrier } : {}),
      ...(request.portOfLoading ? { portOfLoading: request.portOfLoading } : {}),
      ...(request.portOfDischarge ? { portOfDischarge: request.portOfDischarge } : {}),
      ...(request.from ? { departedFrom: request.from } : {}),
      ...(request.to ? { departedTo: request.to } : {}),
    };
    const options = {
      gatewayUrl: request.gatewayUrl,
      out: request.out,
      filter,
      asOf: request.asOf,
      onProgress,
      ...(request.pageSize ? { pageSize: request.pageSize } : {}),
    };
    let result: ExportResult;
    if (request.format === "html") {
      const page = await shipmentsPageReport(options);
      writeReportFile(request.out, renderReportPage(page.report));
      result = page;
    } else {
      result = await exportShipments({ ...options, format: request.format });
    }
    const wrote = `${result.resumed ? "resumed and " : ""}wrote ${result.written} of ${result.total} shipments to ${request.out}`;
    if (!result.incomplete) return { message: wrote, incomplete: false };
    const { rows, networks, file } = result.incomplete;
    return {
      message: `${wrote}; ${rows} of them incomplete: ${networks.join(", ")} did not answer for them (their columns are empty, not absent), listed in ${file}`,
      incomplete: true,
    };
  }

  let report: Report;
  switch (request.report) {
    case "port-statistics":
      report = await portStatisticsReport(request);
      break;
    case "lanes":
      report = await laneStatisticsReport(request);
      break;
    case "titles":
      report = await titleStatisticsReport(request);
      break;
    case "overview":
      report = await overviewReport({ ...request, onProgress });
      break;
  }
  writeReportFile(
    request.out,
    request.format === "html"
      ? renderReportPage(report)
      : request.format === "csv"
        ? tablesToCsv(report.tables)
        : tablesToJsonLines(report.tables),
  );
  const counts = report.tables.map((t) => `${t.rows.length} ${t.name}`).join(", ");
  return { message: `wrote ${request.report} (${counts}) to ${request.out}`, incomplete: false };
}
