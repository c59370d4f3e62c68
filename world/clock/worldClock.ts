import { worldAt } from "../generate.ts";
import type { World } from "../types.ts";

/** What one network's writer did with one move of the world. */
export interface WriteResult {
  /** Facts the network holds now that it did not before. */
  facts: number;
  /** Transactions (Submits, contract calls, EVM transactions) it took. */
  transactions: number;
}

/**
 * Writes into one network what it records between two states of the world, through that network's own
 * protocol and as the party that records each fact.
 */
export interface NetworkWriter {
  readonly network: string;
  write(before: World, after: World): Promise<WriteResult>;
}

export interface WorldClockOptions {
  /** Story seconds per real second. @default 3600 (a story hour each second) */
  speed?: number;
  /** Hold story time where it is: nothing is written. @default false */
  frozen?: boolean;
  /** Real time between moves. @default 1000 */
  tickMs?: number;
  /** After each move that wrote something (or failed). */
  onMove?: (move: WorldMove) => void;
}

export interface WorldMove {
  from: Date;
  to: Date;
  /** Per network. */
  written: Record<string, WriteResult>;
  error?: unknown;
}

/**
 * Runs the story forward: story time advances from `from` at `speed` story seconds per real second, and
 * each move writes the facts whose time has come. Facts are written in story order: a move is cut at each
 * instant a fact is recorded, and each cut is written network by network (titles first, since the
 * carrier names the document it issued) before the next, so no shipment's status ever moves backwards,
 * within one network or across them.
 */
export class WorldClock {
  private storyNow: Date;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private realStart = 0;
  private storyStart: Date;
  /** Moves made (frozen or not): what a caller waits on. */
  ticks = 0;

  constructor(
    private readonly story: World,
    from: Date,
    private readonly writers: NetworkWriter[],
    private readonly options: WorldClockOptions = {},
  ) {
    this.storyNow = from;
    this.storyStart = from;
  }

  /** Story time the networks have been brought up to. */
  get now(): Date {
    return this.storyNow;
  }

  start(): void {
    this.realStart = Date.now();
    this.storyStart = this.storyNow;
    const tick = () => {
      this.running = this.tick().finally(() => {
        this.running = null;
        if (this.timer) this.timer = setTimeout(tick, this.options.tickMs ?? 1000);
      });
    };
    this.timer = setTimeout(tick, this.options.tickMs ?? 1000);
  }

  /** Stops moving; resolves once a move in flight has finished writing. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async tick(): Promise<void> {
    this.ticks++;
    if (this.options.frozen) return;
    const speed = this.options.speed ?? 3600;
    const target = new Date(this.storyStart.getTime() + (Date.now() - this.realStart) * speed);
    await this.moveTo(target);
  }

  /**
   * Writes every fact recorded in (now, to], cut by cut, and moves `now` to `to`. On a failure `now`
   * stays at the last cut fully written, so the next move retries from there (writers skip what a
   * network already holds).
   */
  async moveTo(to: Date): Promise<WorldMove> {
    const from = this.storyNow;
    const move: WorldMove = { from, to, written: {} };
    // Only shipments that can change in this move are cut (a big world has few of them in flight).
    const scope = { ...this.story, shipments: shipmentsActiveBetween(this.story, from, to) };
    try {
      const cuts = factTimesBetween(scope, from, to);
      if (cuts.at(-1)?.getTime() !== to.getTime()) cuts.push(to);
      for (const cut of cuts) {
        const before = worldAt(scope, this.storyNow);
        const after = worldAt(scope, cut);
        for (const writer of this.writers) {
          const result = await writer.write(before, after);
          const sum = (move.written[writer.network] ??= { facts: 0, transactions: 0 });
          sum.facts += result.facts;
          sum.transactions += result.transactions;
        }
        this.storyNow = cut;
      }
    } catch (error) {
      move.error = error;
    }
    if (move.error || Object.values(move.written).some((w) => w.facts > 0)) this.options.onMove?.(move);
    return move;
  }
}

/**
 * How long after a fact the port may still record something that follows from it: a vessel's departure
 * from the port of discharge 36 hours after its arrival is the latest; a day and a half more for margin.
 */
const PORT_FOLLOW_UP_MS = 3 * 86_400_000;

/**
 * Shipments with a fact in (from, to], or one recent enough that the port may still record something
 * that follows from it.
 */
function shipmentsActiveBetween(story: World, from: Date, to: Date) {
  const since = from.getTime() - PORT_FOLLOW_UP_MS;
  const until = to.getTime();
  const within = (at: Date) => at.getTime() > since && at.getTime() <= until;
  return story.shipments.filter(
    (s) =>
      s.events.some((e) => e.classifier !== "PLN" && within(e.recordedAt)) ||
      s.title.some((t) => within(t.at)),
  );
}

/** The distinct instants in (from, to] at which the story records a fact, in order. */
export function factTimesBetween(story: World, from: Date, to: Date): Date[] {
  const times = new Set<number>();
  const f = from.getTime();
  const t = to.getTime();
  const add = (at: Date) => {
    const ms = at.getTime();
    if (ms > f && ms <= t) times.add(ms);
  };
  for (const s of story.shipments) {
    for (const e of s.events) if (e.classifier !== "PLN") add(e.recordedAt);
    for (const step of s.title) add(step.at);
  }
  return [...times].sort((a, b) => a - b).map((ms) => new Date(ms));
}
