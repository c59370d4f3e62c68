import type { Sql } from "./sql.ts";
import { HISTORY_COLUMNS } from "./tables.ts";

/**
 * The read model's schema. Every fact keeps its provenance (network, block, transaction); rows are
 * upserted by key, so indexing the same change twice leaves the same rows.
 */

const MIGRATIONS = [
  `create table if not exists shipments (
     reference text primary key,
     carrier_scac text not null,
     pol text,
     pod text,
     status text,
     departed_at timestamptz,
     arrived_at timestamptz,
     released_at timestamptz,
     carrier_block text,
     carrier_tx text,
     indexed_at timestamptz not null default now()
   )`,
  `create index if not exists shipments_carrier on shipments (carrier_scac, reference)`,
  `create index if not exists shipments_pod on shipments (pod, reference)`,
  `create table if not exists container_moves (
     reference text not null,
     container text not null,
     code text not null,
     location text,
     at timestamptz not null,
     network text not null,
     block text,
     tx text,
     primary key (reference, container, code, at, network)
   )`,
  `create index if not exists container_moves_location on container_moves (location, code, at)`,
  `alter table shipments add column if not exists planned_arrival timestamptz`,
  `alter table shipments add column if not exists title_status text`,
  `alter table shipments add column if not exists title_transfers integer`,
  `alter table shipments add column if not exists title_issued_at timestamptz`,
  `alter table shipments add column if not exists title_surrendered_at timestamptz`,
  `create table if not exists checkpoints (network text primary key, height text not null, updated_at timestamptz not null default now())`,
  // History for asOf: a version of a shipment's row each time the index saw it change (system time), the
  // first time each container move was seen, and every height the index reached per network.
  `alter table shipments add column if not exists title_key text`,
  `create index if not exists shipments_title_key on shipments (title_key)`,
  `create table if not exists shipment_history (
     reference text not null,
     valid_from timestamptz not null,
     carrier_scac text not null,
     pol text,
     pod text,
     status text,
     departed_at timestamptz,
     arrived_at timestamptz,
     released_at timestamptz,
     carrier_block text,
     carrier_tx text,
     planned_arrival timestamptz,
     title_status text,
     title_transfers integer,
     title_issued_at timestamptz,
     title_surrendered_at timestamptz,
     primary key (reference, valid_from)
   )`,
  `insert into shipment_history (reference, valid_from, ${HISTORY_COLUMNS})
     select reference, indexed_at, ${HISTORY_COLUMNS} from shipments s
     where not exists (select 1 from shipment_history h where h.reference = s.reference)`,
  `alter table container_moves add column if not exists indexed_at timestamptz not null default now()`,
  `create table if not exists checkpoint_history (
     network text not null,
     height numeric not null,
     at timestamptz not null,
     primary key (network, height)
   )`,
  `create index if not exists checkpoint_history_at on checkpoint_history (network, at)`,
  // Every fact with its provenance: all DCSA events from every network, release orders, title transfers.
  `create table if not exists events (
     reference text not null,
     event_id text not null,
     event_type text not null,
     classifier text not null,
     code text not null,
     mapped boolean not null,
     location text,
     equipment text,
     at timestamptz not null,
     network text not null,
     block text,
     tx text,
     primary key (reference, event_id)
   )`,
  `create index if not exists events_code_location on events (code, location, at)`,
  `create table if not exists releases (
     reference text not null,
     seq integer not null,
     status text not null,
     released_to text,
     released_at timestamptz,
     network text not null,
     block text,
     tx text,
     primary key (reference, seq)
   )`,
  `create table if not exists title_transfers (
     reference text not null,
     seq integer not null,
     action text not null,
     from_party text,
     to_party text,
     at timestamptz not null,
     network text not null,
     block text,
     tx text,
     primary key (reference, seq)
   )`,
  `create index if not exists title_transfers_to on title_transfers (to_party, at)`,
  // Who each shipment belongs to, by party id: every subgraph's access decisions read this (one query
  // per request), and lists filter on it. GIN indexes answer "the shipments party X may see".
  `create table if not exists shipment_access (
     reference text primary key,
     carrier text not null,
     parties text[] not null,
     title_parties text[] not null,
     ports text[] not null
   )`,
  `create index if not exists shipment_access_parties on shipment_access using gin (parties)`,
  `create index if not exists shipment_access_title_parties on shipment_access using gin (title_parties)`,
  `create index if not exists shipment_access_ports on shipment_access using gin (ports)`,
  // The DCSA Track & Trace projection (dcsa/): one row per canonical event, the networks' reports of the
  // same physical event merged as the graph's timeline merges them, with its DCSA eventID (name-based, so
  // stable) and the instant the index first saw it (`eventCreatedDateTime`). Only DCSA-coded events.
  `create table if not exists dcsa_events (
     reference text not null,
     event_id uuid not null,
     event_type text not null,
     classifier text not null,
     code text not null,
     at timestamptz not null,
     location text,
     location_name text,
     equipment text,
     vessel_imo text,
     vessel_name text,
     voyage text,
     booking_reference text not null,
     carrier text not null,
     transport_call_id text,
     port_reported boolean not null,
     sources jsonb not null,
     created_at timestamptz not null default now(),
     primary key (reference, event_id)
   )`,
  `create index if not exists dcsa_events_created on dcsa_events (created_at, event_id)`,
  `create index if not exists dcsa_events_at on dcsa_events (at, event_id)`,
  `create index if not exists dcsa_events_id on dcsa_events (event_id)`,
  `create index if not exists dcsa_events_booking on dcsa_events (booking_reference)`,
  `create index if not exists dcsa_events_equipment on dcsa_events (equipment)`,
  // Event subscriptions: the owner (the party whose credentials created it, or the operator), the
  // callback and its shared secret (base64, never returned), the spec's filters as typed columns (one SQL
  // predicate serves GET /v2/events and the fan-out), and the delivery state the worker leases.
  `create table if not exists dcsa_subscriptions (
     id uuid primary key,
     owner_party text,
     owner_operator boolean not null,
     created_by text not null,
     callback_url text not null,
     secret text not null,
     event_types text[],
     shipment_codes text[],
     document_type_codes text[],
     carrier_booking_reference text,
     transport_document_reference text,
     transport_codes text[],
     transport_call_id text,
     vessel_imo text,
     export_voyage text,
     carrier_service_code text,
     un_location_code text,
     equipment_codes text[],
     equipment_reference text,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     next_attempt_at timestamptz not null default now(),
     attempts integer not null default 0,
     lease_owner text,
     lease_until timestamptz,
     last_error text,
     last_delivered_at timestamptz
   )`,
  `create index if not exists dcsa_subscriptions_owner on dcsa_subscriptions (owner_party, id)`,
  // New canonical events, written by the indexer in the statement that writes them (only while a
  // subscription exists), consumed by the delivery worker's fan-out: the outbox's inbox.
  `create table if not exists dcsa_journal (
     id bigserial primary key,
     reference text not null,
     event_id uuid not null,
     journaled_at timestamptz not null default now()
   )`,
  // Each version of an event to notify, its body part frozen (its exact JSON), so every retry sends the same
  // bytes. An event whose content changed is notified again as a new version, after what came before it.
  `create table if not exists dcsa_notifications (
     id bigserial primary key,
     event_id uuid not null,
     reference text not null,
     event_at timestamptz not null,
     payload text not null,
     created_at timestamptz not null default now()
   )`,
  // The outbox: one row per subscription and event to deliver; PENDING until acknowledged (then deleted),
  // DEAD after the configured attempts (the dead letters the API lists). No foreign keys: checking two per
  // row was half the fan-out's time at a thousand subscriptions; deleting a subscription deletes its rows,
  // and the worker's garbage collection removes any a concurrent fan-out left behind.
  `create table if not exists dcsa_outbox (
     subscription_id uuid not null,
     notification_id bigint not null,
     state text not null default 'PENDING',
     attempts integer not null default 0,
     last_error text,
     dead_at timestamptz,
     enqueued_at timestamptz not null default now(),
     primary key (subscription_id, notification_id)
   )`,
  `create index if not exists dcsa_outbox_pending on dcsa_outbox (subscription_id, notification_id) where state = 'PENDING'`,
  `create index if not exists dcsa_outbox_notification on dcsa_outbox (notification_id)`,
  `create index if not exists dcsa_notifications_event on dcsa_notifications (event_id, id)`,
  `alter table dcsa_outbox drop constraint if exists dcsa_outbox_subscription_id_fkey`,
  `alter table dcsa_outbox drop constraint if exists dcsa_outbox_notification_id_fkey`,
  // The networks' IDs of the reports merged into each event: an event keeps its eventID while any of them
  // stays in it (a second network's report of the same discharge must not make it a new event).
  `alter table dcsa_events add column if not exists reports text[] not null default '{}'`,
];

export async function migrate(sql: Sql): Promise<void> {
  for (const statement of MIGRATIONS) await sql.exec(statement);
}
