/**
 * `npm run bench:startup`: each product service's start time (spawn to its READY line) and resident
 * memory at READY (its process and any it started), run through tsx (its transform cache warm) against run
 * compiled (`npm run build`, plain `node dist/...`), side by side.
 *
 * Each round starts the whole local stack as `npm start` does (the five subgraphs at once, then the
 * gateway, the DCSA service and its delivery worker), once per runtime, alternating (tsx, compiled,
 * compiled, tsx, ...) so drift on a shared machine spreads evenly; figures are medians over rounds.
 * Bounded: STARTUP_ROUNDS (3) rounds per runtime, STARTUP_SHIPMENTS (50) shipments, and each stack must
 * be up within 3 minutes. Every stack is stopped and its state removed before the next starts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startStackProcess, type ServiceStartup } from "../stack/stackProcess.ts";
import { median, printTable } from "./table.ts";

const ROUNDS = Number(process.env.STARTUP_ROUNDS ?? 3);
const SHIPMENTS = Number(process.env.STARTUP_SHIPMENTS ?? 50);
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
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
type Runtime = "tsx" | "compiled";

const buildStarted = performance.now();
const build = spawnSync(process.execPath, ["--import", "tsx", "build/compile.ts"], { stdio: "inherit" });
if (build.status !== 0) process.exit(1);
const buildSeconds = (performance.now() - buildStarted) / 1000;

const samples: Record<Runtime, ServiceStartup[][]> = { tsx: [], compiled: [] };
for (let round = 0; round < ROUNDS; round++) {
  const order: Runtime[] = round % 2 === 0 ? ["tsx", "compiled"] : ["compiled", "tsx"];
  for (const runtime of order) {
    const stateDir = mkdtempSync(join(tmpdir(), "tradegraph-startup-"));
    const databaseSchema = `startup_${process.pid}_${round}_${runtime}`;
    try {
      const stack = await startStackProcess({
        stateDir,
        shipments: SHIPMENTS,
        compiled: runtime === "compiled",
        databaseUrl: DATABASE_URL,
        databaseSchema,
        redisPrefix: `${databaseSchema}:`,
        timeoutMs: 180_000,
      });
      await stack.stop();
      samples[runtime].push(stack.startup);
      const gateway = stack.startup.find((s) => s.name === "gateway");
      console.log(`round ${round + 1} ${runtime}: gateway READY in ${gateway?.startMs} ms`);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
      await dropSchema(databaseSchema);
    }
  }
}

const figure = (runtime: Runtime, service: string, key: "startMs" | "rssBytes") =>
  median(samples[runtime].map((run) => run.find((s) => s.name === service)![key]));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const totals = { tsx: { rss: 0 }, compiled: { rss: 0 } };
const rows = PRODUCT_SERVICES.map((service) => {
  const [tsxMs, compiledMs] = [figure("tsx", service, "startMs"), figure("compiled", service, "startMs")];
  const [tsxRss, compiledRss] = [figure("tsx", service, "rssBytes"), figure("compiled", service, "rssBytes")];
  totals.tsx.rss += tsxRss;
  totals.compiled.rss += compiledRss;
  return [
    service,
    String(tsxMs),
    String(compiledMs),
    `${(tsxMs / compiledMs).toFixed(2)}x`,
    mib(tsxRss),
    mib(compiledRss),
    `${(((compiledRss - tsxRss) / tsxRss) * 100).toFixed(0)}%`,
  ];
});
console.log(
  `\n${SHIPMENTS} shipments, median of ${ROUNDS} stack starts per runtime; build took ${buildSeconds.toFixed(1)} s; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
printTable(
  ["service", "tsx ms", "compiled ms", "speed-up", "tsx RSS MiB", "compiled RSS MiB", "RSS change"],
  [
    ...rows,
    [
      "all eight",
      "",
      "",
      "",
      mib(totals.tsx.rss),
      mib(totals.compiled.rss),
      `${(((totals.compiled.rss - totals.tsx.rss) / totals.tsx.rss) * 100).toFixed(0)}%`,
    ],
  ],
);

async function dropSchema(schema: string) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}
