import type { Table } from "./table.ts";

/** One carrier's dwell time distribution at the port (hours from discharge to gate-out). */
export interface DwellDatum {
  carrier: string;
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
}

/** One month's release lead time (hours from the vessel's arrival to the cargo's release). */
export interface ReleaseDatum {
  month: string;
  count: number;
  p50: number | null;
  p95: number | null;
}

/** One port pair's share of shipments arriving within a day of their first ETA. */
export interface LaneDatum {
  portOfLoading: string;
  portOfDischarge: string;
  shipments: number;
  onTimeShare: number | null;
}

/** What the HTML page charts; a report fills the series it has data for, the page draws those. */
export interface ChartData {
  dwell?: DwellDatum[];
  release?: ReleaseDatum[];
  lanes?: LaneDatum[];
}

/** A report gathered from the gateway, ready for any format. */
export interface Report {
  title: string;
  /** The arguments it was asked with, shown at the top of the HTML page. */
  parameters: Record<string, string>;
  tables: Table[];
  charts: ChartData;
}
