import type { AntchainAdapter } from "../adapters/antchain/index.ts";
import type { EvmAdapter } from "../adapters/evm/index.ts";
import type { FabricAdapter } from "../adapters/fabric/index.ts";
import type {
  CarrierShipment,
  PortShipmentRecord,
  Title,
  TitleTransfer,
  TrackingEvent,
} from "../core/model.ts";
import type { NetworkChange } from "../core/networkAdapter.ts";
import { deriveStatus } from "../interop/status.ts";
import type { Sql } from "./sql.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** One shipment's canonical row and container moves, from the carrier's and the port's records. */
/** The eBL title's facts for a shipment: state, transfers before surrender, issue and surrender times. */
function titleFacts(title: Title | null, chain: TitleTransfer[]) {
  const issued = chain.find((t) => t.action === "ISSUE")?.at ?? null;
  const surrendered = chain.find((t) => t.action === "RETURN_TO_ISSUER")?.at ?? null;
  const transfers = chain.filter(
    (t) =>
      ["TRANSFER_HOLDER", "TRANSFER_BENEFICIARY", "TRANSFER_OWNERS"].includes(t.action) &&
      (!surrendered || t.at <= surrendered),
  ).length;
  return [title?.status ?? null, title ? transfers : null, iso(issued), iso(surrendered)];
}

function rowsOf(carrier: CarrierShipment, port: PortShipmentRecord | null, now: Date, title: unknown[]) {
  const events = [...carrier.events, ...(port?.events ?? [])];
  const status = deriveStatus({
    events: events.map((e) => ({
      eventClassifier: e.eventClassifier,
      eventDateTime: e.eventDateTime.toISOString(),
      code: e.code,
      location: e.location,
    })),
    portOfDischarge: carrier.portOfDischarge?.unLocationCode ?? null,
    releases: [carrier.release, port?.release ?? null].map((r) =>
      r ? { status: r.status, releasedAt: iso(r.releasedAt) } : null,
    ),
    customs: (() => {
      const c = port?.customs.find((x) => x.direction === "IMPORT");
      return c
        ? { direction: c.direction, status: c.status, clearedAt: iso(c.clearedAt), heldAt: iso(c.heldAt) }
        : null;
    })(),
    now,
  });
  const first = (code: string, at: string | null | undefined) =>
    events
      .filter(
        (e) => e.code === code && e.eventClassifier === "ACT" && (!at || e.location?.unLocationCode === at),
      )
      .map((e) => e.eventDateTime)
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  // The first ETA: the carrier's plan for arrival at the port of discharge (recorded at booking).
  const planned =
    carrier.events
      .filter(
        (e) =>
          e.code === "ARRI" &&
          e.eventClassifier === "PLN" &&
          e.location?.unLocationCode === carrier.portOfDischarge?.unLocationCode,
      )
      .map((e) => e.eventDateTime)
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const released =
    [carrier.release, port?.release]
      .filter((r) => r?.status === "RELEASED" && r.releasedAt)
      .map((r) => r!.releasedAt!)
      .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const moves = events
    .filter(
      (e): e is TrackingEvent & { equipmentReference: string } =>
        e.eventType === "EQUIPMENT" &&
        e.eventClassifier === "ACT" &&
        e.equipmentReference !== null &&
        e.mapped,
    )
    .map((e) => [
      carrier.reference,
      e.equipmentReference,
      e.code,
      e.location?.unLocationCode ?? null,
      e.eventDateTime.toISOString(),
      e.source.network,
      e.source.blockNumber,
      e.source.transactionId,
    ]);
  return {
    shipment: [
      carrier.reference,
      carrier.carrier.scac,
      carrier.portOfLoading?.unLocationCode ?? null,
      carrier.portOfDischarge?.unLocationCode ?? null,
      status?.status ?? null,
      iso(first("DEPA", carrier.portOfLoading?.unLocationCode)),
      iso(first("ARRI", carrier.portOfDischarge?.unLocationCode)),
      iso(released),
      carrier.source.blockNumber,
      carrier.source.transactionId,
      iso(planned),
      ...title,
    ],
    moves,
  };
}

