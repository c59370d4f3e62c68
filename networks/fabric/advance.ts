import type { Contract } from "@hyperledger/fabric-gateway";
import type { WorldShipment } from "../../world/types.ts";
import type { StoredShipment } from "../../wire/fabric/records.ts";
import { connectAs, type ClientTls } from "./client.ts";
import type { MemberCredentials } from "./msp.ts";
import { carrierRecord, type EblIndexEntry } from "./nativeRecords.ts";
import { createShipment } from "./seed.ts";

export interface CarrierWriterOptions {
  endpoint: string;
  channel: string;
  chaincode: string;
  /** Each carrier's identity, by SCAC: only a shipment's own carrier may write it. */
  carrierAdmins: Map<string, MemberCredentials>;
  eblChainId: number;
  /** The world's anchor: milestone numbers are stable from it on (see `carrierRecord`). */
  anchor: Date;
  tls?: ClientTls;
}

/**
 * Writes what carriers record as the world moves, by Submits through the Fabric Gateway client signed by
 * each shipment's carrier: a document once its B/L is issued (SetDocument), new milestones
 * (AddMilestones), a release once it changes (SetRelease), and a shipment new to the ledger
 * (CreateShipment). It reads the ledger's record first, so a fact already written (by seeding, or before
 * a restart) is never written twice.
 */
export class CarrierWriter {
  private readonly connections = new Map<string, ReturnType<typeof connectAs>>();

  constructor(private readonly options: CarrierWriterOptions) {}

  /** Brings each shipment's carrier record up to the shipment as given; returns the transactions made. */
  async write(shipments: WorldShipment[], ebls: Map<string, EblIndexEntry>): Promise<number> {
    const byCarrier = new Map<string, WorldShipment[]>();
    for (const s of shipments) byCarrier.set(s.carrierScac, [...(byCarrier.get(s.carrierScac) ?? []), s]);
    let transactions = 0;
    await Promise.all(
      [...byCarrier].map(async ([scac, list]) => {
        const contract = this.contract(scac);
        const stored = JSON.parse(
          Buffer.from(
            await contract.evaluateTransaction("GetShipments", JSON.stringify(list.map((s) => s.reference))),
          ).toString(),
        ) as (StoredShipment | null)[];
        await Promise.all(
          list.map(async (s, i) => {
            transactions += await this.bringUpToDate(contract, s, stored[i] ?? null, ebls);
          }),
        );
      }),
    );
    return transactions;
  }

  close(): void {
    for (const c of this.connections.values()) c.close();
    this.connections.clear();
  }

  /** One shipment's writes, in story order: its document, its milestones, then its release. */
  private async bringUpToDate(
    contract: Contract,
    s: WorldShipment,
    stored: StoredShipment | null,
    ebls: Map<string, EblIndexEntry>,
  ): Promise<number> {
    const native = carrierRecord(s, ebls, this.options.eblChainId, this.options.anchor);
    if (!stored) return createShipment(contract, native);
    let transactions = 0;
    if (stored.ebl.platform === "PAPER" && native.record.ebl.platform !== "PAPER") {
      await contract.submitTransaction("SetDocument", s.reference, JSON.stringify(native.record.ebl));
      transactions++;
    }
    const written = new Set(stored.milestones.map((m) => m.seq));
    const milestones = [...native.booking, ...native.voyage].filter((m) => !written.has(m.seq));
    if (milestones.length > 0) {
      await contract.submitTransaction("AddMilestones", s.reference, JSON.stringify(milestones));
      transactions++;
    }
    if (native.release.status !== "NOT_REQUESTED" && native.release.status !== stored.release.status) {
      await contract.submitTransaction("SetRelease", s.reference, JSON.stringify(native.release));
      transactions++;
    }
    return transactions;
  }

  private contract(scac: string): Contract {
    let connection = this.connections.get(scac);
    if (!connection) {
      const admin = this.options.carrierAdmins.get(scac);
      if (!admin) throw new Error(`no identity for carrier ${scac}`);
      connection = connectAs(this.options.endpoint, admin, this.options.tls);
      this.connections.set(scac, connection);
    }
    return connection.gateway.getNetwork(this.options.channel).getContract(this.options.chaincode);
  }
}
