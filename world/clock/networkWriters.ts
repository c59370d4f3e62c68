import { portRecords } from "../../networks/antchain/nativeRecords.ts";
import { writePortRecords, type PortWriter } from "../../networks/antchain/seed.ts";
import type { EvmActors } from "../../networks/evm/accounts.ts";
import type { ChainClients, EvmDeployment } from "../../networks/evm/deploy.ts";
import { seedTitles, type SeededDocument } from "../../networks/evm/seed.ts";
import type { CarrierWriter } from "../../networks/fabric/advance.ts";
import type { EblIndexEntry } from "../../networks/fabric/nativeRecords.ts";
import type { World, WorldShipment } from "../types.ts";
import type { NetworkWriter } from "./worldClock.ts";

/** The documents issued so far, by B/L number; the title writer adds to it, the carrier writer reads it. */
export interface DocumentIndex {
  entries: Map<string, EblIndexEntry>;
  /** Called with the documents a move issued (e.g. to append them to the index file). */
  added(documents: SeededDocument[]): void;
}

/** Shipments whose facts differ between two states of the world (same story, so same order). */
export function changedShipments(before: World, after: World): { was: WorldShipment; is: WorldShipment }[] {
  return after.shipments.flatMap((is, i) => {
    const was = before.shipments[i]!;
    return is.events.length !== was.events.length || is.title.length !== was.title.length
      ? [{ was, is }]
      : [];
  });
}

/** The eBL chain: title steps signed by the party that takes them; documents issued by their carrier. */
export function titleWriter(
  chain: { clients: ChainClients; actors: EvmActors; deployment: EvmDeployment; documentsDir: string },
  documents: DocumentIndex,
): NetworkWriter {
  return {
    network: "ebl-evm",
    async write(before, after) {
      const changed = changedShipments(before, after);
      const steps = changed.reduce((n, c) => n + c.is.title.length - c.was.title.length, 0);
      const waybills = changed.filter(
        (c) =>
          c.is.documentKind === "SEA_WAYBILL" &&
          c.is.events.some((e) => e.code === "ISSU" && e.classifier === "ACT") &&
          !c.was.events.some((e) => e.code === "ISSU" && e.classifier === "ACT"),
      ).length;
      if (steps + waybills === 0) return { facts: 0, transactions: 0 };
      const issued = await seedTitles(
        { ...after, shipments: changed.map((c) => c.is) },
        chain.clients,
        chain.actors,
        chain.deployment,
        chain.documentsDir,
        { after: before.now, issued: documents.entries },
      );
      for (const d of issued)
        documents.entries.set(d.reference, {
          reference: d.reference,
          documentHash: d.documentHash,
          kind: d.kind,
          issuer: d.issuer,
        });
      if (issued.length > 0) documents.added(issued);
      const rogue = changed.filter(
        (c) => c.is.conflicts.includes("DUPLICATE_TITLE") && c.was.title.length === 0,
      ).length;
      return { facts: steps + waybills, transactions: steps + waybills + rogue };
    },
  };
}

/** The carrier network: each shipment's milestones, document and release, signed by its carrier. */
export function carrierWriter(writer: CarrierWriter, documents: DocumentIndex): NetworkWriter {
  return {
    network: "carrier-fabric",
    async write(before, after) {
      const changed = changedShipments(before, after);
      if (changed.length === 0) return { facts: 0, transactions: 0 };
      const carrierFacts = (s: WorldShipment) => s.events.filter((e) => e.recordedBy === "CARRIER").length;
      const transactions = await writer.write(
        changed.map((c) => c.is),
        documents.entries,
      );
      return {
        facts: changed.reduce((n, c) => n + carrierFacts(c.is) - carrierFacts(c.was), 0),
        transactions,
      };
    },
  };
}

/**
 * The port network, in time order: port calls, moves, releases and fees by the terminal operator's account,
 * customs statuses by customs' own. Records are derived from each shipment's whole story (a vessel's arrival
 * at the port of loading is recorded when it arrives); the writer remembers what the chain holds, starting
 * from what seeding wrote, and a record sent twice (after a restart) is one order, written once.
 */
export function portWriter(story: World, terminal: PortWriter, customs: PortWriter): NetworkWriter {
  const wholes = new Map(story.shipments.map((s) => [s.reference, s]));
  const written = new Map<string, Set<string>>();
  const writtenFor = (s: WorldShipment, before: World) => {
    let ids = written.get(s.reference);
    if (!ids) {
      // Not seen since seeding: the chain holds what seeding wrote (no whole story) and nothing since.
      ids = new Set(portRecords(s, before).map((r) => r.orderId));
      written.set(s.reference, ids);
    }
    return ids;
  };
  return {
    network: "port-antchain",
    async write(before, after) {
      const fresh = after.shipments
        .flatMap((s, i) => {
          const ids = writtenFor(before.shipments[i]!, before);
          return portRecords(s, after, wholes.get(s.reference))
            .filter((r) => !ids.has(r.orderId))
            .map((record) => ({ record, ids }));
        })
        .sort((a, b) => a.record.at.getTime() - b.record.at.getTime());
      if (fresh.length === 0) return { facts: 0, transactions: 0 };
      const records = fresh.map((f) => f.record);
      // One call at a time: the chain applies them in the order the port community records them.
      const { calls } = await writePortRecords(records, terminal.client, terminal.account, {
        concurrency: 1,
        customs,
      });
      for (const { record, ids } of fresh) ids.add(record.orderId);
      return { facts: records.length, transactions: calls };
    },
  };
}
