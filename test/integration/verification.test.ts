import { readFileSync } from "node:fs";
import { Resolver } from "node:dns/promises";
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { Redis } from "ioredis";
import type { Address, Hex } from "viem";
import { wrapDocument, wrapDocuments, type v2 } from "@tradetrust-tt/tradetrust";
import { isValid, openAttestationVerifiers, verificationBuilder } from "@tradetrust-tt/tt-verify";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import { startDnsServer, type RunningDnsServer } from "../../networks/dns/server.ts";
import { artifacts } from "../../networks/evm/contracts.ts";
import { IDENTITY_ZONE, identityLocationOf, openAttestationDnsRecords } from "../../networks/evm/identity.ts";
import type { DocumentVerification } from "../../domain/model.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import {
  createDnsTxtResolver,
  dnsTxtIdentity,
  trustListIdentity,
  type IssuerIdentityCheck,
} from "../../verification/identity.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { verifyDocuments, verifyTitles } from "../../verification/verifier.ts";
import { readWrappedDocument } from "../../verification/wrappedDocument.ts";
import { BadUserInputError } from "../../domain/errors.ts";
import {
  mine,
  startFreezableProxy,
  startLocalChain,
  startRpcProxy,
  type LocalChain,
} from "../support/localChain.ts";

// tt-verify 9 runs on ethers 5, nested in its own node_modules (the project's ethers is 6).
const ttRequire = createRequire(createRequire(import.meta.url).resolve("@tradetrust-tt/tt-verify"));
const ethers5 = ttRequire("ethers") as {
  providers: {
    StaticJsonRpcProvider: new (url: string, network: { chainId: number; name: string }) => unknown;
  };
};

/** An OpenAttestation fragment as tt-verify returns it (`reason` is an object there). */
interface OaFragment {
  type: string;
  name: string;
  status: string;
  reason?: { code: number; codeString: string; message: string };
  data?: unknown;
}

