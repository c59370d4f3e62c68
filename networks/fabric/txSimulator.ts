import type { HistoryEntry, Ledger, RangeQueryRecord, ReadRecord, Version, WriteRecord } from "./ledger.ts";

/** How many results the peer returns per QueryResponse (Fabric's chaincode support MaxResultLimit). */
export const QUERY_PAGE = 100;

export class SimulationError extends Error {}

interface RangeCursor {
  kind: "range";
  endKey: string;
  /** Where the next scan of the state database starts (inclusive). */
  next: string;
  /** Keys scanned but not yet pulled by the iterator. */
  buffer: [string, { value: Buffer; version: Version }][];
  /** A result pulled for the next page. */
  pending: { key: string; value: Buffer } | null;
  exhausted: boolean;
  /** Results still to return (a paginated query's page size); Infinity otherwise. */
  remaining: number;
  record: RangeQueryRecord | null;
}

interface HistoryCursor {
  kind: "history";
  entries: HistoryEntry[];
  at: number;
}

export interface RangeResult {
  results: { key: string; value: Buffer }[];
  hasMore: boolean;
}

/**
 * A transaction simulation on the peer side of the chaincode protocol (Fabric's TxSimulator): reads see
 * committed state only, never the transaction's own writes; each point read records the key's version,
 * each range read records a RangeQueryInfo (the keys and versions its iterator returned, its end, whether
 * it ran out) for the committer's phantom check, and writes go to the write set. History reads record
 * nothing (Fabric does not re-check them). A paginated range query is a read-only affair: after one,
 * writes are refused, and it is refused after a write, as Fabric's simulator does.
 */
