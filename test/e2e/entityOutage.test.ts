/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { startGateway } from "../../gateway/server.ts";
import { createAntchainCaches } from "../../subgraphs/antchain/caches.ts";
import { startAntchainSubgraph } from "../../subgraphs/antchain/server.ts";
import { createFabricCaches } from "../../subgraphs/fabric/caches.ts";
import { startFabricSubgraph } from "../../subgraphs/fabric/server.ts";
import { startFreezableProxy, type FreezableProxy } from "../support/localChain.ts";
import { startTestStack, type TestStack } from "../support/stack.ts";

type Result = {
  data?: any;
  errors?: { path?: (string | number)[]; extensions?: Record<string, unknown> }[];
};

/**
 * One network frozen (its connection stops answering, as under SIGSTOP), nothing about the asked entity
 * cached: the entity still resolves by its key, the frozen network's fields are null with
 * NETWORK_UNAVAILABLE naming it, and the other networks' parts arrive.
 */
describe("an entity by its key with one network frozen", () => {
  let stack: TestStack;
  const started: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    stack = await startTestStack(inject("redisUrl"), 24);
  });
  afterAll(async () => {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    await stack?.close();
  });

  /** A gateway over the stack's subgraphs, with `replace` standing in for some of them. */
  const gatewayWith = async (replace: Record<string, string>) => {
    const gateway = await startGateway({
      access: stack.access.gateway,
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: {
        ...stack.subgraphUrls,
        ...replace,
      },
      host: "127.0.0.1",
      port: 0,
      subgraphTimeoutMs: 8000,
    });
    started.push(gateway);
    const query = async (query: string, variables: Record<string, unknown>): Promise<Result> =>
      (await (
        await fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${stack.operatorToken}` },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as Result;
    return Object.assign(query, { url: gateway.url });
  };
  const errorAt = (result: Result, path: string) =>
    result.errors?.find((e) => e.path?.join(".") === path)?.extensions;

  /** The carrier subgraph reading the Fabric peer through a proxy the test freezes, with caches of its own. */
  const carrierBehindProxy = async (name: string) => {
    const grpc = new URL(`http://${stack.carrier.network.endpoint}`);
    const proxy: FreezableProxy = await startFreezableProxy(`http://${grpc.host}`);
    started.push(proxy);
    const adapter = stack.carrier.adapter({
      endpoint: new URL(proxy.url).host,
      // Well inside the gateway's deadline for the subgraph: the answer must come back with the others.
      evaluateTimeoutMs: 1000,
    });
    const caches = createFabricCaches(stack.redis, `${stack.prefix}${name}:`, adapter);
    const subgraph: GraphQLHttpServer = await startFabricSubgraph(
      {
        adapter,
        shipmentCache: caches.shipmentCache,
        documentIndex: caches.documentIndex,
        eblIndex: caches.eblIndex,
      },
      "127.0.0.1",
      0,
      stack.access.subgraph,
    );
    started.push({ close: async () => caches.stop() }, subgraph);
    return { proxy, caches, query: await gatewayWith({ fabric: subgraph.url }) };
  };

  /** The port subgraph reading the port network through a proxy the test freezes, with caches of its own. */
  const portBehindProxy = async (name: string) => {
    const proxy: FreezableProxy = await startFreezableProxy(stack.port.network.url);
    started.push(proxy);
    const adapter = stack.port.adapter({ url: proxy.url, requestTimeoutMs: 1000 });
    await adapter.start();
    started.push({ close: () => adapter.close() });
    const caches = createAntchainCaches(stack.redis, `${stack.prefix}${name}:`, adapter);
    const subgraph = await startAntchainSubgraph(
      { adapter, billCache: caches.billCache, containerCache: caches.containerCache },
      "127.0.0.1",
      0,
      stack.access.subgraph,
    );
    started.push(subgraph);
    return { proxy, caches, query: await gatewayWith({ antchain: subgraph.url }) };
  };

  const SHIPMENT = `query($r: String!) { shipment(reference: $r) {
    reference
    carrier { scac }
    portOfDischarge { unLocationCode }
    portEvents { code eventDateTime }
    customs { status }
    portRelease { status }
    portLookup
    status
    eta { at }
    billOfLading { documentHash titleStatus holder { name } }
  } }`;

  /** B/Ls with an eBL, port events and customs on record, as every network answers now. */
  const portTitled = async () => {
    const ebls = new Set(
      stack.chain.documents.filter((d) => d.kind === "TOKEN_REGISTRY").map((d) => d.reference),
    );
    const candidates = stack.chain.world.shipments.filter(
      (s) => ebls.has(s.reference) && s.conflicts.length === 0,
    );
    const answers = await Promise.all(candidates.map((s) => stack.query(SHIPMENT, { r: s.reference })));
    return candidates.filter((_, i) => {
      const s = (answers[i]!.data as any)?.shipment;
      return s?.customs && s.portEvents?.length && s.billOfLading?.titleStatus;
    });
  };

  it("a shipment by B/L number with the carrier's peer frozen: the port's and the title's parts arrive", async () => {
    const { proxy, query } = await carrierBehindProxy("frozen-carrier");
    const [seen, unseen] = await portTitled();
    expect(seen && unseen).toBeTruthy();
    // Every network answering: the reference answer, and the carrier's record read once for `seen`.
    const before = await query(SHIPMENT, { r: seen!.reference });
    const unseenBefore = await stack.query(SHIPMENT, { r: unseen!.reference });
    expect(before.errors).toBeUndefined();
    expect(before.data.shipment.portEvents.length).toBeGreaterThan(0);
    expect(before.data.shipment.billOfLading.titleStatus).toBeTruthy();

    // The carrier reports a change to `seen` (its cached record is evicted), then its peer freezes.
    await stack.redis.del(...(await stack.redis.keys(`${stack.prefix}frozen-carrier:fabric:shipment:*`)));
    proxy.freeze();
    try {
      for (const [reference, expected] of [
        [seen!.reference, before.data.shipment],
        [unseen!.reference, unseenBefore.data!.shipment],
      ] as const) {
        const started = performance.now();
        const during = await query(SHIPMENT, { r: reference });
        expect(performance.now() - started, reference).toBeLessThan(6000);
        const shipment = during.data?.shipment;
        // The entity by its key, whatever the carrier's network says.
        expect(shipment?.reference, reference).toBe(reference);
        // The carrier's fields: null, with the carrier network named.
        expect(shipment.carrier, reference).toBeNull();
        expect(shipment.portOfDischarge, reference).toBeNull();
        expect(errorAt(during, "shipment.carrier"), reference).toMatchObject({
          code: "NETWORK_UNAVAILABLE",
          network: "carrier-fabric",
        });
        // The port's part, as it was.
        expect(shipment.portEvents, reference).toEqual(expected.portEvents);
        expect(shipment.customs, reference).toEqual(expected.customs);
        expect(shipment.portRelease, reference).toEqual(expected.portRelease);
        expect(shipment.portLookup, reference).toBe("FOUND");
        // Derived from both networks' logs: unknown, never a status derived from the port's log alone.
        expect(shipment.status, reference).toBeNull();
        expect(shipment.eta, reference).toBeNull();
        expect(errorAt(during, "shipment.status"), reference).toMatchObject({
          code: "NETWORK_UNAVAILABLE",
          network: "carrier-fabric",
        });
      }
      // The title's part: the carrier's pointer to the eBL, once read, is kept (an issued eBL's hash and
      // registry never change), so the title still arrives for `seen`.
      const seenDuring = await query(SHIPMENT, { r: seen!.reference });
      expect(seenDuring.data.shipment.billOfLading).toEqual(before.data.shipment.billOfLading);
      // A B/L the carrier subgraph never read: which eBL it has is the carrier's to say, so it is unknown.
      const unseenDuring = await query(SHIPMENT, { r: unseen!.reference });
      expect(unseenDuring.data.shipment.billOfLading).toBeNull();
      expect(errorAt(unseenDuring, "shipment.billOfLading")).toMatchObject({
        code: "NETWORK_UNAVAILABLE",
        network: "carrier-fabric",
      });
    } finally {
      proxy.thaw();
    }
    // The peer answers again: the whole answer is back.
    await expect
      .poll(async () => JSON.stringify((await query(SHIPMENT, { r: unseen!.reference })).data), {
        timeout: 15_000,
        interval: 300,
      })
      .toBe(JSON.stringify(unseenBefore.data));
  });

  it("a B/L number the carrier does not know is still null, not an empty shipment", async () => {
    const result = await stack.query(`{ shipment(reference: "NOSUCHBL000001") { reference } }`);
    expect(result.data?.shipment).toBeNull();
  });

  it("a bill by document hash with the port network frozen: the title and the carrier's parts arrive", async () => {
    const { proxy, query } = await portBehindProxy("frozen-port");
    const shipment = (await portTitled())[2]!;
    const hash = stack.chain.documents.find((d) => d.reference === shipment.reference)!.documentHash;
    const BILL = `query($h: String!) { billOfLading(documentHash: $h) {
      documentHash reference titleStatus holder { name }
      shipment { reference carrier { scac } portEvents { code } }
      verdict { status checks { network name status } }
    } }`;
    const before = await query(BILL, { h: hash });
    expect(before.errors).toBeUndefined();
    expect(before.data.billOfLading.verdict.status).toBe("VALID");

    // Nothing of it cached, then the port network freezes.
    await stack.redis.del(...(await stack.redis.keys(`${stack.prefix}frozen-port:*`)));
    proxy.freeze();
    try {
      const during = await query(BILL, { h: hash });
      const bill = during.data?.billOfLading;
      expect(bill?.documentHash).toBe(before.data.billOfLading.documentHash);
      expect(bill.reference).toBe(shipment.reference);
      expect(bill.titleStatus).toBe(before.data.billOfLading.titleStatus);
      expect(bill.holder).toEqual(before.data.billOfLading.holder);
      expect(bill.shipment.carrier).toEqual(before.data.billOfLading.shipment.carrier);
      expect(bill.shipment.portEvents).toBeNull();
      expect(errorAt(during, "billOfLading.shipment.portEvents")).toMatchObject({
        code: "NETWORK_UNAVAILABLE",
        network: "port-antchain",
      });
      // The port's check cannot be made: ERROR, never INVALID.
      expect(bill.verdict.status).toBe("ERROR");
      expect(bill.verdict.checks.find((c: { network: string }) => c.network === "ANTCHAIN").status).toBe(
        "ERROR",
      );
    } finally {
      proxy.thaw();
    }
  });
  it("identical queries sent at once with the port network frozen, caches and index warm: each copy the same outage answer, none wrong", async () => {
    const { proxy, caches, query } = await portBehindProxy("shared-port");
    const [warm, cold] = (await portTitled()).slice(3);
    expect(warm && cold).toBeTruthy();
    const hashOf = (reference: string) =>
      stack.chain.documents.find((d) => d.reference === reference)!.documentHash;
    const BILL = `query($h: String!) { billOfLading(documentHash: $h) {
      documentHash titleStatus holder { name }
      shipment { reference status portEvents { code } }
      verdict { status checks { network name status } integrity { consistent } }
    } }`;
    // Every network answering: the reference answers, and every cache and the read model's index warm.
    await stack.indexer.settle();
    const before = new Map<string, Result>();
    for (const s of [warm!, cold!]) {
      await query(BILL, { h: hashOf(s.reference) });
      before.set(s.reference, await query(BILL, { h: hashOf(s.reference) }));
      expect(before.get(s.reference)!.errors).toBeUndefined();
      expect(before.get(s.reference)!.data.billOfLading.verdict.status).toBe("VALID");
    }
    const shared = async () =>
      Number(
        /^tradegraph_operations_shared_total(?:\{[^}]*\})? (\d+)/m.exec(
          await (await fetch(new URL("/metrics", query.url))).text(),
        )?.[1] ?? 0,
      );
    const sharedBefore = await shared();

    // The port reports a change to `cold` (its record evicted, as its follower does), then freezes.
    await caches.billCache.evict([cold!.reference]);
    proxy.freeze();
    try {
      const burst = await Promise.all(
        [warm!, cold!].flatMap((s) =>
          [0, 1, 2, 3].map(async () => ({ s, answer: await query(BILL, { h: hashOf(s.reference) }) })),
        ),
      );
      for (const { s, answer } of burst) {
        const bill = answer.data?.billOfLading;
        if (s === warm) {
          // Its port facts are cached, and a committed block is final: the same answer, not an outage.
          expect(answer, s.reference).toEqual(before.get(s.reference));
          continue;
        }
        const expected = before.get(s.reference)!.data.billOfLading;
        // The title and the carrier's parts as they were; the port's part unavailable, by name.
        expect(bill.titleStatus).toBe(expected.titleStatus);
        expect(bill.holder).toEqual(expected.holder);
        expect(bill.shipment.reference).toBe(s.reference);
        expect(bill.shipment.portEvents).toBeNull();
        expect(errorAt(answer, "billOfLading.shipment.portEvents")).toMatchObject({
          code: "NETWORK_UNAVAILABLE",
          network: "port-antchain",
        });
        // Derived from both networks: unknown or ERROR, never INVALID, never a conflict, never a status
        // read from one network's log.
        expect(bill.shipment.status).toBeNull();
        expect(bill.verdict.status).toBe("ERROR");
        expect(bill.verdict.checks.find((c: { network: string }) => c.network === "ANTCHAIN").status).toBe(
          "ERROR",
        );
        expect(bill.verdict.integrity.consistent).not.toBe(false);
      }
      // The four copies of each query got one answer among them.
      const colds = burst.filter((b) => b.s === cold).map((b) => JSON.stringify(b.answer.data));
      expect(new Set(colds).size).toBe(1);
      expect(await shared()).toBeGreaterThan(sharedBefore);
    } finally {
      proxy.thaw();
    }
    // The port answers again: the whole answer is back, as before.
    await expect
      .poll(async () => JSON.stringify(await query(BILL, { h: hashOf(cold!.reference) })), {
        timeout: 15_000,
        interval: 300,
      })
      .toBe(JSON.stringify(before.get(cold!.reference)));
  });
});
