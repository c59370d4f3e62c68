import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import type { Address, Hex } from "viem";
import type { IndexedTransfer } from "./transfers.ts";

export interface TitleCheckpoint {
  version: 1;
  chainId: number;
  genesisHash: Hex;
  factory: Address;
  /** Last block fully processed, and its hash (a different hash there means the chain was reset). */
  block: string;
  blockHash: Hex;
  escrows: Record<string, EscrowToken>;
  transfers: Record<string, IndexedTransfer[]>;
  /**
   * Durable consumers (the verification cache's evictions) have acknowledged every change up to this
   * block; changes above it are delivered again after a restart. Absent in older checkpoints: nothing
   * owed.
   */
  deliveredThrough?: string;
  /** Changes owed that no indexed transfer remembers (a reorganisation's rolled-back titles), by title id. */
  owed?: Record<string, OwedTitleChange>;
}

/** A rolled-back title's change, owed to durable consumers until they take it. */
export interface OwedTitleChange {
  registry: string;
  documentHash: string;
  /** Reads pinned below this height may have seen the orphaned branch. */
  height: string;
}

/** The token an escrow holds, and the block its escrow was created in (to roll back a reorganisation). */
export interface EscrowToken {
  registry: Address;
  documentHash: Hex;
  block?: string;
}

/** What one catch-up pass added, appended to the journal as it is. */
export type TitleJournalEntry =
  | { escrow: string; token: EscrowToken }
  | { token: string; transfer: IndexedTransfer }
  | { block: string; blockHash: Hex }
  | { deliveredThrough: string; settled: string[] };

/** The journal is folded into the snapshot once it outgrows it (and at least this size). */
const MIN_COMPACT_BYTES = 1 << 20;

/**
 * The title index's checkpoint as a snapshot plus an append-only journal (`<file>.journal`, JSON lines).
 * A pass appends only what it added and the block it reached, so following a chain costs a few bytes
 * per block however many titles the index holds; rewriting the whole index on every block (1 s apart)
 * cost 70 ms at 10k shipments and grew with the chain. Every entry is idempotent, so a journal replayed
 * over a newer snapshot (a crash between the two writes of a compaction) changes nothing, and a torn last
 * line (a crash mid-append) is dropped: that pass is read from the chain again.
 */
export class TitleCheckpointStore {
  private readonly journal: string;
  private journalBytes = 0;
  private snapshotBytes = 0;

  constructor(private readonly file: string) {
    this.journal = `${file}.journal`;
  }

  /** The snapshot with the journal replayed over it; null when there is no snapshot. */
  load(): TitleCheckpoint | null {
    if (!existsSync(this.file)) return null;
    const raw = readFileSync(this.file, "utf8");
    this.snapshotBytes = raw.length;
    let state: TitleCheckpoint;
    try {
      state = JSON.parse(raw) as TitleCheckpoint;
    } catch {
      return null; // unreadable: the index is rebuilt from the chain, which is the record
    }
    migrateOwed(state);
    if (!existsSync(this.journal)) return state;
    const lines = readFileSync(this.journal, "utf8").split("\n");
    this.journalBytes = 0;
    for (const line of lines) {
      if (!line) continue;
      let entry: TitleJournalEntry;
      try {
        entry = JSON.parse(line) as TitleJournalEntry;
      } catch {
        break; // torn by a crash mid-append: nothing after it was written either
      }
      this.journalBytes += line.length + 1;
      applyJournalEntry(state, entry);
    }
    return state;
  }

  /** Appends one pass; folds the journal into a new snapshot when it has grown past the snapshot. */
  append(entries: readonly TitleJournalEntry[], state: TitleCheckpoint): void {
    mkdirSync(dirname(this.file), { recursive: true });
    if (!existsSync(this.file)) return this.compact(state);
    const text = entries.map((e) => `${JSON.stringify(e)}\n`).join("");
    appendFileSync(this.journal, text);
    this.journalBytes += text.length;
    if (this.journalBytes > Math.max(this.snapshotBytes, MIN_COMPACT_BYTES)) this.compact(state);
  }

  /** Writes the whole state as the snapshot (write-then-rename, never torn) and empties the journal. */
  compact(state: TitleCheckpoint): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const text = JSON.stringify(state);
    writeFileSync(`${this.file}.tmp`, text);
    renameSync(`${this.file}.tmp`, this.file);
    writeFileSync(this.journal, "");
    this.snapshotBytes = text.length;
    this.journalBytes = 0;
  }

  /** Sizes on disk, for tests and diagnostics. */
  sizes(): { snapshot: number; journal: number } {
    const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
    return { snapshot: size(this.file), journal: size(this.journal) };
  }
}

/**
 * Checkpoints written before title changes were typed keyed `owed` by `title:<registry>:<hash>` with the
 * height as the value: read once into the typed form (the only place such a key is taken apart).
 */
function migrateOwed(state: TitleCheckpoint): void {
  if (!state.owed) return;
  for (const [key, value] of Object.entries(state.owed as Record<string, OwedTitleChange | string>)) {
    if (typeof value !== "string") continue;
    delete state.owed[key];
    const [, registry, documentHash] = key.split(":");
    if (registry && documentHash)
      state.owed[`${registry}:${documentHash}`] = { registry, documentHash, height: value };
  }
}

/** Applies one journal entry; applying it twice, or after a newer snapshot, changes nothing. */
export function applyJournalEntry(state: TitleCheckpoint, entry: TitleJournalEntry): void {
  if ("escrow" in entry) {
    state.escrows[entry.escrow] ??= entry.token;
  } else if ("transfer" in entry) {
    const list = (state.transfers[entry.token] ??= []);
    if (!list.some((t) => t.transactionHash === entry.transfer.transactionHash)) list.push(entry.transfer);
  } else if ("deliveredThrough" in entry) {
    if (BigInt(entry.deliveredThrough) > BigInt(state.deliveredThrough ?? "-1"))
      state.deliveredThrough = entry.deliveredThrough;
    for (const key of entry.settled) if (state.owed) delete state.owed[key];
  } else if (BigInt(entry.block) > BigInt(state.block)) {
    state.block = entry.block;
    state.blockHash = entry.blockHash;
  }
}
