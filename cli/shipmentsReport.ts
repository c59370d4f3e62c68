import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  fstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { csvRecord } from "./csv.ts";
import { fetchShipmentPage, SHIPMENT_COLUMNS, type ShipmentFilter } from "./reports/shipmentListing.ts";
import type { Cell } from "./reports/table.ts";

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

export interface ExportResult {
  written: number;
  total: number;
  resumed: boolean;
  /** Rows written without some network's part, the networks concerned, and the file that lists them. */
  incomplete: { rows: number; networks: string[]; file: string } | null;
}

/** The export recorded beside the output is not one this command line can continue. */
export class ExportResumeError extends Error {
  override readonly name = "ExportResumeError";
}

/** What an export was asked: a resume with anything else would splice two different listings. */
interface ExportRequest {
  filter: ShipmentFilter;
  asOf: string | null;
  format: "csv" | "json";
}

/** Where an interrupted export stands; written only after the rows it counts are on disk. */
interface Progress {
  version: 2;
  request: ExportRequest;
  /** The cursor after the last page written (null: none yet). */
  after: string | null;
  written: number;
  total: number | null;
  /** Bytes of the output holding the header and whole pages: anything past them is a torn write. */
  bytes: number;
  /** The same for the list of incomplete rows. */
  incompleteBytes: number;
  incompleteRows: number;
  incompleteNetworks: string[];
}

const canonical = (request: ExportRequest) =>
  JSON.stringify({
    filter: Object.fromEntries(Object.entries(request.filter).sort(([a], [b]) => a.localeCompare(b))),
    asOf: request.asOf,
    format: request.format,
  });

const INCOMPLETE_HEADER = csvRecord(["reference", "missing"]);

/**
 * Streams the shipments report through the gateway page by page (it is a GraphQL client like any user's),
 * writing each page as it arrives so memory stays flat. CSV is RFC 4180, UTF-8, ISO dates; JSON is one
 * object per line.
 *
 * Crash-safe and resumable: each page is appended and fsynced, and only then is the cursor saved (beside
 * the output, written whole and renamed) with the length the output had. A rerun of the same command
 * cuts the output back to that length (dropping a torn or uncounted page) and continues from the cursor,
 * so a kill -9 at any instant leaves neither a duplicate nor a torn row; a rerun with another filter,
 * instant or format is refused rather than spliced.
 *
 * A row some network could not answer for is still written, its columns from that network empty; the
 * row is listed in `<out>.incomplete.csv` (reference, missing networks) and the result says so, so an
 * outage is never read as "no title".
 */
