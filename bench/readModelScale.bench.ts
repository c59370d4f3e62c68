/**
 * `npm run bench:read-model-scale`: the read model at scale (issue 6's "100k shipments"), fed from the
 * local carrier and port networks over their protocols, side by side for each size
 * (`READ_MODEL_BENCH_SIZES`, default 10000,100000) on PGlite and, when `DATABASE_URL` is set, on that
 * PostgreSQL server too (in a schema of its own, dropped afterwards):
 *
 * - seeding (informational): bulk transactions, 100 shipments of one carrier per Fabric transaction and
 *   500 port records per contract call;
 * - index build: `ReadModelIndexer.rebuild()` from scratch; facts = the rows it leaves in the fact
 *   tables (shipments, container moves, events, releases, title transfers), counted in the database
 *   after the build, per second of build;
 * - `shipments` pages (`listShipments`, 100 rows): median latency at the first page and at a keyset
 *   cursor 90% of the way through, and a full walk;
 * - aggregates: `portStatistics` at CNSHA grouped by carrier and by month, `laneStatistics` and
 *   `titleStatistics` over a 365-day window (median of runs);
 * - a full CSV export by the report CLI's exporter in a child process: rows per second and the child's
 *   peak RSS (VmHWM; getrusage's maxRSS would include this big parent's RSS at fork), so the ratio
 *   between sizes shows whether memory stays flat.
 *
 * The export runs against a GraphQL endpoint this benchmark serves from the read model, not through
 * the gateway, so that it measures the exporter's streaming and the read model's paging alone: the
 * endpoint answers the exporter's exact query with the read model's own columns (pages from
 * `listShipments`, then one select of the page's rows). The same export through the whole stack, every
 * row federated across the three networks, is `npm run bench:gateway-export`.
 * Titles stay empty (no EVM here), so `titleStatistics` measures a scan with an empty answer.
 *
 * Bounded: one seeding per size, one build per size and database; every server stops at the end.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSchema, graphql } from "graphql";
import { ReadModelIndexer } from "../analytics/indexer.ts";
import { migrate } from "../analytics/migrations.ts";
import {
  laneStatistics,
  listShipments,
  portStatistics,
  titleStatistics,
  type ShipmentFilter,
} from "../analytics/queries.ts";
import { connectPostgres, openPglite, type Sql } from "../analytics/sql.ts";
import { startLocalCarrierNetwork } from "../test/support/carrierNetwork.ts";
import { TEST_ANCHOR } from "../test/support/localChain.ts";
import { startLocalPortNetwork } from "../test/support/portNetwork.ts";
import { generateWorld } from "../world/generate.ts";
import { median, printTable } from "./table.ts";

const SIZES = (process.env.READ_MODEL_BENCH_SIZES ?? "10000,100000").split(",").map((s) => Number(s.trim()));
const RUNS = 7;
const PAGE = 100;
const FROM = new Date("2026-01-01T00:00:00Z");
const TO = new Date("2026-12-31T00:00:00Z");
const CARRIER_BATCH = 100;
const PORT_BATCH = 500;
/**
 * B/Ls per indexer batch (the indexer's own default is 500). The README's figures were measured with
 * 100, chosen when the indexer's event inserts could still exceed PGlite's 32,768-parameter limit at
 * 500; `READ_MODEL_BENCH_INDEX_BATCH` overrides.
 */
const INDEX_BATCH = Number(process.env.READ_MODEL_BENCH_INDEX_BATCH ?? 100);
const FACT_TABLES = ["shipments", "container_moves", "events", "releases", "title_transfers"] as const;

const secs = (ms: number) => (ms / 1000).toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const log = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}

async function medianMs(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(fn))[1]);
  return median(times);
}

/**
 * The report CLI's query, answered from the read model's own columns (see the header for why): the page
 * and each row's state come from `listShipments`; what the read model does not hold (the live ETA, the
 * eBL's verdict) stays empty, as the CLI writes a column whose network did not answer.
 */
const schema = buildSchema(`
  scalar DateTime
  input ShipmentFilter { carrier: String portOfLoading: String portOfDischarge: String departedFrom: String departedTo: String arrivedFrom: String arrivedTo: String }
  type Carrier { scac: String! }
  type Location { unLocationCode: String! }
  type Eta { at: String! }
  type Verdict { status: String! }
  type BillOfLading { titleStatus: String verdict: Verdict }
  type Shipment { reference: String! carrier: Carrier portOfLoading: Location portOfDischarge: Location status: String eta: Eta billOfLading: BillOfLading }
  type ShipmentEdge { cursor: String! node: Shipment! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ShipmentConnection { totalCount: Int! pageInfo: PageInfo! edges: [ShipmentEdge!]! }
  type Query { shipments(filter: ShipmentFilter, first: Int = 50, after: String, asOf: DateTime): ShipmentConnection! }
`);

