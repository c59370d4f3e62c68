import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig, port } from "../../serving/config.ts";
import { BadUserInputError, ConfigInvalidError, NetworkUnavailableError } from "../../domain/errors.ts";
import { formatGraphQLError, toGraphQLError } from "../../serving/graphqlErrors.ts";
import { readiness, type HealthCheck } from "../../serving/health.ts";
import { countCacheReads, instrumentAdapter } from "../../serving/instrumentAdapter.ts";
import { silentLogger } from "../../serving/logger.ts";
import { ServiceMetrics } from "../../serving/metrics.ts";
import { requestIdFrom } from "../../serving/requestContext.ts";
import { childTraceparent, continueTrace } from "../../serving/traceContext.ts";

describe("parseConfig", () => {
  const schema = z.object({ A_PORT: port(4000), A_URL: z.url(), A_NAME: z.string().default("x") });

  it("applies defaults and coerces", () => {
    expect(parseConfig("svc", schema, { A_URL: "http://127.0.0.1:1" })).toEqual({
      A_PORT: 4000,
      A_URL: "http://127.0.0.1:1",
      A_NAME: "x",
    });
  });

  it("reports every problem at once, naming each variable", () => {
    try {
      parseConfig("svc", schema, { A_PORT: "abc", A_URL: "nope" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigInvalidError);
      const problems = (error as ConfigInvalidError).problems;
      expect(problems).toHaveLength(2);
      expect(problems.join("\n")).toMatch(/A_PORT/);
      expect(problems.join("\n")).toMatch(/A_URL/);
    }
  });

  it("reads the service's section of TRADEGRAPH_CONFIG, and the environment wins", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tg-config-")), "config.json");
    writeFileSync(
      file,
      JSON.stringify({ svc: { A_URL: "http://127.0.0.1:2", A_NAME: "from-file" }, other: { A_NAME: "no" } }),
    );
    expect(parseConfig("svc", schema, { TRADEGRAPH_CONFIG: file, A_NAME: "from-env" })).toMatchObject({
      A_URL: "http://127.0.0.1:2",
      A_NAME: "from-env",
    });
    expect(() =>
      parseConfig("svc", schema, { TRADEGRAPH_CONFIG: join(tmpdir(), "missing-tg.json") }),
    ).toThrow(ConfigInvalidError);
  });
});

