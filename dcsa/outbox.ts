import type { Sql } from "../analytics/sql.ts";
import type { DcsaDatabase } from "./database.ts";
import { DCSA_EVENT_COLUMNS, toDcsaEvent, type DcsaEventRecord } from "./events.ts";
import { filterSql, FILTERS } from "./filters.ts";
import { visibilitySql, type Viewer } from "./visibility.ts";

/**
 * The durable outbox in the read model's PostgreSQL. The indexer journals each new canonical event in
 * the statement that writes it; the fan-out moves journal entries into per-subscription outbox rows in
 * one transaction (an entry is consumed exactly when its deliveries exist); workers lease a subscription
 * at a time with `FOR UPDATE SKIP LOCKED`, send its oldest pending events, and delete them once the
 * subscriber acknowledged. A worker killed at any point leaves rows that another worker (or itself,
 * restarted) takes up when the lease ends: nothing is lost, and a batch is at worst sent twice.
 */

/** The owners subscriptions can have, by party id, as the visibility condition reads them. */
export interface OwnerDirectory {
  parties: string[];
  /** Per party, its authority ports joined by commas (the same order). */
  authorityPorts: string[];
}

export function ownerDirectory(viewers: Viewer[]): OwnerDirectory {
  const parties = viewers.filter((v) => v.party !== null);
  return {
    parties: parties.map((v) => v.party!),
    authorityPorts: parties.map((v) => v.authorityPorts.join(",")),
  };
}

/** Each subscription's filter as it matches event `e`: the same text `GET /v2/events` runs on parameters. */
const SUBSCRIPTION_MATCHES = filterSql((name) => `s.${FILTERS[name].column}`);
const SUBSCRIPTION_SEES = visibilitySql({
  operator: "s.owner_operator",
  party: "s.viewer",
  authorityPorts: "s.viewer_ports",
});

/**
 * Moves up to `limit` journal entries into the outbox, in one transaction: each event's notification
 * part is frozen (its exact JSON), and an outbox row is added for every subscription whose filter it
 * matches, whose owner may see it, and which existed when the event was journaled. Concurrent fan-outs
 * take disjoint entries (SKIP LOCKED). Returns how many entries it consumed (0: the journal is empty).
 */
export async function fanOut(db: DcsaDatabase, owners: OwnerDirectory, limit = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const taken = await tx.query<{ id: string; reference: string; event_id: string; journaled_at: Date }>(
      `delete from dcsa_journal where id in (
         select id from dcsa_journal order by id limit $1 for update skip locked)
       returning id, reference, event_id, journaled_at`,
      [limit],
    );
    if (taken.length === 0) return 0;
    taken.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    const events = await tx.query<DcsaEventRecord>(
      `select ${DCSA_EVENT_COLUMNS} from dcsa_events e
       join unnest($1::text[], $2::uuid[]) as j(reference, event_id) on e.reference = j.reference and e.event_id = j.event_id`,
      [taken.map((t) => t.reference), taken.map((t) => t.event_id)],
    );
    const byId = new Map(events.map((e) => [e.event_id, e]));
    const journaled = taken.filter((t) => byId.has(t.event_id));
    if (journaled.length === 0) return taken.length;
    // A version per journal entry, in journal order (per shipment, the order of event time), so outbox
    // order is that order. An event journaled again (its content changed: a second network's report, a
    // port authority now entitled to it) is a new version, sent again after what came before it.
    const notified = await tx.query<{ id: string; event_id: string }>(
      `insert into dcsa_notifications (event_id, reference, event_at, payload)
       select event_id, reference, event_at, payload
       from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[]) with ordinality as t(event_id, reference, event_at, payload, n)
       order by n
       returning id, event_id`,
      [
        journaled.map((t) => t.event_id),
        journaled.map((t) => t.reference),
        journaled.map((t) => new Date(byId.get(t.event_id)!.at).toISOString()),
        journaled.map((t) => JSON.stringify(toDcsaEvent(byId.get(t.event_id)!))),
      ],
    );
    const journaledAt = new Map(journaled.map((t) => [t.event_id, new Date(t.journaled_at).toISOString()]));
    const ids = notified.map((n) => n.id);
    // Each subscription's owner resolved once, each event read once, then every pair tested: materialized,
    // so the planner cannot re-run the owners' unnest for every pair (it did, a million times, at 1,000).
    await tx.query(
      `with s as materialized (
         select s.*, o.party as viewer, coalesce(string_to_array(nullif(o.ports, ''), ','), '{}'::text[]) as viewer_ports
         from dcsa_subscriptions s left join unnest($4::text[], $5::text[]) as o(party, ports) on o.party = s.owner_party
       ),
       e as materialized (
         select n.id as notification_id, n.journaled_at, e.*
         from unnest($1::bigint[], $2::uuid[], $3::timestamptz[]) as n(id, event_id, journaled_at)
         join dcsa_events e on e.event_id = n.event_id
       )
       insert into dcsa_outbox (subscription_id, notification_id)
       select s.id, e.notification_id
       from e left join shipment_access a on a.reference = e.reference
       join s on s.created_at <= e.journaled_at
       where ${SUBSCRIPTION_MATCHES} and ${SUBSCRIPTION_SEES}
       on conflict do nothing`,
      [
        ids,
        notified.map((n) => n.event_id),
        notified.map((n) => journaledAt.get(n.event_id)!),
        owners.parties,
        owners.authorityPorts,
      ],
    );
    // A newer version replaces an older one not yet sent to the same subscription.
    await tx.query(
      `delete from dcsa_outbox o using dcsa_notifications old, dcsa_notifications fresh, dcsa_outbox o2
       where fresh.id = any($1::bigint[]) and old.event_id = fresh.event_id and old.id < fresh.id
         and o.notification_id = old.id and o.state = 'PENDING'
         and o2.notification_id = fresh.id and o2.subscription_id = o.subscription_id`,
      [ids],
    );
    // A version no subscription wanted needs no notification.
    await tx.query(
      `delete from dcsa_notifications n where n.id = any($1::bigint[])
       and not exists (select 1 from dcsa_outbox o where o.notification_id = n.id)`,
      [ids],
    );
    return taken.length;
  });
}

