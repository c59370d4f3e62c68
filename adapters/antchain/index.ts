import type { NetworkStatus, PortShipmentRecord, TrackingEvent } from "../../domain/model.ts";
import type { NetworkAdapter, NetworkChange } from "../../domain/networkAdapter.ts";
import { MAX_KEYS_PER_QUERY } from "../../wire/antchain/portContract.ts";
import type { BillView, BlockHeader, ContainerView } from "../../wire/antchain/records.ts";
import { PortBlockFollower } from "./blockFollower.ts";
import { mapBill, type PortMapContext } from "./mapBill.ts";
import { normalizeContainerNo, toPortBillNo, toPortContainerNo } from "./mappings.ts";
import {
  resolveAntchainOptions,
  type AntchainAdapterOptions,
  type ResolvedAntchainAdapterOptions,
} from "./options.ts";
import { proveTransaction, type ReceiptProof } from "./proveTransaction.ts";
import { readContract } from "./readContract.ts";
import { BaasRestClient } from "./restClient.ts";

export type { AntchainAdapterOptions } from "./options.ts";
export type { ReceiptProof } from "./proveTransaction.ts";
export { MAX_KEYS_PER_QUERY };

/** The port network: port calls, terminal moves, customs and release on an AntChain-style chain. */
export interface AntchainAdapter extends NetworkAdapter {
  readonly options: ResolvedAntchainAdapterOptions;
  readonly client: BaasRestClient;
  /** The block follower and the header chain it has checked. */
  readonly follower: PortBlockFollower;
  /** What the port recorded per B/L number, in order; null where it has nothing. One local call per 1,000. */
  billsByReference(references: readonly string[]): Promise<(PortShipmentRecord | null)[]>;
  /** Terminal events per container (ISO 6346), in order. One local call per 1,000. */
  containerEvents(containerNumbers: readonly string[]): Promise<TrackingEvent[][]>;
  /** Fetches a transaction's receipt and holds it to the checked header chain. */
  proveTransaction(txHash: string): Promise<ReceiptProof>;
  sync(): Promise<void>;
}

export function createAntchainAdapter(input: AntchainAdapterOptions): AntchainAdapter {
  const options = resolveAntchainOptions(input);
  const client = new BaasRestClient(options);
  const follower = new PortBlockFollower(client, {
    name: options.name,
    bizid: options.bizid,
    contractName: options.contractName,
    trustedCheckpoint: options.trustedCheckpoint,
    file: options.checkpointFile,
    pollIntervalMs: options.pollIntervalMs,
  });
  /** Per answer: a port call's record backs several facts (its ETA, ATA, ATD events), checked once. */
  const mapContext = (): PortMapContext => {
    const checked = new WeakMap<object, boolean>();
    return {
      network: options.name,
      proven: (kind, record) => {
        let proven = checked.get(record);
        if (proven === undefined) checked.set(record, (proven = follower.chain.proves(kind, record)));
        return proven;
      },
    };
  };

  /** A read-only query over many keys: one local call per MAX_KEYS_PER_QUERY, each answering a JSON list. */
  async function query<T>(methodSignature: string, keys: readonly string[]): Promise<T[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_QUERY)
      chunks.push(keys.slice(i, i + MAX_KEYS_PER_QUERY));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        readContract(client, options, methodSignature, [JSON.stringify(chunk)], ["string"]),
      ),
    );
    return answers.flatMap(([json]) => JSON.parse(String(json)) as T[]);
  }

  return {
    name: options.name,
    kind: "ANTCHAIN",
    options,
    client,
    follower,
    start: () => follower.start(),
    close: () => follower.stop(),
    sync: () => follower.syncOnce(),
    onChange: (listener: (change: NetworkChange) => void) => follower.onChange(listener),
    async billsByReference(references) {
      const views = await query<BillView | null>("queryBills(string)", references.map(toPortBillNo));
      const ctx = mapContext();
      return views.map((v) => (v ? mapBill(v, ctx) : null));
    },
    async containerEvents(containerNumbers) {
      const lists = await query<ContainerView>(
        "queryContainers(string)",
        containerNumbers.map(toPortContainerNo),
      );
      const ctx = mapContext();
      return lists.map((l) =>
        l.moves.length === 0
          ? []
          : mapBill(
              {
                billNo: l.moves[0]!.billNo,
                portCalls: [],
                moves: l.moves,
                customs: [],
                releases: [],
                fees: [],
              },
              ctx,
            ).events.filter((e) => e.equipmentReference === normalizeContainerNo(l.ctnNo)),
      );
    },
    proveTransaction: (txHash) => proveTransaction(client, follower, txHash),
    async status(): Promise<NetworkStatus> {
      const started = performance.now();
      const indexedHeight = follower.verifiedHeight >= 0 ? String(follower.verifiedHeight) : null;
      try {
        const head = JSON.parse(await client.chainCall({ method: "QUERYLASTBLOCK" }, false)) as BlockHeader;
        return {
          name: options.name,
          kind: "ANTCHAIN",
          health: follower.lastError ? "DEGRADED" : "UP",
          height: String(head.number),
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          cache: null,
          indexedHeight,
        };
      } catch {
        return {
          name: options.name,
          kind: "ANTCHAIN",
          health: "DOWN",
          height: null,
          latencyMs: null,
          cache: null,
          indexedHeight,
        };
      }
    },
  };
}
