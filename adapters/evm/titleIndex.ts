import { Poller } from "../../core/poller.ts";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseEventLogs, type Address, type Hex, type PublicClient } from "viem";
import type { NetworkChange } from "../../core/networkAdapter.ts";
import { titleEscrowAbi, titleEscrowFactoryAbi } from "./abis.ts";
import { toAdapterError } from "./errors.ts";
import type { ResolvedEvmAdapterOptions } from "./options.ts";
import {
  classifyTransaction,
  tokenIdToHash,
  tokenKey,
  type EscrowLog,
  type IndexedTransfer,
} from "./transfers.ts";

interface Checkpoint {
  version: 1;
  chainId: number;
  genesisHash: Hex;
  factory: Address;
  /** Last block fully processed, and its hash (a different hash there means the chain was reset). */
  block: string;
  blockHash: Hex;
  escrows: Record<string, { registry: Address; documentHash: Hex }>;
  transfers: Record<string, IndexedTransfer[]>;
}

const INDEXED_EVENTS = [
  ...titleEscrowAbi.filter((x) => x.type === "event"),
  ...titleEscrowFactoryAbi.filter((x) => x.type === "event"),
];

/**
 * The endorsement-chain index: title events read once with bounded `eth_getLogs` ranges from a
 * checkpoint, then followed block by block. Queries read this index, never the chain from block 0.
 * Only escrows created by the configured factory count, so a look-alike contract cannot forge history.
 */
export class TitleIndex {
  private state: Checkpoint | null = null;
  private head: bigint | null = null;
  private readonly poller: Poller;
  private lastError: unknown = null;
  private readonly listeners = new Set<(change: NetworkChange) => void>();
  /** Escrows by document hash, derived from the checkpoint's escrows: lookups must not scan them all. */
  private readonly byDocument = new Map<string, { escrow: Address; registry: Address }[]>();

  constructor(
    private readonly client: PublicClient,
    private readonly options: ResolvedEvmAdapterOptions,
  ) {
    this.poller = new Poller(() => this.sync(), options.pollIntervalMs);
  }

