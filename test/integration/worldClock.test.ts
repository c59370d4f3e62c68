import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import type { AntchainAdapter } from "../../adapters/antchain/index.ts";
import type { FabricAdapter } from "../../adapters/fabric/index.ts";
import type { CarrierShipment, PortShipmentRecord, Provenance, TitleTransfer } from "../../domain/model.ts";
import { sha256Hex } from "../../wire/antchain/canonicalJson.ts";
import { BAAS_PATHS } from "../../wire/antchain/requests.ts";
import { CarrierWriter } from "../../networks/fabric/advance.ts";
import { connectAs } from "../../networks/fabric/client.ts";
import type { EblIndexEntry } from "../../networks/fabric/nativeRecords.ts";
import type { StoredShipment } from "../../wire/fabric/records.ts";
import { generateStory, worldAt } from "../../world/generate.ts";
import { changedShipments, type DocumentIndex } from "../../world/clock/networkWriters.ts";
import { WorldClock, type NetworkWriter } from "../../world/clock/worldClock.ts";
import type { World } from "../../world/types.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "../support/carrierNetwork.ts";
import { startLocalChain, TEST_ANCHOR, type LocalChain } from "../support/localChain.ts";
import { CUSTOMS_ACCOUNT, localWorldWriters, TERMINAL_ACCOUNT } from "../support/localWorldWriters.ts";
import { startLocalPortNetwork, type LocalPortNetwork } from "../support/portNetwork.ts";

/**
 * The world clock against the three local networks, seeded at the anchor as `npm start` seeds them: run
 * fast for five story days, the new facts are read back through the adapters, in story order, each
 * written by the party that records it; a frozen clock writes nothing.
 */
const SHIPMENTS = 16;
const DAY = 86_400_000;
const STORY_DAYS = 5;
let chain: LocalChain;
let carrier: LocalCarrierNetwork;
let port: LocalPortNetwork;
let fabric: FabricAdapter;
let antchain: AntchainAdapter;
let evm: EvmAdapter;
let story: World;
let writers: NetworkWriter[];
let carrierWrites: CarrierWriter;
const documents: DocumentIndex = { entries: new Map<string, EblIndexEntry>(), added: () => undefined };

/** Every fact an adapter reports for the world's shipments, by the transaction that wrote it. */
interface Seen {
  carrier: (CarrierShipment | null)[];
  port: (PortShipmentRecord | null)[];
  titles: Map<string, TitleTransfer[]>;
}

async function seen(): Promise<Seen> {
  const references = story.shipments.map((s) => s.reference);
  await Promise.all([evm.sync(), antchain.sync()]);
  const titles = new Map<string, TitleTransfer[]>();
  for (const s of story.shipments) {
    const doc = documents.entries.get(s.reference);
    if (doc?.kind === "TOKEN_REGISTRY")
      titles.set(
        s.reference,
        evm.endorsementChain({ registry: doc.issuer as Address, documentHash: doc.documentHash as Hex }),
      );
  }
  return {
    carrier: await fabric.shipmentsByReference(references),
    port: await antchain.billsByReference(references),
    titles,
  };
}

const portSources = (record: PortShipmentRecord | null): Provenance[] =>
  record
    ? [
        ...record.events.map((e) => e.source),
        ...record.portCalls.map((c) => c.source),
        ...record.customs.flatMap((c) => c.history.map((h) => h.source)),
        ...record.releases.map((r) => r.source),
        ...record.fees.map((f) => f.source),
      ].filter((s): s is Provenance => s !== null)
    : [];
const transactionIds = (sources: Provenance[]) => new Set(sources.map((s) => s.transactionId!));

