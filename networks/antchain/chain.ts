import { JsonLinesFile } from "../../core/jsonLinesFile.ts";
import { sha256Hex } from "../../wire/antchain/canonicalJson.ts";
import { merkleRoot } from "../../wire/antchain/merkle.ts";
import {
  decodePortCall,
  encodeOutputs,
  encodePortLog,
  encodeRevert,
  PORT_CONTRACT_NAME,
} from "../../wire/antchain/portContract.ts";
import {
  GENESIS_PARENT,
  headerHashOf,
  identityOf,
  RECEIPT_RESULT,
  receiptHashOf,
  txHashOf,
  type BlockBody,
  type BlockHeader,
  type ChainReceipt,
  type ChainTransaction,
} from "../../wire/antchain/records.ts";
import { ContractError, PortLogisticsContract } from "./portContract.ts";

/**
 * The REST layer's record of a client order, kept beside each transaction (not part of the chain's
 * hashes): who placed it and a digest of its parameters, so a repeated orderId is recognised after a
 * restart and an orderId reused for different parameters is refused.
 */
export interface OrderEntry {
  tenant: string;
  orderId: string;
  request: string;
}

/** One line of the block file. */
export interface StoredBlock extends BlockBody {
  orders: OrderEntry[];
}

/** One line of the pending file: a transaction accepted (its hash answered) and not yet in a block. */
interface PendingEntry {
  tx: ChainTransaction;
  order: OrderEntry;
}

/** A contract call as the REST layer hands it to the chain. */
export interface SubmittedCall {
  order: OrderEntry;
  /** Identity of the sending account. */
  from: string;
  /** Identity of the contract. */
  to: string;
  gas: number;
  /** ABI call data, 0x hex. */
  data: `0x${string}`;
}

/** The orderId was used before by the same tenant with other parameters. */
export class OrderConflictError extends Error {}

export interface PortChainOptions {
  /** Accounts the port contract accepts writes from. */
  writers: readonly string[];
  /** How long a transaction waits for others to share its block. @default 20 */
  batchTimeoutMs?: number;
}

const CONTRACT_ID = identityOf(PORT_CONTRACT_NAME);

/**
 * The port network's chain: blocks hash-chained, each with Merkle roots of its transactions and its
 * receipts, committed blocks final (consortium finality), kept as one JSON line per block and replayed
 * through the contract at start, every receipt re-derived and compared.
 *
 * Durability, for kill -9 at any moment: a transaction's hash is answered only once the transaction is
 * in the pending file on disk (fsync), and a block is visible (receipts answered) only once its line is
 * on disk. At start a torn last line of either file is dropped, and pending transactions not yet in a
 * block are sealed into the next one, so nothing a client was told is lost.
 */
export class PortChain {
  readonly contract: PortLogisticsContract;
  private readonly blocks: StoredBlock[] = [];
  private readonly txIndex = new Map<string, { block: number; index: number }>();
  private readonly orders = new Map<string, { hash: string; request: string }>();
  private readonly pending: PendingEntry[] = [];
  private readonly blockFile: JsonLinesFile<StoredBlock>;
  private readonly pendingFile: JsonLinesFile<PendingEntry>;
  private readonly batchTimeoutMs: number;
  private timer: NodeJS.Timeout | null = null;
  /** Bytes cut off torn last lines at start (0 after a clean stop). */
  readonly tornBytes: number;

  constructor(file: string, options: PortChainOptions) {
    this.contract = new PortLogisticsContract(options.writers);
    this.batchTimeoutMs = options.batchTimeoutMs ?? 20;
    const blocks = JsonLinesFile.open<StoredBlock>(file);
    this.blockFile = blocks.file;
    for (const block of blocks.records) this.replay(block);
    const pending = JsonLinesFile.open<PendingEntry>(file.replace(/\.blocks\.jsonl$/, "") + ".pending.jsonl");
    this.pendingFile = pending.file;
    this.tornBytes = blocks.tornBytes + pending.tornBytes;
    if (this.blocks.length === 0) this.append([], Date.now());
    // Accepted before a crash, never sealed: they go into the next block, as promised.
    const unsealed = pending.records.filter((p) => !this.txIndex.has(p.tx.hash));
    for (const p of unsealed) {
      this.orders.set(orderKey(p.order), { hash: p.tx.hash, request: p.order.request });
      this.pending.push(p);
    }
    this.cut();
  }

