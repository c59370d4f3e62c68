/**
 * Runs one catch-up pass now and then every `intervalMs` until stopped. Concurrent callers of
 * `runOnce` share the pass in flight, so a poll and an on-demand sync never race each other.
 */
export class Poller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly intervalMs: number,
  ) {}

  /** Resolves after the first pass; a failing pass is retried on the next tick, never thrown. */
  async start(): Promise<void> {
    await this.runOnce().catch(() => undefined);
    const loop = () => {
      this.timer = setTimeout(async () => {
        await this.runOnce().catch(() => undefined);
        if (this.timer) loop();
      }, this.intervalMs);
      this.timer.unref();
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }
}
