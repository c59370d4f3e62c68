import { randomUUID } from "node:crypto";
import type { Sql } from "../analytics/sql.ts";
import { NotFoundError } from "../domain/errors.ts";
import type { DcsaEvent } from "./events.ts";
import { FILTER_NAMES, FILTERS, filterToBody, type EventFilter, type FilterName } from "./filters.ts";
import { keysetSql, pageOf, type Page, type Position } from "./paging.ts";

/**
 * Who a subscription belongs to: the party whose credentials created it (any credential of that party
 * manages it), or the operator. It delivers only what its owner may see.
 */
export interface Owner {
  party: string | null;
  operator: boolean;
  /** The credential that created it (kept for the record). */
  subject: string;
}

export interface Subscription {
  subscriptionID: string;
  callbackUrl: string;
  filter: EventFilter;
}

/** The spec's `subscription` object: ID, callback and the filters set. Never the secret. */
export function subscriptionBody(s: Subscription): Record<string, unknown> {
  return { subscriptionID: s.subscriptionID, callbackUrl: s.callbackUrl, ...filterToBody(s.filter) };
}

interface SubscriptionRow extends Record<string, unknown> {
  id: string;
  callback_url: string;
  created_key: string;
}

const FILTER_COLUMNS = FILTER_NAMES.map((n) => FILTERS[n].column);

function fromRow(row: SubscriptionRow): Subscription {
  return {
    subscriptionID: row.id,
    callbackUrl: row.callback_url,
    filter: Object.fromEntries(
      FILTER_NAMES.map((n) => [n, (row[FILTERS[n].column] as string[] | string | null) ?? null]),
    ) as unknown as EventFilter,
  };
}

/** The condition "subscription `s` is the caller's" with the caller's facts as parameters $1, $2. */
const OWNED = `($1::boolean or (s.owner_party is not null and s.owner_party = $2::text))`;
const ownerParams = (owner: Owner) => [owner.operator, owner.party];
const filterValues = (filter: EventFilter) => FILTER_NAMES.map((n: FilterName) => filter[n]);

