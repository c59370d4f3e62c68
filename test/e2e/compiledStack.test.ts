import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startStackProcess, type StackProcess } from "../../stack/stackProcess.ts";

/**
 * Production runs the compiled services: `npm run build`, then `npm start -- --compiled` starts every
 * product service from dist/ with plain `node` (the local ledgers still from source), each its own
 * process, and the gateway answers the README's queries. Their spans go to an OTLP/HTTP collector on
 * loopback (`OTEL_EXPORTER_OTLP_ENDPOINT`): one trace per client request across the processes.
 */
const PRODUCT_SERVICES = [
  "evm-subgraph",
  "fabric-subgraph",
  "antchain-subgraph",
  "interop-subgraph",
  "analytics-subgraph",
  "gateway",
  "dcsa",
  "dcsa-delivery",
];

/** The command lines of a process's descendants, from /proc. */
function descendantCommands(pid: number): string[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean);
  return children.flatMap((child) => {
    const command = readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0").join(" ").trim();
    return [command, ...descendantCommands(Number(child))];
  });
}

/** One exported span, as the collector received it (OTLP/HTTP JSON). */
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
}

/** OTLP JSON carries ids as hex; protobuf-in-JSON encoders use base64: both read as hex. */
const hexId = (id: string) => (/^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, "base64").toString("hex"));

