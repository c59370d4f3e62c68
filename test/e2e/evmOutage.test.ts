/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { keccak256, toHex } from "viem";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { startGateway } from "../../gateway/server.ts";
import { artifacts } from "../../networks/evm/contracts.ts";
import { AddressBook } from "../../subgraphs/evm/addressBook.ts";
import { startEvmSubgraph } from "../../subgraphs/evm/server.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import {
  startFreezableProxy,
  startRpcProxy,
  type FreezableProxy,
  type RpcProxy,
} from "../support/localChain.ts";
import { startTestStack, type TestStack } from "../support/stack.ts";

/**
 * The eBL chain stops answering (frozen, as under SIGSTOP) while the EVM subgraph's title index is warm
 * and its verification cache empty: the path the issue found turning 9 of 12 valid bills INVALID. The
 * EVM subgraph here reads the chain through a proxy the test freezes; every other network answers.
 */
describe("the eBL chain frozen, title index warm, verification cache empty", () => {
  let stack: TestStack;
  const started: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    stack = await startTestStack(inject("redisUrl"), 24);
  });
  afterAll(async () => {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    await stack?.close();
  });

  /** An EVM subgraph on its own adapter (reading the chain at `rpcUrl`) and a gateway in front of it. */
  const evmBehind = async (rpcUrl: string, name: string) => {
    const adapter: EvmAdapter = createEvmAdapter({
      rpcUrl,
      chainId: 31337,
      titleEscrowFactory: stack.chain.deployment.titleEscrowFactory,
      requestTimeoutMs: 800,
    });
    await adapter.sync();
    const cache = new StatusCache(stack.redis, { prefix: `${stack.prefix}${name}:` });
    const checker = new DocumentStatusChecker(adapter, cache);
    const subgraph: GraphQLHttpServer = await startEvmSubgraph(
      { adapter, cache, checker, trustList: stack.chain.trustList, addressBook: new AddressBook([]) },
      "127.0.0.1",
      0,
      stack.access.subgraph,
    );
    const gateway = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { ...stack.subgraphUrls, evm: subgraph.url },
      host: "127.0.0.1",
      port: 0,
      subgraphTimeoutMs: 8000,
    });
    started.push(
      { close: async () => void checker.close() },
      { close: () => adapter.close() },
      subgraph,
      gateway,
    );
    const query = async (q: string, variables: Record<string, unknown>) =>
      (await (
        await fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
          body: JSON.stringify({ query: q, variables }),
        })
      ).json()) as {
        data?: any;
        errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
      };
    const emptyCache = async () => {
      const keys = await stack.redis.keys(`${stack.prefix}${name}:*`);
      if (keys.length) await stack.redis.del(...keys);
    };
    return { adapter, query, emptyCache };
  };

  const BILL = `query($r: String!) { billOfLading(reference: $r) {
    verdict { status checks { network name status } }
    titleIntegrity { consistent }
    verification { status }
  } }`;

  it("turns no valid bill INVALID or inconsistent: the verdict is ERROR and integrity NETWORK_UNAVAILABLE", async () => {
    const proxy: FreezableProxy = await startFreezableProxy(stack.chain.chain.url);
    started.push(proxy);
    const { query, emptyCache } = await evmBehind(proxy.url, "frozen");
    const shipments = new Map(stack.chain.world.shipments.map((s) => [s.reference, s]));
    const ebls = stack.chain.documents.filter(
      (d) => d.kind === "TOKEN_REGISTRY" && shipments.get(d.reference)!.conflicts.length === 0,
    );
    // The bills that are VALID and consistent while every network answers (the index is warm now).
    const before = await Promise.all(ebls.map((d) => query(BILL, { r: d.reference })));
    const bills = ebls.filter((_, i) => {
      const b = before[i]!.data?.billOfLading;
      return b?.verdict?.status === "VALID" && b.titleIntegrity?.consistent === true;
    });
    expect(bills.length).toBeGreaterThanOrEqual(6);

    await emptyCache();
    proxy.freeze();
    const during = await Promise.all(bills.map((d) => query(BILL, { r: d.reference })));
    for (const [i, result] of during.entries()) {
      const what = bills[i]!.reference;
      const bill = result.data?.billOfLading;
      expect(bill, what).toBeTruthy(); // the carrier's and the port's parts still answer
      // ERROR, never INVALID: the title could not be read, so nothing is known to be wrong.
      expect(bill.verdict.status, what).toBe("ERROR");
      expect(bill.verdict.checks.find((c: { name: string }) => c.name === "TITLE").status, what).toBe(
        "ERROR",
      );
      // Integrity unknown, never "inconsistent": null with the network named.
      expect(bill.titleIntegrity, what).toBeNull();
      expect(
        result.errors?.find((e) => e.path?.join(".") === "billOfLading.titleIntegrity")?.extensions,
        what,
      ).toMatchObject({ code: "NETWORK_UNAVAILABLE", network: "ebl-evm" });
      expect(bill.verification?.status ?? "ERROR", what).toBe("ERROR");
    }

    // The chain answers again: the circuit's probe closes it and every bill is VALID and consistent again.
    proxy.thaw();
    await expect
      .poll(
        async () =>
          (await Promise.all(bills.map((d) => query(BILL, { r: d.reference })))).every(
            (r) =>
              r.data?.billOfLading?.verdict?.status === "VALID" &&
              r.data.billOfLading.titleIntegrity?.consistent === true,
          ),
        { timeout: 15_000, interval: 500 },
      )
      .toBe(true);
  });

  it("does not verify a title as registry 0x0 when the registry lookup's eth_getLogs fails", async () => {
    const proxy: RpcProxy = await startRpcProxy(stack.chain.chain.url);
    started.push(proxy);
    const { query } = await evmBehind(proxy.url, "nologs");
    // A token minted after the follower's last pass: looking it up makes the index catch up first.
    const hash = keccak256(toHex(`late eBL ${Date.now()}`));
    const cosco = stack.chain.actors.carriers.get("COSU")!;
    const shipper = [...stack.chain.actors.parties.values()][0]!.account.address;
    await stack.chain.clients.publicClient.waitForTransactionReceipt({
      hash: await stack.chain.clients.walletFor(cosco).writeContract({
        address: stack.chain.deployment.registries.COSU!,
        abi: artifacts.tradeTrustToken.abi,
        functionName: "mint",
        args: [shipper, shipper, BigInt(hash), "0x"],
        gas: 1_000_000n,
      }),
    });
    // The node refuses every eth_getLogs (a provider throttling log queries); eth_call still answers.
    proxy.intercept = (calls) =>
      calls.some((c) => c.method === "eth_getLogs") ? new Response("busy", { status: 503 }) : undefined;
    const result = await query(
      `query($h: String!) { billOfLading(documentHash: $h) { documentHash titleStatus verification { status } } }`,
      { h: hash },
    );
    const bill = result.data?.billOfLading;
    // Before: the failed lookup left the bill without a registry, and its verification asked registry
    // 0x0, which "never minted" it: INVALID. Now: NETWORK_UNAVAILABLE, never INVALID.
    expect(bill?.verification?.status ?? null).not.toBe("INVALID");
    expect(bill?.verification ?? null).toBeNull();
    expect(
      result.errors?.find((e) => e.path?.join(".") === "billOfLading.verification")?.extensions,
    ).toMatchObject({ code: "NETWORK_UNAVAILABLE", network: "ebl-evm" });
    // The provider answers logs again: the title is found and VALID.
    proxy.intercept = null;
    const later = await query(
      `query($h: String!) { billOfLading(documentHash: $h) { titleStatus verification { status } } }`,
      { h: hash },
    );
    expect(later.data?.billOfLading).toEqual({ titleStatus: "ISSUED", verification: { status: "VALID" } });
  });
});
