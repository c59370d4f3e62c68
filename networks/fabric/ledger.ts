import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { peer } from "@hyperledger/fabric-protos";

export interface Version {
  block: number;
  tx: number;
}

export interface ReadRecord {
  key: string;
  version: Version | null;
}

export interface WriteRecord {
  key: string;
  /** base64 value; null deletes the key. */
  value: string | null;
}

export interface ChaincodeEventRecord {
  chaincodeId: string;
  txId: string;
  eventName: string;
  /** base64 */
  payload: string;
}

export interface CommittedTransaction {
  txId: string;
  creatorMspId: string;
  timestamp: string;
  chaincodeId: string;
  validationCode: number;
  reads: ReadRecord[];
  writes: WriteRecord[];
  event: ChaincodeEventRecord | null;
}

export interface Block {
  number: number;
  previousHash: string;
  dataHash: string;
  committedAt: string;
  transactions: CommittedTransaction[];
}

export interface HistoryEntry {
  txId: string;
  timestamp: string;
  value: Buffer | null;
  isDelete: boolean;
  blockNumber: number;
}

/** A transaction as submitted, before validation. */
export interface PendingTransaction {
  txId: string;
  creatorMspId: string;
  timestamp: string;
  chaincodeId: string;
  reads: ReadRecord[];
  writes: WriteRecord[];
  event: ChaincodeEventRecord | null;
  /** Set when the peer already knows the transaction is invalid (e.g. a bad creator signature). */
  presetCode?: number;
}

/**
 * The channel ledger: a hash-chained block store on disk (one JSON line per block, appended and never
 * rewritten), and the state and history databases rebuilt from it at start, as a peer rebuilds its
 * state database from the block store. Commit validates each transaction's read set against the current
 * versions (MVCC): a stale read commits as MVCC_READ_CONFLICT and its writes are not applied.
 */