async function serveReadModel(sql: Sql): Promise<{ url: string; close(): Promise<void> }> {
  const date = (v: string | undefined) => (v ? new Date(v) : null);
  const rootValue = {
    async shipments(args: {
      filter?: Record<string, string | undefined> | null;
      first: number;
      after?: string | null;
      asOf?: string | null;
    }) {
      const f = args.filter ?? {};
      const filter: ShipmentFilter = {
        carrier: f.carrier ?? null,
        portOfLoading: f.portOfLoading ?? null,
        portOfDischarge: f.portOfDischarge ?? null,
        departedFrom: date(f.departedFrom),
        departedTo: date(f.departedTo),
        arrivedFrom: date(f.arrivedFrom),
        arrivedTo: date(f.arrivedTo),
      };
      const page = await listShipments(
        sql,
        filter,
        args.first,
        args.after ?? null,
        args.asOf ? new Date(args.asOf) : null,
      );
      return {
        totalCount: page.totalCount,
        pageInfo: page.pageInfo,
        edges: page.edges.map(({ cursor, node, state }) => ({
          cursor,
          node: {
            reference: node.reference,
            carrier: { scac: state.carrier },
            portOfLoading: state.portOfLoading ? { unLocationCode: state.portOfLoading } : null,
            portOfDischarge: state.portOfDischarge ? { unLocationCode: state.portOfDischarge } : null,
            status: state.status,
            eta: null,
            billOfLading: state.titleStatus ? { titleStatus: state.titleStatus, verdict: null } : null,
          },
        })),
      };
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      void graphql({ schema, source: body.query, rootValue, variableValues: body.variables ?? {} }).then(
        (result) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(result));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ExportResult {
  written: number;
  total: number;
  ms: number;
  startRssBytes: number;
  sampledPeakRssBytes: number;
  peakRssBytes: number;
}

/** Runs the exporter in a child process (bounded: killed after 30 minutes). */
function exportInChild(url: string, out: string): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/exportWorker.ts", url, out], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30 * 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`export child exited with ${code}`));
      resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as ExportResult);
    });
  });
}

const buildRows: string[][] = [];
const queryRows: string[][] = [];
const raw: { size: number; db: string; figures: Record<string, number> }[] = [];

