import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Address, Hex } from "viem";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import { NetworkUnavailableError } from "../../domain/errors.ts";
import {
  changedTitles,
  titleId,
  titleRef,
  type NetworkChange,
  type TitleRef,
} from "../../domain/networkChange.ts";
import type { DurableTitleChange } from "../../adapters/evm/durableDelivery.ts";
import { artifacts } from "../../networks/evm/contracts.ts";
import {
  mine,
  startFreezableProxy,
  startLocalChain,
  startRpcProxy,
  type LocalChain,
} from "../support/localChain.ts";

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
    const changes: TitleRef[] = [];
    const off = adapter.onChange((c) => changes.push(...changedTitles(c)));
    const hash = await local.clients.walletFor(holderParty).writeContract({
      address: titles[0]!.escrow as Address,
      abi: artifacts.titleEscrow.abi,
      functionName: "transferHolder",
      args: [target.account.address, "0x"],
      gas: 500_000n,
    });
    await adapter.sync();
    off();
    expect(changes).toContainEqual(titleRef(doc.issuer, doc.documentHash));
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

  /** The current holder of an eBL transfers holdership to `to`, signed by the holder's key. */
  const transferHolder = async (doc: { issuer: Address; documentHash: Hex }, to: string) => {
    // Read from the chain as it is now (the adapter's reads are pinned to the head its follower saw).
    const escrow = (await local.clients.publicClient.readContract({
      address: doc.issuer,
      abi: artifacts.tradeTrustToken.abi,
      functionName: "ownerOf",
      args: [BigInt(doc.documentHash)],
    })) as Address;
    const current = (await local.clients.publicClient.readContract({
      address: escrow,
      abi: artifacts.titleEscrow.abi,
      functionName: "holder",
    })) as string;
    const holder = [...local.actors.parties.values()].find(
      (p) => p.account.address.toLowerCase() === current.toLowerCase(),
    )!;
    return local.clients.walletFor(holder).writeContract({
      address: escrow,
      abi: artifacts.titleEscrow.abi,
      functionName: "transferHolder",
      args: [local.actors.parties.get(to)!.account.address, "0x"],
      gas: 500_000n,
    });
  };
  const issued = () =>
    ebls().filter(
      (d) => local.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action === "ISSUE",
    );
  const rpc = (method: string, params: unknown[] = []) =>
    local.clients.publicClient.request({ method: method as never, params: params as never });

  it("keeps JSON-RPC batches and log ranges within a hosted provider's limits, with the same answers", async () => {
    const proxy = await startRpcProxy(local.chain.url);
    const limited = createEvmAdapter({
      rpcUrl: proxy.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      rpcBatchSize: 3,
      logRange: 25,
    });
    try {
      await limited.sync();
      const keys = ebls().map(keyOf);
      const [mine_, theirs] = [await limited.readTitles(keys), await adapter.readTitles(keys)];
      expect(mine_.titles.map((t) => [t?.status, t?.holder])).toEqual(
        theirs.titles.map((t) => [t?.status, t?.holder]),
      );
      for (const d of ebls())
        expect(limited.endorsementChain(keyOf(d)).map((t) => t.source.transactionId)).toEqual(
          adapter.endorsementChain(keyOf(d)).map((t) => t.source.transactionId),
        );
      const sizes = proxy.requests.map((r) => r.length);
      expect(Math.max(...sizes)).toBe(3); // the limit is used, and never passed
      const ranges = proxy.requests
        .flat()
        .filter((c) => c.method === "eth_getLogs")
        .map((c) => {
          const { fromBlock, toBlock } = c.params[0] as { fromBlock: Hex; toBlock: Hex };
          return Number(BigInt(toBlock) - BigInt(fromBlock)) + 1;
        });
      expect(ranges.length).toBeGreaterThan(5);
      expect(Math.max(...ranges)).toBeLessThanOrEqual(25);
    } finally {
      await limited.close();
      await proxy.close();
    }
  });

  it("halves a log range the node refuses as too wide until it is taken", async () => {
    const proxy = await startRpcProxy(local.chain.url);
    // As Infura answers a range over its limit: HTTP 200 with JSON-RPC error -32005.
    proxy.intercept = (calls, body) => {
      const wide = calls.every((c) => {
        if (c.method !== "eth_getLogs") return false;
        const { fromBlock, toBlock } = c.params[0] as { fromBlock: Hex; toBlock: Hex };
        return BigInt(toBlock) - BigInt(fromBlock) + 1n > 40n;
      });
      if (!wide) return undefined;
      const error = (id: unknown) => ({
        jsonrpc: "2.0",
        id,
        error: { code: -32005, message: "query returned more than 10000 results" },
      });
      return Response.json(
        Array.isArray(body)
          ? body.map((b: { id: unknown }) => error(b.id))
          : error((body as { id: unknown }).id),
      );
    };
    const narrow = createEvmAdapter({
      rpcUrl: proxy.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
    });
    try {
      await narrow.sync();
      for (const d of ebls())
        expect(narrow.endorsementChain(keyOf(d)).map((t) => t.source.transactionId)).toEqual(
          adapter.endorsementChain(keyOf(d)).map((t) => t.source.transactionId),
        );
    } finally {
      await narrow.close();
      await proxy.close();
    }
  });

  it("reads a call that failed inside the multicall as a failed read, never as 'never minted'", async () => {
    const doc = issued()[0]!;
    const code = (await rpc("eth_getCode", [doc.issuer, "latest"])) as Hex;
    try {
      // The registry answers ownerOf with an error that does not say the token is missing (an
      // EnforcedPause() revert, as a paused or broken registry would): nothing about the token follows.
      await rpc("hardhat_setCode", [doc.issuer, "0x63d93c066560e01b60005260046000fd"]);
      await mine(local.clients, 1);
      await adapter.sync();
      const { reads } = await adapter.readTitlesSettled([keyOf(doc), keyOf(issued()[1]!)]);
      expect(reads[0]).toMatchObject({ kind: "FAILED", error: { code: "NETWORK_ERROR" } });
      expect(reads[1]).toMatchObject({ kind: "TITLE" }); // the other title of the same round still answers
      await expect(adapter.readTitles([keyOf(doc)])).rejects.toMatchObject({ code: "NETWORK_ERROR" });
      // A contract whose ownerOf reverts without a reason inside the multicall is asked again on its own
      // (in a multicall it may just have run out of gas); reverting alone too, it is no token registry.
      await rpc("hardhat_setCode", [doc.issuer, "0x60006000fd"]);
      await mine(local.clients, 1);
      await adapter.sync();
      expect((await adapter.readTitlesSettled([keyOf(doc)])).reads[0]).toMatchObject({ kind: "NO_REGISTRY" });
    } finally {
      await rpc("hardhat_setCode", [doc.issuer, code]);
      await mine(local.clients, 1);
      await adapter.sync();
    }
    expect((await adapter.readTitles([keyOf(doc)])).titles[0]?.status).toBe("ISSUED");
  });

  it("fails fast while the node is frozen (circuit open) and probes it back when it answers", async () => {
    const proxy = await startFreezableProxy(local.chain.url);
    const flaky = createEvmAdapter({
      rpcUrl: proxy.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      requestTimeoutMs: 300,
      retries: 0,
      breakerThreshold: 3,
      breakerHalfOpenAfterMs: 500,
    });
    try {
      await flaky.sync();
      const keys = [keyOf(issued()[0]!)];
      proxy.freeze();
      for (let i = 0; i < 3; i++)
        await expect(flaky.readTitles(keys)).rejects.toBeInstanceOf(NetworkUnavailableError);
      expect(flaky.circuit()).toBe("OPEN");
      const sent = flaky.counters.httpRequests;
      const started = performance.now();
      await expect(flaky.readTitlesSettled(keys)).rejects.toMatchObject({ code: "NETWORK_UNAVAILABLE" });
      expect(performance.now() - started).toBeLessThan(100); // no waiting on a node known to be down
      expect(flaky.counters.httpRequests).toBe(sent); // and nothing sent to it
      expect((await flaky.status()).health).toBe("DOWN");
      proxy.thaw();
      await expect
        .poll(async () => (await flaky.status()).health, { timeout: 5000, interval: 100 })
        .toBe("UP");
      expect(flaky.circuit()).toBe("CLOSED");
      expect((await flaky.readTitles(keys)).titles[0]?.status).toBe("ISSUED");
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it("notices a reorganisation while following: orphaned title events leave the index, the new branch's come in", async () => {
    const doc = issued()[2]!;
    const title = titleRef(doc.issuer, doc.documentHash);
    const isTitle = (t: TitleRef) => titleId(t) === titleId(title);
    await adapter.sync();
    const before = adapter.endorsementChain(keyOf(doc)).map((t) => t.source.transactionId);
    const snapshot = await rpc("evm_snapshot");
    const changes: NetworkChange[] = [];
    const durable: DurableTitleChange[] = [];
    const off = adapter.onChange((c) => changes.push(c));
    const unsubscribe = adapter.subscribeTitleChanges(async (batch) => void durable.push(...batch));
    try {
      // Branch A: a transfer the follower indexes...
      const orphaned = await transferHolder(doc, "fwd-kn");
      await mine(local.clients, 1);
      await adapter.sync();
      expect(adapter.endorsementChain(keyOf(doc)).at(-1)!.source.transactionId).toBe(orphaned);
      const orphanedBlock = BigInt(adapter.endorsementChain(keyOf(doc)).at(-1)!.source.blockNumber!);
      // ...then the chain reorganises (EDR reverts to the snapshot) onto branch B, with another transfer.
      await rpc("evm_revert", [snapshot]);
      const kept = await transferHolder(doc, "bnk-dbs");
      await mine(local.clients, 3);
      const reorgs = adapter.reorgs;
      await adapter.sync();
      expect(adapter.reorgs).toBe(reorgs + 1);
      const after = adapter.endorsementChain(keyOf(doc)).map((t) => t.source.transactionId);
      expect(after).toEqual([...before, kept]); // the orphaned transfer is gone, the new one is in
      expect((await adapter.readTitles([keyOf(doc)])).titles[0]!.holder!.address).toBe(
        local.actors.parties.get("bnk-dbs")!.account.address,
      );
      // Listeners hear both: the rolled-back title and the new transfer.
      expect(changes.filter((c) => changedTitles(c).some(isTitle)).map((c) => c.transactionId)).toEqual([
        orphaned,
        orphaned,
        kept,
      ]);
      // The durable consumer (the cache) is told to drop what any read up to the old branch's height saw.
      await vi.waitFor(() =>
        expect(durable.filter((c) => isTitle(c.title)).some((c) => c.height > orphanedBlock)).toBe(true),
      );
    } finally {
      off();
      unsubscribe();
    }
  });

  it("a node behind what the follower saw (restarted from an older state): the title is unavailable, never moved back", async () => {
    const doc = issued()[2]!;
    await adapter.sync();
    const snapshot = await rpc("evm_snapshot");
    // The follower sees a transfer...
    await transferHolder(doc, "fwd-kn");
    await mine(local.clients, 1);
    await adapter.sync();
    const holder = (await adapter.readTitles([keyOf(doc)])).titles[0]!.holder!.address;
    // ...then the node answers from a state before it (as a node restored from an older state, or a
    // local chain replaying its history, would) before the follower has polled it again.
    await rpc("evm_revert", [snapshot]);
    const [read] = (await adapter.readTitlesSettled([keyOf(doc)])).reads;
    expect(read!.kind).toBe("FAILED");
    expect(read!.kind === "FAILED" && read!.error).toBeInstanceOf(NetworkUnavailableError);
    await expect(adapter.readTitles([keyOf(doc)])).rejects.toBeInstanceOf(NetworkUnavailableError);
    // Once the follower has taken the chain as it now stands (a reorganisation), its state is the answer.
    await mine(local.clients, 3);
    await adapter.sync();
    const now = (await adapter.readTitles([keyOf(doc)])).titles[0]!;
    expect(now.holder!.address).not.toBe(holder);
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
  // Last: it leaves the chain on another branch far back, which the next follower pass rebuilds from.
  it("a node further behind than the reorganisation window is not followed back: unavailable, the index kept", async () => {
    const doc = issued()[2]!;
    await adapter.sync();
    const snapshot = await rpc("evm_snapshot");
    await transferHolder(doc, "fwd-kn");
    await mine(local.clients, 70); // past the 64-block reorganisation window
    await adapter.sync();
    const chain = adapter.endorsementChain(keyOf(doc)).map((t) => t.source.transactionId);
    // The node restarts from the older state: its head is 70 blocks below what the index has read.
    await rpc("evm_revert", [snapshot]);
    await expect(adapter.sync()).rejects.toBeInstanceOf(NetworkUnavailableError);
    expect(adapter.endorsementChain(keyOf(doc)).map((t) => t.source.transactionId)).toEqual(chain);
    await expect(adapter.readTitles([keyOf(doc)])).rejects.toBeInstanceOf(NetworkUnavailableError);
  });
});
