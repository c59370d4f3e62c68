/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed */
import { readFileSync } from "node:fs";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createEvmAdapter } from "../../adapters/evm/index.ts";
import type { GraphQLHttpServer } from "../../serving/httpServer.ts";
import { instrumentAdapter } from "../../serving/instrumentAdapter.ts";
import { createLogger } from "../../serving/logger.ts";
import { ServiceMetrics } from "../../serving/metrics.ts";
import { startGateway } from "../../gateway/server.ts";
import { AddressBook } from "../../subgraphs/evm/addressBook.ts";
import { startEvmSubgraph } from "../../subgraphs/evm/server.ts";
import { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import { StatusCache } from "../../verification/statusCache.ts";
import { startTestStack, type TestStack } from "../support/stack.ts";

/** A port nothing listens on (the discard port: refused at once on loopback). */
const DEAD = "http://127.0.0.1:9/graphql";

/** Log lines written by the services under test, parsed. */
const lines: Record<string, any>[] = [];
const memory = { write: (line: string) => void lines.push(JSON.parse(line)) };

/** Prometheus' text format, as a map from `name{labels}` (labels sorted) to value. */
async function scrape(base: string, token?: string): Promise<Map<string, number>> {
  const response = await fetch(`${base}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = (match[2] ?? "")
      .split(/,(?=[a-zA-Z_]\w*=")/)
      .filter(Boolean)
      .filter((l) => !l.startsWith("service="))
      .sort()
      .join(",");
    samples.set(`${match[1]}{${labels}}`, Number(match[3]));
  }
  return samples;
}

/** A TCP server that accepts connections and never answers a byte: a frozen process, seen from outside. */
async function frozenNode(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const base = (server: GraphQLHttpServer) => server.url.replace(/\/graphql$/, "");
const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as any };
};

describe("seen from outside: health, metrics and logs of the gateway and every subgraph", () => {
  let stack: TestStack;
  /** The stack's gateway and subgraphs, by name. */
  let services: Record<string, GraphQLHttpServer>;
  /** An EVM subgraph and a gateway in front of it that log (debug) into `lines`; the rest is the stack's. */
  let loggedSubgraph: GraphQLHttpServer;
  let loggedGateway: GraphQLHttpServer;
  const subgraphMetrics = new ServiceMetrics("evm-subgraph");
  const gatewayMetrics = new ServiceMetrics("gateway");
  const METRICS_TOKEN = "scrape-me-7f3a";

  beforeAll(async () => {
    // Few shipments: these tests are about the services, not the data.
    stack = await startTestStack(inject("redisUrl"), 10);
    services = {
      gateway: stack.gateway,
      evm: stack.evmSubgraph,
      fabric: stack.fabricSubgraph,
      antchain: stack.antchainSubgraph,
      interop: stack.interopSubgraph,
      analytics: stack.analyticsSubgraph,
    };
    const logger = createLogger("test", "debug", memory);
    // As subgraphs/evm/main.ts wires it: the adapter measured, the verification cache's reads counted.
    const adapter = instrumentAdapter(stack.evm, subgraphMetrics, logger.child({ service: "evm-subgraph" }));
    const cache = new StatusCache(stack.redis, { prefix: `${stack.prefix}logged:` });
    loggedSubgraph = await startEvmSubgraph(
      {
        adapter,
        cache,
        checker: new DocumentStatusChecker(adapter, cache),
        trustList: stack.chain.trustList,
        addressBook: new AddressBook([]),
      },
      "127.0.0.1",
      0,
      stack.access.subgraph,
      { logger: logger.child({ service: "evm-subgraph" }), metrics: subgraphMetrics },
    );
    loggedGateway = await startGateway({
      supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
      subgraphUrls: { ...stackSubgraphs(), evm: loggedSubgraph.url },
      host: "127.0.0.1",
      port: 0,
      // The operator's uses logged by the gateway's own logger (the stack's access swallows them).
      access: { authenticate: stack.access.gateway.authenticate, proofSecret: stack.access.proofSecret },
      observability: {
        logger: logger.child({ service: "gateway" }),
        metrics: gatewayMetrics,
        metricsToken: METRICS_TOKEN,
      },
    });
  });
  afterAll(async () => {
    await loggedGateway?.close();
    await loggedSubgraph?.close();
    await stack?.close();
  });

  const stackSubgraphs = () => ({ ...stack.subgraphUrls });
  const post = (url: string, query: string, variables: Record<string, unknown>, headers = {}) =>
    fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${stack.operatorToken}`,
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });

  describe("health", () => {
    it("every service answers /health/live and /health/ready with each dependency's state", async () => {
      for (const [name, server] of Object.entries(services)) {
        const live = await getJson(`${base(server)}/health/live`);
        expect(live.status, name).toBe(200);
        expect(live.body).toMatchObject({
          status: "UP",
          service: name === "gateway" ? name : `${name}-subgraph`,
        });
        const ready = await getJson(`${base(server)}/health/ready`);
        expect(ready.status, name).toBe(200);
        expect(ready.body.status, `${name}: ${JSON.stringify(ready.body)}`).toBe("UP");
      }
      const evm = (await getJson(`${base(stack.evmSubgraph)}/health/ready`)).body;
      expect(evm.checks.network).toMatchObject({ status: "UP", network: "ebl-evm" });
      expect(evm.checks.network.height).toMatch(/^\d+$/);
      expect(evm.checks.cache).toMatchObject({ status: "UP" });
      expect((await getJson(`${base(stack.fabricSubgraph)}/health/ready`)).body.checks.network).toMatchObject(
        {
          status: "UP",
          network: "carrier-fabric",
        },
      );
      expect((await getJson(`${base(stack.analyticsSubgraph)}/health/ready`)).body.checks.readModel).toEqual({
        status: "UP",
      });
      const gateway = (await getJson(`${base(stack.gateway)}/health/ready`)).body;
      expect(Object.keys(gateway.checks).sort()).toEqual(
        ["analytics", "antchain", "evm", "fabric", "interop"].map((n) => `subgraph:${n}`),
      );
      // The gateway passes on what each subgraph's own checks said.
      expect(gateway.checks["subgraph:evm"]).toMatchObject({
        status: "UP",
        checks: { network: "UP", cache: "UP" },
      });
    });

    it("a subgraph whose ledger is down is DEGRADED, and the gateway says so: it asks the subgraph, not just its port", async () => {
      // An EVM subgraph that answers HTTP perfectly well, over a chain that accepts connections and
      // never answers (a frozen node: SIGSTOP), the case where a probe must not wait as long as it.
      const frozen = await frozenNode();
      const silentChain = createEvmAdapter({
        rpcUrl: frozen.url,
        chainId: 31337,
        titleEscrowFactory: stack.chain.deployment.titleEscrowFactory,
      });
      const cache = new StatusCache(stack.redis, { prefix: `${stack.prefix}silent:` });
      const subgraph = await startEvmSubgraph(
        {
          adapter: silentChain,
          cache,
          checker: new DocumentStatusChecker(silentChain, cache),
          trustList: stack.chain.trustList,
          addressBook: new AddressBook([]),
        },
        "127.0.0.1",
        0,
        stack.access.subgraph,
      );
      // ...and the interop subgraph not answering at all.
      const gateway = await startGateway({
        supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
        subgraphUrls: { ...stackSubgraphs(), evm: subgraph.url, interop: DEAD },
        host: "127.0.0.1",
        port: 0,
        access: stack.access.gateway,
      });
      try {
        const own = await getJson(`${base(subgraph)}/health/ready`);
        expect(own.status).toBe(200); // still serving: NETWORK_UNAVAILABLE for titles, the rest answers
        expect(own.body.checks.network.error).toMatch(/no answer within/);
        expect(own.body).toMatchObject({
          status: "DEGRADED",
          checks: { network: { status: "DOWN" }, cache: { status: "UP" } },
        });

        const ready = await getJson(`${base(gateway)}/health/ready`);
        expect(ready.status).toBe(200);
        expect(ready.body.status).toBe("DEGRADED");
        expect(ready.body.checks["subgraph:evm"]).toMatchObject({
          status: "DEGRADED",
          checks: { network: "DOWN" },
        });
        expect(ready.body.checks["subgraph:interop"].status).toBe("DOWN");
        expect(ready.body.checks["subgraph:fabric"].status).toBe("UP");
        const summary = await getJson(`${base(gateway)}/health`);
        expect(summary.body).toEqual({
          status: "DEGRADED",
          subgraphs: { evm: "DEGRADED", fabric: "UP", antchain: "UP", interop: "DOWN", analytics: "UP" },
        });
        // Degraded, not dead: the carrier's part of a shipment still answers through this gateway.
        const reference = stack.chain.world.shipments[0]!.reference;
        const answer = (await (
          await post(gateway.url, `query($r: String!) { shipment(reference: $r) { reference } }`, {
            r: reference,
          })
        ).json()) as any;
        expect(answer.data.shipment.reference).toBe(reference);
      } finally {
        await gateway.close();
        await subgraph.close();
        await silentChain.close();
        await frozen.close();
      }
    });

    it("a gateway none of whose subgraphs answers is DOWN (503), yet alive", async () => {
      const gateway = await startGateway({
        supergraphSdl: readFileSync("schema/supergraph.graphql", "utf8"),
        subgraphUrls: Object.fromEntries(Object.keys(stackSubgraphs()).map((n) => [n, DEAD])),
        host: "127.0.0.1",
        port: 0,
        access: stack.access.gateway,
      });
      try {
        const ready = await getJson(`${base(gateway)}/health/ready`);
        expect(ready.status).toBe(503);
        expect(ready.body.status).toBe("DOWN");
        expect((await fetch(`${base(gateway)}/health`)).status).toBe(503);
        expect((await getJson(`${base(gateway)}/health/live`)).status).toBe(200);
      } finally {
        await gateway.close();
      }
    });
  });

  describe("logs", () => {
    it("one line per request; the request id and trace travel gateway -> subgraph -> ledger call", async () => {
      lines.length = 0;
      const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      const doc = stack.chain.documents.find((d) => d.kind === "TOKEN_REGISTRY")!;
      const response = await post(
        loggedGateway.url,
        `query Titles($h: [String!]!) { billsOfLading(documentHashes: $h) { titleStatus } }`,
        { h: [doc.documentHash] },
        { "x-request-id": "req-7f3a", traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      );
      expect(response.headers.get("x-request-id")).toBe("req-7f3a");
      expect(((await response.json()) as any).errors).toBeUndefined();
      const gatewayLine = lines.find((l) => l.service === "gateway" && l.msg === "request");
      expect(gatewayLine).toMatchObject({
        level: 30,
        requestId: "req-7f3a",
        traceId,
        parentSpanId: "00f067aa0ba902b7",
        route: "/graphql",
        status: 200,
        operation: "Titles",
        subject: expect.any(String),
      });
      expect(gatewayLine!.durationMs).toBeGreaterThan(0);
      // The operator's use is logged by the gateway, in the same request.
      expect(lines.find((l) => l.event === "operator-access")).toMatchObject({
        requestId: "req-7f3a",
        operationName: "Titles",
      });
      const fetchLine = lines.find((l) => l.msg === "subgraph fetch" && l.subgraph === "evm");
      expect(fetchLine).toMatchObject({ requestId: "req-7f3a", traceId, status: 200 });
      const subgraphLine = lines.find((l) => l.service === "evm-subgraph" && l.msg === "request");
      expect(subgraphLine).toMatchObject({
        requestId: "req-7f3a",
        traceId,
        // The subgraph's parent span is the gateway's fetch to it.
        parentSpanId: fetchLine!.spanId,
        status: 200,
      });
      // The title read (readTitles, or its settled form: the adapter's own name for the batch call).
      const ledgerLine = lines.find((l) => l.msg === "ledger call" && /^readTitles/.test(l.call));
      expect(ledgerLine).toMatchObject({ requestId: "req-7f3a", traceId, network: "ebl-evm", keys: 1 });
      // Nothing of the caller's credentials reaches a line.
      expect(JSON.stringify(lines)).not.toContain(stack.operatorToken);
    });

    it("a request without an id gets one, the same on every line of it; a malformed one is replaced", async () => {
      lines.length = 0;
      const response = await post(
        loggedGateway.url,
        `{ networks { name } }`,
        {},
        { "x-request-id": "bad id\twith spaces" },
      );
      const id = response.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      await response.json();
      const ofRequest = lines.filter((l) => l.msg === "request");
      expect(ofRequest.map((l) => l.service).sort()).toEqual(["evm-subgraph", "gateway"]);
      expect(new Set(ofRequest.map((l) => l.requestId))).toEqual(new Set([id]));
      expect(new Set(ofRequest.map((l) => l.traceId)).size).toBe(1);
    });
  });

  describe("metrics", () => {
    it("the gateway: durations by operation, errors by code, fetches by subgraph; behind METRICS_TOKEN when set", async () => {
      expect((await fetch(`${base(loggedGateway)}/metrics`)).status).toBe(401);
      expect(
        (
          await fetch(`${base(loggedGateway)}/metrics`, {
            headers: { authorization: "Bearer wrong-token!!" },
          })
        ).status,
      ).toBe(401);
      const before = await scrape(base(loggedGateway), METRICS_TOKEN);
      const reference = stack.chain.world.shipments[0]!.reference;
      for (let i = 0; i < 3; i++)
        await (
          await post(
            loggedGateway.url,
            `query Tracking($r: String!) { shipment(reference: $r) { reference status } }`,
            {
              r: reference,
            },
          )
        ).json();
      await (
        await post(
          loggedGateway.url,
          `query Bad($h: String!) { billOfLading(documentHash: $h) { titleStatus } }`,
          { h: "0x12" },
        )
      ).json();
      const unauthenticated = await fetch(loggedGateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ networks { name } }" }),
      });
      expect(unauthenticated.status).toBe(401);
      const after = await scrape(base(loggedGateway), METRICS_TOKEN);
      const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
      expect(delta('tradegraph_graphql_request_duration_seconds_count{operation="Tracking"}')).toBe(3);
      expect(
        delta('tradegraph_graphql_request_duration_seconds_bucket{le="+Inf",operation="Tracking"}'),
      ).toBe(3);
      expect(delta('tradegraph_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
      expect(delta('tradegraph_graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
      expect(delta('tradegraph_http_responses_total{route="/graphql",status="401"}')).toBe(1);
      expect(
        delta('tradegraph_subgraph_fetch_duration_seconds_count{outcome="ok",subgraph="fabric"}'),
      ).toBeGreaterThanOrEqual(3);
    });

    it("a subgraph: calls, latency and failures per network, cache hits and misses, and the stack's subgraphs serve /metrics too", async () => {
      const before = await scrape(base(loggedSubgraph));
      const docs = stack.chain.documents.filter((d) => d.kind === "TOKEN_REGISTRY").slice(0, 3);
      const query = `query($h: [String!]!) { billsOfLading(documentHashes: $h) { titleStatus } }`;
      await (await post(loggedGateway.url, query, { h: docs.map((d) => d.documentHash) })).json();
      const after = await scrape(base(loggedSubgraph));
      const delta = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
      const sum = (pattern: RegExp) =>
        [...after.keys()].filter((k) => pattern.test(k)).reduce((total, k) => total + delta(k), 0);
      // One batch for the three titles: one title read (whatever the adapter names it), no failure.
      const titleReads = 'network="ebl-evm",operation="readTitles\\w*"';
      expect(sum(new RegExp(`^tradegraph_network_calls_total\\{${titleReads},outcome="ok"\\}`))).toBe(1);
      expect(sum(new RegExp(`^tradegraph_network_call_duration_seconds_count\\{${titleReads}\\}`))).toBe(1);
      expect(sum(/^tradegraph_network_calls_total\{.*outcome="error"/)).toBe(0);
      expect(
        delta('tradegraph_graphql_request_duration_seconds_count{operation="anonymous"}'),
      ).toBeGreaterThanOrEqual(1);
      for (const server of Object.values(services)) {
        const samples = await scrape(base(server));
        expect([...samples.keys()].some((k) => k.startsWith("tradegraph_http_responses_total"))).toBe(true);
      }
    });

    it("index lag, network health and cache reads, as the entry points record them", async () => {
      const metrics = new ServiceMetrics("probe");
      metrics.observeNetworkStatus({ ...(await stack.evm.status()), name: "ebl-evm" });
      const counts = { hits: 4, misses: 1 };
      metrics.watchCache("verification", counts);
      counts.hits++;
      const text = await metrics.registry.metrics();
      expect(text).toContain('tradegraph_network_health{network="ebl-evm",state="UP",service="probe"} 1');
      expect(text).toContain('tradegraph_network_health{network="ebl-evm",state="DOWN",service="probe"} 0');
      expect(text).toMatch(/tradegraph_network_index_lag_blocks\{network="ebl-evm",service="probe"\} \d+/);
      expect(text).toContain(
        'tradegraph_cache_requests_total{cache="verification",result="hit",service="probe"} 5',
      );
      expect(text).toContain(
        'tradegraph_cache_requests_total{cache="verification",result="miss",service="probe"} 1',
      );
    });
  });

  describe("date-times through the gateway", () => {
    for (const asOf of ["2026-13-01T00:00:00Z", "2026-02-31T00:00:00Z"])
      it(`asOf: ${asOf} is BAD_USER_INPUT saying why, as a variable and as a literal`, async () => {
        const asVariable = await stack.query(
          `query($asOf: DateTime) { shipments(first: 1, asOf: $asOf) { edges { node { reference } } } }`,
          { asOf },
        );
        expect(asVariable.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(asVariable.errors?.[0]?.message).toContain("is not a valid RFC 3339 date-time");
        const asLiteral = await stack.query(
          `{ shipments(first: 1, asOf: "${asOf}") { edges { node { reference } } } }`,
        );
        expect(asLiteral.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(asLiteral.errors?.[0]?.message).toContain("is not a valid RFC 3339 date-time");
      });
  });
});
