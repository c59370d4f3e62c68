import { titleId, titleRef, type TitleRef } from "../../domain/networkChange.ts";
import type { TitleCheckpoint, TitleJournalEntry } from "./titleCheckpoint.ts";

/**
 * A title change for a durable consumer: the title and the height from which reads see it. A read
 * pinned below `height` may predate the change.
 */
export interface DurableTitleChange {
  title: TitleRef;
  height: bigint;
}

/** Delivers a batch; resolves once it is applied for good (a rejection is retried with backoff). */
export type DurableTitleHandler = (changes: DurableTitleChange[]) => Promise<void>;

interface Consumer {
  handler: DurableTitleHandler;
  /** Title id -> the title and the highest height owed for it. */
  pending: Map<string, DurableTitleChange>;
  busy: boolean;
  attempt: number;
  timer: NodeJS.Timeout | null;
}

/** What delivery needs from the index that owns it. */
export interface DeliveryHost {
  /** The index's state (null before it is loaded). */
  state(): TitleCheckpoint | null;
  /** Appends to the checkpoint's journal. */
  journal(entry: TitleJournalEntry): void;
  failed(error: unknown): void;
}

/**
 * At-least-once delivery of title changes to durable consumers (the verification cache's evictions).
 * Each consumer gets its backlog as one batch; a batch that fails is handed again after a fully
 * jittered exponential backoff (at most 5 s apart) until it is taken. The checkpoint records how far
 * every consumer has acknowledged (`deliveredThrough`) and what only a rollback knew (`owed`), so after
 * a restart every change not acknowledged is delivered again. Delivering one twice is harmless: an
 * eviction as of a height leaves anything read at or above it.
 */
export class DurableDelivery {
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly host: DeliveryHost) {}

  subscribe(handler: DurableTitleHandler): () => void {
    const consumer: Consumer = { handler, pending: new Map(), busy: false, attempt: 0, timer: null };
    this.consumers.add(consumer);
    if (this.host.state()) this.seed(consumer);
    this.deliver(consumer);
    return () => {
      if (consumer.timer) clearTimeout(consumer.timer);
      this.consumers.delete(consumer);
    };
  }

  get undelivered(): number {
    let n = 0;
    for (const c of this.consumers) n += c.pending.size;
    return n;
  }

  /** After the index loaded its checkpoint: every consumer's backlog from it. */
  seedAll(): void {
    for (const c of this.consumers) this.seed(c);
  }

  /** A title changed at `height` (a transfer indexed). */
  changed(title: TitleRef, height: bigint): void {
    for (const c of this.consumers) owe(c, title, height);
  }

  /** A change only this moment knows (a rolled-back title): kept in the checkpoint until delivered. */
  owe(title: TitleRef, height: bigint): void {
    const state = this.host.state()!;
    (state.owed ??= {})[titleId(title)] = { ...title, height: height.toString() };
    this.changed(title, height);
  }

  deliverAll(): void {
    for (const c of this.consumers) this.deliver(c);
  }

  stop(): void {
    for (const c of this.consumers) if (c.timer) clearTimeout(c.timer);
  }

  /** A consumer's backlog from the checkpoint: what was owed, and every transfer above the delivered height. */
  private seed(consumer: Consumer): void {
    const state = this.host.state()!;
    for (const owed of Object.values(state.owed ?? {}))
      owe(consumer, titleRef(owed.registry, owed.documentHash), BigInt(owed.height));
    const through = BigInt(state.deliveredThrough ?? state.block);
    // Transfers are stored by title id; each escrow names the title it holds.
    const titles = new Map<string, TitleRef>();
    for (const token of Object.values(state.escrows)) {
      const title = titleRef(token.registry, token.documentHash);
      titles.set(titleId(title), title);
    }
    for (const [id, transfers] of Object.entries(state.transfers)) {
      const title = titles.get(id);
      if (!title) continue;
      for (const t of transfers) {
        const block = BigInt(t.blockNumber);
        if (block > through) owe(consumer, title, block);
      }
    }
  }

  private deliver(consumer: Consumer): void {
    if (consumer.busy || consumer.timer || consumer.pending.size === 0 || !this.consumers.has(consumer))
      return;
    consumer.busy = true;
    const batch = [...consumer.pending.values()];
    void consumer
      .handler(batch)
      .then(
        () => {
          for (const change of batch) {
            const id = titleId(change.title);
            if (consumer.pending.get(id) === change) consumer.pending.delete(id);
          }
          consumer.attempt = 0;
          try {
            this.acknowledge(batch.map((c) => titleId(c.title)));
          } catch (error) {
            // The checkpoint could not record it: delivered again after a restart, which is harmless.
            this.host.failed(error);
          }
        },
        () => {
          consumer.attempt++;
          const delay = Math.random() * Math.min(5000, 100 * 2 ** consumer.attempt);
          consumer.timer = setTimeout(() => {
            consumer.timer = null;
            this.deliver(consumer);
          }, delay);
          consumer.timer.unref();
        },
      )
      .finally(() => {
        consumer.busy = false;
        if (consumer.pending.size > 0 && !consumer.timer) this.deliver(consumer);
      });
  }

  /** Records, in the checkpoint, how far every consumer has acknowledged. */
  private acknowledge(ids: string[]): void {
    const state = this.host.state();
    if (!state) return;
    let through = BigInt(state.block);
    for (const c of this.consumers)
      for (const { height } of c.pending.values()) if (height - 1n < through) through = height - 1n;
    const settled = ids.filter(
      (id) => state.owed?.[id] !== undefined && ![...this.consumers].some((c) => c.pending.has(id)),
    );
    for (const id of settled) delete state.owed![id];
    const before = BigInt(state.deliveredThrough ?? "-1");
    if (through <= before && settled.length === 0) return;
    if (through > before) state.deliveredThrough = through.toString();
    this.host.journal({ deliveredThrough: state.deliveredThrough ?? through.toString(), settled });
  }
}

/** Owes a consumer a title's change at `height`, unless it already owes one at least as high. */
function owe(consumer: Consumer, title: TitleRef, height: bigint): void {
  const id = titleId(title);
  const owed = consumer.pending.get(id);
  if (owed === undefined || owed.height < height) consumer.pending.set(id, { title, height });
}
