import { DCSA_JOURNAL_CHANNEL } from "./journal.ts";
import { backoffDelay, type BackoffOptions } from "./backoff.ts";
import type { DcsaDatabase } from "./database.ts";
import type { Notifier } from "./deliver.ts";
import {
  claim,
  releaseLeases,
  collectGarbage,
  fanOut,
  pendingOf,
  settle,
  type Claimed,
  type Outcome,
  type OwnerDirectory,
} from "./outbox.ts";

export interface DeliveryOptions {
  /** This worker's name in leases (unique among live workers). */
  workerId: string;
  /** Subscriptions delivered at once; each has at most one request in flight. @default 256 */
  concurrency: number;
  /** Events in one notification at most. @default 100 */
  maxEventsPerNotification: number;
  /** A subscriber's whole answer must arrive within this. @default 5000 */
  timeoutMs: number;
  /** A lease lasts the timeout plus this, so a killed worker's subscriptions come back that soon. @default 10000 */
  leaseMarginMs: number;
  /** Attempts at a batch before it is dead-lettered. @default 8 */
  maxAttempts: number;
  backoff: BackoffOptions;
  /** How often to look for due retries and journal entries without a wake-up. @default 500 */
  pollIntervalMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: Omit<DeliveryOptions, "workerId"> = {
  concurrency: 256,
  maxEventsPerNotification: 100,
  timeoutMs: 5000,
  leaseMarginMs: 10_000,
  maxAttempts: 8,
  backoff: { baseMs: 1000, maxMs: 300_000 },
  pollIntervalMs: 500,
};

/** How long finished deliveries wait to be written together. */
const SETTLE_BATCH_MS = 10;

export interface DeliveryStats {
  notifications: number;
  events: number;
  failures: number;
  deadLettered: number;
}

/**
 * The delivery worker: drains the journal into the outbox, leases due subscriptions and POSTs each its
 * oldest pending events (in event-time order, at most one request per subscription in flight), and
 * writes the outcomes back. Up to `concurrency` subscriptions are served at once and each request has
 * its deadline, so a slow subscriber holds one slot for at most `timeoutMs`, then backs off: it never
 * delays the others. Wakes on the indexer's NOTIFY, on each completed delivery, and every poll interval.
 */
export class DeliveryWorker {
  private running = false;
  private inFlight = 0;
  /** Subscriptions with a delivery in flight here: never claimed twice, even if a slow answer outlived the lease. */
  private readonly delivering = new Set<string>();
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private gcTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  /** Whether the journal may hold entries (the indexer notified, or a poll is due): fan-out only then. */
  private journalDirty = true;
  private outcomes: Outcome[] = [];
  private writing = 0;
  private settleTimer: NodeJS.Timeout | null = null;
  private settling: Promise<void> = Promise.resolve();
  private readonly idle = new Set<() => void>();
  readonly stats: DeliveryStats = { notifications: 0, events: 0, failures: 0, deadLettered: 0 };

  constructor(
    private readonly db: DcsaDatabase,
    private readonly owners: OwnerDirectory,
    private readonly notifier: Notifier,
    private readonly options: DeliveryOptions,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    // A worker starting under an ID is the only live one with it (DCSA_WORKER_ID): leases still held
    // under that ID are a previous run's, killed mid-delivery. Taken back at once instead of waiting for
    // them to lapse (a worker with a fresh ID, the default, leaves them to lapse).
    await releaseLeases(this.db.sql, this.options.workerId);
    this.unlisten = await this.db.listen(DCSA_JOURNAL_CHANNEL, () => {
      this.journalDirty = true;
      this.wake();
    });
    // The poll also catches a notification lost while the listening connection was down.
    this.timer = setInterval(() => {
      this.journalDirty = true;
      this.wake();
    }, this.options.pollIntervalMs);
    this.gcTimer = setInterval(
      () => void collectGarbage(this.db.sql, 600_000).catch(() => undefined),
      60_000,
    );
    this.gcTimer.unref();
    this.wake();
  }