  get height(): number {
    return this.blocks.length - 1;
  }

  header(number: number): BlockHeader | undefined {
    return this.blocks[number]?.header;
  }

  block(number: number): BlockBody | undefined {
    const block = this.blocks[number];
    return block && { header: block.header, transactions: block.transactions, receipts: block.receipts };
  }

  transaction(hash: string): { tx: ChainTransaction; blockNumber: number } | undefined {
    const at = this.txIndex.get(hash);
    return at && { tx: this.blocks[at.block]!.transactions[at.index]!, blockNumber: at.block };
  }

  receipt(hash: string): ChainReceipt | undefined {
    const at = this.txIndex.get(hash);
    return at && this.blocks[at.block]!.receipts[at.index];
  }

  txHashForOrder(tenant: string, orderId: string): string | undefined {
    return this.orders.get(orderKey({ tenant, orderId }))?.hash;
  }

  isPending(hash: string): boolean {
    return this.pending.some((p) => p.tx.hash === hash);
  }

  /**
   * Accepts a contract call for the next block and answers its hash once it is durable. An orderId the
   * tenant used before answers the first call's hash and writes nothing (idempotent submission), unless
   * its parameters differ.
   */
  submit(call: SubmittedCall): { hash: string; duplicate: boolean } {
    const existing = this.orders.get(orderKey(call.order));
    if (existing) {
      if (existing.request !== call.order.request)
        throw new OrderConflictError(`orderId ${call.order.orderId} was used for a different request`);
      return { hash: existing.hash, duplicate: true };
    }
    const body: Omit<ChainTransaction, "hash"> = {
      timestamp: Date.now(),
      nonce: sha256Hex(`${call.order.tenant}\n${call.order.orderId}`),
      from: call.from,
      to: call.to,
      gas: call.gas,
      data: Buffer.from(call.data.slice(2), "hex").toString("base64"),
    };
    const entry = { tx: { ...body, hash: txHashOf(body) }, order: call.order };
    this.pendingFile.append([entry], { sync: true });
    this.orders.set(orderKey(call.order), { hash: entry.tx.hash, request: call.order.request });
    this.pending.push(entry);
    this.timer ??= setTimeout(() => this.cut(), this.batchTimeoutMs);
    return { hash: entry.tx.hash, duplicate: false };
  }

  /** A local call: executed against the current state, nothing kept. Answers the ABI-encoded outputs (base64). */
  call(from: string, to: string, data: `0x${string}`): string {
    if (to !== CONTRACT_ID) throw new ContractError(`no contract at ${to}`);
    const call = decodePortCall(data);
    if (!call)
      throw new ContractError(`${PORT_CONTRACT_NAME} has no function with selector ${data.slice(0, 10)}`);
    return encodeOutputs(call.fn, this.contract.simulate(from, call.signature, call.args));
  }

  /** Seals the pending transactions into a block now. */
  cut(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const entries = this.pending.splice(0, this.pending.length);
    if (entries.length === 0) return;
    this.append(
      entries.map((e) => e.tx),
      Date.now(),
      entries.map((e) => e.order),
    );
    // Every accepted transaction is now in a durable block: the pending file starts over.
    this.pendingFile.clear();
  }

  close(): void {
    this.cut();
    this.blockFile.close();
    this.pendingFile.close();
  }

