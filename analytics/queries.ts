import { BadUserInputError } from "../domain/errors.ts";
import type { TitleStatus } from "../domain/model.ts";
import type { ShipmentStatus } from "../interop/status.ts";
import { HISTORY_COLUMNS } from "./tables.ts";
import type { Sql } from "./sql.ts";

/** The heights a read-model answer reflects: live (the latest indexed) or as of an earlier instant. */
export interface ReadModelCut {
  asOf: Date | null;
  heights: { network: string; height: string; indexedAt: Date }[];
}

/**
 * Refuses an `asOf` the history cannot answer: in the future, or before the index first saw anything
 * (an earlier answer would be a silent guess).
 */
async function checkAsOf(sql: Sql, asOf: Date): Promise<void> {
  if (asOf.getTime() > Date.now()) throw new BadUserInputError("asOf is in the future", "asOf");
  const [row] = await sql.query<{ start: Date | string | null }>(
    `select min(valid_from) as start from shipment_history`,
  );
  const start = row?.start ? new Date(row.start) : null;
  if (!start || asOf < start)
    throw new BadUserInputError(
      start
        ? `the read model's history begins at ${start.toISOString()}; asOf must not be earlier`
        : "the read model has no history yet",
      "asOf",
    );
}

/** Where the read model stands on a network. */
export interface IndexCheckpoint {
  height: string;
  at: Date;
}

/** Checkpoints of the named networks, in order (null for a network the read model does not index). */
export async function indexCheckpoints(
  sql: Sql,
  networks: readonly string[],
): Promise<(IndexCheckpoint | null)[]> {
  const rows = await sql.query<{ network: string; height: string; updated_at: Date | string }>(
    `select network, height, updated_at from checkpoints where network = any($1::text[])`,
    [[...networks]],
  );
  return networks.map((n) => {
    const r = rows.find((x) => x.network === n);
    return r ? { height: r.height, at: new Date(r.updated_at) } : null;
  });
}

/** How far the read model trails a network whose head is `height` (null when unknown). */
export function indexLag(checkpoint: IndexCheckpoint, height: string | null, now = new Date()) {
  const lagBlocks = height === null ? null : Math.max(0, Number(BigInt(height) - BigInt(checkpoint.height)));
  return {
    indexedHeight: checkpoint.height,
    indexedAt: checkpoint.at,
    lagBlocks,
    lagSeconds: lagBlocks === 0 ? 0 : Math.max(0, (now.getTime() - checkpoint.at.getTime()) / 1000),
  };
}

/** The heights each network had been indexed to at `asOf` (or now), i.e. what an answer reflects. */
export async function readModelCut(sql: Sql, asOf: Date | null): Promise<ReadModelCut> {
  if (asOf) await checkAsOf(sql, asOf);
  const rows = asOf
    ? await sql.query<{ network: string; height: string; at: Date | string }>(
        `select distinct on (network) network, height::text as height, at from checkpoint_history where at <= $1 order by network, at desc`,
        [asOf.toISOString()],
      )
    : await sql.query<{ network: string; height: string; at: Date | string }>(
        `select network, height, updated_at as at from checkpoints order by network`,
      );
  return {
    asOf,
    heights: rows.map((r) => ({ network: r.network, height: r.height, indexedAt: new Date(r.at) })),
  };
}

/**
 * The tables a query reads: the live ones, or their state at `asOf` (each shipment's latest version
 * by then, the container moves known by then). Pushes `asOf` onto `params` when used.
 */
function relations(asOf: Date | null, params: unknown[]): { shipments: string; moves: string } {
  if (!asOf) return { shipments: "shipments", moves: "container_moves" };
  params.push(asOf.toISOString());
  const p = `$${params.length}::timestamptz`;
  return {
    shipments: `(select distinct on (reference) reference, ${HISTORY_COLUMNS} from shipment_history where valid_from <= ${p} order by reference, valid_from desc)`,
    moves: `(select * from container_moves where indexed_at <= ${p})`,
  };
}

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
  releasedFrom?: Date | null;
  releasedTo?: Date | null;
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

/**
 * Which shipments a caller may list: those it is a party to (shipment or title), and for a terminal
 * operator or customs authority those calling at its ports. Null: every shipment (the operator).
 */
export interface ListVisibility {
  party: string;
  /** Ports the party is an authority at (empty unless a terminal operator or customs). */
  ports: string[];
}