/** A subscription leased to this worker, with what it needs to deliver. */
export interface Claimed {
  id: string;
  callbackUrl: string;
  secret: string;
  /** Consecutive failed attempts at its oldest pending events. */
  attempts: number;
}

/**
 * Leases up to `limit` subscriptions that have pending events and are due (not backing off, not leased
 * by a live worker), for `leaseMs`. SKIP LOCKED: workers claiming at once take different subscriptions,
 * so each subscription has at most one delivery in flight and its events go out in order.
 */
export async function claim(
  sql: Sql,
  worker: string,
  limit: number,
  leaseMs: number,
  /** Subscriptions this worker still has a delivery in flight for (its lease may have run out meanwhile). */
  inFlight: readonly string[] = [],
): Promise<Claimed[]> {
  const rows = await sql.query<{ id: string; callback_url: string; secret: string; attempts: number }>(
    `with due as (
       select s.id from dcsa_subscriptions s
       where s.next_attempt_at <= now() and (s.lease_until is null or s.lease_until < now())
         and exists (select 1 from dcsa_outbox o where o.subscription_id = s.id and o.state = 'PENDING')
         and s.id <> all($4::uuid[])
       order by s.next_attempt_at, s.id
       limit $1
       -- NO KEY: the fan-out's foreign-key checks on these rows (KEY SHARE) need not wait for a claim.
       for no key update skip locked
     )
     update dcsa_subscriptions s set lease_owner = $2, lease_until = now() + make_interval(secs => $3::double precision / 1000)
     from due where s.id = due.id
     returning s.id, s.callback_url, s.secret, s.attempts`,
    [limit, worker, leaseMs, inFlight],
  );
  return rows.map((r) => ({ id: r.id, callbackUrl: r.callback_url, secret: r.secret, attempts: r.attempts }));
}

/** Ends every lease held under this worker ID (its deliveries then go to whoever claims next). */
export async function releaseLeases(sql: Sql, worker: string): Promise<void> {
  await sql.query(
    `update dcsa_subscriptions set lease_owner = null, lease_until = null where lease_owner = $1`,
    [worker],
  );
}

/** One pending delivery of a claimed subscription. */
export interface Pending {
  subscriptionId: string;
  notificationId: string;
  reference: string;
  eventAt: Date;
  payload: string;
  /** Failed attempts at this event so far. */
  attempts: number;
}

/**
 * The oldest pending events (at most `limit` each) of the given subscriptions. Two round trips: which
 * events each subscription waits for, then each event's body once (a thousand subscriptions waiting for
 * the same events share their bodies).
 */