  private append(transactions: ChainTransaction[], timestamp: number, orders: OrderEntry[] = []): void {
    const number = this.blocks.length;
    const receipts = transactions.map((tx, index) => this.run(tx, number, index));
    const body: Omit<BlockHeader, "hash"> = {
      number,
      parentHash: this.blocks[number - 1]?.header.hash ?? GENESIS_PARENT,
      timestamp,
      transactionRoot: merkleRoot(transactions.map((t) => t.hash)),
      receiptRoot: merkleRoot(receipts.map(receiptHashOf)),
      transactionCount: transactions.length,
    };
    const block: StoredBlock = {
      header: { ...body, hash: headerHashOf(body) },
      transactions,
      receipts,
      orders,
    };
    // On disk before any receipt of it is answered.
    this.blockFile.append([block], { sync: true });
    this.index(block);
  }

  private replay(block: StoredBlock): void {
    const n = block.header.number;
    const problem = this.check(block);
    if (problem) throw new Error(`port chain: block ${n} ${problem}; the block file is damaged`);
    block.transactions.forEach((tx, i) => {
      const receipt = this.run(tx, n, i);
      if (receiptHashOf(receipt) !== receiptHashOf(block.receipts[i]!))
        throw new Error(`port chain: replay of ${tx.hash} in block ${n} diverged from its receipt`);
      const order = block.orders[i];
      if (order) this.orders.set(orderKey(order), { hash: tx.hash, request: order.request });
    });
    this.index(block);
  }

  /** What is wrong with a stored block, or null. */
  private check(block: StoredBlock): string | null {
    const { hash, ...body } = block.header;
    if (block.header.number !== this.blocks.length) return "is out of order";
    if (headerHashOf(body) !== hash) return "does not hash to its header's hash";
    const parent = this.blocks[block.header.number - 1]?.header.hash ?? GENESIS_PARENT;
    if (block.header.parentHash !== parent) return "does not link to its parent";
    if (block.transactions.some((tx) => txHashOf(tx) !== tx.hash))
      return "holds a transaction whose hash is wrong";
    if (merkleRoot(block.transactions.map((t) => t.hash)) !== block.header.transactionRoot)
      return "does not match its transaction root";
    if (merkleRoot(block.receipts.map(receiptHashOf)) !== block.header.receiptRoot)
      return "does not match its receipt root";
    return null;
  }

  private index(block: StoredBlock): void {
    this.blocks.push(block);
    block.transactions.forEach((tx, index) =>
      this.txIndex.set(tx.hash, { block: block.header.number, index }),
    );
  }

  /** Executes a transaction; deterministic in the transaction, its block and its position. */
  private run(tx: ChainTransaction, blockNumber: number, index: number): ChainReceipt {
    const data = `0x${Buffer.from(tx.data, "base64").toString("hex")}` as const;
    // Intrinsic gas only (a base and 16 per call data byte): known before execution, so the limit is
    // checked before anything changes.
    const gasUsed = 21_000 + 16 * ((data.length - 2) / 2);
    const receipt = { txHash: tx.hash, blockNumber, index, gasUsed, logs: [] };
    if (tx.gas > 0 && gasUsed > tx.gas)
      return { ...receipt, result: RECEIPT_RESULT.OUT_OF_GAS, output: encodeRevert("out of gas") };
    try {
      if (tx.to !== CONTRACT_ID) throw new ContractError(`no contract at ${tx.to}`);
      const call = decodePortCall(data);
      if (!call)
        throw new ContractError(`${PORT_CONTRACT_NAME} has no function with selector ${data.slice(0, 10)}`);
      const { returns, events } = this.contract.execute(tx.from, call.signature, call.args, {
        txHash: tx.hash,
        blockNumber,
      });
      return {
        ...receipt,
        result: RECEIPT_RESULT.SUCCESS,
        output: encodeOutputs(call.fn, returns),
        logs: events.map((e) => encodePortLog(e, CONTRACT_ID)),
      };
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      return { ...receipt, result: RECEIPT_RESULT.REVERTED, output: encodeRevert(error.message) };
    }
  }
}

const orderKey = (o: { tenant: string; orderId: string }) => `${o.tenant}\n${o.orderId}`;