/**
 * Keeps the read model in step with the networks: a full build lists every B/L on the carrier network
 * and reads carrier and port records in batches (one Evaluate and one contract query per batch); then it
 * follows both adapters' change streams and re-indexes the B/Ls they name. Rows are replaced by key, so
 * a change seen twice, or a build run again, leaves the same rows.
 */
export class ReadModelIndexer {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: (() => void)[] = [];
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: Sql,
    private readonly fabric: FabricAdapter,
    private readonly antchain: AntchainAdapter,
    /** The eBL title network; without it, title columns stay empty. */
    private readonly evm: EvmAdapter | null = null,
    private readonly batchSize = 500,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async rebuild(): Promise<number> {
    let after = "";
    let count = 0;
    for (;;) {
      const refs = await this.fabric.listReferences(after, this.batchSize);
      if (refs.length === 0) break;
      await this.index(refs);
      count += refs.length;
      after = refs.at(-1)!;
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
    const placeholders = (width: number, count: number) =>
      Array.from(
        { length: count },
        (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(",")})`,
      ).join(",");
    await this.sql.query(
      `insert into shipments (reference, carrier_scac, pol, pod, status, departed_at, arrived_at, released_at, carrier_block, carrier_tx, planned_arrival, title_status, title_transfers, title_issued_at, title_surrendered_at) values ${placeholders(15, rows.length)}
       on conflict (reference) do update set carrier_scac = excluded.carrier_scac, pol = excluded.pol, pod = excluded.pod, status = excluded.status,
         departed_at = excluded.departed_at, arrived_at = excluded.arrived_at, released_at = excluded.released_at,
         carrier_block = excluded.carrier_block, carrier_tx = excluded.carrier_tx, planned_arrival = excluded.planned_arrival,
         title_status = excluded.title_status, title_transfers = excluded.title_transfers, title_issued_at = excluded.title_issued_at, title_surrendered_at = excluded.title_surrendered_at, indexed_at = now()`,
      rows.flatMap((r) => r.shipment),
    );
    await this.sql.query(`delete from container_moves where reference = any($1::text[])`, [
      rows.map((r) => r.shipment[0]),
    ]);
    const moves = rows.flatMap((r) => r.moves);
    for (let i = 0; i < moves.length; i += 500) {
      const chunk = moves.slice(i, i + 500);
      await this.sql.query(
        `insert into container_moves (reference, container, code, location, at, network, block, tx) values ${placeholders(8, chunk.length)} on conflict do nothing`,
        chunk.flat(),
      );
    }
  }

  /** Title facts per shipment, for the eBLs the carrier records on a token registry: one batched read. */
  private async titlesOf(carrier: (CarrierShipment | null)[]): Promise<unknown[][]> {
    const empty = [null, null, null, null];
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
    return keys.map((k) => (k ? titleFacts(titles[next++] ?? null, this.evm!.endorsementChain(k)) : empty));
  }

  /** Follows both networks' changes; each batch of named B/Ls is re-indexed once. */
  follow(debounceMs = 200): void {
    const onChange = (change: NetworkChange) => {
      for (const key of change.keys)
        if (key.startsWith("shipment:")) this.pending.add(key.slice("shipment:".length));
      void this.checkpoint(change);
      this.timer ??= setTimeout(() => {
        this.timer = null;
        const refs = [...this.pending];
        this.pending.clear();
        this.running = this.running
          .then(() => this.index(refs))
          .catch(() => refs.forEach((r) => this.pending.add(r)));
      }, debounceMs);
    };
    this.unsubscribe.push(this.fabric.onChange(onChange), this.antchain.onChange(onChange));
  }

  /** Waits for re-indexing in flight. */
  async settle(): Promise<void> {
    while (this.timer || this.pending.size > 0) await new Promise((r) => setTimeout(r, 50));
    await this.running;
  }

  stop(): void {
    for (const off of this.unsubscribe) off();
    if (this.timer) clearTimeout(this.timer);
  }

  private async checkpoint(change: NetworkChange): Promise<void> {
    await this.sql
      .query(
        `insert into checkpoints (network, height) values ($1, $2) on conflict (network) do update set height = greatest(checkpoints.height::numeric, excluded.height::numeric)::text, updated_at = now()`,
        [change.network, change.blockNumber],
      )
      .catch(() => undefined);
  }
}
