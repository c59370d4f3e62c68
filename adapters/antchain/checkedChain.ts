import { rmSync } from "node:fs";
import { CorruptJsonLinesError, JsonLinesFile } from "../../core/jsonLinesFile.ts";
import { merkleRoot } from "../../wire/antchain/merkle.ts";
import {
  decodePortCall,
  digestOf,
  writeDigest,
  writesOfCall,
  type WriteDigest,
} from "../../wire/antchain/portContract.ts";
import {
  headerHashOf,
  identityOf,
  receiptHashOf,
  txHashOf,
  type BlockBody,
  type BlockHeader,
  type RecordKind,
  type Written,
} from "../../wire/antchain/records.ts";

/** A block the adapter has checked, as it keeps it: the header and, per transaction, what it committed to. */
interface CheckedBlock {
  header: BlockHeader;
  txs: CheckedTx[];
}

interface CheckedTx {
  hash: string;
  /** The receipt's hash: the leaf under the header's receipt root. */
  receipt: string;
  /** The receipt says the call succeeded. */
  ok: boolean;
  /** What the call wrote, decoded from its call data. */
  writes: WriteDigest[];
}

interface FileHeader {
  version: 2;
  bizid: string;
  anchor: { number: number; hash: string };
}

type Line = FileHeader | CheckedBlock;

/** A block that does not belong in the checked chain, and why. */
export class ChainCheckError extends Error {}

/**
 * The header chain the adapter has checked itself, from a trusted checkpoint (the anchor) on: each
 * header's hash recomputed from its fields, each linked to its parent by hash, each block's transactions
 * re-hashed and its transaction and receipt roots recomputed from the block body. For every transaction
 * it keeps the receipt's hash and, decoded from the call data, a digest of each record the call wrote.
 *
 * `proves` then holds a fact to the chain: its transaction is in a checked block, its receipt says it
 * succeeded, and the values the contract reports for it are the values that transaction wrote. There are
 * no validator signatures in this chain's headers to check; a chain served consistently by a dishonest
 * node from the anchor on would pass.
 *
 * Kept as JSON lines (a header line, then one line per block); on load every line is checked again
 * (hashes, links, roots over the kept leaves). A file that fails, or that belongs to another chain or
 * anchor, is dropped and the chain is checked again from the network.
 */
export class CheckedChain {
  private readonly blocks: CheckedBlock[] = [];
  private readonly txIndex = new Map<string, { block: number; index: number }>();
  private anchor: { number: number; hash: string } | null;
  private file: JsonLinesFile<Line> | null = null;
  private readonly unsaved: Line[] = [];
  private readonly writeGroups = new WeakMap<
    CheckedTx,
    Map<RecordKind, { keys: string[]; digests: Set<string> }[]>
  >();
  private readonly contractId: string;

  constructor(
    private readonly bizid: string,
    contractName: string,
    trusted?: { number: number; hash: string },
    path?: string,
  ) {
    this.contractId = identityOf(contractName);
    this.anchor = trusted ?? null;
    if (path) this.load(path, trusted);
  }

  /** The last checked block, or null before the first. */
  get tip(): { number: number; hash: string } | null {
    const last = this.blocks.at(-1);
    return last ? { number: last.header.number, hash: last.header.hash } : null;
  }

  /** The number of the first block to check: the anchor's, or genesis when trusting on first use. */
  get start(): number {
    return this.anchor?.number ?? 0;
  }

  header(number: number): BlockHeader | undefined {
    return this.blocks[number - this.start]?.header;
  }

  /**
   * Checks a block body against the chain so far and adds it. Throws ChainCheckError, adding nothing,
   * when its header does not hash to its hash, does not follow the tip (or is not the anchor), or when a
   * transaction's hash or either root does not match the body.
   */
  extend(body: BlockBody): void {
    const { header } = body;
    const { hash, ...fields } = header;
    const n = header.number;
    const fail = (why: string) => new ChainCheckError(`block ${n} ${why}`);
    if (headerHashOf(fields) !== hash) throw fail("does not hash to its header's hash");
    const tip = this.tip;
    if (tip) {
      if (n !== tip.number + 1) throw fail(`is not the block after ${tip.number}`);
      if (header.parentHash !== tip.hash) throw fail(`does not link to block ${tip.number}'s hash`);
    } else if (n !== this.start) {
      throw fail(`is not the trusted checkpoint ${this.start}`);
    } else if (this.anchor && this.anchor.hash !== hash) {
      throw fail(`is not the trusted checkpoint: its hash is ${hash}, not ${this.anchor.hash}`);
    }
    if (
      body.transactions.length !== header.transactionCount ||
      body.receipts.length !== body.transactions.length
    )
      throw fail("does not hold as many transactions and receipts as its header says");
    if (body.transactions.some((tx) => txHashOf(tx) !== tx.hash))
      throw fail("holds a transaction whose hash is wrong");
    if (merkleRoot(body.transactions.map((t) => t.hash)) !== header.transactionRoot)
      throw fail("does not match its transaction root");
    const receipts = body.receipts.map(receiptHashOf);
    if (merkleRoot(receipts) !== header.receiptRoot) throw fail("does not match its receipt root");
    const txs = body.transactions.map((tx, i): CheckedTx => {
      const receipt = body.receipts[i]!;
      if (receipt.txHash !== tx.hash || receipt.blockNumber !== n || receipt.index !== i)
        throw fail(`has receipt ${i} for another transaction`);
      const ok = receipt.result === 0;
      const call =
        ok && tx.to === this.contractId
          ? decodePortCall(`0x${Buffer.from(tx.data, "base64").toString("hex")}`)
          : null;
      return {
        hash: tx.hash,
        receipt: receipts[i]!,
        ok,
        writes: call ? writesOfCall(call.signature, call.args).map((w) => writeDigest(w.kind, w.fields)) : [],
      };
    });
    if (!tip) {
      this.anchor = { number: n, hash };
      this.unsaved.push({ version: 2, bizid: this.bizid, anchor: this.anchor });
    }
    this.add({ header, txs });
  }

