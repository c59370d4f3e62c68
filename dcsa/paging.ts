import { BadUserInputError } from "../domain/errors.ts";

/**
 * Keyset paging for DCSA lists. A cursor carries the whole query and a position, so a client follows
 * `Next-Page` without repeating its filters (the spec: a cursor stands for the query it came from).
 * Keys are the sort column's exact database text and the row's id: stable under inserts, never
 * skipping or repeating a row while new rows arrive.
 */
export type Position =
  | { kind: "first" }
  | { kind: "last" }
  | { kind: "after"; key: [string, string] }
  | { kind: "before"; key: [string, string] };

export interface Cursor<Q> {
  query: Q;
  position: Position;
}

/** The spec's default page size, and this service's maximum. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function encodeCursor<Q>(cursor: Cursor<Q>): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/** @throws BadUserInputError for anything that is not one of this service's cursors. */
export function decodeCursor<Q>(text: string, isQuery: (q: unknown) => q is Q): Cursor<Q> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw new BadUserInputError("cursor: not a cursor this service issued", "cursor");
  }
  const c = parsed as Partial<Cursor<Q>> | null;
  const p = c?.position as Partial<Position> | undefined;
  const keyOk = (k: unknown) => Array.isArray(k) && k.length === 2 && k.every((x) => typeof x === "string");
  const positionOk =
    p &&
    (p.kind === "first" ||
      p.kind === "last" ||
      ((p.kind === "after" || p.kind === "before") && keyOk((p as { key?: unknown }).key)));
  if (!c || !positionOk || !isQuery(c.query))
    throw new BadUserInputError("cursor: not a cursor this service issued", "cursor");
  return c as Cursor<Q>;
}

/** `limit`: 1 to MAX_LIMIT, DEFAULT_LIMIT when absent. */
export function parseLimit(value: string | null): number {
  if (value === null) return DEFAULT_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
    throw new BadUserInputError(`limit: an integer from 1 to ${MAX_LIMIT}`, "limit");
  return n;
}

/** A page of rows in display order, with the keys its neighbours start from. */
export interface Page<T> {
  items: T[];
  /** The position of the next page; null on the last. */
  next: Position | null;
  /** The position of the previous page; null on the first. */
  previous: Position | null;
}

/**
 * Turns rows fetched for a position (at most limit + 1, in fetch order: ascending for first/after,
 * descending for last/before) into a page in display order and its neighbours.
 */
export function pageOf<T>(
  rows: T[],
  position: Position,
  limit: number,
  keyOf: (row: T) => [string, string],
): Page<T> {
  const backwards = position.kind === "last" || position.kind === "before";
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  if (backwards) items.reverse();
  const first = items[0];
  const last = items.at(-1);
  const hasNext = backwards ? position.kind === "before" : more;
  const hasPrevious = backwards ? more : position.kind === "after";
  return {
    items,
    next: hasNext && last ? { kind: "after", key: keyOf(last) } : null,
    previous: hasPrevious && first ? { kind: "before", key: keyOf(first) } : null,
  };
}

/** The keyset condition and order for a position, over a sort column and the id column. */
export function keysetSql(
  position: Position,
  column: string,
  idColumn: string,
  idType: string,
  descending: boolean,
  bind: (value: string) => string,
): { where: string; order: string } {
  const backwards = position.kind === "last" || position.kind === "before";
  const ascending = descending === backwards;
  const direction = ascending ? "asc" : "desc";
  const order = `${column} ${direction}, ${idColumn} ${direction}`;
  if (position.kind === "first" || position.kind === "last") return { where: "true", order };
  const [value, id] = position.key;
  const comparison = ascending ? ">" : "<";
  return {
    where: `(${column}, ${idColumn}) ${comparison} (${bind(value)}::timestamptz, ${bind(id)}::${idType})`,
    order,
  };
}
