import { Poller } from "../../core/poller.ts";
import {
  BaseError,
  parseEventLogs,
  RpcRequestError,
  type Address,
  type Block,
  type Hex,
  type PublicClient,
} from "viem";
import type { NetworkChange } from "../../domain/networkAdapter.ts";
import { titleId, titleRef, type TitleRef } from "../../domain/networkChange.ts";
import { titleEscrowAbi, titleEscrowFactoryAbi } from "../../wire/evm/abis.ts";
import { DurableDelivery, type DurableTitleHandler } from "./durableDelivery.ts";
import { NetworkUnavailableError } from "../../domain/errors.ts";
import { toAdapterError } from "./errors.ts";
import type { ResolvedEvmAdapterOptions } from "./options.ts";
import {
  TitleCheckpointStore,
  type EscrowToken,
  type TitleCheckpoint,
  type TitleJournalEntry,
} from "./titleCheckpoint.ts";
import { classifyTransaction, tokenIdToHash, type EscrowLog, type IndexedTransfer } from "./transfers.ts";

const INDEXED_EVENTS = [
  ...titleEscrowAbi.filter((x) => x.type === "event"),
  ...titleEscrowFactoryAbi.filter((x) => x.type === "event"),
];

/** The chain changed while a pass read it (a reorganisation in flight): the pass is read again. */
class ChainMovedError extends Error {
  override readonly name = "ChainMovedError";
}

type Header = Pick<Block, "hash" | "parentHash" | "timestamp" | "number">;

/**
 * The endorsement-chain index: title events read once with bounded `eth_getLogs` ranges from a
 * checkpoint, then followed block by block. Queries read this index, never the chain from block 0.
 * Only escrows created by the configured factory count, so a look-alike contract cannot forge history.
 *
 * Reorganisations: near the head (`reorgWindow` blocks) every block's header is read and linked by
 * parent hash to the last indexed block, and every log's block hash checked against its header. When
 * the block the index stopped at is no longer on the chain, the index rolls back to the newest block it
 * kept that still is (the common ancestor), drops what it indexed above it, reports those titles as
 * changed, and reads the new branch forward. Deeper than it kept: it rebuilds from the start.
 *
 * Durable consumers (the verification cache) get every title change at least once, retried with backoff
 * until they acknowledge it; what they have not acknowledged is delivered again after a restart, from
 * the checkpoint.
 */
export class TitleIndex {
  private state: TitleCheckpoint | null = null;
  private readonly store: TitleCheckpointStore | null;
  /** What the current pass added, not yet in the checkpoint. */
  private unsaved: TitleJournalEntry[] = [];
  /** Set when the saved checkpoint was discarded (another chain, a reset, a rollback): the next save replaces it. */
  private replaceCheckpoint = true;
  private head: bigint | null = null;
  private readonly poller: Poller;
  private lastError: unknown = null;
  private readonly listeners = new Set<(change: NetworkChange) => void>();
  private readonly delivery: DurableDelivery;
  /** Escrows by document hash, derived from the checkpoint's escrows: lookups must not scan them all. */
  private readonly byDocument = new Map<string, { escrow: Address; registry: Address }[]>();
  /** Hashes of the blocks passes ended at, newest kept: where to look for a common ancestor. */
  private readonly recent = new Map<bigint, Hex>();
  /** Shrinks when a node refuses a range as too wide. */
  private logRange: number;
  /** Reorganisations seen while following, for diagnostics and tests. */
  reorgs = 0;

  constructor(
    private readonly client: PublicClient,
    private readonly options: ResolvedEvmAdapterOptions,
  ) {
    this.poller = new Poller(() => this.sync(), options.pollIntervalMs);
    this.store = options.checkpointFile ? new TitleCheckpointStore(options.checkpointFile) : null;
    this.logRange = options.logRange;
    this.delivery = new DurableDelivery({
      state: () => this.state,
      // Before the first snapshot, the next save writes the whole state, this included.
      journal: (entry) => {
        if (this.store && !this.replaceCheckpoint) this.store.append([entry], this.state!);
      },
      failed: (error) => (this.lastError = toAdapterError(this.options.name, error)),
    });
  }

