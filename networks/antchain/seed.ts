import type { World } from "../../world/types.ts";
import type { SeedingClient } from "./baasClient.ts";
import { portRecords } from "./nativeRecords.ts";
import { PortLogisticsContract } from "./portContract.ts";

/**
 * Writes the world into the port network by real signed contract calls (CALLCONTRACTBIZASYNC) from the
 * terminal operator's account, in time order. Each record has a stable orderId, so seeding again after
 * a restart writes nothing twice. Waits until the last call has its receipt.
 */
export async function seedPortNetwork(
  world: World,
  client: SeedingClient,
  account: string,
  concurrency = 32,
): Promise<{ calls: number; written: number }> {
  const records = world.shipments
    .flatMap((s) => portRecords(s, world))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  let written = 0;
  for (let i = 0; i < records.length; i += concurrency) {
    await Promise.all(
      records.slice(i, i + concurrency).map(async (r) => {
        const answer = await client.call("/api/contract/chainCallForBiz", {
          method: "CALLCONTRACTBIZASYNC",
          orderId: r.orderId,
          account,
          mykmsKeyId: `${account}-kms`,
          contractName: PortLogisticsContract.NAME,
          methodSignature: r.method,
          requestStr: JSON.stringify([JSON.stringify(r.payload)]),
          outTypes: "[bool]",
          gas: 500_000,
        });
        if (!answer.success) throw new Error(`seed call ${r.orderId} refused: ${answer.code} ${answer.data}`);
        written++;
      }),
    );
  }
  const last = records.at(-1);
  if (last) {
    for (let tries = 0; tries < 200; tries++) {
      const receipt = await client.call("/api/contract/chainCallForBiz", {
        method: "QUERYRECEIPTBIZ",
        orderId: last.orderId,
      });
      if (receipt.success) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { calls: records.length, written };
}
