import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedShipments } from "../../domain/networkChange.ts";
import { connectAs } from "../../networks/fabric/client.ts";
import { seedCarrierNetwork } from "../../networks/fabric/seed.ts";
import { seedPortNetwork } from "../../networks/antchain/seed.ts";
import { generateWorld } from "../../world/generate.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "../support/carrierNetwork.ts";
import { TEST_ANCHOR } from "../support/localChain.ts";
import { startLocalPortNetwork, type LocalPortNetwork } from "../support/portNetwork.ts";

/** Transaction ids, block numbers and commit times differ between two seedings; everything else must not. */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key: string, v: unknown) =>
    ["lastTxId", "txId", "updatedAt", "txHash", "blockNumber"].includes(key) ? "*" : v,
  ) as unknown;
}

describe("bulk seeding: the same records, far fewer transactions", () => {
  const SIZE = 40;
  const world = generateWorld({ seed: "test", shipments: SIZE, anchor: TEST_ANCHOR });
  const refs = world.shipments.map((s) => s.reference);
  let one: LocalCarrierNetwork;
  let bulk: LocalCarrierNetwork;
  let portOne: LocalPortNetwork;
  let portBulk: LocalPortNetwork;

  beforeAll(async () => {
    one = await startLocalCarrierNetwork(SIZE);
    bulk = await startLocalCarrierNetwork(SIZE, undefined, undefined, { world, batchSize: 7 });
    portOne = await startLocalPortNetwork(SIZE);
    portBulk = await startLocalPortNetwork(SIZE, undefined, { world, batchSize: 50 });
  });
  afterAll(async () => {
    await Promise.all([one, bulk, portOne, portBulk].map((n) => n?.close()));
  });

  const carrierRecords = async (local: LocalCarrierNetwork) => {
    const reader = connectAs(local.network.endpoint, local.network.consortium.reader);
    try {
      const contract = reader.gateway.getNetwork("tradelane").getContract("carrier");
      return JSON.parse(
        Buffer.from(await contract.evaluateTransaction("GetShipments", JSON.stringify(refs))).toString(),
      ) as { blNo: string }[];
    } finally {
      reader.close();
    }
  };

  it("writes every carrier key and record exactly as one transaction per step does", async () => {
    const [a, b] = await Promise.all([carrierRecords(one), carrierRecords(bulk)]);
    expect(a.map((r) => r.blNo)).toEqual(refs);
    expect(normalize(b)).toEqual(normalize(a));
    const keys = (local: LocalCarrierNetwork) => local.network.ledger.range("", "").map(([k]) => k);
    expect(keys(bulk)).toEqual(keys(one));
    // Each B/L's history has as many versions either way (create, milestones, release).
    for (const key of keys(one).filter((k) => k.startsWith("\u0000bl\u0000")))
      expect(bulk.network.ledger.historyOf(key)).toHaveLength(one.network.ledger.historyOf(key).length);
    // Fewer transactions, not necessarily fewer blocks: how many transactions a block holds depends on timing.
    const transactions = (local: LocalCarrierNetwork) =>
      Array.from({ length: local.network.ledger.height }, (_, i) => local.network.ledger.block(i)!).reduce(
        (n, b) => n + b.transactions.length,
        0,
      );
    expect(transactions(bulk)).toBeLessThan(transactions(one) / 2);
    // The seeder reports what it submitted, counted across its concurrent workers.
    expect(one.seeded.transactions).toBe(transactions(one));
    expect(bulk.seeded.transactions).toBe(transactions(bulk));
  });

  /** Which transaction (and block) created each B/L, read off the ledger's ShipmentsCreated events. */
  const createdOnLedger = (local: LocalCarrierNetwork) => {
    const created = new Map<string, { tx: string; block: string }>();
    for (let n = 0; n < local.network.ledger.height; n++)
      for (const tx of local.network.ledger.block(n)!.transactions)
        if (tx.event?.eventName === "ShipmentsCreated")
          for (const s of (
            JSON.parse(Buffer.from(tx.event.payload, "base64").toString()) as {
              shipments: { blNo: string }[];
            }
          ).shipments)
            created.set(s.blNo, { tx: tx.txId, block: String(n) });
    return created;
  };

  it("names every shipment of a bulk transaction in its one event", () => {
    expect([...createdOnLedger(bulk).keys()].sort()).toEqual([...refs].sort());
  });

  it("re-seeds nothing on a restart, and refuses a bulk write by another carrier or with a B/L twice", async () => {
    const options = {
      endpoint: bulk.network.endpoint,
      channel: "tradelane",
      chaincode: "carrier",
      consortium: bulk.network.consortium,
      ebls: new Map(),
      eblChainId: 31337,
      batchSize: 7,
    };
    const height = bulk.network.ledger.height;
    expect(await seedCarrierNetwork(world, options)).toEqual({ created: 0, transactions: 0 });
    expect(bulk.network.ledger.height).toBe(height);

    const s = world.shipments[0]!;
    const other = world.shipments.find((x) => x.carrierScac !== s.carrierScac)!;
    const client = connectAs(
      bulk.network.endpoint,
      bulk.network.consortium.carrierAdmins.get(s.carrierScac)!,
    );
    try {
      const contract = client.gateway.getNetwork("tradelane").getContract("carrier");
      const release = { status: "RELEASE_REQUESTED" };
      await expect(
        contract.submitTransaction(
          "SetReleases",
          JSON.stringify([
            { blNo: s.reference, release },
            { blNo: other.reference, release },
          ]),
        ),
      ).rejects.toMatchObject({ details: [{ message: expect.stringMatching(/access denied/) as unknown }] });
      await expect(
        contract.submitTransaction(
          "SetReleases",
          JSON.stringify([
            { blNo: s.reference, release },
            { blNo: s.reference, release },
          ]),
        ),
      ).rejects.toMatchObject({ details: [{ message: expect.stringMatching(/appears twice/) as unknown }] });
    } finally {
      client.close();
    }
  });

  it("follows a bulk transaction's event to every B/L it wrote, each fact naming its block", async () => {
    const adapter = bulk.adapter();
    const named = new Set<string>();
    adapter.onChange((c) => {
      for (const reference of changedShipments(c)) named.add(reference);
    });
    await adapter.start();
    const until = Date.now() + 10_000;
    while (named.size < refs.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect([...named].sort()).toEqual([...refs].sort());
    const createdBy = createdOnLedger(bulk);
    const shipments = await adapter.shipmentsByReference(refs);
    for (const s of shipments) {
      expect(s?.source.blockNumber).toMatch(/^\d+$/);
      for (const e of s!.events) expect(e.source.blockNumber).toMatch(/^\d+$/);
      // The booking's milestones came with the create: their provenance is that transaction and block.
      const created = createdBy.get(s!.reference)!;
      expect(s!.events.filter((e) => e.source.transactionId === created.tx).length).toBeGreaterThan(0);
      for (const e of s!.events.filter((e) => e.source.transactionId === created.tx))
        expect(e.source.blockNumber).toBe(created.block);
    }
  });

  it("lists B/Ls page by page from where the last page stopped", async () => {
    const reader = connectAs(bulk.network.endpoint, bulk.network.consortium.reader);
    try {
      const contract = reader.gateway.getNetwork("tradelane").getContract("carrier");
      const listed: string[] = [];
      for (let after = ""; ;) {
        const page = JSON.parse(
          Buffer.from(await contract.evaluateTransaction("ListShipments", after, "6")).toString(),
        ) as string[];
        listed.push(...page);
        if (page.length < 6) break;
        after = page.at(-1)!;
      }
      expect(listed).toEqual([...refs].sort());
    } finally {
      reader.close();
    }
  });

  it("records every port fact exactly as one call per record does, each logged, in far fewer calls", async () => {
    const query = (local: LocalPortNetwork) =>
      normalize(
        JSON.parse(
          local.network.chain.contract.query("queryBills(string)", [
            JSON.stringify(world.shipments.map((s) => `${s.reference.slice(0, 4)}-${s.reference.slice(4)}`)),
          ]),
        ),
      );
    expect(query(portBulk)).toEqual(query(portOne));
    const calls = (local: LocalPortNetwork) =>
      Array.from({ length: local.network.chain.height + 1 }, (_, i) => local.network.chain.block(i)!).reduce(
        (n, b) => n + b.transactions.length,
        0,
      );
    expect(calls(portBulk)).toBeLessThan(calls(portOne) / 2);
    const adapter = portBulk.adapter();
    const bills = await adapter.billsByReference(refs);
    expect(bills.filter(Boolean).length).toBeGreaterThan(0);
  });

  // Once flaky: the one-call-per-record seeder waited only for its last call's receipt, and when that
  // call was a repeat from the first seeding it answered at once, before the grown world's new calls
  // were mined. The seeder now waits for every call's receipt.
  it("re-seeds nothing on a restart, and a grown world adds only its new port records", async () => {
    const terminal = portBulk.network.tenants.find((t) => t.accessId === "cmport-terminal")!;
    const height = portBulk.network.chain.height;
    await seedPortNetwork(world, portBulk.terminalClient(), terminal.accounts[0]!, { batchSize: 50 });
    portBulk.network.chain.cut();
    expect(portBulk.network.chain.height).toBe(height);

    const grown = generateWorld({ seed: "test", shipments: SIZE + 10, anchor: TEST_ANCHOR });
    await seedPortNetwork(grown, portBulk.terminalClient(), terminal.accounts[0]!, { batchSize: 50 });
    await seedPortNetwork(grown, portOne.terminalClient(), terminal.accounts[0]!);
    const bills = grown.shipments.map((s) => `${s.reference.slice(0, 4)}-${s.reference.slice(4)}`);
    const query = (local: LocalPortNetwork) =>
      normalize(
        JSON.parse(local.network.chain.contract.query("queryBills(string)", [JSON.stringify(bills)])),
      );
    expect(query(portBulk)).toEqual(query(portOne));
  });
});
