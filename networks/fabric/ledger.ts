import { peer } from "@hyperledger/fabric-protos";
import { BlockFile, type BlockFileRecovery, type LineAt } from "./blockFile.ts";
import { blockDataHash, blockHeaderHash } from "./blocks.ts";

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

/**
 * A range read as the simulation recorded it (Fabric's `kvrwset.RangeQueryInfo` with raw reads): the
 * keys and versions the iterator returned, from `startKey` to `endKey` (exclusive when the iterator was
 * exhausted; otherwise `endKey` is the last key returned and the range ends there, inclusive).
 */
export interface RangeQueryRecord {
  startKey: string;
  endKey: string;
  itrExhausted: boolean;
  reads: ReadRecord[];
}

export interface ChaincodeEventRecord {
  chaincodeId: string;
  txId: string;
  eventName: string;
  /** base64 */
  payload: string;
}

/** A committed transaction as the ledger keeps it in memory (its writes are in state and history). */
export interface CommittedTransaction {
  txId: string;
  creatorMspId: string;
  timestamp: string;
  chaincodeId: string;
  validationCode: number;
  event: ChaincodeEventRecord | null;
}

/** A committed block as the ledger keeps it in memory. `previousHash` and `dataHash` are Fabric's (blocks.ts), hex. */
export interface Block {
  number: number;
  previousHash: string;
  dataHash: string;
  committedAt: string;
  transactions: CommittedTransaction[];
}

/**
 * One line of the block store: the block with what only Deliver needs, kept on disk and read back on
 * demand (the envelopes are most of a block's bytes; holding every one in memory would grow the peer
 * with the chain).
 */
export interface StoredBlock extends Block {
  format: 2;
  transactions: (CommittedTransaction & {
    /** What it wrote (applied only if it is valid), so state is rebuilt without decoding envelopes. */
    writes: WriteRecord[];
    /** The signed envelope exactly as submitted (base64): what the block's data holds. */
    envelope: string;
  })[];
  /** The orderer's `common.Metadata` (SIGNATURES index) over this block's header, base64. */
  signatures: string;
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
  envelope: Uint8Array;
  reads: ReadRecord[];
  rangeQueries: RangeQueryRecord[];
  writes: WriteRecord[];
  event: ChaincodeEventRecord | null;
  /** Set when the committer's checks before MVCC already found it invalid (signature, tx id, policy). */
  presetCode?: number;
}

/** Signs a block header for the SIGNATURES metadata, as the ordering service does. */
export type BlockSigner = (number: number, previousHash: Buffer, dataHash: Buffer) => Uint8Array;

export class LedgerFormatError extends Error {}

