import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { canonicalJson, merkleProof, merkleRoot, sha256Hex, type MerkleStep } from "./hashing.ts";
import { ContractError, PortLogisticsContract } from "./portContract.ts";

export interface ChainTransaction {
  hash: string;
  orderId: string;
  /** sha256 of the sending account's name. */
  from: string;
  /** sha256 of the contract's name. */
  to: string;
  method: string;
  requestStr: string;
  timestamp: number;
}

export interface ChainReceipt {
  txHash: string;
  blockNumber: number;
  index: number;
  /** 0 success; otherwise the contract failed and `output` says why. */
  result: number;
  gasUsed: number;
  output: string;
  logs: { topic: string; data: string }[];
}

export interface BlockHeader {
  number: number;
  parentHash: string;
  hash: string;
  timestamp: number;
  transactionRoot: string;
  receiptRoot: string;
  transactionCount: number;
}

export interface StoredBlock {
  header: BlockHeader;
  transactions: ChainTransaction[];
  receipts: ChainReceipt[];
}

export const txHashOf = (tx: Omit<ChainTransaction, "hash">) => sha256Hex(canonicalJson(tx));
export const receiptHashOf = (r: ChainReceipt) => sha256Hex(canonicalJson(r));

/**
 * The port network's chain: blocks hash-chained, each with Merkle roots of its transactions and its
 * receipts (so a receipt can be proven to sit in its block), committed blocks final (consortium
 * finality), persisted as one JSON line per block and replayed through the contract at start.
 */
export class PortChain {
  readonly contract = new PortLogisticsContract();
  private readonly blocks: StoredBlock[] = [];
  private readonly txIndex = new Map<string, { block: number; index: number }>();
  private readonly orders = new Map<string, string>();
  private readonly pending: ChainTransaction[] = [];
  private timer: NodeJS.Timeout | null = null;
  readonly contracts = new Map<string, string>([
    [sha256Hex(PortLogisticsContract.NAME), PortLogisticsContract.NAME],
  ]);

  constructor(
    private readonly file: string,
    private readonly batchTimeoutMs = 20,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file))
      for (const line of readFileSync(file, "utf8").split("\n"))
        if (line.trim()) this.replay(JSON.parse(line) as StoredBlock);
    if (this.blocks.length === 0) this.append([], Date.now());
  }

  get height(): number {
    return this.blocks.length - 1;
  }

  header(number: number): BlockHeader | undefined {
    return this.blocks[number]?.header;
  }

  block(number: number): StoredBlock | undefined {
    return this.blocks[number];
  }

  transaction(hash: string): ChainTransaction | undefined {
    const at = this.txIndex.get(hash);
    return at ? this.blocks[at.block]!.transactions[at.index] : undefined;
  }

  receipt(hash: string): (ChainReceipt & { proof: MerkleStep[]; receiptHash: string }) | undefined {
    const at = this.txIndex.get(hash);
    if (!at) return undefined;
    const block = this.blocks[at.block]!;
    const receipt = block.receipts[at.index]!;
    return {
      ...receipt,
      receiptHash: receiptHashOf(receipt),
      proof: merkleProof(block.receipts.map(receiptHashOf), at.index),
    };
  }

  txHashForOrder(orderId: string): string | undefined {
    return this.orders.get(orderId);
  }

  isPending(hash: string): boolean {
    return this.pending.some((t) => t.hash === hash);
  }

  /**
   * Accepts a contract call for the next block. An orderId already seen returns the first call's
   * transaction hash and writes nothing (idempotent submission).
   */
  submit(input: { orderId: string; from: string; to: string; method: string; requestStr: string }): {
    hash: string;
    duplicate: boolean;
  } {
    const existing = this.orders.get(input.orderId);
    if (existing) return { hash: existing, duplicate: true };
    const body = { ...input, timestamp: Date.now() };
    const tx: ChainTransaction = { ...body, hash: txHashOf(body) };
    this.orders.set(input.orderId, tx.hash);
    this.pending.push(tx);
    this.timer ??= setTimeout(() => this.cut(), this.batchTimeoutMs);
    return { hash: tx.hash, duplicate: false };
  }

  /** Seals the pending transactions into a block now. */
  cut(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const txs = this.pending.splice(0, this.pending.length);
    if (txs.length > 0) this.append(txs, Date.now());
  }

  private append(transactions: ChainTransaction[], timestamp: number): void {
    const number = this.blocks.length;
    const receipts = transactions.map((tx, index) => this.run(tx, number, index));
    const parent = this.blocks[number - 1]?.header;
    const headerBody = {
      number,
      parentHash: parent?.hash ?? "0".repeat(64),
      timestamp,
      transactionRoot: merkleRoot(transactions.map((t) => t.hash)),
      receiptRoot: merkleRoot(receipts.map(receiptHashOf)),
      transactionCount: transactions.length,
    };
    const block: StoredBlock = {
      header: { ...headerBody, hash: sha256Hex(canonicalJson(headerBody)) },
      transactions,
      receipts,
    };
    appendFileSync(this.file, `${JSON.stringify(block)}\n`);
    this.index(block);
  }

  private replay(block: StoredBlock): void {
    if (block.header.number !== this.blocks.length)
      throw new Error(`port chain: block ${block.header.number} out of order`);
    const { hash, ...body } = block.header;
    if (sha256Hex(canonicalJson(body)) !== hash)
      throw new Error(`port chain: block ${block.header.number} hash mismatch`);
    if (
      block.header.number > 0 &&
      block.header.parentHash !== this.blocks[block.header.number - 1]!.header.hash
    )
      throw new Error(`port chain: block ${block.header.number} does not chain`);
    block.transactions.forEach((tx, i) => {
      const receipt = this.run(tx, block.header.number, i);
      if (receipt.result !== block.receipts[i]?.result)
        throw new Error(`port chain: replay of ${tx.hash} diverged`);
      this.orders.set(tx.orderId, tx.hash);
    });
    this.index(block);
  }

  private index(block: StoredBlock): void {
    this.blocks.push(block);
    block.transactions.forEach((tx, index) =>
      this.txIndex.set(tx.hash, { block: block.header.number, index }),
    );
  }

  private run(tx: ChainTransaction, blockNumber: number, index: number): ChainReceipt {
    try {
      if (this.contracts.get(tx.to) !== PortLogisticsContract.NAME)
        throw new ContractError(`no contract at ${tx.to}`);
      const args = JSON.parse(tx.requestStr) as unknown[];
      const { output, logs } = this.contract.execute(tx.method, args, { txHash: tx.hash, blockNumber });
      return {
        txHash: tx.hash,
        blockNumber,
        index,
        result: 0,
        gasUsed: 21_000 + tx.requestStr.length * 16,
        output,
        logs,
      };
    } catch (error) {
      const message =
        error instanceof ContractError || error instanceof SyntaxError
          ? error.message
          : "contract execution failed";
      return {
        txHash: tx.hash,
        blockNumber,
        index,
        result: 10_201,
        gasUsed: 21_000,
        output: message,
        logs: [],
      };
    }
  }
}