export async function createSubscription(
  sql: Sql,
  owner: Owner,
  callbackUrl: string,
  secret: string,
  filter: EventFilter,
): Promise<Subscription> {
  const id = randomUUID();
  const columns = [
    "id",
    "owner_party",
    "owner_operator",
    "created_by",
    "callback_url",
    "secret",
    ...FILTER_COLUMNS,
  ];
  await sql.query(
    `insert into dcsa_subscriptions (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
    [
      id,
      owner.operator ? null : owner.party,
      owner.operator,
      owner.subject,
      callbackUrl,
      secret,
      ...filterValues(filter),
    ],
  );
  return { subscriptionID: id, callbackUrl, filter };
}

/** The caller's subscriptions, oldest first, a page at a time. */
export async function listSubscriptions(
  sql: Sql,
  owner: Owner,
  position: Position,
  limit: number,
): Promise<Page<Subscription>> {
  const values: unknown[] = [...ownerParams(owner)];
  const keyset = keysetSql(position, "s.created_at", "s.id", "uuid", false, (v) => {
    values.push(v);
    return `$${values.length}`;
  });
  values.push(limit + 1);
  const rows = await sql.query<SubscriptionRow>(
    `select s.*, s.created_at::text as created_key from dcsa_subscriptions s
     where ${OWNED} and ${keyset.where} order by ${keyset.order} limit $${values.length}`,
    values,
  );
  const page = pageOf(rows, position, limit, (r) => [r.created_key, r.id]);
  return { ...page, items: page.items.map(fromRow) };
}

/** @throws NotFoundError when it does not exist or is not the caller's (the same answer: no probing). */
export async function getSubscription(sql: Sql, owner: Owner, id: string): Promise<Subscription> {
  const [row] = await sql.query<SubscriptionRow>(
    `select s.*, '' as created_key from dcsa_subscriptions s where ${OWNED} and s.id = $3::uuid`,
    [...ownerParams(owner), id],
  );
  if (!row) throw new NotFoundError(`No subscription ${id}`);
  return fromRow(row);
}

/** Replaces the callback and filters. */
export async function updateSubscription(
  sql: Sql,
  owner: Owner,
  id: string,
  callbackUrl: string,
  filter: EventFilter,
): Promise<Subscription> {
  const sets = FILTER_COLUMNS.map((c, i) => `${c} = $${i + 5}`).join(", ");
  const rows = await sql.query(
    `update dcsa_subscriptions s set callback_url = $4, ${sets}, updated_at = now()
     where ${OWNED} and s.id = $3::uuid returning s.id`,
    [...ownerParams(owner), id, callbackUrl, ...filterValues(filter)],
  );
  if (rows.length === 0) throw new NotFoundError(`No subscription ${id}`);
  return { subscriptionID: id, callbackUrl, filter };
}

/** Stops a subscription; its pending deliveries and dead letters go with it (one statement). */
export async function deleteSubscription(sql: Sql, owner: Owner, id: string): Promise<void> {
  const rows = await sql.query(
    `with gone as (delete from dcsa_subscriptions s where ${OWNED} and s.id = $3::uuid returning s.id),
     deliveries as (delete from dcsa_outbox where subscription_id in (select id from gone))
     select id from gone`,
    [...ownerParams(owner), id],
  );
  if (rows.length === 0) throw new NotFoundError(`No subscription ${id}`);
}

/** Replaces the shared secret; deliveries from now on are signed with it. */
export async function setSubscriptionSecret(
  sql: Sql,
  owner: Owner,
  id: string,
  secret: string,
): Promise<void> {
  const rows = await sql.query(
    `update dcsa_subscriptions s set secret = $4, updated_at = now() where ${OWNED} and s.id = $3::uuid returning s.id`,
    [...ownerParams(owner), id, secret],
  );
  if (rows.length === 0) throw new NotFoundError(`No subscription ${id}`);
}

/** A delivery given up after the configured attempts, with why. */
export interface DeadLetter {
  event: DcsaEvent;
  attempts: number;
  lastError: string | null;
  deadAt: string;
}

/** The subscription's dead letters, oldest first (an extension of the spec: `GET .../dead-letters`). */
export async function listDeadLetters(
  sql: Sql,
  owner: Owner,
  id: string,
  position: Position,
  limit: number,
): Promise<Page<DeadLetter>> {
  await getSubscription(sql, owner, id);
  const values: unknown[] = [id];
  const keyset = keysetSql(position, "o.dead_at", "o.notification_id", "bigint", false, (v) => {
    values.push(v);
    return `$${values.length}`;
  });
  values.push(limit + 1);
  const rows = await sql.query<{
    payload: string;
    attempts: number;
    last_error: string | null;
    dead_at: Date;
    dead_key: string;
    notification_id: string;
  }>(
    `select n.payload, o.attempts, o.last_error, o.dead_at, o.dead_at::text as dead_key, o.notification_id::text
     from dcsa_outbox o join dcsa_notifications n on n.id = o.notification_id
     where o.subscription_id = $1::uuid and o.state = 'DEAD' and ${keyset.where}
     order by ${keyset.order} limit $${values.length}`,
    values,
  );
  const page = pageOf(rows, position, limit, (r) => [r.dead_key, r.notification_id]);
  return {
    ...page,
    items: page.items.map((r) => ({
      event: JSON.parse(r.payload) as DcsaEvent,
      attempts: r.attempts,
      lastError: r.last_error,
      deadAt: new Date(r.dead_at).toISOString(),
    })),
  };
}

/** Puts the dead letters back in the queue (after the subscriber fixed its endpoint); returns how many. */
export async function redeliverDeadLetters(sql: Sql, owner: Owner, id: string): Promise<number> {
  await getSubscription(sql, owner, id);
  const rows = await sql.query(
    `update dcsa_outbox set state = 'PENDING', attempts = 0, dead_at = null
     where subscription_id = $1::uuid and state = 'DEAD' returning 1`,
    [id],
  );
  await sql.query(`update dcsa_subscriptions set next_attempt_at = now(), attempts = 0 where id = $1::uuid`, [
    id,
  ]);
  return rows.length;
}