/**
 * The channel ledger: a hash-chained block store on disk (one JSON line per block, appended, fsynced,
 * never rewritten) whose blocks carry the submitted envelopes, and the state and history databases rebuilt
 * from it at start, as a peer rebuilds its state database from the block store. Commit validates each
 * transaction as Fabric's committer does after the signature and policy checks: duplicate tx ids, then
 * MVCC (a read whose version changed is MVCC_READ_CONFLICT), then phantom reads (a range read that would
 * now return other keys or versions is PHANTOM_READ_CONFLICT); an invalid transaction's writes are not
 * applied.
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
  /** Where each block's line is in the block store. */
  private readonly lines: LineAt[] = [];
  /** Fabric header hash of each block, so the next block's previous hash is at hand. */
  private readonly headerHashes: Buffer[] = [];
  private readonly listeners = new Set<(block: Block) => void>();
  private readonly store: BlockFile;
  /** What opening the block store found (a torn last line is dropped). */
  readonly recovery: BlockFileRecovery;

  constructor(
    file: string,
    private readonly signBlock: BlockSigner = () => new Uint8Array(0),
  ) {
    this.store = new BlockFile(file);
    this.recovery = this.store.open((record, line, at) => {
      const block = record as Partial<StoredBlock>;
      if (block.format !== 2)
        throw new LedgerFormatError(
          `${file}: line ${line} was written by an earlier version of this ledger (blocks without envelopes); remove the state directory (rm -rf .tradegraph) to start a new channel`,
        );
      this.apply(block as StoredBlock, at);
    });
    if (this.blocks.length === 0) this.append(this.newBlock(0, []));
  }

  get height(): number {
    return this.blocks.length;
  }

  block(number: number): Block | undefined {
    return this.blocks[number];
  }

  /** The block as stored, with its envelopes and the orderer's signature, read back from disk. */
  storedBlock(number: number): StoredBlock | undefined {
    const at = this.lines[number];
    return at ? (this.store.read(at) as StoredBlock) : undefined;
  }

  headerHash(number: number): Buffer | undefined {
    return this.headerHashes[number];
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

  /** Every committed write of a key, newest first, as Fabric 2.x's history database returns them. */
  historyOf(key: string): HistoryEntry[] {
    return [...(this.history.get(key) ?? [])].reverse();
  }

  transaction(txId: string): { blockNumber: number; validationCode: number } | undefined {
    return this.txIndex.get(txId);
  }

  onBlock(listener: (block: Block) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Sends every committed block from `start`, then each new one as it commits, without a gap or a repeat
   * (the listener is attached before the backlog is read). Returns the function that stops following.
   */
  follow(start: number, send: (block: Block) => void): () => void {
    const backlog: Block[] = [];
    let replaying = true;
    const off = this.onBlock((block) => (replaying ? backlog.push(block) : send(block)));
    const height = this.blocks.length;
    for (let n = start; n < height; n++) send(this.blocks[n]!);
    for (const block of backlog) if (block.number >= Math.max(start, height)) send(block);
    replaying = false;
    return off;
  }

  /** Validates and commits the transactions as one block, durably; returns the block. */
  commit(pending: PendingTransaction[]): Block {
    const number = this.blocks.length;
    /** Keys written by the block's earlier valid transactions: their new version, or null if deleted. */
    const updates = new Map<string, Version | null>();
    const seen = new Set<string>();
    const transactions = pending.map((tx, i): StoredBlock["transactions"][number] => {
      let code: number = tx.presetCode ?? peer.TxValidationCode.VALID;
      if (code === peer.TxValidationCode.VALID && (this.txIndex.has(tx.txId) || seen.has(tx.txId)))
        code = peer.TxValidationCode.DUPLICATE_TXID;
      seen.add(tx.txId);
      if (code === peer.TxValidationCode.VALID && !tx.reads.every((r) => this.readStillValid(r, updates)))
        code = peer.TxValidationCode.MVCC_READ_CONFLICT;
      if (
        code === peer.TxValidationCode.VALID &&
        !tx.rangeQueries.every((q) => this.rangeStillValid(q, updates))
      )
        code = peer.TxValidationCode.PHANTOM_READ_CONFLICT;
      if (code === peer.TxValidationCode.VALID)
        for (const w of tx.writes) updates.set(w.key, w.value === null ? null : { block: number, tx: i });
      return {
        txId: tx.txId,
        creatorMspId: tx.creatorMspId,
        timestamp: tx.timestamp,
        chaincodeId: tx.chaincodeId,
        validationCode: code,
        writes: tx.writes,
        event: tx.event,
        envelope: Buffer.from(tx.envelope).toString("base64"),
      };
    });
    return this.append(this.newBlock(number, transactions));
  }

  close(): void {
    this.store.close();
  }

  private readStillValid(read: ReadRecord, updates: Map<string, Version | null>): boolean {
    // A key an earlier transaction of this block wrote is a conflict whatever version was read.
    if (updates.has(read.key)) return false;
    return sameVersion(this.state.get(read.key)?.version ?? null, read.version);
  }

  /**
   * Re-runs the range read against committed state plus the block's earlier updates, and compares key by
   * key and version by version (Fabric's rangeQueryResultsValidator): a key added, removed or changed in
   * the range since simulation is a phantom.
   */
  private rangeStillValid(query: RangeQueryRecord, updates: Map<string, Version | null>): boolean {
    const includeEnd = !query.itrExhausted;
    const inRange = (key: string) =>
      key >= query.startKey &&
      (query.endKey === "" || key < query.endKey || (includeEnd && key === query.endKey));
    const now = new Map<string, Version>();
    for (const [key, entry] of this.range(query.startKey, query.endKey)) now.set(key, entry.version);
    if (includeEnd && query.endKey !== "") {
      const last = this.state.get(query.endKey);
      if (last) now.set(query.endKey, last.version);
    }
    for (const [key, version] of updates) {
      if (!inRange(key)) continue;
      if (version === null) now.delete(key);
      else now.set(key, version);
    }
    const current = [...now.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (current.length !== query.reads.length) return false;
    return current.every(
      ([key, version], i) => query.reads[i]!.key === key && sameVersion(version, query.reads[i]!.version),
    );
  }

  private newBlock(number: number, transactions: StoredBlock["transactions"]): StoredBlock {
    const previousHash = number === 0 ? Buffer.alloc(0) : this.headerHashes[number - 1]!;
    const dataHash = blockDataHash(transactions.map((t) => Buffer.from(t.envelope, "base64")));
    return {
      format: 2,
      number,
      previousHash: previousHash.toString("hex"),
      dataHash: dataHash.toString("hex"),
      committedAt: new Date().toISOString(),
      transactions,
      signatures: Buffer.from(this.signBlock(number, previousHash, dataHash)).toString("base64"),
    };
  }

  private append(stored: StoredBlock): Block {
    // Durable before anyone hears of it: CommitStatus answers, and events go out, only after this.
    const block = this.apply(stored, this.store.append(stored));
    for (const listener of this.listeners) listener(block);
    return block;
  }

  /** Checks a stored block against the chain, applies it to state and history; returns what stays in memory. */
  private apply(stored: StoredBlock, at: LineAt): Block {
    const block: Block = {
      number: stored.number,
      previousHash: stored.previousHash,
      dataHash: stored.dataHash,
      committedAt: stored.committedAt,
      transactions: stored.transactions.map(({ envelope: _envelope, writes: _writes, ...tx }) => tx),
    };
    if (block.number !== this.blocks.length)
      throw new LedgerFormatError(
        `ledger: block ${block.number} out of order (height ${this.blocks.length})`,
      );
    const expectedPrevious = block.number === 0 ? "" : this.headerHashes[block.number - 1]!.toString("hex");
    if (block.previousHash !== expectedPrevious)
      throw new LedgerFormatError(`ledger: block ${block.number} does not chain to its predecessor`);
    const dataHash = blockDataHash(stored.transactions.map((t) => Buffer.from(t.envelope, "base64")));
    if (dataHash.toString("hex") !== block.dataHash)
      throw new LedgerFormatError(`ledger: block ${block.number}'s data does not match its data hash`);
    this.blocks.push(block);
    this.lines.push(at);
    this.headerHashes.push(
      blockHeaderHash(
        block.number,
        Buffer.from(block.previousHash, "hex"),
        Buffer.from(block.dataHash, "hex"),
      ),
    );
    stored.transactions.forEach((tx, i) => {
      // A tx id is indexed at its first commit; a later duplicate (DUPLICATE_TXID) does not replace it.
      if (!this.txIndex.has(tx.txId))
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
    return block;
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
