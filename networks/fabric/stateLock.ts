/**
 * The state database's commit lock (Fabric's txmgr commitRWLock): simulations hold it shared for their
 * whole run, so each sees one committed state even though the chaincode reads it message by message; a
 * commit takes it exclusively, waiting for running simulations, and new simulations wait behind a waiting
 * commit (writer preference, as Go's RWMutex), so a stream of queries cannot starve the committer.
 */
export class StateLock {
  private readers = 0;
  private writer = false;
  private readonly waitingWriters: (() => void)[] = [];
  private readonly waitingReaders: (() => void)[] = [];

  async shared<T>(work: () => Promise<T>): Promise<T> {
    // A waiter is admitted by wake(), which counts it in before resolving, so nobody slips in between.
    if (this.writer || this.waitingWriters.length > 0)
      await new Promise<void>((resolve) => this.waitingReaders.push(resolve));
    else this.readers++;
    try {
      return await work();
    } finally {
      this.readers--;
      this.wake();
    }
  }

  async exclusive<T>(work: () => T): Promise<T> {
    if (this.writer || this.readers > 0)
      await new Promise<void>((resolve) => this.waitingWriters.push(resolve));
    else this.writer = true;
    try {
      return work();
    } finally {
      this.writer = false;
      this.wake();
    }
  }

  private wake(): void {
    if (this.writer) return;
    if (this.waitingWriters.length > 0) {
      if (this.readers === 0) {
        this.writer = true;
        this.waitingWriters.shift()!();
      }
      return;
    }
    for (const reader of this.waitingReaders.splice(0)) {
      this.readers++;
      reader();
    }
  }
}