function where(filter: ShipmentFilter, params: unknown[], visibility: ListVisibility | null = null): string {
  const clauses: string[] = [];
  if (visibility) {
    params.push(visibility.party, visibility.ports);
    const [party, ports] = [`$${params.length - 1}`, `$${params.length}`];
    clauses.push(
      `exists (select 1 from shipment_access a where a.reference = shipments.reference and
         (${party} = any(a.parties) or ${party} = any(a.title_parties) or a.ports && ${ports}::text[]))`,
    );
  }
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
  if (filter.releasedFrom) add("released_at >= ?", filter.releasedFrom.toISOString());
  if (filter.releasedTo) add("released_at < ?", filter.releasedTo.toISOString());
  return clauses.length ? `where ${clauses.join(" and ")}` : "";
}

/** A shipment's row in the read model, as a page reads it. */
interface ShipmentStateRow {
  reference: string;
  carrier_scac: string;
  pol: string | null;
  pod: string | null;
  status: ShipmentStatus | null;
  title_status: TitleStatus | null;
  title_transfers: number | null;
  departed_at: Date | string | null;
  arrived_at: Date | string | null;
  released_at: Date | string | null;
}

/**
 * A page of shipments in B/L order (keyset pagination: a row inserted while paging can only appear
 * after the cursor, never shift a page), and how to count the total for the filter.
 */
export async function listShipments(
  sql: Sql,
  filter: ShipmentFilter,
  first: number,
  after: string | null,
  asOf: Date | null = null,
  visibility: ListVisibility | null = null,
) {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw new BadUserInputError(`first must be 1 to ${MAX_PAGE_SIZE}; got ${first}`, "first");
  const cut = await readModelCut(sql, asOf);
  const params: unknown[] = [];
  const table = relations(asOf, params).shipments;
  // totalCount counts the same visible rows the pages walk.
  const filterSql = where(filter, params, visibility);
  const totalParams = [...params];
  const afterRef = after ? decodeCursor(after) : null;
  if (afterRef !== null) params.push(afterRef);
  const keyset =
    afterRef !== null
      ? `${filterSql ? `${filterSql} and` : "where"} reference > $${params.length}`
      : filterSql;
  params.push(first + 1);
  const rows = await sql.query<ShipmentStateRow>(
    `select reference, carrier_scac, pol, pod, status, title_status, title_transfers, departed_at, arrived_at, released_at
     from ${table} as shipments ${keyset} order by reference limit $${params.length}`,
    params,
  );
  // Counting the whole filter costs as much as reading it, so only when someone asks (once per page).
  let counted: Promise<number> | null = null;
  const totalCount = () =>
    (counted ??= sql
      .query<{ count: string | number }>(
        `select count(*) as count from ${table} as shipments ${filterSql}`,
        totalParams,
      )
      .then(([row]) => Number(row!.count)));
  const page = rows.slice(0, first);
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    cut,
    edges: page.map((r) => ({
      cursor: encodeCursor(r.reference),
      node: { reference: r.reference },
      state: {
        carrier: r.carrier_scac,
        portOfLoading: r.pol,
        portOfDischarge: r.pod,
        status: r.status,
        titleStatus: r.title_status,
        titleTransfers: r.title_transfers,
        departedAt: date(r.departed_at),
        arrivedAt: date(r.arrived_at),
        releasedAt: date(r.released_at),
      },
    })),
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: page.length ? encodeCursor(page.at(-1)!.reference) : null,
    },
    totalCount,
  };
}