  onChange(listener: (change: NetworkChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Subscribes a consumer that must see every title change (at least once, in no particular order
   * within a batch). Changes it has not acknowledged are retried with jittered backoff, and after a
   * restart delivered again from the checkpoint.
   */
  subscribeDurable(handler: DurableTitleHandler): () => void {
    return this.delivery.subscribe(handler);
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

  /** Title changes not yet acknowledged by every durable consumer. */
  get undelivered(): number {
    return this.delivery.undelivered;
  }

  transfersOf(registry: string, documentHash: string): IndexedTransfer[] {
    return this.state?.transfers[titleId(titleRef(registry, documentHash))] ?? [];
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
  private addEscrow(escrow: Address, token: EscrowToken): boolean {
    if (this.state!.escrows[escrow]) return false;
    this.state!.escrows[escrow] = token;
    const list = this.byDocument.get(token.documentHash) ?? [];
    list.push({ escrow, registry: token.registry });
    this.byDocument.set(token.documentHash, list);
    return true;
  }

  private rebuildLookup(): void {
    this.byDocument.clear();
    const escrows = this.state!.escrows;
    this.state!.escrows = {};
    for (const [escrow, token] of Object.entries(escrows)) this.addEscrow(escrow as Address, token);
  }

  /** Catches up once, then keeps polling until `stop()`. */
  async start(): Promise<void> {
    await this.poller.start();
  }

  stop(): void {
    this.poller.stop();
    this.delivery.stop();
  }

  /** One catch-up pass; concurrent callers share it. */
  syncOnce(): Promise<void> {
    return this.poller.runOnce();
  }

  private async sync(): Promise<void> {
    try {
      if (!this.state) {
        this.state = await this.load();
        this.rebuildLookup();
        this.recent.clear();
        if (BigInt(this.state.block) >= this.options.startBlock)
          this.recent.set(BigInt(this.state.block), this.state.blockHash);
        this.delivery.seedAll();
      }
      await this.pass();
      this.lastError = null;
    } catch (error) {
      this.lastError = toAdapterError(this.options.name, error);
      throw this.lastError;
    } finally {
      this.delivery.deliverAll();
    }
  }

  private async pass(): Promise<void> {
    const head = await this.client.getBlockNumber({ cacheTime: 0 });
    const state = this.state!;
    const indexed = BigInt(state.block);
    if (indexed >= this.options.startBlock) {
      // A head further below the index than any reorganisation it follows is a node behind (restarted
      // from an older state, resyncing, a lagging replica behind a load balancer), not a new branch:
      // followed back, it would drop every title since and serve them as never minted. Unavailable until
      // it catches up; the index and the head the follower knows are kept (so is every fact's finality).
      if (head + BigInt(this.options.reorgWindow) < indexed)
        throw new NetworkUnavailableError(
          this.options.name,
          `The ${this.options.name} node is behind: its head is block ${head}, the index has read up to block ${indexed}`,
        );
    }
    // A head below one already seen (a replica a little behind) does not take confirmations back; only
    // a reorganisation the follower detected (below) moves it down.
    if (this.head === null || head > this.head) this.head = head;
    if (indexed >= this.options.startBlock) {
      // Behind, on the same chain (its head is a block the index read, with the same hash): nothing to
      // read or roll back until it catches up; reads of titles changed above its head are unavailable.
      const seen = indexed > head ? this.recent.get(head) : undefined;
      if (seen !== undefined && (await this.header(head)).hash === seen) return;
      // The block the index stopped at must still be on the chain (same number, same hash).
      const at = indexed <= head ? await this.header(indexed) : null;
      if (!at || at.hash !== state.blockHash) {
        await this.rollback(head);
        this.head = head;
      }
    }
    let from = BigInt(state.block) + 1n;
    let rollbacks = 0;
    while (from <= head) {
      const wanted = from + BigInt(this.logRange) - 1n;
      const { logs, to } = await this.getLogs(from, wanted < head ? wanted : head);
      // Headers: every block near the head (to link them), and the blocks with logs (for their times).
      const windowStart =
        head - BigInt(this.options.reorgWindow) + 1n > from
          ? head - BigInt(this.options.reorgWindow) + 1n
          : from;
      const numbers = new Set<bigint>([to, ...logs.map((l) => l.blockNumber)]);
      for (let n = windowStart; n <= to; n++) numbers.add(n);
      const headers = new Map<bigint, Header>();
      const fetched = await Promise.all([...numbers].map((n) => this.header(n)));
      for (const h of fetched) headers.set(h.number!, h);
      if (windowStart <= to) {
        const first = headers.get(windowStart)!;
        if (
          windowStart === from &&
          BigInt(state.block) >= this.options.startBlock &&
          first.parentHash !== state.blockHash
        ) {
          if (++rollbacks > 3) throw new ChainMovedError("the chain keeps reorganising under the follower");
          await this.rollback(head);
          from = BigInt(state.block) + 1n;
          continue;
        }
        for (let n = windowStart + 1n; n <= to; n++)
          if (headers.get(n)!.parentHash !== headers.get(n - 1n)!.hash)
            throw new ChainMovedError(
              `block ${n} does not link to block ${n - 1n}: the chain reorganised mid-read`,
            );
      }
      for (const log of logs)
        if (headers.get(log.blockNumber)!.hash !== log.blockHash)
          throw new ChainMovedError(
            `a log of block ${log.blockNumber} is from another branch: the chain reorganised mid-read`,
          );
      this.apply(logs, headers);
      state.block = to.toString();
      state.blockHash = headers.get(to)!.hash!;
      this.remember(to, state.blockHash);
      this.save();
      from = to + 1n;
    }
  }

  private header(blockNumber: bigint): Promise<Header> {
    return this.client.getBlock({ blockNumber }) as Promise<Header>;
  }

  /** `eth_getLogs` over [from, to]; a range the node refuses as too wide is halved until it is taken. */
  private async getLogs(from: bigint, to: bigint): Promise<{ logs: RawLog[]; to: bigint }> {
    for (;;) {
      try {
        const logs = await this.client.getLogs({
          events: INDEXED_EVENTS,
          fromBlock: from,
          toBlock: to,
          strict: true,
        });
        return { logs: logs as unknown as RawLog[], to };
      } catch (error) {
        if (to <= from || !isRangeRefusal(error)) throw error;
        this.logRange = Math.max(1, Math.floor(Number(to - from + 1n) / 2));
        to = from + BigInt(this.logRange) - 1n;
      }
    }
  }

  private remember(block: bigint, hash: Hex): void {
    this.recent.set(block, hash);
    for (const n of this.recent.keys())
      if (n <= block - BigInt(this.options.reorgWindow)) this.recent.delete(n);
  }

  /**
   * The chain no longer holds the block the index stopped at: roll back to the newest kept block that
   * it still holds (or to the start), report every title indexed above it as changed, and let the
   * pass read the new branch.
   */
  private async rollback(head: bigint): Promise<void> {
    const state = this.state!;
    const previous = BigInt(state.block);
    const candidates = [...this.recent.entries()]
      .filter(([n]) => n <= head && n < previous + 1n)
      .sort((a, b) => (a[0] > b[0] ? -1 : 1));
    const found = await Promise.all(candidates.map(([n]) => this.header(n)));
    const index = candidates.findIndex(([, hash], i) => found[i]!.hash === hash);
    const ancestor = index >= 0 ? candidates[index]! : null;
    const target = ancestor ? ancestor[0] : this.options.startBlock - 1n;

    // Transfers are stored by title id; each escrow names its title (read before escrows are dropped).
    const titles = new Map<string, TitleRef>();
    for (const token of Object.values(state.escrows)) {
      const title = titleRef(token.registry, token.documentHash);
      titles.set(titleId(title), title);
    }
    const changed = new Map<string, { title: TitleRef; transactionId: string }>(); // a rolled-back transaction per title
    for (const [id, transfers] of Object.entries(state.transfers)) {
      const kept = transfers.filter((t) => BigInt(t.blockNumber) <= target);
      if (kept.length === transfers.length) continue;
      const title = titles.get(id);
      if (title)
        for (const t of transfers)
          if (BigInt(t.blockNumber) > target) changed.set(id, { title, transactionId: t.transactionHash });
      if (kept.length > 0) state.transfers[id] = kept;
      else delete state.transfers[id];
    }
    for (const [escrow, token] of Object.entries(state.escrows)) {
      // Escrows indexed before blocks were recorded with them predate any kept block: kept unless rebuilding.
      const created = token.block === undefined ? null : BigInt(token.block);
      if (ancestor && (created === null || created <= target)) continue;
      delete state.escrows[escrow];
      const title = titleRef(token.registry, token.documentHash);
      if (!changed.has(titleId(title))) changed.set(titleId(title), { title, transactionId: "" });
    }
    this.rebuildLookup();
    // Any read pinned at or below the higher of the two heads may have seen the orphaned branch.
    const height = (previous > head ? previous : head) + 1n;
    for (const { title } of changed.values()) this.delivery.owe(title, height);
    state.block = target.toString();
    state.blockHash = ancestor ? ancestor[1] : "0x";
    if (state.deliveredThrough !== undefined && BigInt(state.deliveredThrough) > target)
      state.deliveredThrough = target.toString();
    for (const n of [...this.recent.keys()]) if (n > target) this.recent.delete(n);
    this.unsaved = [];
    this.replaceCheckpoint = true;
    this.reorgs++;
    this.save();
    for (const { title, transactionId } of changed.values()) {
      const change: NetworkChange = {
        network: this.options.name,
        subjects: [{ kind: "title", title }],
        blockNumber: head.toString(),
        transactionId,
      };
      for (const listener of this.listeners) listener(change);
    }
  }

  private apply(logs: RawLog[], headers: Map<bigint, Header>): void {
    const state = this.state!;
    const factory = this.options.titleEscrowFactory.toLowerCase();
    const byTx = new Map<string, RawLog[]>();
    for (const log of logs) {
      if (log.eventName === "TitleEscrowCreated") {
        if (log.address.toLowerCase() !== factory) continue;
        const escrow = (log.args.titleEscrow as string).toLowerCase() as Address;
        const token: EscrowToken = {
          registry: (log.args.tokenRegistry as Address).toLowerCase() as Address,
          documentHash: tokenIdToHash(log.args.tokenId as bigint),
          block: log.blockNumber.toString(),
        };
        if (this.addEscrow(escrow, token)) this.unsaved.push({ escrow, token });
        continue;
      }
      const key = `${log.transactionHash}:${log.address.toLowerCase()}`;
      byTx.set(key, [...(byTx.get(key) ?? []), log]);
    }

    for (const group of byTx.values()) {
      const first = group[0]!;
      const token = state.escrows[first.address.toLowerCase()];
      if (!token) continue; // not an escrow of the trusted factory
      const classified = classifyTransaction(group as EscrowLog[]);
      if (!classified) continue;
      const title = titleRef(token.registry, token.documentHash);
      const key = titleId(title);
      const list = (state.transfers[key] ??= []);
      // Idempotent: a block replayed after a crash between apply and save adds nothing twice.
      if (list.some((t) => t.transactionHash === first.transactionHash)) continue;
      const transfer: IndexedTransfer = {
        ...classified,
        blockNumber: first.blockNumber.toString(),
        transactionHash: first.transactionHash,
        timestamp: Number(headers.get(first.blockNumber)!.timestamp),
      };
      list.push(transfer);
      this.unsaved.push({ token: key, transfer });
      this.delivery.changed(title, first.blockNumber);
      const change: NetworkChange = {
        network: this.options.name,
        subjects: [{ kind: "title", title }],
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

/** A node refusing a log range as too wide or too many results (each provider words it its own way). */
function isRangeRefusal(error: unknown): boolean {
  const rpc = error instanceof BaseError ? error.walk((e) => e instanceof RpcRequestError) : undefined;
  if (!(rpc instanceof RpcRequestError)) return false;
  return (
    rpc.code === -32005 ||
    /range|too (many|large|wide)|limit|exceed|10,?000|response size|max(imum)? (results|block)/i.test(
      `${rpc.shortMessage} ${rpc.details}`,
    )
  );
}

type RawLog = ReturnType<typeof parseEventLogs<typeof INDEXED_EVENTS>>[number] & {
  address: Address;
  blockNumber: bigint;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: number;
};