  /** Stops claiming; waits (up to the timeout) for deliveries in flight and writes their outcomes. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.gcTimer) clearInterval(this.gcTimer);
    await this.unlisten?.();
    await this.pumping;
    const deadline = Date.now() + this.options.timeoutMs + 1000;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (this.settleTimer) clearTimeout(this.settleTimer);
    await this.settling;
    await this.flushOutcomes();
  }

  /** Resolves when the worker next finds nothing to do (for tests and benchmarks). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idle.add(resolve);
      this.wake();
    });
  }

  private wake(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error: unknown) => this.log(`delivery: ${String(error)}`))
      .finally(() => {
        this.pumping = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pump(): Promise<void> {
    for (;;) {
      this.again = false;
      if (this.journalDirty) {
        this.journalDirty = false;
        while (this.running && (await fanOut(this.db, this.owners)) > 0);
      }
      const free = this.options.concurrency - this.inFlight;
      let claimed: Claimed[] = [];
      if (this.running && free > 0)
        claimed = await claim(
          this.db.sql,
          this.options.workerId,
          free,
          this.options.timeoutMs + this.options.leaseMarginMs,
          [...this.delivering],
        );
      if (claimed.length > 0) {
        const pending = await pendingOf(
          this.db.sql,
          claimed.map((c) => c.id),
          this.options.maxEventsPerNotification,
        );
        for (const subscription of claimed)
          this.deliver(
            subscription,
            pending.filter((p) => p.subscriptionId === subscription.id),
          );
      }
      if (!this.again) break;
    }
    if (this.inFlight === 0 && this.outcomes.length === 0 && this.writing === 0) {
      for (const resolve of this.idle) resolve();
      this.idle.clear();
    }
  }

  private deliver(subscription: Claimed, pending: Awaited<ReturnType<typeof pendingOf>>): void {
    const notificationIds = pending.map((p) => p.notificationId);
    if (pending.length === 0) {
      this.record({ subscriptionId: subscription.id, notificationIds, ok: true });
      return;
    }
    // Event-time order within the notification (so per shipment too), stable on the outbox order.
    const ordered = [...pending].sort(
      (a, b) =>
        a.eventAt.getTime() - b.eventAt.getTime() ||
        Number(BigInt(a.notificationId) - BigInt(b.notificationId)),
    );
    const body = Buffer.from(`[${ordered.map((p) => p.payload).join(",")}]`, "utf8");
    this.inFlight++;
    this.delivering.add(subscription.id);
    void this.notifier
      .send(subscription.callbackUrl, subscription.id, Buffer.from(subscription.secret, "base64"), body)
      .then((result) => {
        if (result.ok) {
          this.stats.notifications++;
          this.stats.events += pending.length;
          this.record({ subscriptionId: subscription.id, notificationIds, ok: true });
          return;
        }
        this.stats.failures++;
        // Each event has its attempts; those at their last one are given up (the batch may have changed
        // since its first attempt: a newer version of an event replaces the older one in the queue).
        const deadIds = pending
          .filter((p) => p.attempts + 1 >= this.options.maxAttempts)
          .map((p) => p.notificationId);
        this.stats.deadLettered += deadIds.length;
        this.record({
          subscriptionId: subscription.id,
          notificationIds,
          ok: false,
          error: result.error,
          deadIds,
          retryAt: new Date(Date.now() + backoffDelay(subscription.attempts + 1, this.options.backoff)),
        });
      })
      .finally(() => {
        this.inFlight--;
        this.delivering.delete(subscription.id);
      });
  }

  /**
   * Outcomes are written in batches: one transaction, a few milliseconds after the first, for every
   * delivery that finished meanwhile (with hundreds of subscriptions answering, one transaction each
   * would make the database the bottleneck).
   */
  private record(outcome: Outcome): void {
    this.outcomes.push(outcome);
    this.settleTimer ??= setTimeout(() => {
      this.settleTimer = null;
      this.settling = this.settling.then(() => this.flushOutcomes());
    }, SETTLE_BATCH_MS);
  }

  private async flushOutcomes(): Promise<void> {
    const batch = this.outcomes;
    if (batch.length === 0) return;
    this.outcomes = [];
    this.writing++;
    try {
      await settle(this.db, this.options.workerId, batch);
    } catch (error) {
      // Unwritten outcomes are not lost work: the leases lapse and the events are sent again.
      this.log(`delivery: could not record ${batch.length} outcomes: ${String(error)}`);
    } finally {
      this.writing--;
    }
    this.wake();
  }
}