export async function exportShipments(options: ReportOptions): Promise<ExportResult> {
  const progressFile = `${options.out}.progress`;
  const incompleteFile = `${options.out}.incomplete.csv`;
  const request: ExportRequest = {
    filter: options.filter,
    asOf: options.asOf ?? null,
    format: options.format,
  };
  const saved = existsSync(progressFile) && existsSync(options.out) ? readProgress(progressFile) : null;
  const resumed = saved !== null;
  if (saved && canonical(saved.request) !== canonical(request))
    throw new ExportResumeError(
      `${options.out} is an interrupted export of another request (${canonical(saved.request)}); ` +
        `to start this one over, delete ${options.out} and ${progressFile}, or write to another --out`,
    );
  let progress: Progress = saved ?? {
    version: 2,
    request,
    after: null,
    written: 0,
    total: null,
    bytes: 0,
    incompleteBytes: 0,
    incompleteRows: 0,
    incompleteNetworks: [],
  };

  const out = openSync(options.out, resumed ? "r+" : "w");
  const incomplete = openSync(incompleteFile, resumed && existsSync(incompleteFile) ? "r+" : "w");
  try {
    if (resumed) {
      cutBack(out, progress.bytes, options.out);
      cutBack(incomplete, progress.incompleteBytes, incompleteFile);
    } else {
      // The header is a page of its own: on disk before any cursor says so.
      const header = options.format === "csv" ? csvRecord([...SHIPMENT_COLUMNS]) : "";
      progress.bytes = append(out, progress.bytes, header);
      progress.incompleteBytes = append(incomplete, 0, INCOMPLETE_HEADER);
      saveProgress(progressFile, progress);
    }
    let total: number | null = null;
    for (;;) {
      const page = await fetchShipmentPage(
        options.gatewayUrl,
        options.filter,
        options.pageSize ?? 200,
        progress.after,
        request.asOf,
        total === null,
      );
      total ??= page.totalCount ?? progress.total ?? 0;
      const lacking = page.rows.flatMap((row, i) =>
        page.missing[i]!.length ? [csvRecord([row[0]!, page.missing[i]!.join(" ")])] : [],
      );
      // Rows first, the cursor last: a crash in between is cut back and the page asked again.
      const bytes = append(out, progress.bytes, encode(page.rows, page.missing, options.format));
      const incompleteBytes = append(incomplete, progress.incompleteBytes, lacking.join(""));
      progress = {
        ...progress,
        after: page.endCursor ?? progress.after,
        written: progress.written + page.rows.length,
        total,
        bytes,
        incompleteBytes,
        incompleteRows: progress.incompleteRows + lacking.length,
        incompleteNetworks: [...new Set([...progress.incompleteNetworks, ...page.missing.flat()])].sort(),
      };
      saveProgress(progressFile, progress);
      options.onProgress?.(progress.written, total);
      if (!page.hasNextPage) break;
    }
  } finally {
    closeSync(out);
    closeSync(incomplete);
  }
  if (progress.incompleteRows === 0) rmSync(incompleteFile, { force: true });
  rmSync(progressFile, { force: true });
  syncDirectory(options.out);
  return {
    written: progress.written,
    total: progress.total ?? progress.written,
    resumed,
    incomplete:
      progress.incompleteRows > 0
        ? { rows: progress.incompleteRows, networks: progress.incompleteNetworks, file: incompleteFile }
        : null,
  };
}

function encode(rows: Cell[][], missing: string[][], format: "csv" | "json"): string {
  if (format === "csv") return rows.map(csvRecord).join("");
  return rows
    .map((r, i) => {
      const record: Record<string, unknown> = Object.fromEntries(SHIPMENT_COLUMNS.map((c, j) => [c, r[j]]));
      // JSON lines can say it on the row itself; a CSV keeps its columns and lists these rows beside it.
      if (missing[i]!.length) record.incomplete = missing[i];
      return `${JSON.stringify(record)}\n`;
    })
    .join("");
}

/** Appends at `at` (the committed length) and fsyncs; returns the new length. */
function append(fd: number, at: number, text: string): number {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset, at + offset);
  fsyncSync(fd);
  return at + bytes.length;
}

/** Drops whatever follows the committed length: a torn row, or a page written but never counted. */
function cutBack(fd: number, length: number, path: string): void {
  const size = fstatSync(fd).size;
  if (size < length)
    throw new ExportResumeError(
      `${path} is shorter (${size} bytes) than its saved progress says (${length}): it was changed after the ` +
        `export stopped; delete it and its .progress file to start over`,
    );
  if (size > length) {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  }
}

function readProgress(file: string): Progress | null {
  let parsed: Partial<Progress>;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<Progress>;
  } catch {
    // The progress file is written whole and renamed into place, so an unreadable one was not ours.
    throw new ExportResumeError(`${file} is not an export's progress; delete it to start over`);
  }
  if (parsed.version !== 2)
    throw new ExportResumeError(
      `${file} was left by an older version of this command, which did not record what it had written; delete it and the output to start over`,
    );
  return parsed as Progress;
}

/** Written beside, fsynced, renamed over the old one, and the rename itself fsynced: never half a file. */
function saveProgress(file: string, progress: Progress): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, JSON.stringify(progress));
  const fd = openSync(partial, "r+");
  fsyncSync(fd);
  closeSync(fd);
  renameSync(partial, file);
  syncDirectory(file);
}

function syncDirectory(file: string): void {
  const fd = openSync(dirname(file), "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
