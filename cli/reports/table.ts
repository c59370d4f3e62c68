/** One cell of a report table: text, a number, or nothing (an empty CSV field, JSON null). */
export type Cell = string | number | null;

/**
 * A report's unit of output: the CSV and JSON writers and the HTML page all read tables, so every
 * format carries the same rows and the same column names.
 */
export interface Table {
  /** Machine name, the `section` of a row when a report writes several tables to one file. */
  name: string;
  /** Caption on the HTML page. */
  title: string;
  columns: readonly string[];
  rows: Cell[][];
}

/** The columns of a `Distribution` (count, mean, p50, p95) under a prefix, e.g. dwellP50Hours. */
export const distributionColumns = (prefix: string, unit: "Hours" | "") =>
  [`${prefix}Count`, `${prefix}Mean${unit}`, `${prefix}P50${unit}`, `${prefix}P95${unit}`] as const;

export interface Distribution {
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
}

export const distributionCells = (d: Distribution): Cell[] => [d.count, d.mean, d.p50, d.p95];

/** The GraphQL selection matching `Distribution`. */
export const DISTRIBUTION_FIELDS = "count mean p50 p95";
