import { Poller } from "../../core/poller.ts";
import { parseEventLogs, type Address, type Hex, type PublicClient } from "viem";
import type { NetworkChange } from "../../core/networkAdapter.ts";
import { titleEscrowAbi, titleEscrowFactoryAbi } from "./abis.ts";
import { toAdapterError } from "./errors.ts";
import type { ResolvedEvmAdapterOptions } from "./options.ts";
import { TitleCheckpointStore, type TitleCheckpoint, type TitleJournalEntry } from "./titleCheckpoint.ts";
import {
  classifyTransaction,
  tokenIdToHash,
  tokenKey,
  type EscrowLog,
  type IndexedTransfer,
} from "./transfers.ts";

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
  private state: TitleCheckpoint | null = null;
  private readonly store: TitleCheckpointStore | null;
  /** What the current pass added, not yet in the checkpoint. */
  private unsaved: TitleJournalEntry[] = [];
  /** Set when the saved checkpoint was discarded (another chain, a reset): the next save replaces it. */
  private replaceCheckpoint = true;
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
    this.store = options.checkpointFile ? new TitleCheckpointStore(options.checkpointFile) : null;
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
  private addEscrow(escrow: Address, token: { registry: Address; documentHash: Hex }): boolean {
    if (this.state!.escrows[escrow]) return false;
    this.state!.escrows[escrow] = token;
    const list = this.byDocument.get(token.documentHash) ?? [];
    list.push({ escrow, registry: token.registry });
    this.byDocument.set(token.documentHash, list);
    return true;
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
        const escrow = (log.args.titleEscrow as string).toLowerCase() as Address;
        const token = {
          registry: (log.args.tokenRegistry as Address).toLowerCase() as Address,
          documentHash: tokenIdToHash(log.args.tokenId as bigint),
        };
        if (this.addEscrow(escrow, token)) this.unsaved.push({ escrow, token });
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
      const transfer: IndexedTransfer = {
        ...classified,
        blockNumber: first.blockNumber.toString(),
        transactionHash: first.transactionHash,
        timestamp: blockTimes.get(first.blockNumber)!,
      };
      list.push(transfer);
      this.unsaved.push({ token: key, transfer });
      const change: NetworkChange = {
        network: this.options.name,
        keys: [`title:${key}`],
        blockNumber: first.blockNumber.toString(),
        transactionId: first.transactionHash,
      };
      for (const listener of this.listeners) listener(change);
    }
  }

  private async load(): Promise<TitleCheckpoint> {
    const genesis = await this.client.getBlock({ blockNumber: 0n });
    const fresh: TitleCheckpoint = {
      version: 1,
      chainId: this.options.chainId,
      genesisHash: genesis.hash,
      factory: this.options.titleEscrowFactory,
      block: (this.options.startBlock - 1n).toString(),
      blockHash: "0x",
      escrows: {},
      transfers: {},
    };
    const saved = this.store?.load();
    if (!saved) return fresh;
    if (
      saved.version !== 1 ||
      saved.genesisHash !== genesis.hash ||
      saved.factory.toLowerCase() !== this.options.titleEscrowFactory.toLowerCase()
    )
      return fresh;
    // The block we stopped at must still be the same block; otherwise the chain moved under us.
    const at = await this.client.getBlock({ blockNumber: BigInt(saved.block) }).catch(() => null);
    if (!at || at.hash !== saved.blockHash) return fresh;
    this.replaceCheckpoint = false;
    return saved;
  }

  private save(): void {
    const state = this.state;
    if (!this.store || !state) return;
    const entries = [...this.unsaved, { block: state.block, blockHash: state.blockHash }];
    this.unsaved = [];
    if (this.replaceCheckpoint) this.store.compact(state);
    else this.store.append(entries, state);
    this.replaceCheckpoint = false;
  }
}

type RawLog = ReturnType<typeof parseEventLogs<typeof INDEXED_EVENTS>>[number] & {
  address: Address;
  blockNumber: bigint;
  transactionHash: Hex;
  logIndex: number;
};
