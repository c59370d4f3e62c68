/**
 * The read model's fact tables as typed rows: each table names, per field of its row, the column that
 * holds it. Rows are built by name (`rows.ts`) and written in the table's column order (`indexer.ts`),
 * so no two files have to agree on positions.
 */
export interface Table<Row> {
  name: string;
  /** Field -> column, in insert order. */
  columns: { readonly [K in keyof Row]-?: string };
}

/** `a, b, c`: the table's columns in insert order. */
export function columnList<Row>(table: Table<Row>): string {
  return Object.values<string>(table.columns).join(", ");
}

/** One row's values in the table's column order. */
export function valuesOf<Row>(table: Table<Row>, row: Row): unknown[] {
  return (Object.keys(table.columns) as (keyof Row)[]).map((field) => row[field]);
}

/** Where a fact came from. */
interface Provenance {
  network: string;
  block: string | null;
  tx: string | null;
}
const PROVENANCE = { network: "network", block: "block", tx: "tx" } as const;

/** A shipment's summary: what an analyst filters and aggregates on, and its versions in `shipment_history`. */
export interface ShipmentRow {
  reference: string;
  carrierScac: string;
  pol: string | null;
  pod: string | null;
  status: string | null;
  departedAt: string | null;
  arrivedAt: string | null;
  releasedAt: string | null;
  carrierBlock: string | null;
  carrierTx: string | null;
  plannedArrival: string | null;
  titleStatus: string | null;
  titleTransfers: number | null;
  titleIssuedAt: string | null;
  titleSurrenderedAt: string | null;
  /** The eBL's title id (`titleId`), to find the shipment from a title change; null without an eBL. */
  titleKey: string | null;
}

/** The columns a shipment's version keeps (all but the key and the title lookup). */
const VERSIONED = {
  carrierScac: "carrier_scac",
  pol: "pol",
  pod: "pod",
  status: "status",
  departedAt: "departed_at",
  arrivedAt: "arrived_at",
  releasedAt: "released_at",
  carrierBlock: "carrier_block",
  carrierTx: "carrier_tx",
  plannedArrival: "planned_arrival",
  titleStatus: "title_status",
  titleTransfers: "title_transfers",
  titleIssuedAt: "title_issued_at",
  titleSurrenderedAt: "title_surrendered_at",
} as const;

export const SHIPMENTS: Table<ShipmentRow> = {
  name: "shipments",
  columns: { reference: "reference", ...VERSIONED, titleKey: "title_key" },
};

/** The columns `shipment_history` versions, as SQL. */
export const HISTORY_COLUMNS = Object.values(VERSIONED).join(", ");

/** A container's move (an actual equipment event) with the time the index first saw it. */
export interface ContainerMoveRow extends Provenance {
  reference: string;
  container: string;
  code: string;
  location: string | null;
  at: string;
  indexedAt: string;
}
export const CONTAINER_MOVES: Table<ContainerMoveRow> = {
  name: "container_moves",
  columns: {
    reference: "reference",
    container: "container",
    code: "code",
    location: "location",
    at: "at",
    ...PROVENANCE,
    indexedAt: "indexed_at",
  },
};

export interface EventRow extends Provenance {
  reference: string;
  eventId: string;
  eventType: string;
  classifier: string;
  code: string;
  mapped: boolean;
  location: string | null;
  equipment: string | null;
  at: string;
}
export const EVENTS: Table<EventRow> = {
  name: "events",
  columns: {
    reference: "reference",
    eventId: "event_id",
    eventType: "event_type",
    classifier: "classifier",
    code: "code",
    mapped: "mapped",
    location: "location",
    equipment: "equipment",
    at: "at",
    ...PROVENANCE,
  },
};

export interface ReleaseRow extends Provenance {
  reference: string;
  seq: number;
  status: string;
  releasedTo: string | null;
  releasedAt: string | null;
}
export const RELEASES: Table<ReleaseRow> = {
  name: "releases",
  columns: {
    reference: "reference",
    seq: "seq",
    status: "status",
    releasedTo: "released_to",
    releasedAt: "released_at",
    ...PROVENANCE,
  },
};

export interface TitleTransferRow extends Provenance {
  reference: string;
  seq: number;
  action: string;
  fromParty: string | null;
  toParty: string | null;
  at: string;
}
export const TITLE_TRANSFERS: Table<TitleTransferRow> = {
  name: "title_transfers",
  columns: {
    reference: "reference",
    seq: "seq",
    action: "action",
    fromParty: "from_party",
    toParty: "to_party",
    at: "at",
    ...PROVENANCE,
  },
};
