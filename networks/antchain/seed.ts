import type { World } from "../../world/types.ts";
import type { SeedingClient } from "./baasClient.ts";
import { sha256Hex } from "./hashing.ts";
import { portRecords, type PortCallRecord } from "./nativeRecords.ts";
import { PortLogisticsContract } from "./portContract.ts";

export interface PortSeedOptions {
  /** Calls in flight at once when writing one record per call. @default 32 */
  concurrency?: number;
  /**
   * Records per call. 1 writes each record by its own contract call, as the terminal's system does
   * live. Above 1 (a bulk load), consecutive records go through `recordBatch(string)`, one call per
   * batch, sent one after another so the chain applies them in time order. @default 1
   */
  batchSize?: number;
  /** How long to wait for the chain to seal every call before failing. @default 60000 */
  receiptTimeoutMs?: number;
}

/**
 * Writes the world into the port network by real signed contract calls (CALLCONTRACTBIZASYNC) from the
 * terminal operator's account, in time order. Each call has a stable orderId (a record's own, or for a
 * batch a hash of its records' orderIds), so seeding again after a restart writes nothing twice; a batch
 * skips records the chain already holds, so a grown world adds only what is new. Waits until the last
 * call has its receipt.
 */
export async function seedPortNetwork(
  world: World,
  client: SeedingClient,
  account: string,
  options: PortSeedOptions = {},
): Promise<{ calls: number; written: number }> {
  const records = world.shipments
    .flatMap((s) => portRecords(s, world))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const send = async (orderId: string, methodSignature: string, payload: unknown) => {
    const answer = await client.call("/api/contract/chainCallForBiz", {
      method: "CALLCONTRACTBIZASYNC",
      orderId,
      account,
      mykmsKeyId: `${account}-kms`,
      contractName: PortLogisticsContract.NAME,
      methodSignature,
      requestStr: JSON.stringify([JSON.stringify(payload)]),
      outTypes: "[bool]",
      gas: 500_000,
    });
    if (!answer.success) throw new Error(`seed call ${orderId} refused: ${answer.code} ${answer.data}`);
  };
  let written = 0;
  let calls = 0;
  const sent: string[] = [];
  const batchSize = Math.min(options.batchSize ?? 1, PortLogisticsContract.MAX_BATCH);
  const concurrency = options.concurrency ?? 32;
  if (batchSize > 1) {
    for (let i = 0; i < records.length; i += batchSize) {
      const batch: PortCallRecord[] = records.slice(i, i + batchSize);
      const orderId = `seed-batch:${sha256Hex(batch.map((r) => r.orderId).join("\n"))}`;
      await send(
        orderId,
        "recordBatch(string)",
        batch.map((r) => ({ method: r.method, payload: r.payload })),
      );
      sent.push(orderId);
      written += batch.length;
      calls++;
    }
  } else {
    for (let i = 0; i < records.length; i += concurrency) {
      await Promise.all(
        records.slice(i, i + concurrency).map(async (r) => {
          await send(r.orderId, r.method, r.payload);
          written++;
          calls++;
        }),
      );
    }
    sent.push(...records.map((r) => r.orderId));
  }
  // Every call's receipt, not only the last one's: a call already made by an earlier seeding answers at
  // once with its old receipt, so the last call being mined says nothing about the new calls before it.
  // A refused call (or batch, which is one transaction) means its records are not on the chain.
  const deadline = Date.now() + (options.receiptTimeoutMs ?? 60_000);
  const receiptOf = async (orderId: string): Promise<void> => {
    for (;;) {
      const receipt = await client.call("/api/contract/chainCallForBiz", {
        method: "QUERYRECEIPTBIZ",
        orderId,
      });
      if (receipt.success) {
        const result = JSON.parse(receipt.data) as { result: number; output: string };
        if (result.result !== 0) throw new Error(`seed call ${orderId} failed: ${result.output}`);
        return;
      }
      if (Date.now() > deadline)
        throw new Error(`seed call ${orderId} has no receipt: ${receipt.code} ${receipt.data}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  for (let i = 0; i < sent.length; i += concurrency)
    await Promise.all(sent.slice(i, i + concurrency).map(receiptOf));
  return { calls, written };
}
