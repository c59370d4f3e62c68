import { readFileSync, renameSync, rmSync } from "node:fs";
import { exportShipments, type ExportResult, type ReportOptions } from "../shipmentsReport.ts";
import type { Report } from "./report.ts";
import { SHIPMENT_COLUMNS } from "./shipmentListing.ts";
import type { Cell } from "./table.ts";

/**
 * `report shipments --format html`: the listing as a table page. The rows stream to a JSON-lines file
 * beside the output first, so an interrupted export resumes like the CSV one; the page is built from it
 * at the end (a page holds its rows in memory, as the browser will).
 */
export async function shipmentsPageReport(
  options: Omit<ReportOptions, "format">,
): Promise<ExportResult & { report: Report }> {
  const rowsFile = `${options.out}.rows.jsonl`;
  const result = await exportShipments({ ...options, out: rowsFile, format: "json" });
  // The list of incomplete rows belongs beside the page, not beside its scratch file.
  const incomplete = result.incomplete && { ...result.incomplete, file: `${options.out}.incomplete.csv` };
  if (result.incomplete && incomplete) renameSync(result.incomplete.file, incomplete.file);
  const rows: Cell[][] = readFileSync(rowsFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const record = JSON.parse(line) as Record<string, Cell>;
      return SHIPMENT_COLUMNS.map((c) => record[c] ?? null);
    });
  rmSync(rowsFile, { force: true });
  const parameters = Object.fromEntries(
    Object.entries({
      ...options.filter,
      asOf: options.asOf,
      incomplete: incomplete
        ? `${incomplete.rows} rows lack ${incomplete.networks.join(", ")} (listed in ${incomplete.file})`
        : null,
    }).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  return {
    ...result,
    incomplete,
    report: {
      title: "Shipments",
      parameters,
      tables: [{ name: "shipments", title: `${rows.length} shipments`, columns: SHIPMENT_COLUMNS, rows }],
      charts: {},
    },
  };
}
