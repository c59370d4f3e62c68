/**
 * `npm run bench:gateway-export`: the report CLI's full CSV export through the real stack, side by side
 * for each world size (`GATEWAY_EXPORT_BENCH_SIZES`, default 1000,10000).
 *
 * For each size it runs `npm start`'s entry (`stack/start.ts`) in a temporary state directory, on free
 * loopback ports: the three local ledgers seeded from the world, the five subgraphs, the gateway. Once the
 * read model has indexed every shipment, the exporter (`bench/exportWorker.ts`, the code behind
 * `npx tradegraph report shipments --format csv`) streams every page through the gateway, each row
 * resolving the carrier, port and eBL networks' fields like any user's query. It prints rows per second,
 * milliseconds per page and the exporter's peak RSS, so the ratio between sizes shows whether memory
 * stays flat as the export grows.
 *
 * Verification results are cached in Redis (`BENCH_REDIS_URL`, default database 13 of the local server),
 * which is flushed before each size so that no size starts warm from another's cache.
 *
 * Bounded: one stack per size, stopped (SIGINT, then SIGKILL after 30 s) before the next one starts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { ensureLocalIssuer } from "../access/identity/localIssuer.ts";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parse } from "csv-parse/sync";
import { Redis } from "ioredis";
import { printTable } from "./table.ts";

const SIZES = (process.env.GATEWAY_EXPORT_BENCH_SIZES ?? "1000,10000")
  .split(",")
  .map((s) => Number(s.trim()));
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/13";
const PAGE = 200; // the exporter's page size
const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface RunningStack {
  child: ChildProcess;
  url: string;
  /** The stack's own lines on how each network was seeded. */
  seeding: string[];
  upMs: number;
}

async function startStack(dir: string, shipments: number): Promise<RunningStack> {
  const names = [
    "GATEWAY_PORT",
    "EVM_SUBGRAPH_PORT",
    "FABRIC_SUBGRAPH_PORT",
    "ANTCHAIN_SUBGRAPH_PORT",
    "INTEROP_SUBGRAPH_PORT",
    "ANALYTICS_SUBGRAPH_PORT",
    "EVM_PORT",
    "FABRIC_PORT",
    "ANTCHAIN_PORT",
  ];
  const ports: Record<string, string> = {};
  for (const name of names) ports[name] = String(await freePort());
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "stack/start.ts",
      "--state-dir",
      dir,
      "--shipments",
      String(shipments),
      "--seed",
      "bench",
      // The world holds still: every size exports the same story, as before the world clock.
      "--frozen",
    ],
    { env: { ...process.env, ...ports, REDIS_URL }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  const seeding: string[] = [];
  const errors: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => errors.push(line));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (/^\s+(JSON-RPC|gRPC|REST) /.test(line)) {
        seeding.push(line.trim());
        log(`  ${line.trim()}`);
      }
      const up = /Tradegraph is up\. GraphQL: (\S+)/.exec(line);
      if (up)
        resolve({
          child,
          url: up[1]!.replace("localhost", "127.0.0.1"),
          seeding,
          upMs: performance.now() - started,
        });
    });
    child.once("exit", (code) =>
      reject(new Error(`the stack exited before it was up (code ${code}):\n${errors.slice(-20).join("\n")}`)),
    );
  });
}