  /** Writes the blocks checked since the last save. */
  save(): void {
    if (!this.file) return;
    this.file.append(this.unsaved.splice(0), { sync: false });
  }

  /**
   * True when `record` (a fact as the contract reports it, with its transaction and block) is held by the
   * checked chain: the transaction is in that checked block, succeeded, and wrote those values.
   */
  proves<T extends Written>(kind: RecordKind, record: T): boolean {
    const at = this.txIndex.get(record.txHash);
    if (!at || this.blocks[at.block]!.header.number !== record.blockNumber) return false;
    const tx = this.blocks[at.block]!.txs[at.index]!;
    if (!tx.ok) return false;
    // One digest per set of field names the transaction wrote for this kind, not one per write: a bulk
    // transaction writes hundreds of records, mostly with the same fields.
    const groups = this.groupsOf(tx).get(kind) ?? [];
    return groups.some((g) =>
      g.digests.has(digestOf(kind, record as unknown as Record<string, unknown>, g.keys)),
    );
  }

  private groupsOf(tx: CheckedTx): Map<RecordKind, { keys: string[]; digests: Set<string> }[]> {
    let groups = this.writeGroups.get(tx);
    if (!groups) {
      groups = new Map();
      const byKeys = new Map<string, { keys: string[]; digests: Set<string> }>();
      for (const w of tx.writes) {
        const id = `${w.kind}\n${w.keys.join("\n")}`;
        let group = byKeys.get(id);
        if (!group) {
          byKeys.set(id, (group = { keys: w.keys, digests: new Set() }));
          groups.set(w.kind, [...(groups.get(w.kind) ?? []), group]);
        }
        group.digests.add(w.digest);
      }
      this.writeGroups.set(tx, groups);
    }
    return groups;
  }

  /** A transaction's checked block, its receipt leaf and all the block's leaves, or undefined. */
  locate(txHash: string): { header: BlockHeader; index: number; leaves: string[] } | undefined {
    const at = this.txIndex.get(txHash);
    if (!at) return undefined;
    const block = this.blocks[at.block]!;
    return { header: block.header, index: at.index, leaves: block.txs.map((t) => t.receipt) };
  }

  close(): void {
    this.save();
    this.file?.close();
  }

  private add(block: CheckedBlock): void {
    const position = this.blocks.length;
    this.blocks.push(block);
    block.txs.forEach((tx, index) => this.txIndex.set(tx.hash, { block: position, index }));
    this.unsaved.push(block);
  }

  private load(path: string, trusted?: { number: number; hash: string }): void {
    let opened: ReturnType<typeof JsonLinesFile.open<Line>>;
    try {
      opened = JsonLinesFile.open<Line>(path);
    } catch (error) {
      if (!(error instanceof CorruptJsonLinesError)) throw error;
      // Damaged (not merely torn): start over; the network still has every block.
      rmSync(path);
      opened = JsonLinesFile.open<Line>(path);
    }
    this.file = opened.file;
    const [first, ...lines] = opened.records;
    const header = first as FileHeader | undefined;
    const usable =
      header?.version === 2 &&
      header.bizid === this.bizid &&
      (!trusted || (trusted.number === header.anchor.number && trusted.hash === header.anchor.hash));
    if (usable) {
      this.anchor = header.anchor;
      try {
        for (const line of lines) this.reload(line as CheckedBlock);
        this.unsaved.length = 0;
        return;
      } catch {
        // A line that does not check: drop the file and check again from the network.
      }
    }
    this.blocks.length = 0;
    this.txIndex.clear();
    this.unsaved.length = 0;
    this.anchor = trusted ?? null;
    this.file.clear();
  }

  /** Re-checks a kept block: its hash, its link, and its roots over the kept leaves. */
  private reload(block: CheckedBlock): void {
    const { hash, ...fields } = block.header;
    const tip = this.tip;
    const linked = tip
      ? block.header.number === tip.number + 1 && block.header.parentHash === tip.hash
      : block.header.number === this.anchor!.number && hash === this.anchor!.hash;
    if (
      !linked ||
      headerHashOf(fields) !== hash ||
      merkleRoot(block.txs.map((t) => t.hash)) !== block.header.transactionRoot ||
      merkleRoot(block.txs.map((t) => t.receipt)) !== block.header.receiptRoot
    )
      throw new ChainCheckError(`kept block ${block.header.number} does not check`);
    this.add(block);
  }
}
