import { BadUserInputError } from "../core/errors.ts";
import type { Sql } from "./sql.ts";

export interface ShipmentFilter {
  carrier?: string | null;
  portOfLoading?: string | null;
  portOfDischarge?: string | null;
  status?: string | null;
  titleStatus?: string | null;
  departedFrom?: Date | null;
  departedTo?: Date | null;
  arrivedFrom?: Date | null;
  arrivedTo?: Date | null;
}

/** Largest page `shipments` serves. */
export const MAX_PAGE_SIZE = 500;
/** Longest window the aggregates accept. */
export const MAX_WINDOW_DAYS = 366;

const encodeCursor = (reference: string) => Buffer.from(`shipment:${reference}`).toString("base64url");
function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString();
  if (!text.startsWith("shipment:"))
    throw new BadUserInputError("after is not a cursor this API gave", "after");
  return text.slice("shipment:".length);
}

function where(filter: ShipmentFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace("?", `$${params.length}`));
  };
  if (filter.carrier) add("carrier_scac = ?", filter.carrier.toUpperCase());
  if (filter.portOfLoading) add("pol = ?", filter.portOfLoading.toUpperCase());
  if (filter.portOfDischarge) add("pod = ?", filter.portOfDischarge.toUpperCase());
  if (filter.status) add("status = ?", filter.status);
  if (filter.titleStatus) add("title_status = ?", filter.titleStatus);
  if (filter.departedFrom) add("departed_at >= ?", filter.departedFrom.toISOString());
  if (filter.departedTo) add("departed_at < ?", filter.departedTo.toISOString());
  if (filter.arrivedFrom) add("arrived_at >= ?", filter.arrivedFrom.toISOString());
  if (filter.arrivedTo) add("arrived_at < ?", filter.arrivedTo.toISOString());
  return clauses.length ? `where ${clauses.join(" and ")}` : "";
}

/**
 * A page of shipments in B/L order (keyset pagination: a row inserted while paging can only appear
 * after the cursor, never shift a page), with the total for the filter.
 */
export async function listShipments(sql: Sql, filter: ShipmentFilter, first: number, after: string | null) {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw new BadUserInputError(`first must be 1 to ${MAX_PAGE_SIZE}; got ${first}`, "first");
  const params: unknown[] = [];
  const filterSql = where(filter, params);
  const totalParams = [...params];
  const afterRef = after ? decodeCursor(after) : null;
  if (afterRef !== null) params.push(afterRef);
  const keyset =
    afterRef !== null
      ? `${filterSql ? `${filterSql} and` : "where"} reference > $${params.length}`
      : filterSql;
  params.push(first + 1);
  const rows = await sql.query<{ reference: string }>(
    `select reference from shipments ${keyset} order by reference limit $${params.length}`,
    params,
  );
  const [{ count }] = (await sql.query<{ count: string | number }>(
    `select count(*) as count from shipments ${filterSql}`,
    totalParams,
  )) as [{ count: string | number }];
  const page = rows.slice(0, first);
  return {
    edges: page.map((r) => ({ cursor: encodeCursor(r.reference), node: { reference: r.reference } })),
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: page.length ? encodeCursor(page.at(-1)!.reference) : null,
    },
    totalCount: Number(count),
  };
}

export interface Distribution {
  count: number;
  mean: number | null;
  p50: number | null;
  p95: number | null;
}

export interface PortStatisticsGroup {
  key: string;
  shipments: number;
  containerMoves: number;
  dwellHours: Distribution;
  releaseLeadHours: Distribution;
}

/**
 * Dwell (first discharge to first gate-out of each container at the port, discharges in the window) and
 * release lead time (arrival to release of shipments arriving at the port in the window), grouped by
 * carrier, by month of discharge/arrival, or not at all.
 */
/** One group of a distribution query: its key, how many shipments and the statistics of `n` values. */
interface DistributionRow {
  key: string;
  n: string;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  shipments: string;
}

export async function portStatistics(
  sql: Sql,
  port: string,
  from: Date,
  to: Date,
  groupBy: "CARRIER" | "MONTH" | null,
): Promise<PortStatisticsGroup[]> {
  if (!(from < to)) throw new BadUserInputError("from must be before to", "from");
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw new BadUserInputError(`the window may span at most ${MAX_WINDOW_DAYS} days`, "to");
  const group = (column: string) =>
    groupBy === "CARRIER"
      ? "s.carrier_scac"
      : groupBy === "MONTH"
        ? `to_char(${column} at time zone 'UTC', 'YYYY-MM')`
        : "'ALL'";
  const dist = (expr: string) =>
    `count(${expr}) as n, avg(${expr}) as mean, percentile_cont(0.5) within group (order by ${expr}) as p50, percentile_cont(0.95) within group (order by ${expr}) as p95`;
  const params = [port.toUpperCase(), from.toISOString(), to.toISOString()];
  const dwell = await sql.query<DistributionRow>(
    `with disc as (select reference, container, min(at) as at from container_moves where code = 'DISC' and location = $1 group by 1, 2),
          gtot as (select reference, container, min(at) as at from container_moves where code = 'GTOT' and location = $1 group by 1, 2),
          dwell as (select d.reference, d.at as disc_at, extract(epoch from g.at - d.at) / 3600.0 as hours from disc d join gtot g using (reference, container) where d.at >= $2 and d.at < $3)
     select ${group("dwell.disc_at")} as key, count(distinct dwell.reference) as shipments, ${dist("hours")}
     from dwell join shipments s using (reference) group by 1`,
    params,
  );
  const release = await sql.query<DistributionRow>(
    `with lead as (select reference, carrier_scac, arrived_at, extract(epoch from released_at - arrived_at) / 3600.0 as hours from shipments
                   where pod = $1 and arrived_at >= $2 and arrived_at < $3 and released_at is not null)
     select ${group("s.arrived_at")} as key, count(*) as shipments, ${dist("hours")} from lead s group by 1`,
    params,
  );
  const moves = await sql.query<{ key: string; n: string }>(
    `select ${group("m.at")} as key, count(*) as n from container_moves m join shipments s using (reference)
     where m.location = $1 and m.at >= $2 and m.at < $3 and m.network = (select network from container_moves where location = $1 and code = 'GTOT' limit 1)
     group by 1`,
    params,
  );
  const keys = [...new Set([...dwell, ...release, ...moves].map((r) => r.key))].sort();
  const toDist = (
    r: { n: string; mean: number | null; p50: number | null; p95: number | null } | undefined,
  ): Distribution =>
    r
      ? {
          count: Number(r.n),
          mean: r.mean === null ? null : Number(r.mean),
          p50: r.p50 === null ? null : Number(r.p50),
          p95: r.p95 === null ? null : Number(r.p95),
        }
      : { count: 0, mean: null, p50: null, p95: null };
  return keys.map((key) => {
    const d = dwell.find((r) => r.key === key);
    const l = release.find((r) => r.key === key);
    return {
      key,
      shipments: Math.max(Number(d?.shipments ?? 0), Number(l?.shipments ?? 0)),
      containerMoves: Number(moves.find((r) => r.key === key)?.n ?? 0),
      dwellHours: toDist(d),
      releaseLeadHours: toDist(l),
    };
  });
}