/** A collector that keeps what services export to `/v1/traces`. */
async function startCollector() {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url === "/v1/traces" && String(req.headers["content-type"]).includes("json")) {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue?: string } }[] };
            scopeSpans: {
              spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number }[];
            }[];
          }[];
        };
        for (const r of body.resourceSpans) {
          const service =
            r.resource.attributes.find((a) => a.key === "service.name")?.value.stringValue ?? "";
          for (const scope of r.scopeSpans)
            for (const s of scope.spans)
              spans.push({
                service,
                traceId: hexId(s.traceId),
                spanId: hexId(s.spanId),
                parentSpanId: s.parentSpanId ? hexId(s.parentSpanId) : "",
                name: s.name,
                kind: s.kind,
              });
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

describe("the compiled services", () => {
  const stateDir = mkdtempSync(join(tmpdir(), "tradegraph-compiled-"));
  const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const databaseSchema = `compiled_${process.pid}_${Date.now()}`;
  let stack: StackProcess;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let trackingTraceparent = "";

  beforeAll(async () => {
    collector = await startCollector();
    const build = spawnSync(process.execPath, ["--import", "tsx", "build/compile.ts"], { encoding: "utf8" });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    stack = await startStackProcess({
      stateDir,
      shipments: 10,
      compiled: true,
      databaseUrl,
      databaseSchema,
      redisPrefix: `${databaseSchema}:`,
      timeoutMs: 150_000,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
    });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    collector?.server.close();
    rmSync(stateDir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists ${databaseSchema} cascade`);
    await client.end();
  });

  it("runs every product service from dist/ with plain node, the local ledgers from source", () => {
    const runtimes = Object.fromEntries(stack.startup.map((s) => [s.name, s.runtime]));
    for (const service of PRODUCT_SERVICES) expect(runtimes[service], service).toBe("compiled");
    expect(runtimes["evm-network"]).toBe("tsx");
    const commands = descendantCommands(stack.pid);
    for (const entry of ["dist/gateway/main.js", "dist/subgraphs/interop/main.js", "dist/dcsa/main.js"])
      expect(commands.filter((c) => c.endsWith(entry) && !c.includes("tsx"))).toHaveLength(1);
  });

  it("answers the README's tracking and ownership queries through the gateway", async () => {
    // The welcome names a shipment with an eBL and a token for its consignee.
    const reference = /where is shipment (\S+), and/.exec(stack.output)?.[1];
    const token = /TOKEN=(\S+) +# the consignee/.exec(stack.output)?.[1];
    expect(reference).toBeDefined();
    expect(token).toBeDefined();
    const ask = async (file: string, traceparent?: string) => {
      const response = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          ...(traceparent ? { traceparent } : {}),
        },
        body: JSON.stringify({
          query: readFileSync(join("schema/operations/readme", file), "utf8"),
          variables: { reference },
        }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as {
        data?: Record<string, Record<string, unknown>>;
        errors?: unknown[];
      };
    };
    // The client starts the trace: its traceparent is continued by every service.
    trackingTraceparent = `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-01`;
    const tracking = await ask("Tracking.graphql", trackingTraceparent);
    expect(tracking.errors).toBeUndefined();
    expect(tracking.data?.shipment?.status).toEqual(expect.any(String));
    expect((tracking.data?.shipment?.events as unknown[]).length).toBeGreaterThan(0);
    const ownership = await ask("Ownership.graphql");
    // The title's holder and endorsements only its parties see: the consignee may no longer be one.
    const codes = (ownership.errors ?? []).map(
      (e) => (e as { extensions?: { code?: string } }).extensions?.code,
    );
    expect(codes.filter((code) => code !== "FORBIDDEN")).toEqual([]);
    expect(ownership.data?.billOfLading?.reference).toBe(reference);
    expect(ownership.data?.billOfLading?.titleStatus).toEqual(expect.any(String));
  });

  it("verifies the welcome's .tt file and answers the analyst's page through the compiled gateway", async () => {
    const file = /readFileSync\("([^"]+\.tt)"/.exec(stack.output)?.[1];
    const consignee = /TOKEN=(\S+) +# the consignee/.exec(stack.output)?.[1];
    const analyst = /TOKEN=(\S+) +# an analyst at/.exec(stack.output)?.[1];
    expect(file && consignee && analyst).toBeTruthy();
    const post = async (token: string, query: string, variables: object = {}) =>
      (await (
        await fetch(stack.gatewayUrl, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    const verified = await post(
      consignee!,
      readFileSync("schema/operations/readme/VerifyDocument.graphql", "utf8"),
      { d: JSON.parse(readFileSync(file!, "utf8")) as unknown },
    );
    expect(verified.errors).toBeUndefined();
    expect(verified.data?.verifyDocument).toMatchObject({ valid: true, status: "VALID" });
    const lane = await post(analyst!, readFileSync("schema/operations/readme/Lane.graphql", "utf8"));
    expect(lane.errors).toBeUndefined();
    expect(lane.data?.shipments).toMatchObject({ totalCount: expect.any(Number) });
  });

  it("exports one trace per request across processes: gateway, its subgraph fetches, each subgraph, its ledger calls", async () => {
    const [, traceId, clientSpanId] = trackingTraceparent.split("-");
    const inTrace = () => collector.spans.filter((s) => s.traceId === traceId);
    // Services send their spans in batches about a second apart.
    await vi.waitFor(
      () => {
        const services = new Set(inTrace().map((s) => s.service));
        for (const service of ["gateway", "fabric-subgraph", "antchain-subgraph", "interop-subgraph"])
          expect(services, [...services].join(", ")).toContain(service);
        expect(inTrace().some((s) => s.service === "fabric-subgraph" && s.kind === 3)).toBe(true);
      },
      { timeout: 15_000, interval: 200 },
    );
    const spans = inTrace();
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const SERVER = 2;
    const CLIENT = 3;
    // The gateway's request span continues the client's span.
    const root = spans.find((s) => s.service === "gateway" && s.kind === SERVER)!;
    expect(root.parentSpanId).toBe(clientSpanId);
    // Each subgraph's request span is the child of a gateway fetch span, itself the child of the request.
    for (const service of ["fabric-subgraph", "antchain-subgraph", "interop-subgraph"]) {
      const served = spans.find((s) => s.service === service && s.kind === SERVER)!;
      const fetch = byId.get(served.parentSpanId)!;
      expect(fetch, service).toMatchObject({ service: "gateway", kind: CLIENT });
      expect(fetch.parentSpanId).toBe(root.spanId);
    }
    // The carrier subgraph's ledger call (the Fabric Gateway client's Evaluate) is a child of its request.
    const ledgerCall = spans.find((s) => s.service === "fabric-subgraph" && s.kind === CLIENT)!;
    expect(ledgerCall.name).toMatch(/^carrier-fabric /);
    expect(byId.get(ledgerCall.parentSpanId)).toMatchObject({ service: "fabric-subgraph", kind: SERVER });
  });
});
