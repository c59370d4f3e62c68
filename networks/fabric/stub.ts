import type { Ledger, ReadRecord, WriteRecord } from "./ledger.ts";
import type { VerifiedCreator } from "./membership.ts";

const MIN_UNICODE = "\u0000";
const MAX_UNICODE = "\u{10FFFF}";

export interface KV {
  key: string;
  value: Uint8Array;
  namespace: string;
}

export interface KeyModification {
  txId: string;
  value: Uint8Array;
  timestamp: { seconds: number; nanos: number };
  isDelete: boolean;
}

type IterablePromise<T> = Promise<AsyncIterator<T> & { close(): Promise<void> }> & AsyncIterable<T>;

function iterable<T>(items: T[]): IterablePromise<T> {
  const make = () => {
    let i = 0;
    return {
      next: async () =>
        i < items.length
          ? { value: items[i++]!, done: false as const }
          : { value: undefined, done: true as const },
      close: async () => undefined,
    } as AsyncIterator<T> & { close(): Promise<void> };
  };
  const promise = Promise.resolve(make()) as IterablePromise<T>;
  (promise as unknown as AsyncIterable<T>)[Symbol.asyncIterator] = make;
  return promise;
}

/**
 * The chaincode stub a transaction runs against while it is simulated: the subset of fabric-shim's
 * ChaincodeStub the carrier chaincode uses, with the same semantics (reads see committed state, never
 * the transaction's own writes; every read and write is recorded into the read/write set).
 */
export class SimulationStub {
  readonly reads = new Map<string, ReadRecord>();
  readonly writes = new Map<string, WriteRecord>();
  event: { name: string; payload: Uint8Array } | null = null;

  constructor(
    private readonly ledger: Ledger,
    private readonly channelId: string,
    private readonly txId: string,
    private readonly timestamp: Date,
    private readonly creator: VerifiedCreator,
    private readonly fn: string,
    private readonly args: string[],
  ) {}

  getTxID(): string {
    return this.txId;
  }
  getChannelID(): string {
    return this.channelId;
  }
  getMspID(): string {
    return this.creator.mspId;
  }
  getCreator(): { mspid: string; idBytes: Uint8Array } {
    return { mspid: this.creator.mspId, idBytes: Buffer.from(this.creator.certificate.toString()) };
  }
  getTxTimestamp(): { seconds: number; nanos: number } {
    const ms = this.timestamp.getTime();
    return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
  }
  getDateTimestamp(): Date {
    return new Date(this.timestamp);
  }
  getFunctionAndParameters(): { fcn: string; params: string[] } {
    return { fcn: this.fn, params: [...this.args] };
  }
  getArgs(): string[] {
    return [this.fn, ...this.args];
  }

  async getState(key: string): Promise<Uint8Array> {
    const entry = this.ledger.get(key);
    this.recordRead(key, entry?.version ?? null);
    return entry ? new Uint8Array(entry.value) : new Uint8Array(0);
  }

  async putState(key: string, value: Uint8Array): Promise<void> {
    if (!key) throw new Error("key must not be empty");
    this.writes.set(key, { key, value: Buffer.from(value).toString("base64") });
  }

  async deleteState(key: string): Promise<void> {
    this.writes.set(key, { key, value: null });
  }

  getStateByRange(startKey: string, endKey: string): IterablePromise<KV> {
    return iterable(this.rangeRead(this.ledger.range(startKey, endKey)));
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return `${MIN_UNICODE}${objectType}${MIN_UNICODE}${attributes.map((a) => `${a}${MIN_UNICODE}`).join("")}`;
  }

  splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
    const parts = compositeKey.split(MIN_UNICODE).slice(1, -1);
    return { objectType: parts[0] ?? "", attributes: parts.slice(1) };
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): IterablePromise<KV> {
    const prefix = this.createCompositeKey(objectType, attributes);
    return iterable(this.rangeRead(this.ledger.range(prefix, `${prefix}${MAX_UNICODE}`)));
  }

  /**
   * A page of a partial composite key range, as Fabric's paginated range queries: `bookmark` is the key
   * the page starts from (inclusive; empty for the first page) and the metadata's bookmark the key the
   * next page starts from (empty after the last page).
   */
  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark = "",
  ): Promise<{
    iterator: AsyncIterator<KV> & { close(): Promise<void> };
    metadata: { fetchedRecordsCount: number; bookmark: string };
  }> &
    AsyncIterable<KV> {
    const prefix = this.createCompositeKey(objectType, attributes);
    const start = bookmark > prefix ? bookmark : prefix;
    const found = this.ledger.range(start, `${prefix}${MAX_UNICODE}`, pageSize + 1);
    const next = found.length > pageSize ? found.pop()![0] : "";
    const items = this.rangeRead(found);
    const page = iterable(items);
    const response = page.then((iterator) => ({
      iterator,
      metadata: { fetchedRecordsCount: items.length, bookmark: next },
    }));
    return Object.assign(response, { [Symbol.asyncIterator]: () => iterable(items)[Symbol.asyncIterator]() });
  }

  getHistoryForKey(key: string): IterablePromise<KeyModification> {
    return iterable(
      this.ledger.historyOf(key).map((h) => {
        const ms = new Date(h.timestamp).getTime();
        return {
          txId: h.txId,
          value: h.value ? new Uint8Array(h.value) : new Uint8Array(0),
          timestamp: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 },
          isDelete: h.isDelete,
        };
      }),
    );
  }

  /** Fabric keeps one event per transaction; a later call replaces the earlier one. */
  setEvent(name: string, payload: Uint8Array): void {
    if (!name) throw new Error("event name must not be empty");
    this.event = { name, payload };
  }

  private rangeRead(entries: ReturnType<Ledger["range"]>): KV[] {
    return entries.map(([key, entry]) => {
      this.recordRead(key, entry.version);
      return { key, value: new Uint8Array(entry.value), namespace: "" };
    });
  }

  private recordRead(key: string, version: ReadRecord["version"]): void {
    if (!this.reads.has(key)) this.reads.set(key, { key, version });
  }
}

/** fabric-contract-api's ClientIdentity, as the chaincode sees the submitter. */
export class ClientIdentity {
  constructor(private readonly creator: VerifiedCreator) {}
  getMSPID(): string {
    return this.creator.mspId;
  }
  getID(): string {
    return this.creator.id;
  }
  getAttributeValue(_name: string): string | null {
    return null;
  }
  assertAttributeValue(_name: string, _value: string): boolean {
    return false;
  }
}