async function stopStack(stack: RunningStack): Promise<void> {
  if (stack.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => stack.child.once("exit", () => resolve()));
  stack.child.kill("SIGINT");
  const timer = setTimeout(() => process.kill(-stack.child.pid!, "SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
  // Anything of the stack's still running (its process group) goes too.
  try {
    process.kill(-stack.child.pid!, "SIGKILL");
  } catch {
    // the group is already gone
  }
}

/** The operator's token for the stack being measured. */
let benchToken = "";

async function query<T>(url: string, text: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${benchToken}` },
    body: JSON.stringify({ query: text }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Waits until the read model lists every shipment of the world (bounded). */
async function waitIndexed(url: string, shipments: number, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { shipments: page } = await query<{ shipments: { totalCount: number } }>(
      url,
      "{ shipments(first: 1) { totalCount } }",
    );
    if (page.totalCount >= shipments) return performance.now() - started;
    if (performance.now() - started > timeoutMs)
      throw new Error(
        `the read model has ${page.totalCount} of ${shipments} shipments after ${timeoutMs} ms`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

interface ExportResult {
  written: number;
  total: number;
  ms: number;
  startRssBytes: number;
  peakRssBytes: number;
}

function runExport(url: string, out: string): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/exportWorker.ts", url, out], {
      env: { ...process.env, TRADEGRAPH_TOKEN: benchToken },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_600_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`exporter exited with ${code}`));
      else resolve(JSON.parse(output.trim().split("\n").at(-1)!) as ExportResult);
    });
  });
}

/** What the CSV holds: rows, and how many carry each network's columns (so the gateway did resolve them). */
function inspectCsv(file: string): {
  rows: number;
  withCarrier: number;
  withTitle: number;
  withVerdict: number;
} {
  const rows = parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
  const filled = (name: string) => rows.filter((r) => (r[name] ?? "") !== "").length;
  return {
    rows: rows.length,
    withCarrier: filled("carrier"),
    withTitle: filled("titleStatus"),
    withVerdict: filled("verdict"),
  };
}

const results: {
  size: number;
  up: RunningStack;
  indexMs: number;
  run: ExportResult;
  csv: ReturnType<typeof inspectCsv>;
}[] = [];
const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
await redis.connect().catch((error: Error) => {
  console.error(
    `Redis does not answer at ${REDIS_URL} (${error.message}); start redis-server or set BENCH_REDIS_URL.`,
  );
  process.exit(1);
});
for (const size of SIZES) {
  await redis.flushdb();
  const dir = mkdtempSync(join(tmpdir(), "tradegraph-export-bench-"));
  log(`${size} shipments: starting the stack in ${dir}...`);
  const stack = await startStack(dir, size);
  // The export runs as the operator (every row), with a token from the stack's own local issuer.
  benchToken = await (
    await ensureLocalIssuer(dir)
  ).issueToken({ party: null, roles: ["operator"], ttlSeconds: 86_400 });
  try {
    log(`  up in ${(stack.upMs / 1000).toFixed(1)} s at ${stack.url}; waiting for the read model...`);
    const indexMs = await waitIndexed(stack.url, size, 3_600_000);
    log(`  read model complete ${(indexMs / 1000).toFixed(1)} s later; exporting through the gateway...`);
    const out = join(dir, "shipments.csv");
    const run = await runExport(stack.url, out);
    const csv = inspectCsv(out);
    log(`  exported ${run.written} rows in ${(run.ms / 1000).toFixed(1)} s`);
    results.push({ size, up: stack, indexMs, run, csv });
  } finally {
    await stopStack(stack);
    rmSync(dir, { recursive: true, force: true });
  }
}
redis.disconnect();

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
console.log(
  "\nFull CSV export through the gateway (report CLI exporter, pages of 200, every row federated):",
);
printTable(
  [
    "shipments",
    "stack up s",
    "rows",
    "with carrier",
    "with title",
    "with verdict",
    "export s",
    "rows/s",
    "ms/page",
    "start RSS MB",
    "peak RSS MB",
  ],
  results.map(({ size, up, run, csv }) => [
    String(size),
    (up.upMs / 1000).toFixed(1),
    String(csv.rows),
    String(csv.withCarrier),
    String(csv.withTitle),
    String(csv.withVerdict),
    (run.ms / 1000).toFixed(1),
    ((run.written / run.ms) * 1000).toFixed(0),
    (run.ms / Math.ceil(run.written / PAGE)).toFixed(0),
    mb(run.startRssBytes),
    mb(run.peakRssBytes),
  ]),
);
if (results.length > 1) {
  const [a, b] = [results[0]!, results.at(-1)!];
  console.log(
    `\n${b.size} vs ${a.size} shipments (${(b.size / a.size).toFixed(0)}x): export time ${(b.run.ms / a.run.ms).toFixed(1)}x, ` +
      `ms per page ${(b.run.ms / b.run.written / (a.run.ms / a.run.written)).toFixed(2)}x, exporter peak RSS ${(b.run.peakRssBytes / a.run.peakRssBytes).toFixed(2)}x`,
  );
}
for (const { size, up } of results) console.log(`${size}: ${up.seeding.join("; ")}`);