describe("document verification against the chain, cached in real Redis", () => {
  let local: LocalChain;
  let adapter: EvmAdapter;
  let redis: Redis;
  let cache: StatusCache;
  let checker: DocumentStatusChecker;
  let dns: RunningDnsServer;
  let identity: IssuerIdentityCheck;
  const prefix = `test:${process.pid}:${Date.now()}:`;
  const realFetch = globalThis.fetch;

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
    // The carriers' identity records, served as their DNS zone would serve them.
    dns = await startDnsServer({
      host: "127.0.0.1",
      port: 0,
      zones: [IDENTITY_ZONE],
      records: openAttestationDnsRecords(local.deployment),
    });
    identity = dnsTxtIdentity(createDnsTxtResolver({ servers: [dns.address] }));
    // tt-verify asks DNS over HTTPS (dns.google, then Cloudflare, then AliDNS) with the global fetch;
    // those questions are answered from the same local DNS server, as a DoH service answers from DNS.
    const resolver = new Resolver();
    resolver.setServers([dns.address]);
    globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!["dns.google", "cloudflare-dns.com", "dns.alidns.com"].includes(url.hostname))
        return realFetch(input, init);
      const name = url.searchParams.get("name")!;
      const records = await resolver.resolveTxt(name).catch((e: NodeJS.ErrnoException) => {
        if (e.code === "ENOTFOUND" || e.code === "ENODATA") return null;
        throw e;
      });
      return Response.json(
        records
          ? {
              Status: 0,
              AD: false,
              Answer: records.map((r) => ({ name, type: 16, TTL: 300, data: `"${r.join("")}"` })),
            }
          : { Status: 3, AD: false },
      );
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    checker?.close();
    await adapter?.close();
    await dns?.close();
    await local?.close();
  });

  const load = (path: string) => JSON.parse(readFileSync(path, "utf8")) as unknown;
  const verify = async (document: unknown, using = checker, by = identity) =>
    (await verifyDocuments(adapter, using, by, [readWrappedDocument(document)]))[0]!;
  const byOutcome = (outcome: string, nth = 0) =>
    local.documents.filter(
      (d) =>
        d.kind === "TOKEN_REGISTRY" &&
        local.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action === outcome,
    )[nth]!;
  /** eBLs whose title is live (issued, endorsed or transferred; not surrendered or shredded). */
  const live = (nth: number) =>
    local.documents.filter(
      (d) =>
        d.kind === "TOKEN_REGISTRY" &&
        !["RETURN_TO_ISSUER", "ACCOMPLISH"].includes(
          local.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action,
        ),
    )[nth]!;
  const carrier = (scac: string) => local.actors.carriers.get(scac)!;
  const store = (scac: string) => local.deployment.documentStores[scac]! as Address;
  const onStore = async (scac: string, functionName: "issue" | "revoke", hash: string) =>
    local.clients.publicClient.waitForTransactionReceipt({
      hash: await local.clients.walletFor(carrier(scac)).writeContract({
        address: store(scac),
        abi: artifacts.documentStore.abi,
        functionName,
        args: [hash as Hex],
        gas: 500_000n,
      }),
    });
  /** A sea waybill issued by the given carriers' document stores (several issuers: all must issue it). */
  const waybill = (n: string, scacs: string[], location = (s: string) => identityLocationOf(s)) =>
    ({
      $template: {
        name: "BILL_OF_LADING",
        type: "EMBEDDED_RENDERER",
        url: "https://generic-templates.tradetrust.io",
      },
      network: { chain: "ETH", chainId: "31337" },
      issuers: scacs.map((s) => ({
        name: s,
        documentStore: store(s),
        identityProof: { type: "DNS-TXT", location: location(s) },
      })),
      blNumber: `SWB-${n}`,
    }) as unknown as v2.OpenAttestationDocument;

  it("is VALID for a genuine eBL: OpenAttestation's fragments, identity proven by DNS-TXT", async () => {
    const result = await verify(load(byOutcome("ISSUE").path));
    expect(result.status).toBe("VALID");
    expect(result.valid).toBe(true);
    expect(result.fragments.map((f) => [f.type, f.name, f.status])).toEqual([
      ["DOCUMENT_INTEGRITY", "OpenAttestationHash", "VALID"],
      ["DOCUMENT_STATUS", "OpenAttestationEthereumTokenRegistryStatus", "VALID"],
      ["DOCUMENT_STATUS", "OpenAttestationEthereumDocumentStoreStatus", "SKIPPED"],
      ["DOCUMENT_STATUS", "OpenAttestationDidSignedDocumentStatus", "SKIPPED"],
      ["ISSUER_IDENTITY", "OpenAttestationDnsTxtIdentityProof", "VALID"],
      ["ISSUER_IDENTITY", "OpenAttestationDnsDidIdentityProof", "SKIPPED"],
    ]);
  });

  it("keeps the trust list as an explicit option for identity", async () => {
    const result = await verify(load(byOutcome("ISSUE").path), checker, trustListIdentity(local.trustList));
    expect(result.status).toBe("VALID");
    expect(result.fragments.at(-1)).toMatchObject({
      name: "TradegraphTrustListIdentityProof",
      status: "VALID",
    });
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
        {
          name: "COSCO",
          tokenRegistry: registry,
          identityProof: { type: "DNS-TXT", location: identityLocationOf("COSU") },
        },
      ],
      blNumber: "COSU0000FAKE",
    } as never);
    const result = await verify(forged);
    expect(result.status).toBe("INVALID");
    expect(result.fragments[1]).toMatchObject({
      type: "DOCUMENT_STATUS",
      status: "INVALID",
      codeString: "DOCUMENT_NOT_MINTED",
    });
  });

  it("is INVALID once the title is accomplished (shredded)", async () => {
    const result = await verify(load(byOutcome("ACCOMPLISH").path));
    expect(result.status).toBe("INVALID");
    expect(result.fragments[1]!.reason).toMatch(/shredded/);
  });

  it("checks every issuer: a waybill only one of its two issuers' stores issued is INVALID", async () => {
    const [doc] = wrapDocuments([waybill("TWO-ISSUERS", ["COSU", "MAEU"])]);
    await onStore("COSU", "issue", `0x${doc!.signature.merkleRoot}`);
    await mine(local.clients, 1);
    await adapter.sync();
    const half = await verify(doc);
    expect(half.status).toBe("INVALID");
    expect(half.fragments[2]).toMatchObject({
      name: "OpenAttestationEthereumDocumentStoreStatus",
      status: "INVALID",
      codeString: "DOCUMENT_NOT_ISSUED",
      reason: `Document 0x${doc!.signature.merkleRoot} has not been issued under contract ${store("MAEU")}`,
    });
    await onStore("MAEU", "issue", `0x${doc!.signature.merkleRoot}`);
    await mine(local.clients, 1);
    await adapter.sync();
    await redis.del(
      ...[store("COSU"), store("MAEU")].map((s) =>
        checker.cacheKey({
          kind: "DOCUMENT_STORE",
          address: s,
          documentHash: `0x${doc!.signature.merkleRoot}`,
          revocationHashes: readWrappedDocument(doc).revocationHashes,
        }),
      ),
    );
    expect((await verify(doc)).status).toBe("VALID");
    // Every issuer proves its identity too: a second issuer pointing at a domain without its record fails.
    const [wrongDomain] = wrapDocuments([
      waybill("WRONG-DNS", ["COSU", "MAEU"], () => identityLocationOf("COSU")),
    ]);
    const result = await verify(wrongDomain);
    expect(result.fragments[4]).toMatchObject({
      name: "OpenAttestationDnsTxtIdentityProof",
      status: "INVALID",
      reason: `Matching DNS record not found for ${store("MAEU")}`,
    });
  });

  it("revokes a batch-issued document by its target hash, and a sub-batch by a node of its proof", async () => {
    const batch = wrapDocuments([0, 1, 2, 3].map((i) => waybill(`BATCH-${i}`, ["COSU"])));
    const root = `0x${batch[0]!.signature.merkleRoot}`;
    await onStore("COSU", "issue", root);
    const ids = batch.map((d) => readWrappedDocument(d));
    // The node joining document 2 and its sibling leaf revokes both; one other document is revoked
    // alone, by its target hash; the fourth stays valid.
    const pair = ids.findIndex((d, i) => i !== 2 && d.revocationHashes[1] === ids[2]!.revocationHashes[1]);
    const alone = [0, 1, 3].find((i) => i !== pair)!;
    await onStore("COSU", "revoke", ids[alone]!.targetHash);
    await onStore("COSU", "revoke", ids[2]!.revocationHashes[1]!);
    await mine(local.clients, 1);
    await adapter.sync();
    const results = await Promise.all(batch.map((d) => verify(d)));
    const revoked = new Set([alone, 2, pair]);
    results.forEach((r, i) => {
      expect(r.status, `document ${i}`).toBe(revoked.has(i) ? "INVALID" : "VALID");
      if (revoked.has(i))
        expect(r.fragments[2]).toMatchObject({
          codeString: "DOCUMENT_REVOKED",
          reason: `Document ${root} has been revoked under contract ${store("COSU")}`,
        });
    });
    expect(revoked.size).toBe(3);
  });

  it("says what tt-verify says, fragment by fragment, on the same documents, chain and DNS records", async () => {
    const provider = new ethers5.providers.StaticJsonRpcProvider(local.chain.url, {
      chainId: 31337,
      name: "tradegraph",
    });
    const ttVerify = verificationBuilder(openAttestationVerifiers, { provider } as never);
    const normalise = (f: OaFragment) => ({
      type: f.type,
      name: f.name,
      status: f.status,
      reason: f.reason?.message ?? null,
      code: f.reason?.code ?? null,
      codeString: f.reason?.codeString ?? null,
      ...(f.data === undefined ? {} : { data: f.data }),
    });
    const ours = (v: DocumentVerification) =>
      v.fragments.map((f) =>
        normalise({
          ...f,
          reason:
            f.reason === null ? undefined : { message: f.reason, code: f.code!, codeString: f.codeString! },
        }),
      );
    const [batchDoc] = wrapDocuments([waybill("TT-STORE", ["COSU", "MAEU"])]);
    await onStore("COSU", "issue", `0x${batchDoc!.signature.merkleRoot}`);
    const [revokedDoc] = wrapDocuments([waybill("TT-REVOKED", ["COSU"])]);
    await onStore("COSU", "issue", `0x${revokedDoc!.signature.merkleRoot}`);
    await onStore("COSU", "revoke", `0x${revokedDoc!.signature.targetHash}`);
    const [wrongDomain] = wrapDocuments([waybill("TT-DNS", ["MAEU"], () => identityLocationOf("COSU"))]);
    await onStore("MAEU", "issue", `0x${wrongDomain!.signature.merkleRoot}`);
    const tampered = load(byOutcome("ISSUE", 1).path) as { data: Record<string, unknown> };
    tampered.data.vessel = (tampered.data.vessel as string).replace(/:string:.*/, ":string:GHOST SHIP");
    await mine(local.clients, 1);
    await adapter.sync();
    const same = {
      "an issued eBL": load(byOutcome("ISSUE").path),
      "an eBL endorsed since it was issued": load(
        local.documents.find(
          (d) =>
            d.kind === "TOKEN_REGISTRY" &&
            !["ISSUE", "RETURN_TO_ISSUER", "ACCOMPLISH"].includes(
              local.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action,
            ),
        )!.path,
      ),
      "a surrendered eBL (returned to its issuer)": load(byOutcome("RETURN_TO_ISSUER").path),
      "a sea waybill": load(local.documents.find((d) => d.kind === "DOCUMENT_STORE")!.path),
      "a tampered eBL": tampered,
      "a waybill one of its two issuers never issued": batchDoc,
      "a waybill revoked by its target hash": revokedDoc,
      "a waybill whose issuer's domain has no record for it": wrongDomain,
    };
    const uncached = new DocumentStatusChecker(adapter, new StatusCache(null));
    for (const [what, document] of Object.entries(same)) {
      const theirs = (await ttVerify(document as never)) as OaFragment[];
      const mine_ = await verify(document, uncached);
      expect(ours(mine_), what).toEqual(theirs.map(normalise));
      expect(mine_.status === "VALID", what).toBe(isValid(theirs as never));
    }
    uncached.close();

    // Where ours deliberately differs. A shredded title: tt-verify only asks whether ownerOf answers
    // (it does: 0x…dEaD), so it says VALID; a title spent by surrender is no live document, so ours says
    // INVALID (DOCUMENT_ACCOMPLISHED, this project's code). Every other fragment is the same.
    const shredded = load(byOutcome("ACCOMPLISH").path);
    const theirsShredded = ((await ttVerify(shredded as never)) as OaFragment[]).map(normalise);
    const oursShredded = ours(await verify(shredded));
    expect(theirsShredded[1]).toMatchObject({ status: "VALID" });
    expect(oursShredded[1]).toMatchObject({ status: "INVALID", codeString: "DOCUMENT_ACCOMPLISHED" });
    expect(oursShredded.filter((_, i) => i !== 1)).toEqual(theirsShredded.filter((_, i) => i !== 1));
    // A token never minted: the registry reverts ownerOf with "owner query for nonexistent token", which
    // tt-verify does not recognise through ethers 5 here and reports as ERROR (an unexpected error);
    // ours reads that revert and says INVALID (DOCUMENT_NOT_MINTED), as OpenAttestation means to.
    const never = wrapDocument({
      $template: { name: "BILL_OF_LADING", type: "EMBEDDED_RENDERER", url: "https://x" },
      network: { chain: "ETH", chainId: "31337" },
      issuers: [
        {
          name: "COSCO",
          tokenRegistry: local.deployment.registries.COSU!,
          identityProof: { type: "DNS-TXT", location: identityLocationOf("COSU") },
        },
      ],
      blNumber: "COSU0000NEVER",
    } as never);
    const theirsNever = ((await ttVerify(never as never)) as OaFragment[]).map(normalise);
    const oursNever = ours(await verify(never));
    expect(theirsNever[1]).toMatchObject({ status: "ERROR" });
    expect(oursNever[1]).toMatchObject({
      status: "INVALID",
      code: 1,
      codeString: "DOCUMENT_NOT_MINTED",
      reason: "Document has not been issued under token registry",
    });
    expect(oursNever.filter((_, i) => i !== 1)).toEqual(theirsNever.filter((_, i) => i !== 1));
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
    const wrapped = readWrappedDocument(doc);
    await redis.del(cache.key(down.name, wrapped.issuerAddress, wrapped.documentHash));
    const result = (await verifyDocuments(down, downChecker, identity, [wrapped]))[0]!;
    downChecker.close();
    expect(result.status).toBe("ERROR");
    expect(result.valid).toBe(false);
    expect(result.fragments[1]).toMatchObject({ status: "ERROR", codeString: "SERVER_ERROR" });
    expect(result.fragments[1]!.reason).toMatch(/NETWORK_UNAVAILABLE/);
    expect(await redis.exists(cache.key(down.name, wrapped.issuerAddress, wrapped.documentHash))).toBe(0);
  });

  it("answers the second time from the cache, and a title event evicts the entry", async () => {
    const doc = byOutcome("ISSUE");
    const document = load(doc.path);
    await mine(local.clients, 3);
    await adapter.sync();
    const wrapped = readWrappedDocument(document);
    const key = cache.key(adapter.name, wrapped.issuerAddress, wrapped.documentHash);
    await redis.del(key);
    expect((await verify(document)).cached).toBe(false);
    expect(await redis.exists(key)).toBe(1);
    const requests = adapter.counters.httpRequests;
    const again = await verify(document);
    expect(again.cached).toBe(true);
    expect(again.status).toBe("VALID");
    expect(again.stale).toBe(false);
    expect(again.asOfHeight).toMatch(/^\d+$/);
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

  it("never serves VALID after a burn has its confirmations, even from a read pinned to the block before it", async () => {
    // The reader's adapter saw the chain up to the block before the burn; its read is held in flight
    // while the burn is mined, confirmed and evicted by the follower, then it finishes and writes.
    const doc = byOutcome("RETURN_TO_ISSUER");
    const key = { kind: "TOKEN_REGISTRY" as const, address: doc.issuer, documentHash: doc.documentHash };
    const proxy = await startRpcProxy(local.chain.url);
    const reader = createEvmAdapter({
      rpcUrl: proxy.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
    });
    await reader.sync();
    const readerChecker = new DocumentStatusChecker(reader, cache);
    try {
      await redis.del(checker.cacheKey(key));
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inFlight!: () => void;
      const started = new Promise<void>((r) => (inFlight = r));
      proxy.hold = async (calls) => {
        if (calls.some((c) => c.method === "eth_call")) {
          inFlight();
          await held;
        }
      };
      const pinned = readerChecker.check([key]);
      await started;
      const burn = await local.clients.walletFor(carrier(doc.carrierScac)).writeContract({
        address: doc.issuer,
        abi: artifacts.tradeTrustToken.abi,
        functionName: "burn",
        args: [BigInt(doc.documentHash), "0x"],
        gas: 500_000n,
      });
      await local.clients.publicClient.waitForTransactionReceipt({ hash: burn });
      await mine(local.clients, adapter.options.confirmations + 1);
      await adapter.sync(); // the follower's eviction, as of the burn's block
      await vi.waitFor(async () =>
        expect(JSON.parse((await redis.get(checker.cacheKey(key)))!)).toHaveProperty("tombstone"),
      );
      release();
      const [late] = await pinned;
      // The in-flight read answers as of its block (before the burn)...
      expect(late!.fact).toMatchObject({ outcome: "MINTED", titleStatus: "RETURNED_TO_ISSUER" });
      // ...but cannot put that answer in the cache over the later eviction:
      expect(await cache.getMany([checker.cacheKey(key)])).toEqual([null]);
      const now = (await verifyTitles(adapter, checker, identity, [key]))[0]!;
      expect(now.status).toBe("INVALID");
      expect(now.fragments[1]).toMatchObject({ codeString: "DOCUMENT_ACCOMPLISHED" });
      expect((await verifyTitles(adapter, checker, identity, [key]))[0]!).toMatchObject({
        status: "INVALID",
        cached: true,
      });
    } finally {
      readerChecker.close();
      await reader.close();
      await proxy.close();
    }
  });

  it("retries an eviction Redis did not take, and replays unacknowledged evictions after a restart", async () => {
    const checkpointFile = join(mkdtempSync(join(tmpdir(), "tg-evict-")), "evm.json");
    const flakyRedis = createCacheRedis(inject("redisUrl"));
    const flakyCache = new StatusCache(flakyRedis, { prefix: `${prefix}blip:` });
    const follow = () =>
      createEvmAdapter({
        rpcUrl: local.chain.url,
        chainId: 31337,
        titleEscrowFactory: local.deployment.titleEscrowFactory,
        checkpointFile,
      });
    let follower = follow();
    let followerChecker = new DocumentStatusChecker(follower, flakyCache);
    const transfer = async (doc: (typeof local.documents)[number], to: string) => {
      const { titles } = await adapter.readTitles([{ registry: doc.issuer, documentHash: doc.documentHash }]);
      const holder = [...local.actors.parties.values()].find(
        (p) => p.account.address.toLowerCase() === titles[0]!.holder!.address!.toLowerCase(),
      )!;
      await local.clients.publicClient.waitForTransactionReceipt({
        hash: await local.clients.walletFor(holder).writeContract({
          address: titles[0]!.escrow as Address,
          abi: artifacts.titleEscrow.abi,
          functionName: "transferHolder",
          args: [local.actors.parties.get(to)!.account.address, "0x"],
          gas: 500_000n,
        }),
      });
    };
    const entry = async (doc: (typeof local.documents)[number]) =>
      JSON.parse((await redis.get(flakyCache.key(adapter.name, doc.issuer, doc.documentHash))) ?? "null") as {
        tombstone?: string;
        fact?: unknown;
      } | null;
    try {
      await follower.sync();
      await vi.waitFor(() => expect(follower.undeliveredChanges).toBe(0));
      const [a, b] = [live(2), live(3)];
      const keys = [a, b].map((d) => ({
        kind: "TOKEN_REGISTRY" as const,
        address: d.issuer,
        documentHash: d.documentHash,
      }));
      await verifyTitles(follower, followerChecker, identity, keys); // both cached
      expect((await entry(a))?.fact).toBeDefined();

      // A Redis blip: the follower sees the transfer while its Redis connection is down.
      flakyRedis.disconnect();
      await transfer(a, "fwd-kn");
      await follower.sync();
      expect(follower.undeliveredChanges).toBeGreaterThan(0);
      expect((await entry(a))?.fact).toBeDefined(); // still the stale entry: not evicted yet
      await flakyRedis.connect();
      await vi.waitFor(async () => expect((await entry(a))?.tombstone).toBeDefined(), { timeout: 8000 });

      // A crash with an eviction still owed: Redis down, the transfer seen, the process gone.
      flakyRedis.disconnect();
      await transfer(b, "fwd-kn");
      await follower.sync();
      followerChecker.close();
      await follower.close();
      expect((await entry(b))?.fact).toBeDefined();
      await flakyRedis.connect();
      // Restarted from its checkpoint, with no new event on the chain, the eviction is delivered.
      follower = follow();
      followerChecker = new DocumentStatusChecker(follower, flakyCache);
      await follower.sync();
      await vi.waitFor(async () => expect((await entry(b))?.tombstone).toBeDefined());
    } finally {
      followerChecker.close();
      await follower.close();
      flakyRedis.disconnect();
    }
  });

  it("says a cached answer is served while the chain is unreachable, and as of which height", async () => {
    const proxy = await startFreezableProxy(local.chain.url);
    const far = createEvmAdapter({
      rpcUrl: proxy.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      requestTimeoutMs: 300,
      retries: 0,
      breakerThreshold: 2,
    });
    const farChecker = new DocumentStatusChecker(far, new StatusCache(redis, { prefix: `${prefix}far:` }));
    try {
      await far.sync();
      const [cachedDoc, uncachedDoc] = [load(live(4).path), load(live(5).path)];
      const warm = await verify(cachedDoc, farChecker);
      expect(warm).toMatchObject({ status: "VALID", cached: false, stale: false });
      proxy.freeze();
      for (let i = 0; i < 2; i++) expect((await verify(uncachedDoc, farChecker)).status).toBe("ERROR");
      const served = await verify(cachedDoc, farChecker);
      expect(served).toMatchObject({
        status: "VALID",
        cached: true,
        stale: true,
        asOfHeight: warm.asOfHeight,
      });
    } finally {
      proxy.thaw();
      farChecker.close();
      await far.close();
      await proxy.close();
    }
  });

  it("shares one chain read between identical concurrent verifications, and one MGET for many", async () => {
    const docs = local.documents
      .filter((d) => d.kind === "TOKEN_REGISTRY")
      .map((d) => readWrappedDocument(load(d.path)));
    await redis.del(...docs.map((d) => cache.key(adapter.name, d.issuerAddress, d.documentHash)));
    const requests = adapter.counters.httpRequests;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => verifyDocuments(adapter, checker, identity, docs)),
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
    await verifyDocuments(adapter, checker, identity, docs);
    // MONITOR reports commands in order: once a marker sent after the verification shows, all of it has.
    const marker = `${prefix}done`;
    await redis.exists(marker);
    await vi.waitFor(() => expect(commands.at(-1)?.toLowerCase()).toBe("exists"), { interval: 10 });
    monitor.disconnect();
    expect(commands.filter((c) => c.toLowerCase() === "mget")).toHaveLength(1);
    expect(commands.filter((c) => c.toLowerCase() === "get")).toHaveLength(0);
  });

  it("still verifies, uncached, when Redis is down, and says so", async () => {
    const deadRedis = createCacheRedis("redis://127.0.0.1:9");
    const deadCache = new StatusCache(deadRedis, { prefix });
    const deadChecker = new DocumentStatusChecker(adapter, deadCache);
    const result = await verify(load(byOutcome("ISSUE").path), deadChecker);
    deadChecker.close();
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
