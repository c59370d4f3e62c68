/**
 * `node --import tsx bench/gateways.bench.ts`: the README users' mix (tracking and ownership of a dozen
 * eBLs, each asked by its consignee, and the analytics page by an analyst) through three gateways over
 * the same running subgraphs, side by side in one run: this project's gateway, stock `@apollo/gateway`
 * and Hive Gateway.
 *
 * The ledgers and subgraphs run in one child process, each gateway in its own, so the CPU seconds each
 * spends are read apart (from /proc/<pid>/stat). Before loading, each gateway's answers to the mix are
 * checked against this gateway's. The load alternates the gateways round by round (A B C, C B A) so
 * drift on a shared machine spreads evenly. Bounded: a fixed number of requests per round and a deadline
 * per request. Settings: MIX_CONCURRENCY (16), MIX_REQUESTS per round (600), MIX_ROUNDS (2),
 * MIX_SHIPMENTS (50), MIX_SHARING (on; off: this gateway without sharing identical work in flight), MIX_OPERATIONS (Tracking,Ownership,Lane: a subset to measure one apart), MIX_DATABASE (postgres, as `npm start` runs; or pglite, in the stack's process),
 * MIX_CPU_PROF (tradegraph, apollo, hive or stack: that process writes a V8 CPU profile under
 * $TMPDIR/tradegraph-profiles, for chrome://inspect or any .cpuprofile viewer).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Pool } from "undici";
import { encodePrincipal } from "../access/gatewayProof.ts";
import { printTable } from "./table.ts";
import {
  BENCH_PRINCIPAL_HEADER,
  GATEWAY_KINDS,
  type GatewayKind,
  type BenchUser,
  type GatewayStackInfo,
} from "./support/gatewayConfig.ts";

const CONCURRENCY = Number(process.env.MIX_CONCURRENCY ?? 16);
const PER_ROUND = Number(process.env.MIX_REQUESTS ?? 600);
const ROUNDS = Number(process.env.MIX_ROUNDS ?? 2);
const REQUEST_DEADLINE_MS = 30_000;
/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const TICKS = 100;

const NAMES: Record<GatewayKind, string> = {
  tradegraph: "this gateway",
  apollo: "stock @apollo/gateway",
  hive: "Hive Gateway",
};

/** Starts a child and waits for its `PREFIX {json}` line (bounded: a stack seeds in well under 3 minutes). */
async function child<T>(args: string[], prefix: string, env: NodeJS.ProcessEnv = {}) {
  const proc = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 180_000);
  try {
    for await (const line of createInterface({ input: proc.stdout! }))
      if (line.startsWith(`${prefix} `))
        return { proc, info: JSON.parse(line.slice(prefix.length + 1)) as T };
  } finally {
    clearTimeout(timer);
  }
  throw new Error(`${args.join(" ")} exited before it was ready`);
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(proc: ChildProcess): number {
  const stat = readFileSync(`/proc/${proc.pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

const cpuUsed = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

/** Node flags that make `which` write a CPU profile when MIX_CPU_PROF names it. */
const profiled = (which: GatewayKind | "stack") =>
  process.env.MIX_CPU_PROF === which
    ? ["--cpu-prof", `--cpu-prof-dir=${join(tmpdir(), "tradegraph-profiles")}`]
    : [];

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const operation = (file: string) => readFileSync(`schema/operations/readme/${file}`, "utf8");

const loadBefore = loadavg()[0]!.toFixed(1);
const stack = await child<GatewayStackInfo>([...profiled("stack"), "bench/support/gatewayStack.ts"], "STACK");
const gateways: { kind: GatewayKind; proc: ChildProcess; url: string }[] = [];
const pools = new Map<string, Pool>();
const poolFor = (url: string) => {
  let pool = pools.get(url);
  if (!pool) pools.set(url, (pool = new Pool(new URL(url).origin, { connections: CONCURRENCY })));
  return pool;
};
try {
  for (const kind of GATEWAY_KINDS) {
    const { proc, info } = await child<{ url: string }>(
      [...profiled(kind), "bench/support/gatewayProcess.ts", kind],
      "GATEWAY",
      {
        GATEWAY_STACK: JSON.stringify(stack.info),
      },
    );
    gateways.push({ kind, proc, url: info.url });
  }
  const { consignees, analyst } = stack.info;
  const principal = (u: BenchUser) => encodePrincipal(u.principal);
  // Request i: tracking, ownership or the analytics page, in turn; a different shipment each round of three.
  const ALL_OPERATIONS = [
    { name: "Tracking", query: operation("Tracking.graphql"), shipment: true },
    { name: "Ownership", query: operation("Ownership.graphql"), shipment: true },
    { name: "Lane", query: operation("Lane.graphql"), shipment: false },
  ];
  const only = process.env.MIX_OPERATIONS?.split(",");
  const MIX = ALL_OPERATIONS.filter((op) => !only || only.includes(op.name));
  const request = (i: number) => {
    const op = MIX[i % MIX.length]!;
    const consignee = consignees[Math.floor(i / MIX.length) % consignees.length]!;
    const user = op.shipment ? consignee.user : analyst;
    return {
      name: op.query.split("\n")[1]!,
      user,
      encoded: principal(user),
      body: JSON.stringify({
        query: op.query,
        variables: op.shipment ? { reference: consignee.reference } : {},
      }),
    };
  };
  // The load generator shares the machine with what it measures: undici's request API over one
  // keep-alive pool per gateway costs it a fraction of what fetch (WHATWG streams, Request, Headers) did.
  const ask = async (gateway: (typeof gateways)[number], r: ReturnType<typeof request>) => {
    const response = await poolFor(gateway.url).request({
      method: "POST",
      path: new URL(gateway.url).pathname,
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${r.user.token}`,
        [BENCH_PRINCIPAL_HEADER]: r.encoded,
      },
      body: r.body,
      signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
    });
    const body = (await response.body.json()) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    };
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    // A field the user may not see (a title's holder for a consignee once a bank holds it) is the answer,
    // not a failure.
    return { ok: ok && (body.errors ?? []).every((e) => e.extensions?.code === "FORBIDDEN"), body };
  };

  // The same answers first: a gateway that answers differently is not doing the same work.
  for (let i = 0; i < MIX.length * consignees.length; i++) {
    const r = request(i);
    await ask(gateways[0]!, r); // caches warm (`verification.cached` is part of the answer)
    const answers = await Promise.all(gateways.map((g) => ask(g, r)));
    for (const [g, answer] of answers.entries())
      if (JSON.stringify(answer.body) !== JSON.stringify(answers[0]!.body) || !answer.ok)
        throw new Error(
          `${NAMES[gateways[g]!.kind]} answers ${r.name} differently or with errors: ${JSON.stringify(answer.body).slice(0, 2000)}\nvs ${JSON.stringify(answers[0]!.body).slice(0, 2000)}`,
        );
  }
  console.log("The three gateways give the same answers to the mix.");
  const page = ALL_OPERATIONS.find((op) => op.name === "Lane")!;
  const listed = await ask(gateways[0]!, {
    name: "Lane",
    user: analyst,
    encoded: principal(analyst),
    body: JSON.stringify({ query: page.query }),
  });
  console.log(
    `The analytics page lists ${(listed.body.data as { shipments: { totalCount: number } }).shipments.totalCount} shipments for the analyst.`,
  );

  const load = async (gateway: (typeof gateways)[number], requests: number, concurrency: number) => {
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const cpu = {
      gateway: cpuSeconds(gateway.proc),
      stack: cpuSeconds(stack.proc),
      client: process.cpuUsage(),
    };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < requests; i = next++) {
          const t = performance.now();
          const { ok } = await ask(gateway, request(i)).catch(() => ({ ok: false }));
          latencies.push(performance.now() - t);
          if (!ok) errors++;
        }
      }),
    );
    return {
      seconds: (performance.now() - started) / 1000,
      latencies,
      errors,
      gatewayCpu: cpuSeconds(gateway.proc) - cpu.gateway,
      stackCpu: cpuSeconds(stack.proc) - cpu.stack,
      clientCpu: cpuUsed(process.cpuUsage(cpu.client)),
    };
  };

  for (const g of gateways) await load(g, 90, 4); // warm-up: plans, caches, JIT
  type Result = Awaited<ReturnType<typeof load>>;
  const results = new Map<GatewayKind, Result>();
  for (let round = 0; round < ROUNDS; round++)
    for (const g of round % 2 === 0 ? gateways : [...gateways].reverse()) {
      const r = await load(g, PER_ROUND, CONCURRENCY);
      const sum = results.get(g.kind);
      results.set(
        g.kind,
        sum
          ? {
              seconds: sum.seconds + r.seconds,
              latencies: [...sum.latencies, ...r.latencies],
              errors: sum.errors + r.errors,
              gatewayCpu: sum.gatewayCpu + r.gatewayCpu,
              stackCpu: sum.stackCpu + r.stackCpu,
              clientCpu: sum.clientCpu + r.clientCpu,
            }
          : r,
      );
    }
  console.log(
    `\nThe README users' mix (tracking and ownership of ${consignees.length} shipments by their consignees, the analytics page by an analyst), ${CONCURRENCY} connections, ${ROUNDS}×${PER_ROUND} requests per gateway (${cpus().length} cores; load average before ${loadBefore}, after ${loadavg()[0]!.toFixed(1)}):`,
  );
  const rate = (r: Result) => r.latencies.length / r.seconds;
  printTable(
    [
      "gateway",
      "req/s",
      "p50 ms",
      "p99 ms",
      "errors",
      "gateway CPU s",
      "subgraphs+ledgers CPU s",
      "load generator CPU s",
      "gateway CPU ms/req",
    ],
    gateways.map((g) => {
      const r = results.get(g.kind)!;
      return [
        NAMES[g.kind],
        rate(r).toFixed(0),
        percentile(r.latencies, 0.5).toFixed(1),
        percentile(r.latencies, 0.99).toFixed(1),
        String(r.errors),
        r.gatewayCpu.toFixed(1),
        r.stackCpu.toFixed(1),
        r.clientCpu.toFixed(1),
        ((r.gatewayCpu * 1000) / r.latencies.length).toFixed(2),
      ];
    }),
  );
  const ours = rate(results.get("tradegraph")!);
  console.log(
    `this gateway's throughput against stock @apollo/gateway: ${(ours / rate(results.get("apollo")!)).toFixed(2)}x, against Hive Gateway: ${(ours / rate(results.get("hive")!)).toFixed(2)}x`,
  );
} finally {
  for (const g of gateways) g.proc.kill("SIGTERM");
  for (const pool of pools.values()) void pool.destroy();
  stack.proc.kill("SIGTERM");
}
