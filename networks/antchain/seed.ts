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
  let lastOrderId: string | null = null;
  const batches: string[] = [];
  const batchSize = Math.min(options.batchSize ?? 1, PortLogisticsContract.MAX_BATCH);
  if (batchSize > 1) {
    for (let i = 0; i < records.length; i += batchSize) {
      const batch: PortCallRecord[] = records.slice(i, i + batchSize);
      lastOrderId = `seed-batch:${sha256Hex(batch.map((r) => r.orderId).join("\n"))}`;
      await send(
        lastOrderId,
        "recordBatch(string)",
        batch.map((r) => ({ method: r.method, payload: r.payload })),
      );
      batches.push(lastOrderId);
      written += batch.length;
      calls++;
    }
  } else {
    const concurrency = options.concurrency ?? 32;
    for (let i = 0; i < records.length; i += concurrency) {
      await Promise.all(
        records.slice(i, i + concurrency).map(async (r) => {
          await send(r.orderId, r.method, r.payload);
          written++;
          calls++;
        }),
      );
    }
    lastOrderId = records.at(-1)?.orderId ?? null;
  }
  if (lastOrderId) {
    for (let tries = 0; tries < 200; tries++) {
      const receipt = await client.call("/api/contract/chainCallForBiz", {
        method: "QUERYRECEIPTBIZ",
        orderId: lastOrderId,
      });
      if (receipt.success) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  // A batch is one transaction: if the contract refused it, none of its records is on the chain.
  for (const orderId of batches) {
    const receipt = await client.call("/api/contract/chainCallForBiz", {
      method: "QUERYRECEIPTBIZ",
      orderId,
    });
    const result = receipt.success ? (JSON.parse(receipt.data) as { result: number; output: string }) : null;
    if (result?.result !== 0)
      throw new Error(`seed batch ${orderId} failed: ${result?.output ?? `${receipt.code} ${receipt.data}`}`);
  }
  return { calls, written };
}