export class Ledger {
  private readonly state = new Map<string, { value: Buffer; version: Version }>();
  /** State keys in order, as the state database's index: range scans cost log n + the keys returned. */
  private sortedKeys: string[] = [];
  /**
   * Keys created since the index was last merged, in write order. Inserting each one into the sorted
   * array would shift it by half its length on average (quadratic over a bulk load of a million keys);
   * instead they are sorted and merged in one pass when the next range scan needs the index.
   */
  private addedKeys: string[] = [];
  private deletedSinceMerge = false;
  private readonly history = new Map<string, HistoryEntry[]>();
  private readonly txIndex = new Map<string, { blockNumber: number; validationCode: number }>();
  private readonly blocks: Block[] = [];
  private readonly listeners = new Set<(block: Block) => void>();

  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file)) {
      for (const line of readFileSync(file, "utf8").split("\n"))
        if (line.trim()) this.apply(JSON.parse(line) as Block);
    }
    if (this.blocks.length === 0)
      this.append({
        number: 0,
        previousHash: "",
        dataHash: sha256(""),
        committedAt: new Date().toISOString(),
        transactions: [],
      });
  }

  get height(): number {
    return this.blocks.length;
  }

  block(number: number): Block | undefined {
    return this.blocks[number];
  }

  get(key: string): { value: Buffer; version: Version } | undefined {
    return this.state.get(key);
  }

  /** Keys in [start, end) in lexical order, as a state database range scan; at most `limit` of them. */
  range(start: string, end: string, limit = Infinity): [string, { value: Buffer; version: Version }][] {
    const out: [string, { value: Buffer; version: Version }][] = [];
    const keys = this.sortedIndex();
    for (let i = lowerBound(keys, start); i < keys.length && out.length < limit; i++) {
      const key = keys[i]!;
      if (end !== "" && key >= end) break;
      out.push([key, this.state.get(key)!]);
    }
    return out;
  }

  /** The sorted key index, with the keys created and deleted since the last scan merged in. */
  private sortedIndex(): string[] {
    if (this.addedKeys.length === 0 && !this.deletedSinceMerge) return this.sortedKeys;
    // A key deleted and created again since the last merge is in both lists; the merge keeps it once.
    const added = this.addedKeys.filter((k) => this.state.has(k)).sort();
    const kept = this.deletedSinceMerge ? this.sortedKeys.filter((k) => this.state.has(k)) : this.sortedKeys;
    this.sortedKeys = mergeSorted(kept, added);
    this.addedKeys = [];
    this.deletedSinceMerge = false;
    return this.sortedKeys;
  }

  historyOf(key: string): HistoryEntry[] {
    return this.history.get(key) ?? [];
  }

  transaction(txId: string): { blockNumber: number; validationCode: number } | undefined {
    return this.txIndex.get(txId);
  }

  onBlock(listener: (block: Block) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates and commits the transactions as one block; returns the block. */
  commit(pending: PendingTransaction[]): Block {
    const number = this.blocks.length;
    const touched = new Map<string, Version | null>();
    const transactions = pending.map((tx, i): CommittedTransaction => {
      let code: number = tx.presetCode ?? peer.TxValidationCode.VALID;
      if (
        code === peer.TxValidationCode.VALID &&
        (this.txIndex.has(tx.txId) || pending.slice(0, i).some((p) => p.txId === tx.txId))
      )
        code = peer.TxValidationCode.DUPLICATE_TXID;
      if (code === peer.TxValidationCode.VALID) {
        for (const read of tx.reads) {
          const current = touched.has(read.key)
            ? touched.get(read.key)!
            : (this.state.get(read.key)?.version ?? null);
          if (!sameVersion(current, read.version)) {
            code = peer.TxValidationCode.MVCC_READ_CONFLICT;
            break;
          }
        }
      }
      if (code === peer.TxValidationCode.VALID)
        for (const w of tx.writes) touched.set(w.key, w.value === null ? null : { block: number, tx: i });
      return {
        txId: tx.txId,
        creatorMspId: tx.creatorMspId,
        timestamp: tx.timestamp,
        chaincodeId: tx.chaincodeId,
        validationCode: code,
        reads: tx.reads,
        writes: tx.writes,
        event: tx.event,
      };
    });
    const previous = this.blocks[number - 1]!;
    const block: Block = {
      number,
      previousHash: blockHash(previous),
      dataHash: sha256(JSON.stringify(transactions)),
      committedAt: new Date().toISOString(),
      transactions,
    };
    this.append(block);
    return block;
  }

  private append(block: Block): void {
    appendFileSync(this.file, `${JSON.stringify(block)}\n`);
    this.apply(block);
    for (const listener of this.listeners) listener(block);
  }

  private apply(block: Block): void {
    if (block.number !== this.blocks.length)
      throw new Error(`ledger: block ${block.number} out of order (height ${this.blocks.length})`);
    if (block.number > 0 && block.previousHash !== blockHash(this.blocks[block.number - 1]!))
      throw new Error(`ledger: block ${block.number} does not chain to its predecessor`);
    this.blocks.push(block);
    block.transactions.forEach((tx, i) => {
      this.txIndex.set(tx.txId, { blockNumber: block.number, validationCode: tx.validationCode });
      if (tx.validationCode !== peer.TxValidationCode.VALID) return;
      for (const w of tx.writes) {
        const entries = this.history.get(w.key) ?? [];
        entries.push({
          txId: tx.txId,
          timestamp: tx.timestamp,
          value: w.value === null ? null : Buffer.from(w.value, "base64"),
          isDelete: w.value === null,
          blockNumber: block.number,
        });
        this.history.set(w.key, entries);
        if (w.value === null) {
          if (this.state.delete(w.key)) this.deletedSinceMerge = true;
        } else {
          if (!this.state.has(w.key)) this.addedKeys.push(w.key);
          this.state.set(w.key, {
            value: Buffer.from(w.value, "base64"),
            version: { block: block.number, tx: i },
          });
        }
      }
    });
  }
}

/** Merges two sorted key lists into one, each key once. */
function mergeSorted(a: string[], b: string[]): string[] {
  const out: string[] = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (n === 0 || out[n - 1] !== next) out[n++] = next;
  }
  out.length = n;
  return out;
}

/** First index whose key is >= `key` (keys compare by UTF-16 code units, as LevelDB's bytes would for these keys). */
function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameVersion(a: Version | null, b: Version | null): boolean {
  if (a === null || b === null) return a === b;
  return a.block === b.block && a.tx === b.tx;
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function blockHash(block: Block): string {
  return sha256(`${block.number}:${block.previousHash}:${block.dataHash}`);
}