/** A vessel counts as on time when it arrives within this long after the first ETA (the carrier's plan). */
export const ON_TIME_TOLERANCE_HOURS = 24;

export interface LaneStatistics {
  portOfLoading: string;
  portOfDischarge: string;
  shipments: number;
  transitHours: Distribution;
  /** Share of shipments that arrived within the tolerance of their first ETA (null when none had one). */
  onTimeShare: number | null;
}

/** Per port pair, for shipments that departed in the window and have arrived: transit time and on-time share. */
export async function laneStatistics(sql: Sql, from: Date, to: Date): Promise<LaneStatistics[]> {
  if (!(from < to)) throw new BadUserInputError("from must be before to", "from");
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw new BadUserInputError(`the window may span at most ${MAX_WINDOW_DAYS} days`, "to");
  const rows = await sql.query<{
    pol: string;
    pod: string;
    n: string;
    mean: number | null;
    p50: number | null;
    p95: number | null;
    on_time: string;
    with_eta: string;
  }>(
    `with lane as (
       select pol, pod, extract(epoch from arrived_at - departed_at) / 3600.0 as hours,
              case when planned_arrival is null then null when arrived_at <= planned_arrival + interval '${ON_TIME_TOLERANCE_HOURS} hours' then 1 else 0 end as on_time
       from shipments where departed_at >= $1 and departed_at < $2 and arrived_at is not null and pol is not null and pod is not null)
     select pol, pod, count(*) as n, avg(hours) as mean, percentile_cont(0.5) within group (order by hours) as p50,
            percentile_cont(0.95) within group (order by hours) as p95, coalesce(sum(on_time), 0) as on_time, count(on_time) as with_eta
     from lane group by pol, pod order by pol, pod`,
    [from.toISOString(), to.toISOString()],
  );
  return rows.map((r) => ({
    portOfLoading: r.pol,
    portOfDischarge: r.pod,
    shipments: Number(r.n),
    transitHours: {
      count: Number(r.n),
      mean: r.mean === null ? null : Number(r.mean),
      p50: r.p50 === null ? null : Number(r.p50),
      p95: r.p95 === null ? null : Number(r.p95),
    },
    onTimeShare: Number(r.with_eta) > 0 ? Number(r.on_time) / Number(r.with_eta) : null,
  }));
}

export interface TitleStatistics {
  ebls: number;
  transfersBeforeSurrender: Distribution;
  issueToSurrenderHours: Distribution;
}

/** For eBLs issued in the window: transfers before surrender, and time from issue to surrender. */
export async function titleStatistics(sql: Sql, from: Date, to: Date): Promise<TitleStatistics> {
  if (!(from < to)) throw new BadUserInputError("from must be before to", "from");
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw new BadUserInputError(`the window may span at most ${MAX_WINDOW_DAYS} days`, "to");
  const dist = (expr: string, name: string) =>
    `count(${expr}) as ${name}_n, avg(${expr}) as ${name}_mean, percentile_cont(0.5) within group (order by ${expr}) as ${name}_p50, percentile_cont(0.95) within group (order by ${expr}) as ${name}_p95`;
  const [row] = await sql.query<Record<string, number | string | null>>(
    `with t as (select title_transfers::double precision as transfers, case when title_surrendered_at is null then null else extract(epoch from title_surrendered_at - title_issued_at) / 3600.0 end as hours
                from shipments where title_issued_at >= $1 and title_issued_at < $2)
     select count(*) as ebls, ${dist("case when hours is null then null else transfers end", "tr")}, ${dist("hours", "h")} from t`,
    [from.toISOString(), to.toISOString()],
  );
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const d = (p: string): Distribution => ({
    count: Number(row![`${p}_n`]),
    mean: n(row![`${p}_mean`]),
    p50: n(row![`${p}_p50`]),
    p95: n(row![`${p}_p95`]),
  });
  return { ebls: Number(row!.ebls), transfersBeforeSurrender: d("tr"), issueToSurrenderHours: d("h") };
}
