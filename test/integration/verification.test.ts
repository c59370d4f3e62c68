import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { Redis } from "ioredis";
import type { Address } from "viem";
import { wrapDocument } from "@tradetrust-tt/tradetrust";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import { artifacts } from "../../networks/evm/contracts.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { verifyDocuments } from "../../verification/verifier.ts";
import { trustListIdentity } from "../../verification/identity.ts";
import { readWrappedDocument } from "../../verification/wrappedDocument.ts";
import { BadUserInputError } from "../../core/errors.ts";
import { mine, startLocalChain, type LocalChain } from "../support/localChain.ts";

describe("document verification against the chain, cached in real Redis", () => {
  let local: LocalChain;
  let adapter: EvmAdapter;
  let redis: Redis;
  let cache: StatusCache;
  let checker: DocumentStatusChecker;
  const prefix = `test:${process.pid}:${Date.now()}:`;

  beforeAll(async () => {
    local = await startLocalChain(40);
    await mine(local.clients, 3);
    adapter = createEvmAdapter({
      rpcUrl: local.chain.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
    });
    await adapter.sync();
    redis = createCacheRedis(inject("redisUrl"));
    await redis.ping().catch(async () => new Promise((r) => setTimeout(r, 300)));
    cache = new StatusCache(redis, { prefix });
    checker = new DocumentStatusChecker(adapter, cache);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await adapter?.close();
    await local?.close();
  });

  const load = (path: string) => JSON.parse(readFileSync(path, "utf8")) as unknown;
  const verify = async (document: unknown, using = checker) =>
    (
      await verifyDocuments(adapter, using, trustListIdentity(local.trustList), [
        readWrappedDocument(document),
      ])
    )[0]!;
  const byOutcome = (outcome: string) =>
    local.documents.find(
      (d) =>
        d.kind === "TOKEN_REGISTRY" &&
        local.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action === outcome,
    )!;

  it("is VALID for a genuine eBL, with every fragment VALID", async () => {
    const result = await verify(load(byOutcome("ISSUE").path));
    expect(result.status).toBe("VALID");
    expect(result.valid).toBe(true);
    expect(result.fragments.map((f) => [f.type, f.name, f.status])).toEqual([
      ["DOCUMENT_INTEGRITY", "OpenAttestationHash", "VALID"],
      ["DOCUMENT_STATUS", "OpenAttestationEthereumTokenRegistryStatus", "VALID"],
      ["DOCUMENT_STATUS", "OpenAttestationEthereumDocumentStoreStatus", "SKIPPED"],
      ["DOCUMENT_STATUS", "OpenAttestationDidSignedDocumentStatus", "SKIPPED"],
      ["ISSUER_IDENTITY", "TradegraphTrustListIdentityProof", "VALID"],
    ]);
  });

  it("is VALID for a genuine sea waybill on its document store", async () => {
    const waybill = local.documents.find((d) => d.kind === "DOCUMENT_STORE")!;
    expect((await verify(load(waybill.path))).status).toBe("VALID");
  });

  it("is INVALID for a tampered document", async () => {
    const doc = load(byOutcome("ISSUE").path) as { data: Record<string, unknown> };
    const field = Object.keys(doc.data).find((k) => k === "vessel")!;
    doc.data[field] = (doc.data[field] as string).replace(/:string:.*/, ":string:GHOST SHIP");
    const result = await verify(doc);
    expect(result.status).toBe("INVALID");
    expect(result.fragments[0]).toMatchObject({ type: "DOCUMENT_INTEGRITY", status: "INVALID" });
  });

  it("is INVALID for a well-formed document that was never issued", async () => {
    const registry = local.deployment.registries.COSU!;
    const forged = wrapDocument({
      $template: { name: "BILL_OF_LADING", type: "EMBEDDED_RENDERER", url: "https://x" },
      issuers: [
        { name: "COSCO", tokenRegistry: registry, identityProof: { type: "DNS-TXT", location: "x" } },
      ],
      blNumber: "COSU0000FAKE",
    } as never);
    const result = await verify(forged);
    expect(result.status).toBe("INVALID");
    expect(result.fragments[1]).toMatchObject({ type: "DOCUMENT_STATUS", status: "INVALID" });
  });

  it("is INVALID once the title is accomplished (shredded)", async () => {
    const result = await verify(load(byOutcome("ACCOMPLISH").path));
    expect(result.status).toBe("INVALID");
    expect(result.fragments[1]!.reason).toMatch(/shredded/);
  });

  it("is ERROR, never INVALID, when the chain does not answer, and the ERROR is not cached", async () => {
    const down = createEvmAdapter({
      rpcUrl: "http://127.0.0.1:9/",
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      requestTimeoutMs: 500,
    });
    const downChecker = new DocumentStatusChecker(down, cache);
    const doc = load(byOutcome("ISSUE").path);
    const identity = readWrappedDocument(doc);
    await redis.del(cache.key(down.name, identity.issuerAddress, identity.documentHash));
    const result = (
      await verifyDocuments(down, downChecker, trustListIdentity(local.trustList), [identity])
    )[0]!;
    expect(result.status).toBe("ERROR");
    expect(result.valid).toBe(false);
    expect(result.fragments[1]).toMatchObject({ status: "ERROR" });
    expect(result.fragments[1]!.reason).toMatch(/NETWORK_UNAVAILABLE/);
    expect(await redis.exists(cache.key(down.name, identity.issuerAddress, identity.documentHash))).toBe(0);
  });

  it("answers the second time from the cache, and a title event evicts the entry", async () => {
    const doc = byOutcome("ISSUE");
    const document = load(doc.path);
    await mine(local.clients, 3);
    await adapter.sync();
    const identity = readWrappedDocument(document);
    const key = cache.key(adapter.name, identity.issuerAddress, identity.documentHash);
    await redis.del(key);
    expect((await verify(document)).cached).toBe(false);
    expect(await redis.exists(key)).toBe(1);
    const requests = adapter.counters.httpRequests;
    const again = await verify(document);
    expect(again.cached).toBe(true);
    expect(again.status).toBe("VALID");
    expect(adapter.counters.httpRequests).toBe(requests); // no chain read at all

    // A holder transfer on the chain: the follower sees it and the cached verification goes.
    const { titles } = await adapter.readTitles([{ registry: doc.issuer, documentHash: doc.documentHash }]);
    const holder = [...local.actors.parties.values()].find(
      (p) => p.account.address.toLowerCase() === titles[0]!.holder!.address!.toLowerCase(),
    )!;
    await local.clients.walletFor(holder).writeContract({
      address: titles[0]!.escrow as Address,
      abi: artifacts.titleEscrow.abi,
      functionName: "transferHolder",
      args: [local.actors.parties.get("bnk-dbs")!.account.address, "0x"],
      gas: 500_000n,
    });
    await adapter.sync();
    // Evicted as of the transfer's block: the entry is gone and a tombstone holds that height.
    await vi.waitFor(async () => expect(JSON.parse((await redis.get(key))!)).toHaveProperty("tombstone"));
    expect(await cache.getMany([key])).toEqual([null]);
    expect((await verify(document)).cached).toBe(false);
  });

  it("shares one chain read between identical concurrent verifications, and one MGET for many", async () => {
    const docs = local.documents
      .filter((d) => d.kind === "TOKEN_REGISTRY")
      .map((d) => readWrappedDocument(load(d.path)));
    await redis.del(...docs.map((d) => cache.key(adapter.name, d.issuerAddress, d.documentHash)));
    const requests = adapter.counters.httpRequests;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        verifyDocuments(adapter, checker, trustListIdentity(local.trustList), docs),
      ),
    );
    expect(results.every((r) => r.length === docs.length)).toBe(true);
    expect(adapter.counters.httpRequests - requests).toBe(1);
    const monitor = await redis.duplicate();
    const commands: string[] = [];
    await monitor
      .monitor()
      .then((m) =>
        m.on("monitor", (_t, args: string[]) => args[1]?.startsWith(prefix) && commands.push(args[0]!)),
      );
    await verifyDocuments(adapter, checker, trustListIdentity(local.trustList), docs);
    await new Promise((r) => setTimeout(r, 100));
    monitor.disconnect();
    expect(commands.filter((c) => c.toLowerCase() === "mget")).toHaveLength(1);
    expect(commands.filter((c) => c.toLowerCase() === "get")).toHaveLength(0);
  });

  it("still verifies, uncached, when Redis is down, and says so", async () => {
    const deadRedis = createCacheRedis("redis://127.0.0.1:9");
    const deadCache = new StatusCache(deadRedis, { prefix });
    const result = await verify(load(byOutcome("ISSUE").path), new DocumentStatusChecker(adapter, deadCache));
    expect(result.status).toBe("VALID");
    expect(result.cached).toBe(false);
    expect(await deadCache.health()).toMatch(/^DOWN/);
    deadRedis.disconnect();
  });

  it("refuses what is not a wrapped document with BAD_USER_INPUT", () => {
    expect(() => readWrappedDocument({ hello: "world" })).toThrow(BadUserInputError);
    expect(() => readWrappedDocument("text")).toThrow(BadUserInputError);
    expect(() => readWrappedDocument(null)).toThrow(BadUserInputError);
  });
});
