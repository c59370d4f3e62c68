import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { csvRecord } from "./csv.ts";
import { fetchShipmentPage, SHIPMENT_COLUMNS, type ShipmentFilter } from "./reports/shipmentListing.ts";

export interface ReportOptions {
  gatewayUrl: string;
  out: string;
  format: "csv" | "json";
  filter: ShipmentFilter;
  asOf?: string | null;
  pageSize?: number;
  /** Called after each page: rows written so far and the total. */
  onProgress?: (written: number, total: number) => void;
}

/**
 * Streams the shipments report through the gateway page by page (it is a GraphQL client like any user's),
 * writing each page as it arrives so memory stays flat, and keeping the last cursor beside the output so an
 * interrupted export resumes where it stopped. CSV is RFC 4180, UTF-8, ISO dates; JSON is one object per line.
 */
export async function exportShipments(
  options: ReportOptions,
): Promise<{ written: number; total: number; resumed: boolean }> {
  const progressFile = `${options.out}.progress`;
  const resumed = existsSync(progressFile) && existsSync(options.out);
  let state = resumed
    ? (JSON.parse(readFileSync(progressFile, "utf8")) as { after: string | null; written: number })
    : { after: null, written: 0 };
  if (!resumed) writeFileSync(options.out, options.format === "csv" ? csvRecord([...SHIPMENT_COLUMNS]) : "");
  let total: number | null = null;
  for (;;) {
    const page = await fetchShipmentPage(
      options.gatewayUrl,
      options.filter,
      options.pageSize ?? 200,
      state.after,
      options.asOf ?? null,
      total === null,
    );
    total ??= page.totalCount ?? 0;
    appendFileSync(
      options.out,
      options.format === "csv"
        ? page.rows.map(csvRecord).join("")
        : page.rows
            .map((r) => `${JSON.stringify(Object.fromEntries(SHIPMENT_COLUMNS.map((c, i) => [c, r[i]])))}\n`)
            .join(""),
    );
    state = { after: page.endCursor ?? state.after, written: state.written + page.rows.length };
    writeFileSync(progressFile, JSON.stringify(state));
    options.onProgress?.(state.written, total);
    if (!page.hasNextPage) break;
  }
  rmSync(progressFile, { force: true });
  return { written: state.written, total: total ?? state.written, resumed };
}
