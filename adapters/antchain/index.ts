import { NetworkError } from "../../core/errors.ts";
import type { NetworkStatus, PortShipmentRecord, TrackingEvent } from "../../core/model.ts";
import type { NetworkAdapter, NetworkChange } from "../../core/networkAdapter.ts";
import { PortBlockFollower } from "./blockFollower.ts";
import { mapBill } from "./mapBill.ts";
import { normalizeContainerNo, toPortBillNo, toPortContainerNo } from "./mappings.ts";
import { receiptHash, verifyMerklePath, type MerkleStep } from "./merkle.ts";
import type { NativeBillView, NativeBlockHeader, NativeMove, NativeReceipt } from "./nativeTypes.ts";
import {
  resolveAntchainOptions,
  type AntchainAdapterOptions,
  type ResolvedAntchainAdapterOptions,
} from "./options.ts";
import { BaasRestClient } from "./restClient.ts";

export type { AntchainAdapterOptions } from "./options.ts";

/** Most keys one contract query carries (the contract's own limit). */
export const MAX_KEYS_PER_QUERY = 1000;

export interface ReceiptProof {
  txHash: string;
  blockNumber: number;
  receiptHash: string;
  receiptRoot: string;
  proven: boolean;
}

/** The port network: port calls, terminal moves, customs and release on an AntChain-style chain. */
export interface AntchainAdapter extends NetworkAdapter {
  readonly options: ResolvedAntchainAdapterOptions;
  readonly client: BaasRestClient;
  /** What the port recorded per B/L number, in order; null where it has nothing. One query per 1,000. */
  billsByReference(references: readonly string[]): Promise<(PortShipmentRecord | null)[]>;
  /** Terminal events per container (ISO 6346), in order. One query per 1,000. */
  containerEvents(containerNumbers: readonly string[]): Promise<TrackingEvent[][]>;
  /** Fetches a transaction's receipt and its block header and checks the receipt's Merkle path. */
  proveTransaction(txHash: string): Promise<ReceiptProof>;
  sync(): Promise<void>;
}

export function createAntchainAdapter(input: AntchainAdapterOptions): AntchainAdapter {
  const options = resolveAntchainOptions(input);
  const client = new BaasRestClient(options);
  const follower = new PortBlockFollower(
    client,
    options.name,
    options.bizid,
    options.checkpointFile,
    options.pollIntervalMs,
  );
  const ctx = { network: options.name, verifiedHeight: () => follower.verifiedHeight };

  /** Read-only contract calls go through CALLCONTRACTBIZASYNC and are answered at once; safe to retry. */
  async function query(methodSignature: string, keys: readonly string[]): Promise<string[]> {
    const chunks: string[][] = [];
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_QUERY)
      chunks.push(keys.slice(i, i + MAX_KEYS_PER_QUERY));
    return Promise.all(
      chunks.map((chunk) =>
        client.call(
          "/api/contract/chainCallForBiz",
          {
            method: "CALLCONTRACTBIZASYNC",
            contractName: options.contractName,
            methodSignature,
            requestStr: JSON.stringify([JSON.stringify(chunk)]),
            outTypes: "[string]",
            orderId: `query-${Date.now()}-${Math.random().toString(36).slice(2)}`,
          },
          true,
        ),
      ),
    );
  }

  return {
    name: options.name,
    kind: "ANTCHAIN",
    options,
    client,
    start: () => follower.start(),
    close: async () => follower.stop(),
    sync: () => follower.syncOnce(),
    onChange: (listener: (change: NetworkChange) => void) => follower.onChange(listener),
    async billsByReference(references) {
      const answers = await query("queryBills(string)", references.map(toPortBillNo));
      return answers
        .flatMap((a) => JSON.parse(a) as (NativeBillView | null)[])
        .map((v) => (v ? mapBill(v, ctx) : null));
    },
    async containerEvents(containerNumbers) {
      const answers = await query("queryContainers(string)", containerNumbers.map(toPortContainerNo));
      const lists = answers.flatMap((a) => JSON.parse(a) as { ctnNo: string; moves: NativeMove[] }[]);
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
    async proveTransaction(txHash) {
      if (!/^[0-9a-f]{64}$/.test(txHash))
        throw new NetworkError(options.name, "transaction hashes are 64 hex characters without 0x");
      const receipt = JSON.parse(
        await client.call("/api/contract/chainCall", { method: "QUERYRECEIPT", hash: txHash }, true),
      ) as NativeReceipt & { proof: MerkleStep[]; receiptHash?: string };
      const { proof, receiptHash: _claimed, ...body } = receipt;
      const header = JSON.parse(
        await client.call(
          "/api/contract/chainCall",
          { method: "QUERYBLOCK", requestStr: String(receipt.blockNumber) },
          true,
        ),
      ) as NativeBlockHeader;
      // The leaf is recomputed from the receipt itself: a receipt altered in transit cannot verify.
      const leaf = receiptHash(body as unknown as Record<string, unknown>);
      return {
        txHash,
        blockNumber: receipt.blockNumber,
        receiptHash: leaf,
        receiptRoot: header.receiptRoot,
        proven: verifyMerklePath(leaf, proof, header.receiptRoot),
      };
    },
    async status(): Promise<NetworkStatus> {
      const started = performance.now();
      try {
        const head = JSON.parse(
          await client.call("/api/contract/chainCall", { method: "QUERYLASTBLOCK" }, false),
        ) as NativeBlockHeader;
        return {
          name: options.name,
          kind: "ANTCHAIN",
          health: follower.lastError ? "DEGRADED" : "UP",
          height: String(head.number),
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
          cache: null,
          indexedHeight: follower.verifiedHeight >= 0 ? String(follower.verifiedHeight) : null,
        };
      } catch {
        return {
          name: options.name,
          kind: "ANTCHAIN",
          health: "DOWN",
          height: null,
          latencyMs: null,
          cache: null,
          indexedHeight: follower.verifiedHeight >= 0 ? String(follower.verifiedHeight) : null,
        };
      }
    },
  };
}