beforeAll(async () => {
  chain = await startLocalChain(SHIPMENTS);
  for (const d of chain.documents)
    documents.entries.set(d.reference, {
      reference: d.reference,
      documentHash: d.documentHash,
      kind: d.kind,
      issuer: d.issuer,
    });
  [carrier, port] = await Promise.all([
    startLocalCarrierNetwork(SHIPMENTS, new Map(documents.entries)),
    startLocalPortNetwork(SHIPMENTS),
  ]);
  story = generateStory({ seed: "test", shipments: SHIPMENTS, anchor: TEST_ANCHOR });
  const local = localWorldWriters(story, { chain, carrier, port }, documents);
  carrierWrites = local.carrierWrites;
  writers = local.writers;
  fabric = carrier.adapter();
  antchain = port.adapter();
  evm = createEvmAdapter({
    rpcUrl: chain.chain.url,
    chainId: 31337,
    titleEscrowFactory: chain.deployment.titleEscrowFactory,
    pollIntervalMs: 100,
    confirmations: 0,
  });
  await Promise.all([evm.start(), fabric.start(), antchain.start()]);
}, 180_000);

afterAll(async () => {
  carrierWrites?.close();
  await evm?.close();
  await carrier?.close();
  await port?.close();
  await chain?.close();
});