  onChange(listener: (change: NetworkChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Latest head the follower has seen (null before the first poll). */
  get knownHead(): bigint | null {
    return this.head;
  }

  get indexedBlock(): bigint | null {
    return this.state ? BigInt(this.state.block) : null;
  }

  get error(): unknown {
    return this.lastError;
  }

  transfersOf(registry: string, documentHash: string): IndexedTransfer[] {
    return this.state?.transfers[tokenKey(registry, documentHash)] ?? [];
  }

  registriesOf(documentHash: string): Address[] {
    return (this.byDocument.get(documentHash.toLowerCase()) ?? []).map((t) => t.registry);
  }

  escrowOf(registry: string, documentHash: string): Address | null {
    const wanted = registry.toLowerCase();
    return (
      this.byDocument.get(documentHash.toLowerCase())?.find((t) => t.registry === wanted)?.escrow ?? null
    );
  }

  /** Adds an escrow to the checkpoint and to the by-document lookup (first creation wins, as on chain). */
  private addEscrow(escrow: Address, token: { registry: Address; documentHash: Hex }): void {
    if (this.state!.escrows[escrow]) return;
    this.state!.escrows[escrow] = token;
    const list = this.byDocument.get(token.documentHash) ?? [];
    list.push({ escrow, registry: token.registry });
    this.byDocument.set(token.documentHash, list);
  }

  /** Catches up once, then keeps polling until `stop()`. */
  async start(): Promise<void> {
    await this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  /** One catch-up pass; concurrent callers share it. */
  syncOnce(): Promise<void> {
    return this.poller.runOnce();
  }

  private async sync(): Promise<void> {
    try {
      if (!this.state) {
        this.state = await this.load();
        this.byDocument.clear();
        const escrows = this.state.escrows;
        this.state.escrows = {};
        for (const [escrow, token] of Object.entries(escrows)) this.addEscrow(escrow as Address, token);
      }
      const head = await this.client.getBlockNumber({ cacheTime: 0 });
      this.head = head;
      let from = BigInt(this.state.block) + 1n;
      while (from <= head) {
        const to =
          from + BigInt(this.options.logRange) - 1n < head ? from + BigInt(this.options.logRange) - 1n : head;
        const logs = await this.client.getLogs({
          events: INDEXED_EVENTS,
          fromBlock: from,
          toBlock: to,
          strict: true,
        });
        const block = await this.client.getBlock({ blockNumber: to });
        await this.apply(logs as unknown as RawLog[]);
        this.state.block = to.toString();
        this.state.blockHash = block.hash;
        this.save();
        from = to + 1n;
      }
      this.lastError = null;
    } catch (error) {
      this.lastError = toAdapterError(this.options.name, error);
      throw this.lastError;
    }
  }

  private async apply(logs: RawLog[]): Promise<void> {
    const state = this.state!;
    const factory = this.options.titleEscrowFactory.toLowerCase();
    const byTx = new Map<string, RawLog[]>();
    for (const log of logs) {
      if (log.eventName === "TitleEscrowCreated") {
        if (log.address.toLowerCase() !== factory) continue;
        this.addEscrow((log.args.titleEscrow as string).toLowerCase() as Address, {
          registry: (log.args.tokenRegistry as Address).toLowerCase() as Address,
          documentHash: tokenIdToHash(log.args.tokenId as bigint),
        });
        continue;
      }
      const key = `${log.transactionHash}:${log.address.toLowerCase()}`;
      byTx.set(key, [...(byTx.get(key) ?? []), log]);
    }
    const blockTimes = new Map<bigint, number>();
    const needed = [...new Set([...byTx.values()].map((l) => l[0]!.blockNumber))];
    const blocks = await Promise.all(needed.map((blockNumber) => this.client.getBlock({ blockNumber })));
    for (const b of blocks) blockTimes.set(b.number, Number(b.timestamp));

    for (const group of byTx.values()) {
      const first = group[0]!;
      const token = state.escrows[first.address.toLowerCase()];
      if (!token) continue; // not an escrow of the trusted factory
      const classified = classifyTransaction(group as EscrowLog[]);
      if (!classified) continue;
      const key = tokenKey(token.registry, token.documentHash);
      const list = (state.transfers[key] ??= []);
      // Idempotent: a block replayed after a crash between apply and save adds nothing twice.
      if (list.some((t) => t.transactionHash === first.transactionHash)) continue;
      list.push({
        ...classified,
        blockNumber: first.blockNumber.toString(),
        transactionHash: first.transactionHash,
        timestamp: blockTimes.get(first.blockNumber)!,
      });
      const change: NetworkChange = {
        network: this.options.name,
        keys: [`title:${key}`],
        blockNumber: first.blockNumber.toString(),
        transactionId: first.transactionHash,
      };
      for (const listener of this.listeners) listener(change);
    }
  }

  private async load(): Promise<Checkpoint> {
    const genesis = await this.client.getBlock({ blockNumber: 0n });
    const fresh: Checkpoint = {
      version: 1,
      chainId: this.options.chainId,
      genesisHash: genesis.hash,
      factory: this.options.titleEscrowFactory,
      block: (this.options.startBlock - 1n).toString(),
      blockHash: "0x",
      escrows: {},
      transfers: {},
    };
    const file = this.options.checkpointFile;
    if (!file || !existsSync(file)) return fresh;
    const saved = JSON.parse(readFileSync(file, "utf8")) as Checkpoint;
    if (
      saved.version !== 1 ||
      saved.genesisHash !== genesis.hash ||
      saved.factory.toLowerCase() !== this.options.titleEscrowFactory.toLowerCase()
    )
      return fresh;
    // The block we stopped at must still be the same block; otherwise the chain moved under us.
    const at = await this.client.getBlock({ blockNumber: BigInt(saved.block) }).catch(() => null);
    if (!at || at.hash !== saved.blockHash) return fresh;
    return saved;
  }

  private save(): void {
    const file = this.options.checkpointFile;
    if (!file || !this.state) return;
    mkdirSync(dirname(file), { recursive: true });
    // Write-then-rename, so a crash never leaves a torn checkpoint.
    writeFileSync(`${file}.tmp`, JSON.stringify(this.state));
    renameSync(`${file}.tmp`, file);
  }
}

type RawLog = ReturnType<typeof parseEventLogs<typeof INDEXED_EVENTS>>[number] & {
  address: Address;
  blockNumber: bigint;
  transactionHash: Hex;
  logIndex: number;
};
