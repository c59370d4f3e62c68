import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Address, Hex } from "viem";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import { NetworkUnavailableError } from "../../core/errors.ts";
import { artifacts } from "../../networks/evm/contracts.ts";
import { mine, startLocalChain, type LocalChain } from "../support/localChain.ts";

const EXPECTED_ACTION: Record<string, string> = {
  ISSUE: "ISSUE",
  NOMINATE: "NOMINATE",
  TRANSFER_HOLDER: "TRANSFER_HOLDER",
  TRANSFER_BENEFICIARY: "TRANSFER_BENEFICIARY",
  TRANSFER_OWNERS: "TRANSFER_OWNERS",
  REJECT_TRANSFER_HOLDER: "REJECT_TRANSFER",
  RETURN_TO_ISSUER: "RETURN_TO_ISSUER",
  RESTORE: "RESTORE",
  ACCOMPLISH: "ACCOMPLISH",
};

describe("EVM adapter against the real TradeTrust contracts on a local chain", () => {
  let local: LocalChain;
  let adapter: EvmAdapter;
  let checkpointFile: string;

  beforeAll(async () => {
    local = await startLocalChain(60);
    await mine(local.clients, 3);
    checkpointFile = join(mkdtempSync(join(tmpdir(), "tg-cp-")), "evm.json");
    adapter = createEvmAdapter({
      rpcUrl: local.chain.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      checkpointFile,
      pollIntervalMs: 100,
    });
    await adapter.sync();
  });
  afterAll(async () => {
    await adapter?.close();
    await local?.close();
  });

  const ebls = () => local.documents.filter((d) => d.kind === "TOKEN_REGISTRY");
  const keyOf = (d: { issuer: Address; documentHash: Hex }) => ({
    registry: d.issuer,
    documentHash: d.documentHash,
  });

  it("reads title state that matches what the contracts say, for every kind of outcome", async () => {
    const docs = ebls();
    const { titles } = await adapter.readTitles(docs.map(keyOf));
    const seen = new Set<string>();
    for (const [i, doc] of docs.entries()) {
      const title = titles[i]!;
      const shipment = local.world.shipments.find((s) => s.reference === doc.reference)!;
      const last = shipment.title.at(-1)!.action;
      const expected =
        last === "ACCOMPLISH"
          ? "ACCOMPLISHED"
          : last === "RETURN_TO_ISSUER"
            ? "RETURNED_TO_ISSUER"
            : "ISSUED";
      expect(title.status, doc.reference).toBe(expected);
      seen.add(expected);
      const owner = (await local.clients.publicClient.readContract({
        address: doc.issuer,
        abi: artifacts.tradeTrustToken.abi,
        functionName: "ownerOf",
        args: [BigInt(doc.documentHash)],
      })) as string;
      if (expected === "ISSUED") {
        expect(owner.toLowerCase()).toBe(title.escrow!.toLowerCase());
        const holder = (await local.clients.publicClient.readContract({
          address: title.escrow as Address,
          abi: artifacts.titleEscrow.abi,
          functionName: "holder",
        })) as string;
        expect(title.holder?.address?.toLowerCase()).toBe(holder.toLowerCase());
        // The holder is the party the story says holds it last.
        const lastHolder = [...shipment.title].reverse().find((t) => t.holder)?.holder;
        expect(holder.toLowerCase()).toBe(
          local.actors.parties.get(lastHolder!)!.account.address.toLowerCase(),
        );
      }
      expect(title.source.blockNumber).toMatch(/^\d+$/);
    }
    expect(seen).toEqual(new Set(["ISSUED", "RETURNED_TO_ISSUER", "ACCOMPLISHED"]));
  });

  it("returns null for a token that was never minted", async () => {
    const { titles } = await adapter.readTitles([
      { registry: ebls()[0]!.issuer, documentHash: `0x${"ab".repeat(32)}` },
    ]);
    expect(titles).toEqual([null]);
  });

  it("indexes the endorsement chain exactly as the story's transactions", () => {
    const actions = new Set<string>();
    for (const doc of ebls()) {
      const shipment = local.world.shipments.find((s) => s.reference === doc.reference)!;
      const chain = adapter.endorsementChain(keyOf(doc));
      expect(
        chain.map((t) => t.action),
        doc.reference,
      ).toEqual(shipment.title.map((t) => EXPECTED_ACTION[t.action]));
      // Block time is the story's time (bumped by a second or two when two transactions share one).
      chain.forEach((t, i) =>
        expect(Math.abs(t.at.getTime() - shipment.title[i]!.at.getTime())).toBeLessThan(5_000),
      );
      for (const t of chain) actions.add(t.action);
    }
    // Every kind of title action the contracts know occurs in the test world, so each is checked.
    expect(actions).toEqual(new Set(Object.values(EXPECTED_ACTION)));
  });

  it("costs the same number of round trips for 1 title as for all of them", async () => {
    const all = ebls().map(keyOf);
    await adapter.readTitles(all); // warm the escrow address cache
    const before1 = adapter.counters.httpRequests;
    await adapter.readTitles(all.slice(0, 1));
    const one = adapter.counters.httpRequests - before1;
    const beforeN = adapter.counters.httpRequests;
    await adapter.readTitles(all);
    const many = adapter.counters.httpRequests - beforeN;
    expect(one).toBe(1);
    expect(many).toBe(1);
  });

  it("follows a live transfer, then marks it FINAL after enough confirmations", async () => {
    const doc = ebls().find(
      (d) => local.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action === "ISSUE",
    )!;
    const { titles } = await adapter.readTitles([keyOf(doc)]);
    const holderParty = [...local.actors.parties.values()].find(
      (p) => p.account.address.toLowerCase() === titles[0]!.holder!.address!.toLowerCase(),
    )!;
    const target = local.actors.parties.get("fwd-kn")!;
    const changes: string[] = [];
    const off = adapter.onChange((c) => changes.push(...c.keys));
    const hash = await local.clients.walletFor(holderParty).writeContract({
      address: titles[0]!.escrow as Address,
      abi: artifacts.titleEscrow.abi,
      functionName: "transferHolder",
      args: [target.account.address, "0x"],
      gas: 500_000n,
    });
    await adapter.sync();
    off();
    expect(changes).toContain(`title:${doc.issuer.toLowerCase()}:${doc.documentHash}`);
    const chain = adapter.endorsementChain(keyOf(doc));
    expect(chain.at(-1)).toMatchObject({
      action: "TRANSFER_HOLDER",
      to: { address: target.account.address },
      source: { transactionId: hash, finality: "PENDING" },
    });
    const after = await adapter.readTitles([keyOf(doc)]);
    expect(after.titles[0]!.holder!.address).toBe(target.account.address);
    await mine(local.clients, 3);
    await adapter.sync();
    expect(adapter.endorsementChain(keyOf(doc)).at(-1)!.source.finality).toBe("FINAL");
  });

  it("resumes from its checkpoint after a restart without gaps or duplicates", async () => {
    const docs = ebls();
    const before = docs.map((d) => adapter.endorsementChain(keyOf(d)).map((t) => t.source.transactionId));
    // Following empty blocks appends the height to the journal; the snapshot of every title is not rewritten.
    const snapshot = readFileSync(checkpointFile, "utf8");
    const journalBefore = statSync(`${checkpointFile}.journal`).size;
    await mine(local.clients, 3);
    await adapter.sync();
    expect(readFileSync(checkpointFile, "utf8")).toBe(snapshot);
    expect(statSync(`${checkpointFile}.journal`).size).toBeGreaterThan(journalBefore);
    const restarted = createEvmAdapter({
      rpcUrl: local.chain.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      checkpointFile,
    });
    const requestsBefore = restarted.counters.httpRequests;
    await restarted.sync();
    const after = docs.map((d) => restarted.endorsementChain(keyOf(d)).map((t) => t.source.transactionId));
    expect(after).toEqual(before);
    // Resuming reads a handful of requests, not the chain from block 0.
    expect(restarted.counters.httpRequests - requestsBefore).toBeLessThan(10);
  });

  it("reports an unreachable node as unavailable, never as a missing token", async () => {
    const down = createEvmAdapter({
      rpcUrl: "http://127.0.0.1:9/",
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      requestTimeoutMs: 1000,
    });
    await expect(down.readTitles([keyOf(ebls()[0]!)])).rejects.toBeInstanceOf(NetworkUnavailableError);
    expect((await down.status()).health).toBe("DOWN");
  });
});