describe("GraphQL error mapping", () => {
  it("keeps project codes and names the network or argument", () => {
    expect(toGraphQLError(new NetworkUnavailableError("ebl-evm", "down")).extensions).toEqual({
      code: "NETWORK_UNAVAILABLE",
      network: "ebl-evm",
    });
    expect(toGraphQLError(new BadUserInputError("bad", "documentHash")).extensions).toEqual({
      code: "BAD_USER_INPUT",
      argumentName: "documentHash",
    });
  });

  it("hides unexpected errors behind INTERNAL_SERVER_ERROR", () => {
    const raw = new GraphQLError("secret detail: connection to 10.0.0.1 failed", {
      originalError: new Error("boom"),
    });
    const formatted = formatGraphQLError(
      { message: raw.message, extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["x"] } },
      raw,
    );
    expect(formatted).toEqual({
      message: "Internal server error",
      locations: undefined,
      path: undefined,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
  });

  it("unwraps a project error wrapped by graphql-js", () => {
    const wrapped = new GraphQLError("x", {
      originalError: new NetworkUnavailableError("carrier-fabric", "The carrier-fabric peer is unavailable"),
    });
    expect(formatGraphQLError({ message: "x" }, wrapped)).toMatchObject({
      message: "The carrier-fabric peer is unavailable",
      extensions: { code: "NETWORK_UNAVAILABLE", network: "carrier-fabric" },
    });
  });
});

describe("W3C trace context and request ids", () => {
  it("continues a valid traceparent with a span of its own, and starts a trace for anything else", () => {
    const trace = continueTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    expect(trace).toMatchObject({
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
      parentSpanId: "00f067aa0ba902b7",
      flags: "01",
    });
    expect(trace.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(trace.spanId).not.toBe("00f067aa0ba902b7");
    for (const bad of [
      undefined,
      "garbage",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // version ff is invalid
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 has four fields
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
    ]) {
      const fresh = continueTrace(bad);
      expect(fresh.parentSpanId, String(bad)).toBeNull();
      expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
    }
    const child = childTraceparent(trace);
    expect(child.header).toBe(`00-${trace.traceId}-${child.spanId}-01`);
  });

  it("keeps a sane request id and replaces anything a log line could be confused by", () => {
    expect(requestIdFrom("req-7f3a")).toBe("req-7f3a");
    expect(requestIdFrom(["abc.def:1", "x"])).toBe("abc.def:1");
    for (const bad of [undefined, "", "has space", "new\nline", "x".repeat(129), '{"json":1}'])
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

describe("readiness", () => {
  const up: HealthCheck = { check: async () => ({ status: "UP" }) };
  const down: HealthCheck = { check: async () => ({ status: "DOWN" }) };
  const throws: HealthCheck = {
    check: async () => {
      throw new Error("ECONNREFUSED");
    },
  };
  const frozen: HealthCheck = { check: () => new Promise(() => undefined) };

  it("is DOWN only when a required dependency is; DEGRADED when any other is not UP", async () => {
    expect((await readiness("s", { a: up, b: up })).status).toBe("UP");
    expect((await readiness("s", { a: up, b: down })).status).toBe("DEGRADED");
    expect((await readiness("s", { a: up, b: { ...down, required: true } })).status).toBe("DOWN");
    const failed = await readiness("s", { a: { ...throws, required: true } });
    expect(failed).toEqual({
      status: "DOWN",
      service: "s",
      checks: { a: { status: "DOWN", error: "ECONNREFUSED" } },
    });
  });

  it("answers within its bound when a dependency never answers (a frozen process)", async () => {
    const started = performance.now();
    const ready = await readiness("s", { frozen, a: up }, undefined, 100);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(ready).toMatchObject({
      status: "DEGRADED",
      checks: { frozen: { status: "DOWN" }, a: { status: "UP" } },
    });
    expect(ready.checks.frozen!.error).toBe("no answer within 100 ms");
  });
});

/** One sample of Prometheus' text format by name and labels, whatever their order; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split("\n")) {
    const match = /^([\w:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe("metrics and ledger-call instrumentation", () => {
  it("keeps at most 100 operation names as labels; the rest count as 'other'", async () => {
    const metrics = new ServiceMetrics("t");
    for (let i = 0; i < 120; i++) metrics.observeRequest(`Op${i}`, 0.01, []);
    metrics.observeRequest(null, 0.01, ["BAD_USER_INPUT", "BAD_USER_INPUT"]);
    const text = await metrics.registry.metrics();
    const count = (operation: string) =>
      sample(text, "tradegraph_graphql_request_duration_seconds_count", { operation, service: "t" });
    expect(count("Op99")).toBe(1);
    expect(count("Op100")).toBeUndefined();
    expect(count("other")).toBe(20);
    expect(count("anonymous")).toBe(1);
    expect(sample(text, "tradegraph_graphql_errors_total", { code: "BAD_USER_INPUT" })).toBe(2);
  });

  it("counts each asynchronous adapter call with its outcome and the project error code, and passes the rest through", async () => {
    const metrics = new ServiceMetrics("t");
    const adapter = {
      name: "carrier-fabric",
      kind: "FABRIC" as const,
      counters: { evaluates: 0 },
      start: async () => undefined,
      close: async () => undefined,
      onChange: () => () => undefined,
      status: async () => ({
        name: "carrier-fabric",
        kind: "FABRIC" as const,
        health: "UP" as const,
        height: "1",
        latencyMs: 1,
        cache: null,
        indexedHeight: "1",
      }),
      async read(keys: string[]) {
        this.counters.evaluates++; // `this` is the adapter itself, not the proxy's view of it
        if (keys.includes("down")) throw new NetworkUnavailableError("carrier-fabric", "down");
        return keys.map((k) => k.toUpperCase());
      },
      local: (k: string) => k.length,
    };
    const measured = instrumentAdapter(adapter, metrics, silentLogger);
    expect(await measured.read(["a", "b"])).toEqual(["A", "B"]);
    await expect(measured.read(["down"])).rejects.toThrow(NetworkUnavailableError);
    expect(measured.local("abc")).toBe(3);
    expect(adapter.counters.evaluates).toBe(2);
    const text = await metrics.registry.metrics();
    const call = { network: "carrier-fabric", operation: "read" };
    expect(sample(text, "tradegraph_network_calls_total", { ...call, outcome: "ok" })).toBe(1);
    expect(sample(text, "tradegraph_network_calls_total", { ...call, outcome: "error" })).toBe(1);
    expect(
      sample(text, "tradegraph_network_call_failures_total", { ...call, code: "NETWORK_UNAVAILABLE" }),
    ).toBe(1);
    expect(sample(text, "tradegraph_network_call_duration_seconds_count", call)).toBe(2);
    expect(text).not.toContain('operation="local"');
  });

  it("counts a cache's reads as hits and misses", async () => {
    const counts = { hits: 0, misses: 0 };
    const cache = countCacheReads(
      { getMany: async (keys: string[]) => keys.map((k) => (k === "x" ? 1 : null)) },
      "getMany",
      counts,
    );
    await cache.getMany(["x", "y", "z"]);
    expect(counts).toEqual({ hits: 1, misses: 2 });
  });
});
