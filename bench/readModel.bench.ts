/**
 * `npm run bench` (fifth part): the read model on PGlite, fed from the local carrier and port networks:
 * full-build throughput, a complete page walk, and the port statistics query, for 500 and 2,000
 * shipments side by side. Bounded: one build per size.
 */
import { ReadModelIndexer } from "../analytics/indexer.ts";
import { migrate } from "../analytics/migrations.ts";
import { listShipments, portStatistics } from "../analytics/queries.ts";
import { openPglite } from "../analytics/sql.ts";
import { startLocalCarrierNetwork } from "../test/support/carrierNetwork.ts";
import { startLocalPortNetwork } from "../test/support/portNetwork.ts";
import { printTable } from "./table.ts";

const rows: string[][] = [];
for (const size of [500, 2000]) {
  process.stdout.write(`seeding ${size} shipments on the carrier and port networks... `);
  const [carrier, port] = await Promise.all([startLocalCarrierNetwork(size), startLocalPortNetwork(size)]);
  console.log("done");
  const sql = await openPglite();
  await migrate(sql);
  const indexer = new ReadModelIndexer(sql, carrier.adapter(), port.adapter(), null, null, 500);
  let t = performance.now();
  const indexed = await indexer.rebuild();
  const buildMs = performance.now() - t;
  t = performance.now();
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page = await listShipments(sql, {}, 100, after);
    pages++;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  const walkMs = performance.now() - t;
  t = performance.now();
  await portStatistics(
    sql,
    "CNSHA",
    new Date("2026-01-01T00:00:00Z"),
    new Date("2026-12-31T00:00:00Z"),
    "CARRIER",
  );
  const statsMs = performance.now() - t;
  rows.push([
    String(size),
    String(indexed),
    buildMs.toFixed(0),
    ((indexed / buildMs) * 1000).toFixed(0),
    String(pages),
    walkMs.toFixed(0),
    statsMs.toFixed(0),
  ]);
  await sql.close();
  await carrier.close();
  await port.close();
}
console.log("\nRead model on PGlite, built from the carrier and port networks over their protocols:\n");
printTable(
  ["shipments", "indexed", "build ms", "shipments/s", "pages of 100", "page walk ms", "portStatistics ms"],
  rows,
);
process.exit(0);
