import type { TitleCheckpoint, TitleJournalEntry } from "./titleCheckpoint.ts";

/**
 * A title change for a durable consumer: the title's key (`title:<registry>:<documentHash>`) and the
 * height from which reads see it. A read pinned below `height` may predate the change.
 */
export interface DurableTitleChange {
  key: string;
  height: bigint;
}

/** Delivers a batch; resolves once it is applied for good (a rejection is retried with backoff). */
export type DurableTitleHandler = (changes: DurableTitleChange[]) => Promise<void>;

interface Consumer {
  handler: DurableTitleHandler;
  /** Title key -> the highest height owed for it. */
  pending: Map<string, bigint>;
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
  changed(key: string, height: bigint): void {
    for (const c of this.consumers) {
      const owed = c.pending.get(key);
      if (owed === undefined || owed < height) c.pending.set(key, height);
    }
  }

  /** A change only this moment knows (a rolled-back title): kept in the checkpoint until delivered. */
  owe(key: string, height: bigint): void {
    const state = this.host.state()!;
    (state.owed ??= {})[key] = height.toString();
    this.changed(key, height);
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
    for (const [key, height] of Object.entries(state.owed ?? {})) consumer.pending.set(key, BigInt(height));
    const through = BigInt(state.deliveredThrough ?? state.block);
    for (const [key, transfers] of Object.entries(state.transfers))
      for (const t of transfers) {
        const block = BigInt(t.blockNumber);
        const owed = consumer.pending.get(`title:${key}`);
        if (block > through && (owed === undefined || owed < block))
          consumer.pending.set(`title:${key}`, block);
      }
  }

  private deliver(consumer: Consumer): void {
    if (consumer.busy || consumer.timer || consumer.pending.size === 0 || !this.consumers.has(consumer))
      return;
    consumer.busy = true;
    const batch = [...consumer.pending].map(([key, height]) => ({ key, height }));
    void consumer
      .handler(batch)
      .then(
        () => {
          for (const { key, height } of batch)
            if (consumer.pending.get(key) === height) consumer.pending.delete(key);
          consumer.attempt = 0;
          try {
            this.acknowledge(batch.map((c) => c.key));
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
  private acknowledge(keys: string[]): void {
    const state = this.host.state();
    if (!state) return;
    let through = BigInt(state.block);
    for (const c of this.consumers)
      for (const height of c.pending.values()) if (height - 1n < through) through = height - 1n;
    const settled = keys.filter(
      (k) => state.owed?.[k] !== undefined && ![...this.consumers].some((c) => c.pending.has(k)),
    );
    for (const k of settled) delete state.owed![k];
    const before = BigInt(state.deliveredThrough ?? "-1");
    if (through <= before && settled.length === 0) return;
    if (through > before) state.deliveredThrough = through.toString();
    this.host.journal({ deliveredThrough: state.deliveredThrough ?? through.toString(), settled });
  }
}
