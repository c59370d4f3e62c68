import type { Sql } from "../analytics/sql.ts";
import { BadUserInputError, NotFoundError } from "../domain/errors.ts";
import { DCSA_EVENT_COLUMNS, toDcsaEvent, type DcsaEvent, type DcsaEventRecord } from "./events.ts";
import {
  filterFromBody,
  filterFromQuery,
  filterSql,
  filterToBody,
  FILTER_NAMES,
  type EventFilter,
} from "./filters.ts";
import { keysetSql, pageOf, type Page, type Position } from "./paging.ts";
import { visibilitySql, type Viewer } from "./visibility.ts";

/** The spec's operators on `eventCreatedDateTime` (`eventCreatedDateTime:gte=...`; none means `eq`). */
const OPERATORS = { gte: ">=", gt: ">", lte: "<=", lt: "<", eq: "=" } as const;
type Operator = keyof typeof OPERATORS;

/** Sortable fields (the `sort` parameter) and their columns. */
const SORT_COLUMNS = { eventCreatedDateTime: "created_at", eventDateTime: "at" } as const;
type SortField = keyof typeof SORT_COLUMNS;

/** A `GET /v2/events` query: what the cursor carries. */
export interface EventQuery {
  filter: EventFilter;
  created: { op: Operator; at: string }[];
  sort: { field: SortField; descending: boolean };
  limit: number;
}

export function isEventQuery(q: unknown): q is EventQuery {
  const x = q as Partial<EventQuery> | null;
  return (
    !!x &&
    typeof x.limit === "number" &&
    !!x.filter &&
    FILTER_NAMES.every((n) => n in x.filter!) &&
    Array.isArray(x.created) &&
    x.created.every((c) => c.op in OPERATORS && !Number.isNaN(Date.parse(c.at))) &&
    !!x.sort &&
    x.sort.field in SORT_COLUMNS
  );
}

/** A query as a cursor carries it: only the filters set (a cursor is a query parameter, so short). */
export function compactQuery(query: EventQuery): unknown {
  return { ...query, filter: filterToBody(query.filter) };
}

/** The query a cursor carries, its filters checked again (a cursor comes from the client). */
export function isCompactQuery(q: unknown): q is EventQuery {
  const x = q as { filter?: unknown } | null;
  if (!x || typeof x.filter !== "object" || x.filter === null) return false;
  try {
    const filter = filterFromBody(x.filter as Record<string, unknown>);
    if (Object.keys(x.filter).some((k) => !FILTER_NAMES.includes(k as never))) return false;
    (x as { filter: EventFilter }).filter = filter;
  } catch {
    return false;
  }
  return isEventQuery(x);
}

/** The parameters of `GET /v2/events` besides the filters and paging. */
export const EVENT_QUERY_PARAMETERS = ["limit", "cursor", "sort"];

/** `eventCreatedDateTime[:op]=<date-time>` parameters, any number of them (a range is two). */
export function createdFromQuery(params: URLSearchParams): EventQuery["created"] {
  const created: EventQuery["created"] = [];
  for (const [name, value] of params) {
    const match = /^eventCreatedDateTime(?::(gte|gt|lte|lt|eq))?$/.exec(name);
    if (!match) continue;
    if (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value))
      throw new BadUserInputError(`${name}: an ISO 8601 date-time, e.g. 2021-04-01T14:12:56+01:00`, name);
    // Passed to PostgreSQL as given: its microseconds count (eventCreatedDateTime has them).
    created.push({ op: (match[1] ?? "eq") as Operator, at: value });
  }
  return created;
}

/** `sort=eventCreatedDateTime:DESC` (one field; `:ASC` may be omitted). Default: creation, oldest first. */
export function sortFromQuery(value: string | null): EventQuery["sort"] {
  if (value === null) return { field: "eventCreatedDateTime", descending: false };
  const match = /^(\w+)(?::(ASC|DESC))?$/i.exec(value.trim());
  if (!match || !(match[1]! in SORT_COLUMNS))
    throw new BadUserInputError(
      `sort: one of ${Object.keys(SORT_COLUMNS).join(", ")}, optionally :ASC or :DESC`,
      "sort",
    );
  return { field: match[1] as SortField, descending: match[2]?.toUpperCase() === "DESC" };
}

/** Reads a full query from request parameters (not a cursor). */
export function eventQueryFromParams(params: URLSearchParams, limit: number): EventQuery {
  return {
    filter: filterFromQuery(params),
    created: createdFromQuery(params),
    sort: sortFromQuery(params.get("sort")),
    limit,
  };
}

/** Binds values as numbered parameters in the order the SQL text asks for them. */
class Parameters {
  readonly values: unknown[] = [];
  bind(value: unknown, type = ""): string {
    this.values.push(value);
    return `$${this.values.length}${type}`;
  }
}

function viewerSql(p: Parameters, viewer: Viewer): string {
  return visibilitySql({
    operator: p.bind(viewer.operator, "::boolean"),
    party: p.bind(viewer.party, "::text"),
    authorityPorts: p.bind(viewer.authorityPorts, "::text[]"),
  });
}

/**
 * One page of the events the viewer may see that match the query, from the read model's canonical
 * events (the same merged events the graph's timeline serves).
 */
export async function listEvents(
  sql: Sql,
  viewer: Viewer,
  query: EventQuery,
  position: Position,
): Promise<Page<DcsaEvent>> {
  const p = new Parameters();
  const filter = filterSql((name, field) =>
    p.bind(query.filter[name], field.kind === "list" ? "::text[]" : "::text"),
  );
  const created = query.created
    .map((c) => `e.created_at ${OPERATORS[c.op]} ${p.bind(c.at, "::timestamptz")}`)
    .join(" and ");
  const column = `e.${SORT_COLUMNS[query.sort.field]}`;
  const keyset = keysetSql(position, column, "e.event_id", "uuid", query.sort.descending, (v) => p.bind(v));
  const visible = viewerSql(p, viewer);
  const rows = await sql.query<DcsaEventRecord & { sort_key: string }>(
    `select ${DCSA_EVENT_COLUMNS}, ${column}::text as sort_key
     from dcsa_events e left join shipment_access a on a.reference = e.reference
     where ${filter} and ${created || "true"} and ${keyset.where} and ${visible}
     order by ${keyset.order}
     limit ${p.bind(query.limit + 1, "::integer")}`,
    p.values,
  );
  const page = pageOf(rows, position, query.limit, (r) => [r.sort_key, r.event_id]);
  return { ...page, items: page.items.map(toDcsaEvent) };
}

/** One event by its eventID, if the viewer may see it. @throws NotFoundError otherwise (never "forbidden"). */
export async function getEvent(sql: Sql, viewer: Viewer, eventId: string): Promise<DcsaEvent> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId))
    throw new BadUserInputError("eventID: a UUID", "eventID");
  const p = new Parameters();
  const id = p.bind(eventId.toLowerCase(), "::uuid");
  const rows = await sql.query<DcsaEventRecord>(
    `select ${DCSA_EVENT_COLUMNS} from dcsa_events e left join shipment_access a on a.reference = e.reference
     where e.event_id = ${id} and ${viewerSql(p, viewer)} limit 1`,
    p.values,
  );
  if (!rows[0]) throw new NotFoundError(`No event ${eventId}`);
  return toDcsaEvent(rows[0]);
}
