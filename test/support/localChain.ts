import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deriveActors, everyActor, type EvmActors } from "../../networks/evm/accounts.ts";
import { startEvmChain, type RunningEvmChain } from "../../networks/evm/chain.ts";
import {
  chainClients,
  deployContracts,
  type ChainClients,
  type EvmDeployment,
} from "../../networks/evm/deploy.ts";
import { seedTitles, type SeededDocument } from "../../networks/evm/seed.ts";
import { CARRIERS } from "../../world/catalog.ts";
import { generateWorld } from "../../world/generate.ts";
import type { World } from "../../world/types.ts";
import { TrustList } from "../../verification/trustList.ts";

export interface LocalChain {
  chain: RunningEvmChain;
  world: World;
  actors: EvmActors;
  clients: ChainClients;
  deployment: EvmDeployment;
  documents: SeededDocument[];
  trustList: TrustList;
  dir: string;
  close(): Promise<void>;
}

export const TEST_ANCHOR = new Date("2026-11-20T00:00:00Z");

/** A real local chain on a free loopback port, with the real contracts, seeded from a small world. */
export async function startLocalChain(shipments = 24): Promise<LocalChain> {
  const world = generateWorld({ seed: "test", shipments, anchor: TEST_ANCHOR });
  const actors = deriveActors(world.seed);
  const chain = await startEvmChain({
    host: "127.0.0.1",
    port: 0,
    chainId: 31337,
    initialDate: new Date(world.start.getTime() - 86_400_000),
    privateKeys: everyActor(actors).map((a) => a.privateKey),
  });
  const clients = chainClients(chain.url, 31337);
  const deployment = await deployContracts(clients, actors);
  const dir = mkdtempSync(join(tmpdir(), "tradegraph-test-"));
  const documents = await seedTitles(world, clients, actors, deployment, join(dir, "documents"));
  const trustList = new TrustList(
    CARRIERS.flatMap((c) => [
      {
        chainId: 31337,
        address: deployment.registries[c.scac]!,
        name: c.name,
        scac: c.scac,
        kind: "TOKEN_REGISTRY" as const,
      },
      {
        chainId: 31337,
        address: deployment.documentStores[c.scac]!,
        name: c.name,
        scac: c.scac,
        kind: "DOCUMENT_STORE" as const,
      },
    ]),
  );
  return {
    chain,
    world,
    actors,
    clients,
    deployment,
    documents,
    trustList,
    dir,
    async close() {
      await chain.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Mines `count` empty blocks so earlier facts reach finality. */
export async function mine(clients: ChainClients, count: number): Promise<void> {
  for (let i = 0; i < count; i++)
    await clients.publicClient.request({ method: "evm_mine" as never, params: [] as never });
}

/**
 * A loopback TCP proxy in front of a node that can be frozen: frozen, it keeps accepting connections
 * and reading nothing, forwarding nothing, like a process under SIGSTOP (the kernel still completes the
 * handshake; no answer ever comes). Thawed, traffic flows again.
 */
export interface FreezableProxy {
  url: string;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startFreezableProxy(target: string): Promise<FreezableProxy> {
  const { createServer, connect } = await import("node:net");
  const upstream = new URL(target);
  let frozen = false;
  const sockets = new Set<import("node:net").Socket>();
  const track = (socket: import("node:net").Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    if (frozen) socket.pause();
  };
  const server = createServer((client) => {
    track(client);
    const open = () => {
      const node = connect(Number(upstream.port), upstream.hostname);
      track(node);
      client.pipe(node);
      node.pipe(client);
      client.on("close", () => node.destroy());
      node.on("close", () => client.destroy());
    };
    if (!frozen) open();
    else client.once("resume", open);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    freeze() {
      frozen = true;
      for (const s of sockets) s.pause();
    },
    thaw() {
      frozen = false;
      for (const s of sockets) s.resume();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A JSON-RPC call as the proxy saw it. */
export interface SeenRpcCall {
  method: string;
  params: unknown[];
}

/**
 * A loopback HTTP proxy in front of a JSON-RPC node that records every request (a batch is one request
 * of several calls) and lets a test answer a request itself (a provider's 429, a refused log range)
 * instead of forwarding it.
 */
export interface RpcProxy {
  url: string;
  /** Each HTTP request's calls, in order. */
  requests: SeenRpcCall[][];
  /** Answers a request itself when it returns a Response; forwards it when it returns undefined. */
  intercept: ((calls: SeenRpcCall[], body: unknown) => Response | undefined) | null;
  /** Awaited before a request is forwarded: a test holds requests back (a slow read) until it resolves. */
  hold: ((calls: SeenRpcCall[]) => Promise<void>) | null;
  close(): Promise<void>;
}

export async function startRpcProxy(target: string): Promise<RpcProxy> {
  const { createServer } = await import("node:http");
  const proxy: RpcProxy = {
    url: "",
    requests: [],
    intercept: null,
    hold: null,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const body = JSON.parse(text) as
        { method: string; params: unknown[] } | { method: string; params: unknown[] }[];
      const calls = (Array.isArray(body) ? body : [body]).map((c) => ({
        method: c.method,
        params: c.params,
      }));
      proxy.requests.push(calls);
      await proxy.hold?.(calls);
      const own = proxy.intercept?.(calls, body);
      const answer =
        own ??
        (await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: text,
        }));
      const hop = new Set([
        "content-length",
        "transfer-encoding",
        "content-encoding",
        "connection",
        "keep-alive",
      ]);
      res.writeHead(
        answer.status,
        Object.fromEntries([...answer.headers].filter(([name]) => !hop.has(name))),
      );
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
