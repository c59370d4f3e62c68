/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { print, type DocumentNode } from "graphql";
import type { Redis } from "ioredis";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import type { GraphQLHttpServer } from "../../core/httpServer.ts";
import { startGateway } from "../../gateway/server.ts";
import {
  HolderOfBillDocument,
  TitlesReportDocument,
  VerifyDocumentDocument,
} from "../../schema/generated/operations.ts";
import { AddressBook } from "../../subgraphs/evm/addressBook.ts";
import { startEvmSubgraph } from "../../subgraphs/evm/server.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { PARTIES } from "../../world/catalog.ts";
import { mine, startLocalChain, type LocalChain } from "../support/localChain.ts";

interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

describe("the federated gateway answers each user's query from the real chain", () => {
  let local: LocalChain;
  let adapter: EvmAdapter;
  let redis: Redis;
  let subgraph: GraphQLHttpServer;
  let gateway: GraphQLHttpServer;
  const prefix = `e2e:${process.pid}:${Date.now()}:`;

  beforeAll(async () => {
    local = await startLocalChain(30);
    await mine(local.clients, 3);
    adapter = createEvmAdapter({
      rpcUrl: local.chain.url,
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      pollIntervalMs: 200,
    });
    await adapter.start();
    redis = createCacheRedis(inject("redisUrl"));
    const cache = new StatusCache(redis, { prefix });
    const addressBook = new AddressBook(
      PARTIES.map((p) => ({ address: local.actors.parties.get(p.id)!.account.address, name: p.name })),
    );
    subgraph = await startEvmSubgraph(
      {
        adapter,
        cache,
        checker: new DocumentStatusChecker(adapter, cache),
        trustList: local.trustList,
        addressBook,
      },
      "127.0.0.1",
      0,
    );
    gateway = await startGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { evm: subgraph.url },
      host: "127.0.0.1",
      port: 0,
      subgraphTimeoutMs: 3000,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await subgraph?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis?.disconnect();
    await adapter?.close();
    await local?.close();
  });

  const query = async <T = Record<string, unknown>>(
    document: DocumentNode | string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> => {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: typeof document === "string" ? document : print(document), variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  const ebl = (outcome: string) =>
    local.documents.find(
      (d) =>
        d.kind === "TOKEN_REGISTRY" &&
        local.world.shipments.find((s) => s.reference === d.reference)!.title.at(-1)!.action === outcome,
    )!;

  it("cross-border app: who holds this eBL, is it live, is it genuine", async () => {
    const doc = ebl("TRANSFER_OWNERS") ?? ebl("ISSUE");
    const shipment = local.world.shipments.find((s) => s.reference === doc.reference)!;
    const result = await query(HolderOfBillDocument, { documentHash: doc.documentHash });
    expect(result.errors).toBeUndefined();
    const bill = result.data!.billOfLading as Record<string, any>;
    expect(bill.titleStatus).toBe("ISSUED");
    const lastHolder = [...shipment.title].reverse().find((t) => t.holder)!.holder!;
    expect(bill.holder.name).toBe(PARTIES.find((p) => p.id === lastHolder)!.name);
    expect(bill.endorsementChain.map((t: { action: string }) => t.action)[0]).toBe("ISSUE");
    expect(bill.verification).toMatchObject({ valid: true, status: "VALID" });
  });

  it("anyone with a .tt file: verifyDocument through the gateway", async () => {
    const document = JSON.parse(readFileSync(ebl("ISSUE").path, "utf8"));
    const result = await query(VerifyDocumentDocument, { document });
    expect(result.errors).toBeUndefined();
    expect(result.data!.verifyDocument).toMatchObject({ valid: true, status: "VALID" });
  });

  it("analyst: many titles and the network's status in one request", async () => {
    const hashes = local.documents.filter((d) => d.kind === "TOKEN_REGISTRY").map((d) => d.documentHash);
    const unknown = `0x${"cd".repeat(32)}`;
    const result = await query(TitlesReportDocument, { documentHashes: [...hashes, unknown] });
    expect(result.errors).toBeUndefined();
    const bills = result.data!.billsOfLading as ({ documentHash: string; titleStatus: string } | null)[];
    expect(bills).toHaveLength(hashes.length + 1);
    expect(bills.slice(0, -1).map((b) => b!.documentHash)).toEqual(hashes);
    expect(bills.at(-1)).toBeNull();
    expect(new Set(bills.slice(0, -1).map((b) => b!.titleStatus))).toEqual(
      new Set(["ISSUED", "RETURNED_TO_ISSUER", "ACCOMPLISHED"]),
    );
    expect(result.data!.networks).toEqual([
      expect.objectContaining({ name: "ebl-evm", health: "UP", cache: "UP" }),
    ]);
  });

  it.each([
    ["a malformed hash", `{ billOfLading(documentHash: "0x12") { titleStatus } }`, {}, /64 hex/],
    ["no hash at all", `{ billOfLading(reference: "COSU1234") { titleStatus } }`, {}, /carrier network/],
    [
      "a list over the limit",
      `query($h: [String!]!) { billsOfLading(documentHashes: $h) { titleStatus } }`,
      { h: Array.from({ length: 1001 }, () => `0x${"ab".repeat(32)}`) },
      /at most 1000/,
    ],
    [
      "a non-document",
      `query($d: JSON!) { verifyDocument(document: $d) { status } }`,
      { d: { hello: "world" } },
      /not a wrapped OpenAttestation/,
    ],
  ])("answers %s with BAD_USER_INPUT and a clear message", async (_, text, variables, message) => {
    const result = await query(text, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it("answers a bad variable type with a GraphQL validation code, not a crash", async () => {
    const result = await query(`query($h: String!) { billOfLading(documentHash: $h) { titleStatus } }`, {
      h: 42,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("/health answers for the gateway and the subgraph", async () => {
    const health = await (await fetch(gateway.url.replace("/graphql", "/health"))).json();
    expect(health).toEqual({ status: "UP", subgraphs: { evm: "UP" } });
  });

  it("reports a subgraph that is down as NETWORK_UNAVAILABLE naming it", async () => {
    const dead = await startGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { evm: "http://127.0.0.1:9/graphql" },
      host: "127.0.0.1",
      port: 0,
      subgraphTimeoutMs: 1000,
    });
    try {
      const response = await fetch(dead.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ networks { name } }" }),
      });
      const result = (await response.json()) as GraphQLResponse;
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "NETWORK_UNAVAILABLE", network: "evm" });
    } finally {
      await dead.close();
    }
  });

  it("reports the chain being down as NETWORK_UNAVAILABLE on the title fields and ERROR in the verdict", async () => {
    const downAdapter = createEvmAdapter({
      rpcUrl: "http://127.0.0.1:9/",
      chainId: 31337,
      titleEscrowFactory: local.deployment.titleEscrowFactory,
      requestTimeoutMs: 500,
    });
    const cache = new StatusCache(redis, { prefix: `${prefix}down:` });
    const sg = await startEvmSubgraph(
      {
        adapter: downAdapter,
        cache,
        checker: new DocumentStatusChecker(downAdapter, cache),
        trustList: local.trustList,
        addressBook: new AddressBook([]),
      },
      "127.0.0.1",
      0,
    );
    const gw = await startGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { evm: sg.url },
      host: "127.0.0.1",
      port: 0,
    });
    try {
      const document = JSON.parse(readFileSync(ebl("ISSUE").path, "utf8"));
      const response = await fetch(gw.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query($d: JSON!, $h: String!) { verifyDocument(document: $d) { status valid } billOfLading(documentHash: $h) { titleStatus } networks { health } }`,
          variables: { d: document, h: ebl("ISSUE").documentHash },
        }),
      });
      const result = (await response.json()) as GraphQLResponse<Record<string, any>>;
      expect(result.data!.verifyDocument).toEqual({ status: "ERROR", valid: false });
      expect(result.data!.networks).toEqual([{ health: "DOWN" }]);
      expect(result.data!.billOfLading).toBeNull();
      expect(result.errors?.find((e) => e.path?.[0] === "billOfLading")?.extensions).toMatchObject({
        code: "NETWORK_UNAVAILABLE",
        network: "ebl-evm",
      });
    } finally {
      await gw.close();
      await sg.close();
    }
  });
});
