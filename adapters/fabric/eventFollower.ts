import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ChaincodeEvent, Checkpoint, Network } from "@hyperledger/fabric-gateway";
import type { ChangedSubject, NetworkChange } from "../../domain/networkAdapter.ts";
import type { CarrierEventPayload, CarrierEventSubject } from "../../wire/fabric/carrierContract.ts";

interface SavedCheckpoint {
  version: 1;
  /** Next block to read (Fabric's checkpointer convention), and the last transaction done in it. */
  blockNumber: string | null;
  transactionId: string | null;
  /** Committing transactions per B/L (the last 32), so facts can name their block. */
  latest: Record<string, [txId: string, block: string][]>;
}

/**
 * Follows the carrier chaincode's events from a checkpoint and resumes after a restart exactly where it
 * stopped: the checkpoint (block + last transaction, as Fabric's own checkpointers keep it) is saved
 * atomically together with the per-B/L index it feeds. A replay after a crash re-applies events it had
 * already applied, which changes nothing.
 */
export class CarrierEventFollower implements Checkpoint {
  private saved: SavedCheckpoint = { version: 1, blockNumber: null, transactionId: null, latest: {} };
  private readonly txBlocks = new Map<string, string>();
  private readonly listeners = new Set<(change: NetworkChange) => void>();
  private stopped = false;
  private current: { close(): void } | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  lastError: unknown = null;
  /** Highest block with an event seen, as a height hint. */
  lastBlock: bigint | null = null;

  constructor(
    private readonly network: Network,
    private readonly chaincode: string,
    private readonly name: string,
    private readonly file?: string,
    private readonly retryMs = 1000,
  ) {
    if (file && existsSync(file)) {
      this.saved = JSON.parse(readFileSync(file, "utf8")) as SavedCheckpoint;
      for (const txs of Object.values(this.saved.latest))
        for (const [txId, block] of txs) this.txBlocks.set(txId, block);
    }
  }

  getBlockNumber(): bigint | undefined {
    return this.saved.blockNumber === null ? undefined : BigInt(this.saved.blockNumber);
  }

  getTransactionId(): string | undefined {
    return this.saved.transactionId ?? undefined;
  }

  blockOf(txId: string): string | null {
    return this.txBlocks.get(txId) ?? null;
  }

  onChange(listener: (change: NetworkChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs until `stop()`, reconnecting from the checkpoint after a failure. */
  async start(startBlock = 0n): Promise<void> {
    this.stopped = false;
    void (async () => {
      while (!this.stopped) {
        try {
          const events = await this.network.getChaincodeEvents(this.chaincode, {
            checkpoint: this,
            startBlock,
          });
          this.current = events;
          this.lastError = null;
          for await (const event of events) this.apply(event);
        } catch (error) {
          if (this.stopped) break;
          this.lastError = error;
        } finally {
          this.current = null;
        }
        if (!this.stopped) await new Promise((r) => setTimeout(r, this.retryMs));
      }
    })();
  }

  stop(): void {
    this.stopped = true;
    this.current?.close();
    this.flush();
  }

  private apply(event: ChaincodeEvent): void {
    const block = event.blockNumber.toString();
    const subjects = eventSubjects(event.payload);
    for (const { blNo } of subjects) {
      if (!blNo) continue;
      const txs = (this.saved.latest[blNo] ??= []);
      if (!txs.some(([t]) => t === event.transactionId)) txs.push([event.transactionId, block]);
      if (txs.length > 32) this.txBlocks.delete(txs.shift()![0]);
      this.txBlocks.set(event.transactionId, block);
    }
    this.lastBlock = event.blockNumber;
    // Checkpoint convention: the event's block is not done until the next block starts.
    this.saved.blockNumber = block;
    this.saved.transactionId = event.transactionId;
    this.scheduleSave();
    const changed: ChangedSubject[] = [];
    for (const { blNo, bookingNo, documentHash } of subjects) {
      if (blNo) changed.push({ kind: "shipment", reference: blNo });
      if (bookingNo) changed.push({ kind: "booking", bookingNumber: bookingNo });
      if (documentHash) changed.push({ kind: "document", documentHash });
    }
    const change: NetworkChange = {
      network: this.name,
      subjects: changed,
      blockNumber: block,
      transactionId: event.transactionId,
    };
    for (const listener of this.listeners) listener(change);
  }

  private scheduleSave(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 100);
    this.saveTimer.unref();
  }

  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.saved));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

type EventSubject = CarrierEventSubject;

/**
 * The B/Ls an event is about. Fabric keeps one event per transaction, so a bulk transaction
 * (ShipmentsCreated, ShipmentMilestonesAdded, ReleasesUpdated) lists in `shipments` what each
 * single-shipment event would have said.
 */
export function eventSubjects(payload: Uint8Array): EventSubject[] {
  try {
    const parsed = JSON.parse(Buffer.from(payload).toString()) as CarrierEventPayload;
    if ("shipments" in parsed && Array.isArray(parsed.shipments))
      return parsed.shipments.filter((s): s is EventSubject => typeof s === "object" && s !== null);
    return [parsed as EventSubject];
  } catch {
    // an event this adapter does not understand still advances the checkpoint
    return [];
  }
}
