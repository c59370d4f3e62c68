import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEvmAdapter, type EvmAdapter } from "../../adapters/evm/index.ts";
import { NetworkHealthRegistry } from "../../serving/healthRegistry.ts";
import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { startGateway } from "../../gateway/server.ts";
import { AddressBook } from "../../subgraphs/evm/addressBook.ts";
import { startEvmSubgraph } from "../../subgraphs/evm/server.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { createTestAccess, type TestAccess } from "../support/access.ts";
import { mine, startLocalChain, type LocalChain } from "../support/localChain.ts";

/**
 * A Redis of the test's own, on a free port, that it can kill and start again; `KEYS` is renamed away,
 * as managed Redis services often do, so any use of it fails the test.
 */
class DisposableRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      "redis-server",
      [
        ...["--port", String(this.port), "--bind", "127.0.0.1"],
        ...["--save", "", "--appendonly", "no"],
        ...["--rename-command", "KEYS", ""],
      ],
      { stdio: "ignore" },
    );
    this.child = child;
    // Waits for the condition, not a fixed time: a fresh probe each try (a failed connect is final).
    await vi.waitFor(
      async () => {
        const probe = new Redis(this.url, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        probe.on("error", () => undefined);
        try {
          await probe.connect();
          if ((await probe.ping()) !== "PONG") throw new Error("no PONG yet");
        } finally {
          probe.disconnect();
        }
      },
      { timeout: 5000, interval: 50 },
    );
  }

  /** kill -9: no shutdown, no save (it keeps nothing on disk anyway). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

describe("Redis killed and restarted: answers continue uncached, then cached again, and `networks` says so", () => {
  let redisServer: DisposableRedis;
  let chain: LocalChain;
  let adapter: EvmAdapter;
  let redis: Redis;
  let access: TestAccess;
  let subgraph: GraphQLHttpServer;
  let gateway: GraphQLHttpServer;
  let token: string;
  let stopPublishing: () => void;
  let document: unknown;
  const prefix = `redis-restart:${process.pid}:`;

  beforeAll(async () => {
    redisServer = new DisposableRedis(await freePort());
    await redisServer.start();
    chain = await startLocalChain(6);
    await mine(chain.clients, 3);
    adapter = createEvmAdapter({
      rpcUrl: chain.chain.url,
      chainId: 31337,
      titleEscrowFactory: chain.deployment.titleEscrowFactory,
      pollIntervalMs: 200,
    });
    await adapter.start();
    redis = createCacheRedis(redisServer.url);
    await vi.waitFor(() => expect(redis.status).toBe("ready"));
    const cache = new StatusCache(redis, { prefix });
    const registry = new NetworkHealthRegistry(redis, prefix, 2);
    // The carrier subgraph publishes its network's status like this from its own process.
    stopPublishing = registry.startPublishing(
      async () => ({
        name: "carrier-fabric",
        kind: "FABRIC",
        health: "UP",
        height: "7",
        latencyMs: 1,
        cache: null,
        indexedHeight: "7",
      }),
      200,
    );
    access = await createTestAccess(chain, null);
    token = await access.token(null);
    subgraph = await startEvmSubgraph(
      {
        adapter,
        cache,
        checker: new DocumentStatusChecker(adapter, cache),
        trustList: chain.trustList,
        addressBook: new AddressBook([]),
        health: {
          registry,
          expected: [
            { name: "ebl-evm", kind: "EVM" },
            { name: "carrier-fabric", kind: "FABRIC" },
            { name: "port-antchain", kind: "ANTCHAIN" },
          ],
        },
      },
      "127.0.0.1",
      0,
      access.subgraph,
    );
    gateway = await startGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { evm: subgraph.url },
      host: "127.0.0.1",
      port: 0,
      access: access.gateway,
    });
    const issued = chain.documents.find((d) => d.kind === "TOKEN_REGISTRY")!;
    document = JSON.parse(readFileSync(issued.path, "utf8"));
  }, 120_000);

  afterAll(async () => {
    stopPublishing?.();
    await gateway?.close();
    await subgraph?.close();
    redis?.disconnect();
    await adapter?.close();
    await chain?.close();
    access?.close();
    await redisServer?.kill();
  });

  const ask = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  };
  const verify = async () => {
    const result = await ask<{ verifyDocument: { status: string; cached: boolean } }>(
      `query($d: JSON!) { verifyDocument(document: $d) { status cached } }`,
      { d: document },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.verifyDocument;
  };
  const networks = async () => {
    const result = await ask<{ networks: { name: string; health: string; cache: string | null }[] }>(
      `{ networks { name health cache } }`,
    );
    expect(result.errors).toBeUndefined();
    return new Map(result.data!.networks.map((n) => [n.name, n]));
  };

  it("lists every network from the registry without KEYS (renamed away on this server)", async () => {
    const listed = await networks();
    expect([...listed.keys()].sort()).toEqual(["carrier-fabric", "ebl-evm", "port-antchain"]);
    expect(listed.get("ebl-evm")).toMatchObject({ health: "UP", cache: "UP" });
    expect(listed.get("carrier-fabric")).toMatchObject({ health: "UP" });
    // Expected, never published: DOWN, not missing.
    expect(listed.get("port-antchain")).toMatchObject({ health: "DOWN" });
  });

  it("caches a verification while Redis is up", async () => {
    await verify();
    expect(await verify()).toEqual({ status: "VALID", cached: true });
  });

  it("with Redis killed, verifies uncached and reports the cache DOWN; restarted, caches again and reports it UP", async () => {
    await redisServer.kill();
    // Still the right answer, read from the chain; the cache's state is in `networks`.
    expect(await verify()).toEqual({ status: "VALID", cached: false });
    expect(await verify()).toEqual({ status: "VALID", cached: false });
    const down = await networks();
    expect(down.get("ebl-evm")).toMatchObject({ health: "UP" });
    expect(down.get("ebl-evm")!.cache).toMatch(/^DOWN/);
    // The health registry lives in Redis: the others are silent to this subgraph, listed DOWN, not dropped.
    expect([...down.keys()].sort()).toEqual(["carrier-fabric", "ebl-evm", "port-antchain"]);
    expect(down.get("carrier-fabric")).toMatchObject({ health: "DOWN" });

    await redisServer.start();
    // The client reconnects by itself (backoff up to 2 s); the registry is repopulated by its publishers.
    await expect
      .poll(async () => (await networks()).get("ebl-evm")!.cache, { timeout: 10_000, interval: 200 })
      .toBe("UP");
    await expect
      .poll(async () => (await networks()).get("carrier-fabric")?.health, { timeout: 5000, interval: 200 })
      .toBe("UP");
    await verify();
    expect(await verify()).toEqual({ status: "VALID", cached: true });
  });
});