/** A page of `listShipments`; `totalCount` runs its count when first called. */
export type ShipmentPage = Awaited<ReturnType<typeof listShipments>>;

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
  asOf: Date | null = null,
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
  if (asOf) await checkAsOf(sql, asOf);
  const params: unknown[] = [port.toUpperCase(), from.toISOString(), to.toISOString()];
  const { shipments: shipmentsTable, moves: movesTable } = relations(asOf, params);
  const dwell = await sql.query<DistributionRow>(
    `with disc as (select reference, container, min(at) as at from ${movesTable} as m where code = 'DISC' and location = $1 group by 1, 2),
          gtot as (select reference, container, min(at) as at from ${movesTable} as m where code = 'GTOT' and location = $1 group by 1, 2),
          dwell as (select d.reference, d.at as disc_at, extract(epoch from g.at - d.at) / 3600.0 as hours from disc d join gtot g using (reference, container) where d.at >= $2 and d.at < $3)
     select ${group("dwell.disc_at")} as key, count(distinct dwell.reference) as shipments, ${dist("hours")}
     from dwell join ${shipmentsTable} s using (reference) group by 1`,
    params,
  );
  const release = await sql.query<DistributionRow>(
    `with lead as (select reference, carrier_scac, arrived_at, extract(epoch from released_at - arrived_at) / 3600.0 as hours from ${shipmentsTable} as s
                   where pod = $1 and arrived_at >= $2 and arrived_at < $3 and released_at is not null)
     select ${group("s.arrived_at")} as key, count(*) as shipments, ${dist("hours")} from lead s group by 1`,
    params,
  );
  const moves = await sql.query<{ key: string; n: string }>(
    `select ${group("m.at")} as key, count(*) as n from ${movesTable} m join ${shipmentsTable} s using (reference)
     where m.location = $1 and m.at >= $2 and m.at < $3 and m.network = (select network from ${movesTable} as g where location = $1 and code = 'GTOT' limit 1)
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
export async function laneStatistics(
  sql: Sql,
  from: Date,
  to: Date,
  asOf: Date | null = null,
  /** Only lanes that load or discharge at this UN/LOCODE. */
  port: string | null = null,
): Promise<LaneStatistics[]> {
  if (!(from < to)) throw new BadUserInputError("from must be before to", "from");
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw new BadUserInputError(`the window may span at most ${MAX_WINDOW_DAYS} days`, "to");
  if (asOf) await checkAsOf(sql, asOf);
  const params: unknown[] = [from.toISOString(), to.toISOString()];
  const { shipments: shipmentsTable } = relations(asOf, params);
  let atPort = "";
  if (port) {
    params.push(port.toUpperCase());
    atPort = `and (pol = $${params.length} or pod = $${params.length})`;
  }
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
       from ${shipmentsTable} as s where departed_at >= $1 and departed_at < $2 and arrived_at is not null and pol is not null and pod is not null ${atPort})
     select pol, pod, count(*) as n, avg(hours) as mean, percentile_cont(0.5) within group (order by hours) as p50,
            percentile_cont(0.95) within group (order by hours) as p95, coalesce(sum(on_time), 0) as on_time, count(on_time) as with_eta
     from lane group by pol, pod order by pol, pod`,
    params,
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
  cut: ReadModelCut;
  ebls: number;
  transfersBeforeSurrender: Distribution;
  issueToSurrenderHours: Distribution;
}

/** For eBLs issued in the window: transfers before surrender, and time from issue to surrender. */
export async function titleStatistics(
  sql: Sql,
  from: Date,
  to: Date,
  asOf: Date | null = null,
): Promise<TitleStatistics> {
  if (!(from < to)) throw new BadUserInputError("from must be before to", "from");
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    throw new BadUserInputError(`the window may span at most ${MAX_WINDOW_DAYS} days`, "to");
  const dist = (expr: string, name: string) =>
    `count(${expr}) as ${name}_n, avg(${expr}) as ${name}_mean, percentile_cont(0.5) within group (order by ${expr}) as ${name}_p50, percentile_cont(0.95) within group (order by ${expr}) as ${name}_p95`;
  const cut = await readModelCut(sql, asOf);
  const params: unknown[] = [from.toISOString(), to.toISOString()];
  const { shipments: shipmentsTable } = relations(asOf, params);
  const [row] = await sql.query<Record<string, number | string | null>>(
    `with t as (select title_transfers::double precision as transfers, case when title_surrendered_at is null then null else extract(epoch from title_surrendered_at - title_issued_at) / 3600.0 end as hours
                from ${shipmentsTable} as s where title_issued_at >= $1 and title_issued_at < $2)
     select count(*) as ebls, ${dist("case when hours is null then null else transfers end", "tr")}, ${dist("hours", "h")} from t`,
    params,
  );
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const d = (p: string): Distribution => ({
    count: Number(row![`${p}_n`]),
    mean: n(row![`${p}_mean`]),
    p50: n(row![`${p}_p50`]),
    p95: n(row![`${p}_p95`]),
  });
  return {
    cut,
    ebls: Number(row!.ebls),
    transfersBeforeSurrender: d("tr"),
    issueToSurrenderHours: d("h"),
  };
}
