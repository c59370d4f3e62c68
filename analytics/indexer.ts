import type { AntchainAdapter } from "../adapters/antchain/index.ts";
import type { EvmAdapter } from "../adapters/evm/index.ts";
import type { FabricAdapter } from "../adapters/fabric/index.ts";
import type { CarrierShipment, PortShipmentRecord } from "../domain/model.ts";
import type { NetworkChange } from "../domain/networkAdapter.ts";
import { changedShipments, changedTitles, titleId } from "../domain/networkChange.ts";
import {
  CONTAINER_MOVES,
  EVENTS,
  HISTORY_COLUMNS,
  RELEASES,
  SHIPMENTS,
  TITLE_TRANSFERS,
  columnList,
  valuesOf,
  type ContainerMoveRow,
  type Table,
} from "./tables.ts";
import { NO_TITLE, rowsOf, titleFacts, type DcsaEventRow, type TitleOfShipment } from "./rows.ts";
import type { Sql } from "./sql.ts";
import type { PartyDirectory } from "../access/partyDirectory.ts";
import { shipmentAccessOf } from "../access/shipmentAccess.ts";
import { keepIdentities } from "../dcsa/eventIdentity.ts";
import { DCSA_JOURNAL_CHANNEL } from "../dcsa/journal.ts";

/** The tables a build fills, whose planner statistics go stale as it does. */
const READ_MODEL_TABLES = [
  "shipments",
  "shipment_history",
  "container_moves",
  "events",
  "releases",
  "title_transfers",
  "checkpoint_history",
];

/** A Postgres array literal of plain identifiers (party ids, UN/LOCODEs: no quotes or commas in them). */
const pgArray = (values: readonly string[]) =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, "")}"`).join(",")}}`;

