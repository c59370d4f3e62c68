import type { Sql } from "./sql.ts";

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
];

export async function migrate(sql: Sql): Promise<void> {
  for (const statement of MIGRATIONS) await sql.exec(statement);
}