export async function pendingOf(sql: Sql, subscriptions: string[], limit: number): Promise<Pending[]> {
  if (subscriptions.length === 0) return [];
  const rows = await sql.query<{ subscription_id: string; notification_id: string; attempts: number }>(
    `select x.* from unnest($1::uuid[]) as s(id)
     cross join lateral (
       select o.subscription_id, o.notification_id::text, o.attempts from dcsa_outbox o
       where o.subscription_id = s.id and o.state = 'PENDING'
       order by o.notification_id limit $2) x`,
    [subscriptions, limit],
  );
  const ids = [...new Set(rows.map((r) => r.notification_id))];
  const bodies = new Map(
    (
      await sql.query<{ id: string; reference: string; event_at: Date; payload: string }>(
        `select id::text, reference, event_at, payload from dcsa_notifications where id = any($1::bigint[])`,
        [ids],
      )
    ).map((n) => [n.id, n]),
  );
  return rows.flatMap((r) => {
    const n = bodies.get(r.notification_id);
    return n
      ? [
          {
            subscriptionId: r.subscription_id,
            notificationId: r.notification_id,
            reference: n.reference,
            eventAt: new Date(n.event_at),
            payload: n.payload,
            attempts: r.attempts,
          },
        ]
      : [];
  });
}

/** A delivery's outcome, to write back. */
export type Outcome =
  | { subscriptionId: string; notificationIds: string[]; ok: true }
  | {
      subscriptionId: string;
      notificationIds: string[];
      ok: false;
      error: string;
      /** Those of the events that have had their last attempt: dead-lettered. */
      deadIds: string[];
      /** When to try the others again. */
      retryAt: Date;
    };

/**
 * Writes outcomes back in one transaction: delivered rows are deleted; each event of a failed batch
 * counts an attempt, and those at the last attempt are dead-lettered; a subscription with events still
 * to retry backs off, one whose batch all died goes on with its next events at once. Every lease this
 * worker held is released; a lease another worker took over meanwhile is left alone (its rows were
 * delivered either way).
 */
export async function settle(db: DcsaDatabase, worker: string, outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const ok = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
  await db.transaction(async (tx) => {
    if (ok.length > 0) {
      const pairs = ok.flatMap((o) => o.notificationIds.map((n) => [o.subscriptionId, n] as const));
      await tx.query(
        `delete from dcsa_outbox o using unnest($1::uuid[], $2::bigint[]) as d(sid, nid)
         where o.subscription_id = d.sid and o.notification_id = d.nid`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      await tx.query(
        `update dcsa_subscriptions set attempts = 0, next_attempt_at = now(), lease_owner = null, lease_until = null,
           last_error = null, last_delivered_at = now()
         where id = any($1::uuid[]) and lease_owner = $2`,
        [ok.map((o) => o.subscriptionId), worker],
      );
    }
    for (const f of failed) {
      await tx.query(
        `update dcsa_outbox set attempts = attempts + 1, last_error = $3,
           state = case when notification_id = any($4::bigint[]) then 'DEAD' else state end,
           dead_at = case when notification_id = any($4::bigint[]) then now() else dead_at end
         where subscription_id = $1::uuid and notification_id = any($2::bigint[]) and state = 'PENDING'`,
        [f.subscriptionId, f.notificationIds, f.error, f.deadIds],
      );
      const allDead = f.deadIds.length === f.notificationIds.length;
      await tx.query(
        `update dcsa_subscriptions set attempts = case when $3::boolean then 0 else attempts + 1 end,
           next_attempt_at = case when $3::boolean then now() else $4::timestamptz end, last_error = $5,
           lease_owner = null, lease_until = null
         where id = $1::uuid and lease_owner = $2`,
        [f.subscriptionId, worker, allDead, f.retryAt.toISOString(), f.error],
      );
    }
  });
}

/**
 * Outbox rows of subscriptions deleted while a fan-out was adding them, and notifications nobody waits
 * for any more (all delivered), kept `keepMs` for late duplicates' sake.
 */
export async function collectGarbage(sql: Sql, keepMs: number): Promise<number> {
  await sql.query(
    `delete from dcsa_outbox o where not exists (select 1 from dcsa_subscriptions s where s.id = o.subscription_id)`,
  );
  const rows = await sql.query(
    `delete from dcsa_notifications n where n.created_at < now() - make_interval(secs => $1::double precision / 1000)
     and not exists (select 1 from dcsa_outbox o where o.notification_id = n.id) returning 1`,
    [keepMs],
  );
  return rows.length;
}
