import { BAAS_CODES, isReceiptPending } from "../../wire/antchain/answers.ts";
import { sha256Hex } from "../../wire/antchain/canonicalJson.ts";
import {
  decodeOutputs,
  decodeRevert,
  MAX_BATCH,
  PORT_CONTRACT_NAME,
  portFunction,
} from "../../wire/antchain/portContract.ts";
import type { ChainReceipt } from "../../wire/antchain/records.ts";
import { BAAS_PATHS, contractCallBody } from "../../wire/antchain/requests.ts";
import type { World } from "../../world/types.ts";
import type { SeedingClient } from "./baasClient.ts";
import { portRecords, type PortCallRecord } from "./nativeRecords.ts";

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
  /**
   * Customs statuses written by customs' own account, as the live world writes them (records one per
   * call only; a bulk load goes through `account`). @default everything from `account`
   */
  customs?: PortWriter;
}

/** A port community member writing records: its BaaS client and chain account. */
export interface PortWriter {
  client: SeedingClient;
  account: string;
}

/**
 * Writes the world into the port network by real contract transactions (CALLCONTRACTBIZASYNC) from the
 * terminal operator's account, in time order. Each call has a stable orderId (a record's own, or for a
 * batch a hash of its records' orderIds), so seeding again after a restart writes nothing twice; a batch
 * skips records the chain already holds, so a grown world adds only what is new. Waits for every call's
 * receipt and reads its ABI-encoded output (or revert reason).
 */
export async function seedPortNetwork(
  world: World,
  client: SeedingClient,
  account: string,
  options: PortSeedOptions = {},
): Promise<{ calls: number; written: number; recorded: number }> {
  const records = world.shipments
    .flatMap((s) => portRecords(s, world))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  return writePortRecords(records, client, account, options);
}

/**
 * Writes port records by contract transactions from `account`, in the order given, and waits for each
 * call's receipt. Seeding writes a world's records with it, and the world clock the records each move of
 * the world adds; a record already on the chain (same orderId) is not written again.
 */
export async function writePortRecords(
  records: PortCallRecord[],
  client: SeedingClient,
  account: string,
  options: PortSeedOptions = {},
): Promise<{ calls: number; written: number; recorded: number }> {
  const terminal: PortWriter = { client, account };
  // One record per call: each customs status from customs' own account when it has one.
  const writerOf = (method: string): PortWriter =>
    method === "recordCustoms(string)" && options.customs ? options.customs : terminal;
  const send = async (orderId: string, methodSignature: string, payload: unknown, writer = terminal) => {
    const answer = await writer.client.call(
      BAAS_PATHS.chainCallForBiz,
      contractCallBody({
        method: "CALLCONTRACTBIZASYNC",
        orderId,
        account: writer.account,
        kmsKeyId: writer.client.kmsKeyIdOf(writer.account),
        contractName: PORT_CONTRACT_NAME,
        methodSignature,
        inputs: [JSON.stringify(payload)],
        outTypes: methodSignature === "recordBatch(string)" ? ["uint256", "uint256"] : ["bool"],
        // No limit: a batch's call data grows with its records.
        gas: 0,
      }),
    );
    if (!answer.success) throw new Error(`seed call ${orderId} refused: ${answer.code} ${answer.data}`);
  };
  let written = 0;
  let calls = 0;
  const sent: { orderId: string; methodSignature: string; writer: PortWriter }[] = [];
  const batchSize = Math.min(options.batchSize ?? 1, MAX_BATCH);
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
      sent.push({ orderId, methodSignature: "recordBatch(string)", writer: terminal });
      written += batch.length;
      calls++;
    }
  } else {
    for (let i = 0; i < records.length; i += concurrency) {
      await Promise.all(
        records.slice(i, i + concurrency).map(async (r) => {
          await send(r.orderId, r.method, r.payload, writerOf(r.method));
          written++;
          calls++;
        }),
      );
    }
    sent.push(
      ...records.map((r) => ({ orderId: r.orderId, methodSignature: r.method, writer: writerOf(r.method) })),
    );
  }
  // Every call's receipt, not only the last one's: a call already made by an earlier seeding answers at
  // once with its old receipt, so the last call being mined says nothing about the new calls before it.
  // A reverted call (or batch, which is one transaction) means its records are not on the chain.
  const deadline = Date.now() + (options.receiptTimeoutMs ?? 60_000);
  let recorded = 0;
  const receiptOf = async ({ orderId, methodSignature, writer }: (typeof sent)[number]): Promise<void> => {
    for (;;) {
      // A client order is the sending tenant's: its receipt is asked for by the same tenant.
      const answer = await writer.client.call(BAAS_PATHS.chainCallForBiz, {
        method: "QUERYRECEIPTBIZ",
        orderId,
      });
      if (answer.success) {
        const receipt = JSON.parse(answer.data) as ChainReceipt;
        if (receipt.result !== 0)
          throw new Error(`seed call ${orderId} failed: ${decodeRevert(receipt.output) ?? receipt.result}`);
        const outputs = decodeOutputs(portFunction(methodSignature)!, receipt.output);
        recorded += methodSignature === "recordBatch(string)" ? Number(outputs[0]) : 1;
        return;
      }
      const waiting = isReceiptPending(answer.code) || answer.code === BAAS_CODES.NOT_FOUND;
      if (!waiting || Date.now() > deadline)
        throw new Error(`seed call ${orderId} has no receipt: ${answer.code} ${answer.data}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  for (let i = 0; i < sent.length; i += concurrency)
    await Promise.all(sent.slice(i, i + concurrency).map(receiptOf));
  return { calls, written, recorded };
}
