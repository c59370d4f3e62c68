import type { World } from "../../world/types.ts";
import { connectAs } from "./client.ts";
import { carrierRecord, type EblIndexEntry } from "./nativeRecords.ts";
import type { Consortium } from "./orgs.ts";

export interface SeedOptions {
  endpoint: string;
  channel: string;
  chaincode: string;
  consortium: Consortium;
  ebls: Map<string, EblIndexEntry>;
  eblChainId: number;
  /** Transactions in flight at once. @default 64 */
  concurrency?: number;
}

/**
 * Writes the world into the carrier network by real Submit transactions through the Fabric Gateway
 * client, each signed by the issuing carrier's identity: the booking up to B/L issue, then the voyage's
 * milestones, then the release. Shipments already on the ledger are skipped, so a restart re-seeds
 * nothing.
 */
export async function seedCarrierNetwork(
  world: World,
  options: SeedOptions,
): Promise<{ created: number; transactions: number }> {
  const connections = new Map<string, ReturnType<typeof connectAs>>();
  const contractFor = (scac: string) => {
    let c = connections.get(scac);
    if (!c)
      connections.set(scac, (c = connectAs(options.endpoint, options.consortium.carrierAdmins.get(scac)!)));
    return c.gateway.getNetwork(options.channel).getContract(options.chaincode);
  };
  try {
    const reader = contractFor(world.shipments[0]!.carrierScac);
    const existing = new Set<string>();
    for (let i = 0; i < world.shipments.length; i += 1000) {
      const refs = world.shipments.slice(i, i + 1000).map((s) => s.reference);
      const found = JSON.parse(
        Buffer.from(await reader.evaluateTransaction("GetShipments", JSON.stringify(refs))).toString(),
      ) as (object | null)[];
      found.forEach((f, j) => f && existing.add(refs[j]!));
    }
    const todo = world.shipments.filter((s) => !existing.has(s.reference));
    let transactions = 0;
    const limit = options.concurrency ?? 64;
    for (let i = 0; i < todo.length; i += limit) {
      await Promise.all(
        todo.slice(i, i + limit).map(async (s) => {
          const contract = contractFor(s.carrierScac);
          const { record, booking, voyage, release } = carrierRecord(s, options.ebls, options.eblChainId);
          await contract.submitTransaction(
            "CreateShipment",
            JSON.stringify({ ...record, milestones: booking }),
          );
          transactions++;
          if (voyage.length > 0) {
            await contract.submitTransaction("AddMilestones", s.reference, JSON.stringify(voyage));
            transactions++;
          }
          if (release.status !== "NOT_REQUESTED") {
            await contract.submitTransaction("SetRelease", s.reference, JSON.stringify(release));
            transactions++;
          }
        }),
      );
    }
    return { created: todo.length, transactions };
  } finally {
    for (const c of connections.values()) c.close();
  }
}