describe("the world clock", () => {
  let before: Seen;
  let reached: Date;

  it("moves the world: new facts on each network, in story order, written by the party that records them", async () => {
    before = await seen();
    // Five story days in about two real seconds.
    const clock = new WorldClock(story, TEST_ANCHOR, writers, {
      speed: (STORY_DAYS * DAY) / 2000,
      tickMs: 100,
    });
    clock.start();
    await vi.waitFor(
      () => expect(clock.now.getTime()).toBeGreaterThanOrEqual(TEST_ANCHOR.getTime() + STORY_DAYS * DAY),
      {
        timeout: 30_000,
        interval: 100,
      },
    );
    await clock.stop();
    reached = clock.now;
    const after = await seen();
    const changed = changedShipments(worldAt(story, TEST_ANCHOR), worldAt(story, reached));
    expect(changed.length).toBeGreaterThanOrEqual(3);

    // Carrier network: each shipment's new milestones, as the story has them, by its own carrier.
    const reader = connectAs(carrier.network.endpoint, carrier.network.consortium.reader);
    try {
      const contract = reader.gateway.getNetwork("tradelane").getContract("carrier");
      let carrierFacts = 0;
      for (const { was, is } of changed) {
        const expected = is.events
          .filter((e) => e.recordedBy === "CARRIER" && !was.events.includes(e) && e.classifier === "ACT")
          .map((e) => e.code);
        if (expected.length === 0) continue;
        const i = story.shipments.findIndex((s) => s.reference === is.reference);
        const old = transactionIds(before.carrier[i]!.events.map((e) => e.source));
        const fresh = after.carrier[i]!.events.filter((e) => !old.has(e.source.transactionId!));
        expect(
          fresh
            .filter((e) => e.eventClassifier === "ACT")
            .map((e) => e.code)
            .sort(),
        ).toEqual([...expected].sort());
        expect(fresh.every((e) => e.source.network === "carrier-fabric")).toBe(true);
        // Story order: a later event was never written in an earlier block.
        const byTime = [...fresh].sort((a, b) => a.eventDateTime.getTime() - b.eventDateTime.getTime());
        const blocks = byTime.map((e) => Number(e.source.blockNumber));
        expect(blocks).toEqual([...blocks].sort((a, b) => a - b));
        // Written by the shipment's carrier: the record names its last writer's MSP.
        const [stored] = JSON.parse(
          Buffer.from(
            await contract.evaluateTransaction("GetShipments", JSON.stringify([is.reference])),
          ).toString(),
        ) as StoredShipment[];
        expect(stored!.updatedBy).toContain(`${is.carrierScac}MSP`);
        carrierFacts += fresh.length;
      }
      expect(carrierFacts).toBeGreaterThan(0);
    } finally {
      reader.close();
    }

    // Port network: new records for the shipments calling at Chinese ports, by the terminal's account, and
    // customs statuses by customs' own.
    const portTransactions = new Map<string, string>();
    story.shipments.forEach((_, i) => {
      const old = transactionIds(portSources(before.port[i] ?? null));
      const customs = transactionIds(
        (after.port[i]?.customs ?? [])
          .flatMap((c) => c.history.map((h) => h.source))
          .filter((x) => x !== null),
      );
      for (const source of portSources(after.port[i] ?? null))
        if (!old.has(source.transactionId!))
          portTransactions.set(
            source.transactionId!,
            customs.has(source.transactionId!) ? CUSTOMS_ACCOUNT : TERMINAL_ACCOUNT,
          );
      // Terminal moves in story order. (A port call's ARRI and DEPA carry the call's latest write, so
      // they say nothing of the order its updates were written in.)
      const fresh = (after.port[i]?.events ?? []).filter(
        (e) => e.equipmentReference && !old.has(e.source.transactionId!),
      );
      const blocks = [...fresh]
        .sort((a, b) => a.eventDateTime.getTime() - b.eventDateTime.getTime())
        .map((e) => Number(e.source.blockNumber));
      expect(blocks).toEqual([...blocks].sort((a, b) => a - b));
    });
    expect(portTransactions.size).toBeGreaterThan(0);
    const client = port.terminalClient();
    for (const [hash, writer] of portTransactions) {
      const answer = await client.call(BAAS_PATHS.chainCall, { method: "QUERYTRANSACTION", hash });
      expect(answer.success).toBe(true);
      const { transactionDO } = JSON.parse(answer.data) as { transactionDO: { from: string } };
      expect(transactionDO.from).toBe(sha256Hex(writer));
    }
    expect(new Set(portTransactions.values())).toEqual(new Set([TERMINAL_ACCOUNT, CUSTOMS_ACCOUNT]));

    // eBL chain: each new title step is one transaction, sent by the party the story says takes it.
    let titleSteps = 0;
    for (const { was, is } of changed) {
      const steps = is.title.slice(was.title.length);
      if (steps.length === 0) continue;
      const transfers = after.titles.get(is.reference) ?? [];
      const old = transactionIds((before.titles.get(is.reference) ?? []).map((t) => t.source));
      const fresh = transfers.filter((t) => !old.has(t.source.transactionId!));
      const hashes = [...new Set(fresh.map((t) => t.source.transactionId!))];
      expect(hashes).toHaveLength(steps.length);
      const senders = await Promise.all(
        hashes.map(
          async (hash) => (await chain.clients.publicClient.getTransaction({ hash: hash as Hex })).from,
        ),
      );
      const signer = (by: string) =>
        (by === "carrier" ? chain.actors.carriers.get(is.carrierScac)! : chain.actors.parties.get(by)!)
          .account.address;
      expect(senders.map((a) => a.toLowerCase())).toEqual(steps.map((s) => signer(s.by).toLowerCase()));
      // Stamped with the story's time, in story order.
      for (const t of fresh) expect(t.at.getTime()).toBeGreaterThan(TEST_ANCHOR.getTime());
      const blocks = fresh.map((t) => Number(t.source.blockNumber));
      expect(blocks).toEqual([...blocks].sort((a, b) => a - b));
      titleSteps += steps.length;
    }
    expect(titleSteps).toBeGreaterThan(0);
  });

  it("writes nothing while frozen", async () => {
    const start = await seen();
    const height = await chain.clients.publicClient.getBlockNumber();
    const frozen = new WorldClock(story, reached, writers, { frozen: true, tickMs: 20 });
    frozen.start();
    await vi.waitFor(() => expect(frozen.ticks).toBeGreaterThanOrEqual(10), {
      timeout: 10_000,
      interval: 20,
    });
    await frozen.stop();
    expect(frozen.now).toEqual(reached);
    const end = await seen();
    expect(await chain.clients.publicClient.getBlockNumber()).toBe(height);
    expect(end.carrier.map((s) => s?.events.length)).toEqual(start.carrier.map((s) => s?.events.length));
    expect(end.port.map((r) => portSources(r).length)).toEqual(start.port.map((r) => portSources(r).length));
    expect([...end.titles.values()].map((t) => t.length)).toEqual(
      [...start.titles.values()].map((t) => t.length),
    );
  });
});
