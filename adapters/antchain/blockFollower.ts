import { NetworkError } from "../../domain/errors.ts";
import type { ChangedSubject, NetworkChange } from "../../domain/networkAdapter.ts";
import { Poller } from "../../core/poller.ts";
import { decodePortLog } from "../../wire/antchain/portContract.ts";
import type { BlockBody, BlockHeader } from "../../wire/antchain/records.ts";
import { ChainCheckError, CheckedChain } from "./checkedChain.ts";
import { normalizeBillNo, normalizeContainerNo } from "./mappings.ts";
import type { BaasRestClient } from "./restClient.ts";

export interface PortBlockFollowerOptions {
  name: string;
  bizid: string;
  contractName: string;
  trustedCheckpoint?: { number: number; hash: string } | undefined;
  /** Where the checked header chain is kept; in memory when absent. */
  file?: string | undefined;
  pollIntervalMs: number;
}

/**
 * Follows new blocks (QUERYLASTBLOCK, then QUERYBLOCKBODY for each) and checks each into the adapter's
 * header chain (`CheckedChain`) before anything in it counts: a block that does not check stops the
 * follower with an error (health DEGRADED) and nothing after it is indexed. Each checked block's
 * receipts are read by their topics, and the B/Ls, containers and port calls they name are reported as
 * changed. Resumes after a restart from the kept chain, without gaps; a replayed block reports changes
 * its consumers have already applied, which changes nothing.
 */
export class PortBlockFollower {
  readonly chain: CheckedChain;
  private readonly poller: Poller;
  private readonly listeners = new Set<(change: NetworkChange) => void>();
  lastError: unknown = null;
  head: number | null = null;
  /** Settles when the pass in flight (if any) has. */
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: BaasRestClient,
    private readonly options: PortBlockFollowerOptions,
  ) {
    this.chain = new CheckedChain(
      options.bizid,
      options.contractName,
      options.trustedCheckpoint,
      options.file,
    );
    this.poller = new Poller(() => this.sync(), options.pollIntervalMs);
  }

  /** The last block checked, or -1. */
  get verifiedHeight(): number {
    return this.chain.tip?.number ?? -1;
  }

  onChange(listener: (change: NetworkChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    await this.poller.start();
  }

  /** Stops polling; resolves once a pass in flight has finished, so nothing is asked of the network after. */
  async stop(): Promise<void> {
    this.poller.stop();
    await this.idle;
    this.chain.save();
  }

  syncOnce(): Promise<void> {
    return this.poller.runOnce();
  }

  private sync(): Promise<void> {
    const pass = this.pass();
    this.idle = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<void> {
    const { name } = this.options;
    try {
      const head = JSON.parse(await this.client.chainCall({ method: "QUERYLASTBLOCK" })) as BlockHeader;
      this.head = head.number;
      const tip = this.chain.tip;
      if (tip) {
        // Committed blocks are final: the chain must still hold the last one checked, as checked.
        const at = await this.header(tip.number).catch(() => null);
        if (!at || at.hash !== tip.hash)
          throw new NetworkError(
            name,
            `The ${name} network no longer holds block ${tip.number} as checked; refusing to follow it`,
            {
              details: `Block ${tip.number} was checked with hash ${tip.hash}${at ? `, the network now answers ${at.hash}` : ""}. If the network was reset, delete the adapter's checkpoint file.`,
            },
          );
      }
      for (let n = tip ? tip.number + 1 : this.chain.start; n <= head.number; n++) {
        const body = JSON.parse(
          await this.client.chainCall({ method: "QUERYBLOCKBODY", requestStr: String(n) }),
        ) as BlockBody;
        try {
          if (body.header?.number !== n) throw new ChainCheckError(`${n} was answered with another block`);
          this.chain.extend(body);
        } catch (error) {
          if (!(error instanceof ChainCheckError)) throw error;
          throw new NetworkError(name, `Block ${n} of ${name} does not check; refusing to index it`, {
            details: error.message,
            cause: error,
          });
        }
        this.emit(body);
        this.chain.save();
      }
      this.lastError = null;
    } catch (error) {
      this.lastError = error;
      throw error;
    }
  }

  private async header(n: number): Promise<BlockHeader> {
    return JSON.parse(
      await this.client.chainCall({ method: "QUERYBLOCK", requestStr: String(n) }),
    ) as BlockHeader;
  }

  private emit(body: BlockBody): void {
    for (const receipt of body.receipts) {
      if (receipt.result !== 0) continue;
      const subjects: ChangedSubject[] = [];
      for (const log of receipt.logs) {
        // A log of another contract, or an event this adapter does not know, still counts as seen.
        const event = decodePortLog(log);
        if (!event) continue;
        const args = event.args as { billNo?: string; ctnNo?: string; callNo?: string };
        if (args.billNo) subjects.push({ kind: "shipment", reference: normalizeBillNo(args.billNo) });
        if (args.ctnNo)
          subjects.push({ kind: "equipment", containerNumber: normalizeContainerNo(args.ctnNo) });
        if (args.callNo) subjects.push({ kind: "portCall", callNumber: args.callNo });
      }
      const change: NetworkChange = {
        network: this.options.name,
        subjects,
        blockNumber: String(body.header.number),
        transactionId: receipt.txHash,
      };
      for (const listener of this.listeners) listener(change);
    }
  }
}
