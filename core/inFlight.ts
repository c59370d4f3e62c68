/** One piece of work in flight, and how many callers still wait for it. */
interface Shared<T> {
  result: Promise<T>;
  waiting: number;
  abandon: AbortController;
}

/**
 * Identical work asked for while it is in flight is done once: callers with the same key join the
 * first one's promise. Nothing outlives the work (the entry is dropped as soon as it settles), so this is
 * never a cache. Each caller keeps its own deadline: when its signal aborts it stops waiting (rejected
 * with the signal's reason) and the others go on; the work is told to stop (its `abandoned` signal)
 * only when every caller has given up.
 */
export class InFlight<T> {
  private readonly shared = new Map<string, Shared<T>>();

  /**
   * The result of the work under `key`, joined if in flight, else started with `start`.
   * @param deadline this caller's own; absent, it waits as long as the work takes
   * @param joined called when this caller joins work already in flight
   */
  run(
    key: string,
    start: (abandoned: AbortSignal) => Promise<T>,
    deadline: AbortSignal | undefined,
    joined?: () => void,
  ): Promise<T> {
    let work = this.shared.get(key);
    if (work) joined?.();
    else {
      const abandon = new AbortController();
      const entry: Shared<T> = { result: start(abandon.signal), waiting: 0, abandon };
      const forget = () => {
        if (this.shared.get(key) === entry) this.shared.delete(key);
      };
      entry.result.then(forget, forget);
      this.shared.set(key, entry);
      work = entry;
    }
    return waitFor(work, deadline);
  }

  /** How many distinct pieces of work are in flight. */
  get size(): number {
    return this.shared.size;
  }
}

function waitFor<T>(work: Shared<T>, deadline: AbortSignal | undefined): Promise<T> {
  work.waiting++;
  if (!deadline) return work.result;
  return new Promise<T>((resolve, reject) => {
    const giveUp = () => {
      reject(deadline.reason);
      if (--work.waiting === 0) work.abandon.abort(deadline.reason);
    };
    if (deadline.aborted) return giveUp();
    deadline.addEventListener("abort", giveUp, { once: true });
    work.result.then(
      (value) => {
        deadline.removeEventListener("abort", giveUp);
        resolve(value);
      },
      (error: unknown) => {
        deadline.removeEventListener("abort", giveUp);
        reject(error);
      },
    );
  });
}