/** `($1,$2),($3,$4)…` for `count` rows of `width` values. */
const placeholders = (width: number, count: number) =>
  Array.from(
    { length: count },
    (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(",")})`,
  ).join(",");
/** What an upsert of a shipment's row may change: every column but the key. */
const UPDATED = Object.values<string>(SHIPMENTS.columns).filter((c) => c !== SHIPMENTS.columns.reference);
const prefixed = (alias: string) =>
  HISTORY_COLUMNS.split(", ")
    .map((c) => `${alias}.${c}`)
    .join(", ");

/**
 * Keeps the read model in step with the networks: a full build lists every B/L on the carrier network
 * and reads carrier and port records in batches (one Evaluate and one contract query per batch); then it
 * follows both adapters' change streams and re-indexes the B/Ls they name. Rows are replaced by key, so
 * a change seen twice, or a build run again, leaves the same rows.
 */
export class ReadModelIndexer {
  private readonly pending = new Set<string>();
  /** Per network, the highest block among the pending changes. */
  private readonly pendingHeights = new Map<string, bigint>();
  private timer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Changes seen so far: tells a caught-up reading apart from one a change overtook. */
  private changes = 0;
  /** Title-key lookups in flight, in order. */
  private lookups: Promise<void> = Promise.resolve();
  private readonly unsubscribe: (() => void)[] = [];
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly fabric: FabricAdapter,
    private readonly antchain: AntchainAdapter,
    /** The eBL title network; without it, title columns stay empty. */
    private readonly evm: EvmAdapter | null = null,
    /** Names the parties of each shipment for the access directory; without it, only the operator sees details. */
    private readonly parties: PartyDirectory | null = null,
    private readonly batchSize = 500,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async rebuild(): Promise<number> {
    // Heights read before the build: every record the build reads is at least this recent.
    const heights = await this.statuses();
    let after = "";
    let count = 0;
    let analyzeAt = 1000;
    for (;;) {
      const refs = await this.fabric.listReferences(after, this.batchSize);
      if (refs.length === 0) break;
      await this.index(refs);
      count += refs.length;
      after = refs.at(-1)!;
      // Each batch's deletes and history lookups are planned from the tables' statistics; planned from an
      // empty table's, they scan, and the build grows quadratically. Fresh statistics each time the index
      // doubles keep the plans right for a total cost of about one more analyze.
      if (count >= analyzeAt) {
        await this.sql.exec(`analyze ${READ_MODEL_TABLES.join(", ")}`);
        analyzeAt *= 2;
      }
    }
    // Fresh statistics after a bulk load, or the planner keeps estimating an empty table (nested loops).
    await this.sql.exec(`analyze ${READ_MODEL_TABLES.join(", ")}`);
    for (const h of heights) {
      // The lower of the network's head and the follower's position: the build reflects at least that.
      const known = [h?.height, h?.indexedHeight].filter((x): x is string => x != null).map(BigInt);
      if (h && h.health !== "DOWN" && known.length > 0)
        await this.checkpoint({
          network: h.name,
          blockNumber: known.reduce((a, b) => (a < b ? a : b)).toString(),
        });
    }
    return count;
  }

  async index(references: readonly string[]): Promise<void> {
    if (references.length === 0) return;
    const [carrier, port] = await Promise.all([
      this.fabric.shipmentsByReference(references),
      this.antchain.billsByReference(references),
    ]);
    const now = this.now();
    const titles = await this.titlesOf(carrier);
    const rows = carrier.flatMap((c, i) => (c ? [rowsOf(c, port[i] ?? null, now, titles[i]!)] : []));
    if (rows.length === 0) return;
    if (this.parties) await this.writeAccess(carrier, port, titles, this.parties);
    const indexed = rows.map((r) => r.shipment.reference);
    // A row is rewritten only when something in it changed, so indexed_at says when the index last learned
    // something new about the shipment.
    await this.sql.query(
      `insert into shipments (${columnList(SHIPMENTS)}) values ${placeholders(Object.keys(SHIPMENTS.columns).length, rows.length)}
       on conflict (reference) do update set ${UPDATED.map((c) => `${c} = excluded.${c}`).join(", ")}, indexed_at = now()
       where (${UPDATED.map((c) => `shipments.${c}`).join(", ")}) is distinct from (${UPDATED.map((c) => `excluded.${c}`).join(", ")})`,
      rows.flatMap((r) => valuesOf(SHIPMENTS, r.shipment)),
    );
    // A new version wherever the current row differs from the latest version. Comparing with the history
    // (not with what the upsert changed) makes this step safe to repeat after a crash between the two.
    await this.sql.query(
      `insert into shipment_history (reference, valid_from, ${HISTORY_COLUMNS})
       select s.reference, $2::timestamptz, ${prefixed("s")} from shipments s
       left join lateral (select * from shipment_history h where h.reference = s.reference order by h.valid_from desc limit 1) h on true
       where s.reference = any($1::text[]) and (h.reference is null or (${prefixed("h")}) is distinct from (${prefixed("s")}))
       on conflict do nothing`,
      [indexed, new Date().toISOString()],
    );
    // Container moves are facts: each keeps the time the index first saw it, so `asOf` knows what was known.
    const seen = new Map(
      (
        await this.sql.query<{ key: string; indexed_at: Date | string }>(
          `select concat_ws('|', reference, container, code, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS'), network) as key, indexed_at
           from container_moves where reference = any($1::text[])`,
          [indexed],
        )
      ).map((r) => [r.key, new Date(r.indexed_at).toISOString()]),
    );
    await this.sql.query(`delete from container_moves where reference = any($1::text[])`, [indexed]);
    const firstSeen = new Date().toISOString();
    const moves = rows
      .flatMap((r) => r.moves)
      .map((m): ContainerMoveRow => {
        const key = [m.reference, m.container, m.code, m.at.slice(0, 23), m.network].join("|");
        return { ...m, indexedAt: seen.get(key) ?? firstSeen };
      });
    for (let i = 0; i < moves.length; i += 500) {
      const chunk = moves.slice(i, i + 500);
      await this.sql.query(
        `insert into ${CONTAINER_MOVES.name} (${columnList(CONTAINER_MOVES)}) values ${placeholders(Object.keys(CONTAINER_MOVES.columns).length, chunk.length)} on conflict do nothing`,
        chunk.flatMap((m) => valuesOf(CONTAINER_MOVES, m)),
      );
    }
    await this.replaceFacts(
      EVENTS,
      indexed,
      rows.flatMap((r) => r.events),
    );
    await this.replaceFacts(
      RELEASES,
      indexed,
      rows.flatMap((r) => r.releases),
    );
    await this.replaceFacts(
      TITLE_TRANSFERS,
      indexed,
      rows.flatMap((r) => r.transfers),
    );
    await this.writeDcsaEvents(
      indexed,
      rows.flatMap((r) => r.dcsaEvents),
    );
  }

  /**
   * Replaces the shipments' DCSA events in one statement that also journals the new and changed ones for
   * the DCSA delivery worker. One statement is one transaction, so an event is never written without its
   * journal entry, and a replay that changes nothing journals nothing. An event keeps its eventID while
   * its lineage lasts (`keepIdentities`), and `created_at` says when its content was last new
   * (`eventCreatedDateTime`). Nothing is journaled while no subscription exists, so a read model without
   * the DCSA service grows no journal.
   */
  private async writeDcsaEvents(references: unknown[], derived: DcsaEventRow[]): Promise<void> {
    const indexed = await this.sql.query<{
      reference: string;
      event_id: string;
      event_type: string;
      classifier: string;
      code: string;
      at: Date | string;
      reports: string[];
    }>(
      `select reference, event_id, event_type, classifier, code, at, reports from dcsa_events where reference = any($1::text[])`,
      [references],
    );
    const rows = keepIdentities(
      derived,
      indexed.map((r) => ({
        reference: r.reference,
        eventId: r.event_id,
        eventType: r.event_type,
        classifier: r.classifier,
        code: r.code,
        at: new Date(r.at),
        reports: r.reports,
      })),
    );
    const column = <T>(pick: (r: DcsaEventRow) => T) => rows.map(pick);
    const content = [
      "event_type",
      "classifier",
      "code",
      "at",
      "location",
      "location_name",
      "equipment",
      "vessel_imo",
      "vessel_name",
      "voyage",
      "booking_reference",
      "carrier",
      "transport_call_id",
      "port_reported",
      "sources",
      "reports",
    ];
    // What subscribers are told about again when it changes: the fact itself, and who reported it (a port
    // authority sees an event once the port network reports it). A block number filled in later is not news.
    const significant = (table: string) =>
      [
        "event_type",
        "classifier",
        "code",
        "at",
        "location",
        "equipment",
        "transport_call_id",
        "vessel_imo",
        "voyage",
        "booking_reference",
        "port_reported",
      ]
        .map((c) => `${table}.${c}`)
        .concat(`jsonb_array_length(${table}.sources)`)
        .join(", ");
    const [result] = await this.sql.query<{ journaled: number | string }>(
      `with incoming as (
         select t.*, coalesce(array(select jsonb_array_elements_text(t.report_ids)), '{}'::text[]) as reports
         from unnest($2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[],
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                     $16::text[], $17::boolean[], $18::jsonb[], $19::jsonb[])
           as t(reference, event_id, event_type, classifier, code, at, location, location_name, equipment, vessel_imo,
                vessel_name, voyage, booking_reference, carrier, transport_call_id, port_reported, sources, report_ids)
       ),
       previous as (
         select p.reference, p.event_id, row(${significant("p")}) as facts from dcsa_events p where p.reference = any($1::text[])
       ),
       removed as (
         delete from dcsa_events d where d.reference = any($1::text[])
           and not exists (select 1 from incoming i where i.reference = d.reference and i.event_id = d.event_id)
       ),
       upserted as (
         insert into dcsa_events (reference, event_id, ${content.join(", ")})
         select reference, event_id, ${content.join(", ")} from incoming
         on conflict (reference, event_id) do update set ${content.map((c) => `${c} = excluded.${c}`).join(", ")},
           created_at = case when row(${significant("dcsa_events")}) is distinct from row(${significant("excluded")})
             then now() else dcsa_events.created_at end
         where (${content.map((c) => `dcsa_events.${c}`).join(", ")})
           is distinct from (${content.map((c) => `excluded.${c}`).join(", ")})
         returning reference, event_id, at, row(${significant("dcsa_events")}) as facts
       ),
       journaled as (
         insert into dcsa_journal (reference, event_id)
         select u.reference, u.event_id from upserted u
         where exists (select 1 from dcsa_subscriptions)
           and not exists (select 1 from previous p
                           where p.reference = u.reference and p.event_id = u.event_id and p.facts is not distinct from u.facts)
         order by u.reference, u.at, u.event_id
         returning 1
       )
       select count(*) as journaled from journaled`,
      [
        references,
        column((r) => r.reference),
        column((r) => r.eventId),
        column((r) => r.eventType),
        column((r) => r.classifier),
        column((r) => r.code),
        column((r) => r.at.toISOString()),
        column((r) => r.location),
        column((r) => r.locationName),
        column((r) => r.equipment),
        column((r) => r.vesselImo),
        column((r) => r.vesselName),
        column((r) => r.voyage),
        column((r) => r.bookingReference),
        column((r) => r.carrier),
        column((r) => r.transportCallId),
        column((r) => r.portReported),
        column((r) => JSON.stringify(r.sources)),
        // Arrays of arrays do not unnest into rows: each row's report IDs travel as a JSON array.
        column((r) => JSON.stringify(r.reports)),
      ],
    );
    // Wakes the delivery workers (they also poll, so a lost notification only delays).
    if (Number(result?.journaled ?? 0) > 0)
      await this.sql.exec(`notify ${DCSA_JOURNAL_CHANNEL}`).catch(() => undefined);
  }

  /** The access directory's rows for these shipments, replaced by key (a replay writes the same rows). */
  private async writeAccess(
    carrier: (CarrierShipment | null)[],
    port: (PortShipmentRecord | null)[],
    titles: TitleOfShipment[],
    parties: PartyDirectory,
  ) {
    const access = carrier.flatMap((c, i) =>
      c ? [shipmentAccessOf(c, port[i] ?? null, titles[i]!, parties)] : [],
    );
    for (let i = 0; i < access.length; i += 1000) {
      const chunk = access.slice(i, i + 1000);
      await this.sql.query(
        `insert into shipment_access (reference, carrier, parties, title_parties, ports)
         select t.reference, t.carrier, t.parties::text[], t.title_parties::text[], t.ports::text[]
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
           as t(reference, carrier, parties, title_parties, ports)
         on conflict (reference) do update set carrier = excluded.carrier, parties = excluded.parties,
           title_parties = excluded.title_parties, ports = excluded.ports`,
        [
          chunk.map((a) => a.reference),
          chunk.map((a) => a.carrier),
          // Arrays of arrays do not unnest into text[] rows: each row's list travels as a Postgres array literal.
          chunk.map((a) => pgArray(a.parties)),
          chunk.map((a) => pgArray(a.titleParties)),
          chunk.map((a) => pgArray(a.ports)),
        ],
      );
    }
  }

  /** Replaces the facts of the given shipments in `table` (a replay writes the same rows again). */
  private async replaceFacts<Row>(table: Table<Row>, references: string[], rows: Row[]) {
    await this.sql.query(`delete from ${table.name} where reference = any($1::text[])`, [references]);
    const width = Object.keys(table.columns).length;
    // PostgreSQL takes at most 65,535 parameters per statement, PGlite fails from 32,768.
    const perStatement = Math.floor(30_000 / width);
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      await this.sql.query(
        `insert into ${table.name} (${columnList(table)}) values ${placeholders(width, chunk.length)} on conflict do nothing`,
        chunk.flatMap((row) => valuesOf(table, row)),
      );
    }
  }

  /** Title facts per shipment, for the eBLs the carrier records on a token registry: one batched read. */
  private async titlesOf(carrier: (CarrierShipment | null)[]): Promise<TitleOfShipment[]> {
    const empty = NO_TITLE;
    if (!this.evm) return carrier.map(() => empty);
    const keys = carrier.map((c) =>
      c?.ebl?.kind === "TOKEN_REGISTRY"
        ? { registry: c.ebl.address as `0x${string}`, documentHash: c.ebl.documentHash as `0x${string}` }
        : null,
    );
    const wanted = keys.filter((k): k is NonNullable<typeof k> => k !== null);
    if (wanted.length === 0) return carrier.map(() => empty);
    const { titles } = await this.evm.readTitles(wanted);
    let next = 0;
    return keys.map((k) => {
      if (!k) return empty;
      const chain = this.evm!.endorsementChain(k);
      const title = titles[next++] ?? null;
      return { facts: titleFacts(title, chain), chain, title };
    });
  }

  /**
   * Follows every network's changes; the B/Ls named within `debounceMs` are re-indexed together, in
   * batches, and only then is each network's height checkpointed, so a recorded height is one the
   * index fully reflects. While idle, it also records the heights the adapters' followers have
   * processed (a network with no change for the index still advances).
   */
  follow(debounceMs = 200, heartbeatMs = 2000): void {
    const onChange = (change: Pick<NetworkChange, "network" | "blockNumber">, references: string[]) => {
      this.changes++;
      for (const reference of references) this.pending.add(reference);
      const height = BigInt(change.blockNumber);
      if ((this.pendingHeights.get(change.network) ?? -1n) < height)
        this.pendingHeights.set(change.network, height);
      this.timer ??= setTimeout(() => this.flush(debounceMs), debounceMs);
    };
    const onNetworkChange = (change: NetworkChange) => onChange(change, changedShipments(change));
    this.unsubscribe.push(this.fabric.onChange(onNetworkChange), this.antchain.onChange(onNetworkChange));
    // A title event names the token; the shipments whose eBL it is are found by their title key.
    if (this.evm)
      this.unsubscribe.push(
        this.evm.onChange((change) => {
          this.changes++;
          const keys = changedTitles(change).map(titleId);
          this.lookups = this.lookups
            .then(() =>
              this.sql.query<{ reference: string }>(
                `select reference from shipments where title_key = any($1::text[])`,
                [keys],
              ),
            )
            .then((found) =>
              onChange(
                change,
                found.map((r) => r.reference),
              ),
            )
            .catch(() => onChange(change, []));
        }),
      );
    this.heartbeat = setInterval(() => void this.recordCaughtUp(), heartbeatMs);
    this.heartbeat.unref();
  }

  private flush(retryMs: number): void {
    this.timer = null;
    const refs = [...this.pending];
    const heights = new Map(this.pendingHeights);
    this.pending.clear();
    this.pendingHeights.clear();
    this.running = this.running
      .then(async () => {
        for (let i = 0; i < refs.length; i += this.batchSize)
          await this.index(refs.slice(i, i + this.batchSize));
        for (const [network, height] of heights)
          await this.checkpoint({ network, blockNumber: height.toString() });
      })
      .catch(() => {
        // Retried, not dropped: the same B/Ls and heights go round again.
        refs.forEach((r) => this.pending.add(r));
        for (const [network, height] of heights)
          if ((this.pendingHeights.get(network) ?? -1n) < height) this.pendingHeights.set(network, height);
        if (!this.stopped) this.timer ??= setTimeout(() => this.flush(retryMs), Math.max(retryMs, 1000));
      });
  }

  private idle(): boolean {
    return this.timer === null && this.pending.size === 0 && this.pendingHeights.size === 0;
  }

  /** When nothing is pending, every change up to the followers' processed heights is indexed. */
  private async recordCaughtUp(): Promise<void> {
    if (!this.idle()) return;
    const seen = this.changes;
    await this.running;
    await this.lookups;
    const statuses = await this.statuses();
    if (this.changes !== seen || !this.idle()) return;
    for (const s of statuses)
      if (s?.indexedHeight) await this.checkpoint({ network: s.name, blockNumber: s.indexedHeight });
  }

  /** Every indexed network's status (null for one that cannot say). */
  private statuses() {
    return Promise.all([this.fabric, this.antchain, this.evm].map((a) => a?.status().catch(() => null)));
  }

  /** Waits for re-indexing in flight. */
  async settle(): Promise<void> {
    await this.lookups;
    while (!this.idle()) await new Promise((r) => setTimeout(r, 50));
    await this.running;
  }

  stop(): void {
    this.stopped = true;
    for (const off of this.unsubscribe) off();
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  /** Records the height the index has reached on a network, and when (the history `asOf` reads). */
  private async checkpoint(change: Pick<NetworkChange, "network" | "blockNumber">): Promise<void> {
    try {
      // updated_at moves only with the height: it says when the index reached it (the lag's clock).
      await this.sql.query(
        `insert into checkpoints (network, height) values ($1, $2) on conflict (network) do update
         set height = greatest(checkpoints.height::numeric, excluded.height::numeric)::text,
             updated_at = case when excluded.height::numeric > checkpoints.height::numeric then now() else checkpoints.updated_at end`,
        [change.network, change.blockNumber],
      );
      await this.sql.query(
        `insert into checkpoint_history (network, height, at) select $1, $2::numeric, $3::timestamptz
         where not exists (select 1 from checkpoint_history where network = $1 and height >= $2::numeric)`,
        [change.network, change.blockNumber, new Date().toISOString()],
      );
    } catch {
      // The next change checkpoints again; a lost checkpoint only makes reported lag look larger.
    }
  }
}
