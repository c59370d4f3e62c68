import { Poller } from "../../core/poller.ts";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { NetworkError } from "../../core/errors.ts";
import type { NetworkChange } from "../../core/networkAdapter.ts";
import { normalizeBillNo, normalizeContainerNo } from "./mappings.ts";
import { merkleRoot, receiptHash } from "./merkle.ts";
import type { NativeBlockHeader, NativeReceipt } from "./nativeTypes.ts";
import type { BaasRestClient } from "./restClient.ts";

interface Checkpoint {
  version: 1;
  bizid: string;
  /** Last block processed and verified, and its hash (a different hash there means the chain changed). */
  height: number;
  hash: string;
}

/**
 * Follows new blocks (QUERYLASTBLOCK, then QUERYBLOCKBODY for each) from a checkpoint. Before a block
 * counts, its body is checked against its header: the transactions and receipts must hash to the
 * header's Merkle roots and the header must chain to the previous one; every fact in a checked block is
 * reported as proven. Resumes after a restart from the checkpoint, without gaps; a replayed block emits
 * changes its consumers have already applied, which changes nothing.
 */
export class PortBlockFollower {
  private checkpoint: Checkpoint | null = null;
  private readonly poller: Poller;
  private readonly listeners = new Set<(change: NetworkChange) => void>();
  lastError: unknown = null;
  head: number | null = null;

  constructor(
    private readonly client: BaasRestClient,
    private readonly name: string,
    private readonly bizid: string,
    private readonly file?: string,
    pollIntervalMs = 500,
  ) {
    this.poller = new Poller(() => this.sync(), pollIntervalMs);
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, "utf8")) as Checkpoint;
      if (saved.version === 1 && saved.bizid === bizid) this.checkpoint = saved;
    }
  }

  get verifiedHeight(): number {
    return this.checkpoint?.height ?? -1;
  }

  onChange(listener: (change: NetworkChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    await this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  syncOnce(): Promise<void> {
    return this.poller.runOnce();
  }

  private async sync(): Promise<void> {
    try {
      const head = JSON.parse(
        await this.client.call("/api/contract/chainCall", { method: "QUERYLASTBLOCK" }, true),
      ) as NativeBlockHeader;
      this.head = head.number;
      if (this.checkpoint) {
        const at = await this.header(this.checkpoint.height).catch(() => null);
        if (!at || at.hash !== this.checkpoint.hash) this.checkpoint = null; // the chain under us changed: start over
      }
      let previousHash = this.checkpoint?.hash ?? null;
      for (let n = (this.checkpoint?.height ?? -1) + 1; n <= head.number; n++) {
        const body = JSON.parse(
          await this.client.call(
            "/api/contract/chainCall",
            { method: "QUERYBLOCKBODY", requestStr: String(n) },
            true,
          ),
        ) as { header: NativeBlockHeader; transactions: { hash: string }[]; receipts: NativeReceipt[] };
        const { header } = body;
        const txRoot = merkleRoot(body.transactions.map((t) => t.hash));
        const receiptRoot = merkleRoot(
          body.receipts.map((r) => receiptHash(r as unknown as Record<string, unknown>)),
        );
        if (
          header.number !== n ||
          txRoot !== header.transactionRoot ||
          receiptRoot !== header.receiptRoot ||
          (previousHash !== null && header.parentHash !== previousHash)
        ) {
          throw new NetworkError(
            this.name,
            `Block ${n} of ${this.name} does not match its header's Merkle roots or parent; refusing to index it`,
          );
        }
        for (const receipt of body.receipts) this.emit(receipt, n);
        this.checkpoint = { version: 1, bizid: this.bizid, height: n, hash: header.hash };
        previousHash = header.hash;
        this.save();
      }
      this.lastError = null;
    } catch (error) {
      this.lastError = error;
      throw error;
    }
  }

  private async header(n: number): Promise<NativeBlockHeader> {
    return JSON.parse(
      await this.client.call(
        "/api/contract/chainCall",
        { method: "QUERYBLOCK", requestStr: String(n) },
        true,
      ),
    ) as NativeBlockHeader;
  }

  private emit(receipt: NativeReceipt, blockNumber: number): void {
    if (receipt.result !== 0) return;
    const keys = new Set<string>();
    for (const log of receipt.logs) {
      try {
        const data = JSON.parse(log.data) as { billNo?: string; ctnNo?: string; callNo?: string };
        if (data.billNo) keys.add(`shipment:${normalizeBillNo(data.billNo)}`);
        if (data.ctnNo) keys.add(`equipment:${normalizeContainerNo(data.ctnNo)}`);
        if (data.callNo) keys.add(`portcall:${data.callNo}`);
      } catch {
        // a log this adapter does not understand still counts as seen
      }
    }
    const change: NetworkChange = {
      network: this.name,
      keys: [...keys],
      blockNumber: String(blockNumber),
      transactionId: receipt.txHash,
    };
    for (const listener of this.listeners) listener(change);
  }

  private save(): void {
    if (!this.file || !this.checkpoint) return;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.checkpoint));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
