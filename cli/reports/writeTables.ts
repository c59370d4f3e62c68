import { renameSync, writeFileSync } from "node:fs";
import { csvRecord } from "../csv.ts";
import type { Cell, Table } from "./table.ts";

/**
 * A report's tables as one RFC 4180 CSV (UTF-8, CRLF, ISO dates). One table is written as it is; several
 * share one header, led by a `section` column naming each row's table, so a spreadsheet opens the file
 * as one sheet and a filter on `section` gives each table back.
 */
export function tablesToCsv(tables: Table[]): string {
  if (tables.length === 1) {
    const [table] = tables as [Table];
    return [table.columns, ...table.rows].map((r) => csvRecord([...r])).join("");
  }
  const columns = [...new Set(tables.flatMap((t) => t.columns))];
  const lines = [csvRecord(["section", ...columns])];
  for (const table of tables)
    for (const row of table.rows) {
      const byColumn = new Map<string, Cell>(table.columns.map((c, i) => [c, row[i] ?? null]));
      lines.push(csvRecord([table.name, ...columns.map((c) => byColumn.get(c) ?? null)]));
    }
  return lines.join("");
}

/** One JSON object per line (as `report shipments` writes), with `section` when there are several tables. */
export function tablesToJsonLines(tables: Table[]): string {
  return tables
    .flatMap((table) =>
      table.rows.map(
        (row) =>
          `${JSON.stringify({
            ...(tables.length > 1 ? { section: table.name } : {}),
            ...Object.fromEntries(table.columns.map((c, i) => [c, row[i] ?? null])),
          })}\n`,
      ),
    )
    .join("");
}

/** Writes beside the target and renames, so an interrupted run never leaves a half-written report. */
export function writeReportFile(out: string, content: string): void {
  const partial = `${out}.partial`;
  writeFileSync(partial, content, "utf8");
  renameSync(partial, out);
}