export class TxSimulator {
  readonly reads = new Map<string, ReadRecord>();
  readonly writes = new Map<string, WriteRecord>();
  readonly rangeQueries: RangeQueryRecord[] = [];
  private readonly cursors = new Map<string, RangeCursor | HistoryCursor>();
  private paginatedQueryDone = false;
  private nextCursor = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly txId: string,
  ) {}

  getState(key: string): Buffer | null {
    const entry = this.ledger.get(key);
    this.recordRead(key, entry?.version ?? null);
    return entry?.value ?? null;
  }

  putState(key: string, value: Uint8Array): void {
    this.checkWriteAllowed();
    if (!key) throw new SimulationError("key must not be an empty string");
    this.writes.set(key, { key, value: Buffer.from(value).toString("base64") });
  }

  deleteState(key: string): void {
    this.checkWriteAllowed();
    if (!key) throw new SimulationError("key must not be an empty string");
    this.writes.set(key, { key, value: null });
  }

  /** Opens a range iterator [startKey, endKey) and returns its id and first page. */
  openRange(
    startKey: string,
    endKey: string,
    page?: { pageSize: number; bookmark: string },
  ): { id: string } & RangeResult {
    if (page) {
      if (this.writes.size > 0)
        throw new SimulationError(
          `txid [${this.txId}]: paginated queries are not supported in a transaction that has written`,
        );
      this.paginatedQueryDone = true;
    }
    const start = page?.bookmark && page.bookmark > startKey ? page.bookmark : startKey;
    // A paginated query is read-only: Fabric records no range info for it to check at commit.
    const record: RangeQueryRecord | null = page
      ? null
      : { startKey, endKey, itrExhausted: false, reads: [] };
    if (record) this.rangeQueries.push(record);
    const cursor: RangeCursor = {
      kind: "range",
      endKey,
      next: start,
      buffer: [],
      pending: null,
      exhausted: false,
      remaining: page ? Math.max(page.pageSize, 1) : Infinity,
      record,
    };
    const id = `${this.txId}:${this.nextCursor++}`;
    this.cursors.set(id, cursor);
    return { id, ...this.pageOf(cursor) };
  }

  /** The next key after a paginated page, or "" when the range is done (leveldb's bookmark). */
  bookmarkOf(id: string): string {
    const cursor = this.cursors.get(id);
    if (!cursor || cursor.kind !== "range" || cursor.exhausted) return "";
    if (cursor.pending) return cursor.pending.key;
    if (cursor.buffer.length > 0) return cursor.buffer[0]![0];
    return this.ledger.range(cursor.next, cursor.endKey, 1)[0]?.[0] ?? "";
  }

  openHistory(key: string): { id: string; results: HistoryEntry[]; hasMore: boolean } {
    const cursor: HistoryCursor = { kind: "history", entries: this.ledger.historyOf(key), at: 0 };
    const id = `${this.txId}:${this.nextCursor++}`;
    this.cursors.set(id, cursor);
    return { id, ...this.historyPage(cursor) };
  }

  /** The next page of an open iterator. */
  next(
    id: string,
  ): { kind: "range"; page: RangeResult } | { kind: "history"; results: HistoryEntry[]; hasMore: boolean } {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new SimulationError(`query iterator ${id} not found`);
    if (cursor.kind === "history") return { kind: "history", ...this.historyPage(cursor) };
    return { kind: "range", page: this.pageOf(cursor) };
  }

  close(id: string): void {
    this.cursors.delete(id);
  }

  /**
   * One QueryResponse's worth, as Fabric's QueryResponseGenerator builds it: results are pulled from the
   * iterator one by one (each recorded); when the page is full the next result is still pulled and held
   * for the next page, so `has_more` is known without another round trip, and is recorded as read.
   */
  private pageOf(cursor: RangeCursor): RangeResult {
    const results: { key: string; value: Buffer }[] = [];
    if (cursor.pending) results.push(cursor.pending);
    cursor.pending = null;
    for (;;) {
      if (cursor.remaining <= results.length) {
        cursor.remaining -= results.length;
        return { results, hasMore: false };
      }
      const item = this.pull(cursor);
      if (!item) {
        cursor.remaining -= results.length;
        return { results, hasMore: false };
      }
      if (results.length === QUERY_PAGE) {
        cursor.pending = item;
        cursor.remaining -= results.length;
        return { results, hasMore: true };
      }
      results.push(item);
    }
  }

  /** The iterator's Next: the next key in range, recorded as Fabric's resultsItr records it. */
  private pull(cursor: RangeCursor): { key: string; value: Buffer } | null {
    if (cursor.buffer.length === 0 && !cursor.exhausted) {
      cursor.buffer = this.ledger.range(cursor.next, cursor.endKey, QUERY_PAGE + 1);
      const last = cursor.buffer.at(-1);
      if (last) cursor.next = `${last[0]}\u0000`; // the smallest key after it
    }
    const found = cursor.buffer.shift();
    if (!found) {
      cursor.exhausted = true;
      if (cursor.record) {
        cursor.record.itrExhausted = true;
        cursor.record.endKey = cursor.endKey;
      }
      return null;
    }
    const [key, entry] = found;
    if (cursor.record) {
      cursor.record.reads.push({ key, version: entry.version });
      cursor.record.endKey = key;
    }
    return { key, value: entry.value };
  }

  private historyPage(cursor: HistoryCursor): { results: HistoryEntry[]; hasMore: boolean } {
    const results = cursor.entries.slice(cursor.at, cursor.at + QUERY_PAGE);
    cursor.at += results.length;
    return { results, hasMore: cursor.at < cursor.entries.length };
  }

  private checkWriteAllowed(): void {
    if (this.paginatedQueryDone)
      throw new SimulationError(
        `txid [${this.txId}]: the transaction has performed a paginated query; writes are not allowed`,
      );
  }

  private recordRead(key: string, version: Version | null): void {
    if (!this.reads.has(key)) this.reads.set(key, { key, version });
  }

  /** The simulation's read/write set, as the endorser puts it in the proposal response. */
  results(): { reads: ReadRecord[]; rangeQueries: RangeQueryRecord[]; writes: WriteRecord[] } {
    return {
      reads: [...this.reads.values()],
      rangeQueries: this.rangeQueries,
      writes: [...this.writes.values()],
    };
  }
}