for (const size of SIZES) {
  log(`world of ${size} shipments...`);
  const world = generateWorld({ seed: "test", shipments: size, anchor: TEST_ANCHOR });
  log(`seeding the carrier network (${CARRIER_BATCH} shipments per transaction)...`);
  const [carrier, carrierMs] = await timed(() =>
    startLocalCarrierNetwork(size, undefined, undefined, { world, batchSize: CARRIER_BATCH }),
  );
  log(`carrier network seeded in ${secs(carrierMs)} s (height ${carrier.network.ledger.height})`);
  log(`seeding the port network (${PORT_BATCH} records per call)...`);
  const [port, portMs] = await timed(() =>
    startLocalPortNetwork(size, undefined, { world, batchSize: PORT_BATCH }),
  );
  log(`port network seeded in ${secs(portMs)} s (height ${port.network.chain.height})`);

  const databases: [string, () => Promise<{ sql: Sql; drop(): Promise<void> }>][] = [
    ["PGlite", async () => ({ sql: await openPglite(), drop: async () => undefined })],
  ];
  const url = process.env.DATABASE_URL;
  if (url)
    databases.push([
      "PostgreSQL",
      async () => {
        const schemaName = `bench_scale_${size}_${process.pid}`;
        const sql = await connectPostgres(url, schemaName);
        return { sql, drop: () => sql.exec(`drop schema if exists "${schemaName}" cascade`) };
      },
    ]);

  for (const [db, open] of databases) {
    const { sql, drop } = await open();
    try {
      await migrate(sql);
      const fabric = carrier.adapter();
      const antchain = port.adapter();
      const indexer = new ReadModelIndexer(
        sql,
        fabric,
        antchain,
        null,
        null,
        INDEX_BATCH,
        () => world.anchor,
      );
      log(`${db}: building the index...`);
      const [indexed, buildMs] = await timed(() => indexer.rebuild());
      const count = async (table: string) =>
        Number((await sql.query<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
      const counts = Object.fromEntries(
        await Promise.all(FACT_TABLES.map(async (t) => [t, await count(t)] as const)),
      ) as Record<(typeof FACT_TABLES)[number], number>;
      const shipments = counts.shipments;
      const facts = Object.values(counts).reduce((a, b) => a + b, 0);
      log(
        `${db}: indexed ${indexed} B/Ls in ${secs(buildMs)} s: ${FACT_TABLES.map((t) => `${counts[t]} ${t}`).join(", ")}`,
      );

      let after: string | null = null;
      let pages = 0;
      let seen = 0;
      let deep: string | null = null;
      const [, walkMs] = await timed(async () => {
        for (;;) {
          const page = await listShipments(sql, {}, PAGE, after);
          pages++;
          seen += page.edges.length;
          if (!deep && seen >= shipments * 0.9) deep = page.pageInfo.endCursor;
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
      });
      if (seen !== shipments) throw new Error(`page walk saw ${seen} of ${shipments} shipments`);
      const firstMs = await medianMs(() => listShipments(sql, {}, PAGE, null));
      const deepMs = await medianMs(() => listShipments(sql, {}, PAGE, deep));
      const filteredMs = await medianMs(() => listShipments(sql, { portOfDischarge: "CNSHA" }, PAGE, null));
      log(`${db}: pages done (${pages} pages in ${secs(walkMs)} s)`);

      const byCarrierMs = await medianMs(() => portStatistics(sql, "CNSHA", FROM, TO, "CARRIER"));
      const byMonthMs = await medianMs(() => portStatistics(sql, "CNSHA", FROM, TO, "MONTH"));
      const lanesMs = await medianMs(() => laneStatistics(sql, FROM, TO));
      const titlesMs = await medianMs(() => titleStatistics(sql, FROM, TO));
      log(`${db}: aggregates done`);

      const endpoint = await serveReadModel(sql);
      const dir = mkdtempSync(join(tmpdir(), "tradegraph-export-"));
      let exported: ExportResult;
      try {
        exported = await exportInChild(endpoint.url, join(dir, "shipments.csv"));
      } finally {
        await endpoint.close();
        rmSync(dir, { recursive: true, force: true });
      }
      if (exported.written !== shipments)
        throw new Error(`export wrote ${exported.written} of ${shipments} shipments`);
      const rowsPerSecond = (exported.written / exported.ms) * 1000;
      log(`${db}: export done (${exported.written} rows in ${secs(exported.ms)} s)`);

      buildRows.push([
        String(size),
        db,
        secs(carrierMs),
        secs(portMs),
        secs(buildMs),
        String(facts),
        ((facts / buildMs) * 1000).toFixed(0),
        firstMs.toFixed(1),
        deepMs.toFixed(1),
        filteredMs.toFixed(1),
        `${secs(walkMs)} (${pages})`,
      ]);
      queryRows.push([
        String(size),
        db,
        byCarrierMs.toFixed(0),
        byMonthMs.toFixed(0),
        lanesMs.toFixed(0),
        titlesMs.toFixed(1),
        secs(exported.ms),
        rowsPerSecond.toFixed(0),
        mb(exported.startRssBytes),
        mb(exported.peakRssBytes),
      ]);
      raw.push({
        size,
        db,
        figures: {
          build: buildMs,
          facts,
          first: firstMs,
          deep: deepMs,
          walk: walkMs,
          byCarrier: byCarrierMs,
          byMonth: byMonthMs,
          lanes: lanesMs,
          titles: titlesMs,
          exportMs: exported.ms,
          peakRss: exported.peakRssBytes,
        },
      });
      // Each size's figures as soon as they are known, so a long run that stops later still leaves them.
      log(`${db} ${size}: ${JSON.stringify({ build: buildRows.at(-1), queries: queryRows.at(-1) })}`);
      await fabric.close();
      await antchain.close();
    } finally {
      await drop().catch(() => undefined);
      await sql.close();
    }
  }
  await carrier.close();
  await port.close();
}

console.log("\nRead model at scale, built from the carrier and port networks over their protocols:\n");
printTable(
  [
    "shipments",
    "database",
    "seed carrier s",
    "seed port s",
    "build s",
    "facts",
    "facts/s",
    "page@0 ms",
    "page@90% ms",
    "page CNSHA ms",
    "walk s (pages of 100)",
  ],
  buildRows,
);
console.log("");
printTable(
  [
    "shipments",
    "database",
    "port/CARRIER ms",
    "port/MONTH ms",
    "lanes ms",
    "titles ms",
    "export s",
    "export rows/s",
    "exporter RSS at start MB",
    "exporter peak RSS MB",
  ],
  queryRows,
);
// How cost grows: the largest size against the smallest, per database.
for (const db of new Set(raw.map((r) => r.db))) {
  const runs = raw.filter((r) => r.db === db).sort((a, b) => a.size - b.size);
  if (runs.length < 2) continue;
  const [small, large] = [runs[0]!, runs.at(-1)!];
  const ratio = (k: string) => (large.figures[k]! / small.figures[k]!).toFixed(2);
  console.log(
    `\n${db}, ${large.size} vs ${small.size} shipments (x${(large.size / small.size).toFixed(0)}): build x${ratio("build")}, ` +
      `page@0 x${ratio("first")}, page@90% x${ratio("deep")}, walk x${ratio("walk")}, port/CARRIER x${ratio("byCarrier")}, ` +
      `port/MONTH x${ratio("byMonth")}, lanes x${ratio("lanes")}, titles x${ratio("titles")}, export time x${ratio("exportMs")}, ` +
      `exporter peak RSS x${ratio("peakRss")}`,
  );
}
process.exit(0);
