import type { World, WorldShipment } from "../../world/types.ts";
import type { Contract } from "@hyperledger/fabric-gateway";
import { connectAs, type ClientTls } from "./client.ts";
import { carrierRecord, type EblIndexEntry } from "./nativeRecords.ts";
import type { Consortium } from "./orgs.ts";

export interface SeedOptions {
  endpoint: string;
  channel: string;
  chaincode: string;
  consortium: Consortium;
  ebls: Map<string, EblIndexEntry>;
  eblChainId: number;
  /** TLS to the peer (with the seeder's client certificate when the peer requires mutual TLS). */
  tls?: ClientTls;
  /** Transactions in flight at once (with batches: batches in flight). @default 64 with batchSize 1, else 4 */
  concurrency?: number;
  /**
   * Shipments per transaction. 1 writes each shipment as a carrier's system would live: its own
   * CreateShipment, AddMilestones and SetRelease, each with its own event. Above 1 (a bulk load), each
   * transaction carries up to this many shipments of one carrier through CreateShipments,
   * AddShipmentMilestones and SetReleases: the same keys and record shapes, one event per transaction
   * naming every shipment in it. @default 1
   */
  batchSize?: number;
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
      connections.set(
        scac,
        (c = connectAs(options.endpoint, options.consortium.carrierAdmins.get(scac)!, options.tls)),
      );
    return c.gateway.getNetwork(options.channel).getContract(options.chaincode);
  };
  try {
    // B/L numbers only (ListShipments pages), so the check stays small however many are on the ledger.
    const reader = contractFor(world.shipments[0]!.carrierScac);
    const existing = new Set<string>();
    for (let after = ""; ;) {
      const page = JSON.parse(
        Buffer.from(await reader.evaluateTransaction("ListShipments", after, "1000")).toString(),
      ) as string[];
      page.forEach((b) => existing.add(b));
      if (page.length < 1000) break;
      after = page.at(-1)!;
    }
    const todo = world.shipments.filter((s) => !existing.has(s.reference));
    const batchSize = options.batchSize ?? 1;
    const write = batchSize > 1 ? writeBatch : writeOne;
    const units: WorldShipment[][] = [];
    if (batchSize > 1) {
      const byCarrier = new Map<string, WorldShipment[]>();
      for (const s of todo) {
        const list = byCarrier.get(s.carrierScac);
        if (list) list.push(s);
        else byCarrier.set(s.carrierScac, [s]);
      }
      for (const list of byCarrier.values())
        for (let i = 0; i < list.length; i += batchSize) units.push(list.slice(i, i + batchSize));
    } else for (const s of todo) units.push([s]);
    let transactions = 0;
    const limit = options.concurrency ?? (batchSize > 1 ? 4 : 64);
    let next = 0;
    // A fixed number of workers, each taking the next unit when done: no wave waits for its slowest member.
    await Promise.all(
      Array.from({ length: Math.min(limit, units.length) }, async () => {
        // Not `transactions += await …`: that reads the total before the await and loses the other workers' counts.
        while (next < units.length) {
          const written = await write(units[next++]!);
          transactions += written;
        }
      }),
    );
    return { created: todo.length, transactions };
  } finally {
    for (const c of connections.values()) c.close();
  }

  async function writeOne([s]: WorldShipment[]): Promise<number> {
    return createShipment(contractFor(s!.carrierScac), carrierRecord(s!, options.ebls, options.eblChainId));
  }

  async function writeBatch(shipments: WorldShipment[]): Promise<number> {
    const contract = contractFor(shipments[0]!.carrierScac);
    const native = shipments.map((s) => carrierRecord(s, options.ebls, options.eblChainId));
    await contract.submitTransaction(
      "CreateShipments",
      JSON.stringify(native.map((n) => ({ ...n.record, milestones: n.booking }))),
    );
    let transactions = 1;
    const voyages = native
      .filter((n) => n.voyage.length > 0)
      .map((n) => ({ blNo: n.record.blNo, milestones: n.voyage }));
    if (voyages.length > 0) {
      await contract.submitTransaction("AddShipmentMilestones", JSON.stringify(voyages));
      transactions++;
    }
    const releases = native
      .filter((n) => n.release.status !== "NOT_REQUESTED")
      .map((n) => ({ blNo: n.record.blNo, release: n.release }));
    if (releases.length > 0) {
      await contract.submitTransaction("SetReleases", JSON.stringify(releases));
      transactions++;
    }
    return transactions;
  }
}

/**
 * One shipment as a carrier's system writes it live, each stage its own Submit: CreateShipment with the
 * booking up to B/L issue, AddMilestones with the voyage's later milestones, SetRelease once requested.
 * Returns the number of transactions.
 */
export async function createShipment(
  contract: Contract,
  { record, booking, voyage, release }: ReturnType<typeof carrierRecord>,
): Promise<number> {
  await contract.submitTransaction("CreateShipment", JSON.stringify({ ...record, milestones: booking }));
  let transactions = 1;
  if (voyage.length > 0) {
    await contract.submitTransaction("AddMilestones", record.blNo, JSON.stringify(voyage));
    transactions++;
  }
  if (release.status !== "NOT_REQUESTED") {
    await contract.submitTransaction("SetRelease", record.blNo, JSON.stringify(release));
    transactions++;
  }
  return transactions;
}
