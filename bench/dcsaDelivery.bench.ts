/**
 * DCSA webhook delivery: commit-to-callback latency and notifications per second with 1, 100 and 1,000
 * subscriptions (sizes from `DCSA_BENCH_SUBSCRIPTIONS`).
 *
 * The local carrier and port networks, the read model in PostgreSQL with the indexer following the
 * networks as the analytics subgraph does (200 ms debounce), and the delivery worker in a process of its
 * own with its production defaults. Each round makes N operator subscriptions to one receiver on
 * 127.0.0.1 (a path each; it answers 204 at once), then writes new shipments through the carrier's Fabric
 * Gateway client, one Submit at a time (booking, voyage, release), noting when each transaction's commit
 * status came back. An event's latency is from the commit of the carrier transaction that recorded it (its
 * `x-tradegraph` source) to its arrival at the receiver, for every subscription (first delivery), split
 * at the instant the read model indexed it. The port network is left still: its reports of the same
 * events would merge into them and be sent again as new versions, which is not the latency asked for.
 * Bounded: each round waits at most `DCSA_BENCH_ROUND_SECONDS` (default 120) for its deliveries.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createSubscription } from "../dcsa/subscriptions.ts";
import { NO_FILTER } from "../dcsa/filters.ts";
import type { DcsaEvent } from "../dcsa/events.ts";
import { connectAs } from "../networks/fabric/client.ts";
import { carrierRecord } from "../networks/fabric/nativeRecords.ts";
import { startDcsaWorld } from "../test/support/dcsaWorld.ts";
import { startWorkerProcess } from "../test/support/dcsaWorker.ts";
import { printTable } from "./table.ts";

const SIZES = (process.env.DCSA_BENCH_SUBSCRIPTIONS ?? "1,100,1000").split(",").map(Number);
const SHIPMENTS_PER_ROUND = Number(process.env.DCSA_BENCH_SHIPMENTS ?? 3);
const ROUND_MS = Number(process.env.DCSA_BENCH_ROUND_SECONDS ?? 120) * 1000;
const SEEDED = 6;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;

const world = await startDcsaWorld({
  shipments: SEEDED + SIZES.length * SHIPMENTS_PER_ROUND,
  seeded: SEEDED,
  debounceMs: 200,
});

// The receiver: one per subscription path, arrival time per (subscription, event).
const arrivals = new Map<string, Map<string, number>>();
let posts = 0;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const at = Date.now();
    posts++;
    const subscription = String(req.headers["subscription-id"]);
    const seen = arrivals.get(subscription) ?? new Map<string, number>();
    arrivals.set(subscription, seen);
    for (const e of JSON.parse(Buffer.concat(chunks).toString()) as DcsaEvent[])
      if (!seen.has(e.eventID)) seen.set(e.eventID, at);
    res.writeHead(204).end();
  });
});
receiver.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

const worker = await startWorkerProcess({
  DATABASE_URL: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  DATABASE_SCHEMA: world.schema,
  PARTIES_FILE: world.partiesFile,
  DCSA_CALLBACK_ALLOW: "loopback",
});

/** When each carrier transaction's commit status came back, by transaction id. */
const committedAt = new Map<string, number>();
async function submit(scac: string, name: string, args: string[]): Promise<void> {
  const connection = connectAs(
    world.carrier.network.endpoint,
    world.carrier.network.consortium.carrierAdmins.get(scac)!,
  );
  try {
    const contract = connection.gateway.getNetwork("tradelane").getContract("carrier");
    const transaction = await contract.newProposal(name, { arguments: args }).endorse();
    const commit = await transaction.submit();
    const status = await commit.getStatus();
    if (!status.successful) throw new Error(`${name} did not commit: ${status.code}`);
    committedAt.set(transaction.getTransactionId(), Date.now());
  } finally {
    connection.close();
  }
}

const rows: string[][] = [];
let written = SEEDED;
for (const size of SIZES) {
  await world.db.sql.query(`delete from dcsa_subscriptions`);
  arrivals.clear();
  const subscriptions: string[] = [];
  for (let i = 0; i < size; i++) {
    const s = await createSubscription(
      world.db.sql,
      { party: null, operator: true, subject: "bench" },
      `${receiverUrl}/hook/${i}`,
      Buffer.alloc(32, i % 251).toString("base64"),
      NO_FILTER,
    );
    subscriptions.push(s.subscriptionID);
  }
  const postsBefore = posts;
  const started = Date.now();
  const round = world.world.shipments.slice(written, written + SHIPMENTS_PER_ROUND);
  written += round.length;
  // The carrier's own system writes each shipment as it happens: booking, voyage, release.
  for (const s of round) {
    const { record, booking, voyage, release } = carrierRecord(s, new Map(), 31337);
    await submit(s.carrierScac, "CreateShipment", [JSON.stringify({ ...record, milestones: booking })]);
    if (voyage.length > 0)
      await submit(s.carrierScac, "AddMilestones", [s.reference, JSON.stringify(voyage)]);
    if (release.status !== "NOT_REQUESTED")
      await submit(s.carrierScac, "SetRelease", [s.reference, JSON.stringify(release)]);
  }
  await world.settle();
  // Every event of the round's shipments, as the read model has them: what each subscription must get.
  const expected = await world.db.sql.query<{
    event_id: string;
    sources: { transactionId: string | null }[];
    created_ms: number;
  }>(
    `select event_id, sources, extract(epoch from created_at) * 1000 as created_ms
     from dcsa_events where reference = any($1::text[])`,
    [round.map((s) => s.reference)],
  );
  const deadline = started + ROUND_MS;
  const complete = () =>
    subscriptions.every((id) => expected.every((e) => arrivals.get(id)?.has(e.event_id)));
  while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const latencies: number[] = [];
  /** The two legs: commit to indexed (the read model), indexed to callback (the outbox and the worker). */
  const indexing: number[] = [];
  const delivering: number[] = [];
  let first = Infinity;
  let last = 0;
  for (const id of subscriptions)
    for (const e of expected) {
      const at = arrivals.get(id)?.get(e.event_id);
      const commit = e.sources
        .map((s) => committedAt.get(s.transactionId ?? ""))
        .find((t) => t !== undefined);
      if (at === undefined) continue;
      first = Math.min(first, at);
      last = Math.max(last, at);
      if (commit === undefined) continue;
      latencies.push(at - commit);
      indexing.push(Number(e.created_ms) - commit);
      delivering.push(at - Number(e.created_ms));
    }
  const delivered = subscriptions.reduce(
    (n, id) => n + expected.filter((e) => arrivals.get(id)?.has(e.event_id)).length,
    0,
  );
  const notifications = posts - postsBefore;
  // Throughput from the moment the read model held the round's first event to the last delivery (the
  // carrier's writes before that are not the delivery's time).
  const indexedFrom = Math.min(...expected.map((e) => Number(e.created_ms)));
  const seconds = (last - Math.min(first, indexedFrom)) / 1000;
  rows.push([
    size.toLocaleString("en"),
    String(expected.length),
    `${delivered.toLocaleString("en")} / ${(expected.length * size).toLocaleString("en")}`,
    latencies.length ? `${percentile(latencies, 0.5).toLocaleString("en")} ms` : "-",
    latencies.length ? `${percentile(latencies, 0.99).toLocaleString("en")} ms` : "-",
    latencies.length ? `${Math.round(percentile(indexing, 0.5)).toLocaleString("en")} ms` : "-",
    latencies.length ? `${Math.round(percentile(delivering, 0.5)).toLocaleString("en")} ms` : "-",
    latencies.length ? `${Math.round(percentile(delivering, 0.99)).toLocaleString("en")} ms` : "-",
    notifications.toLocaleString("en"),
    Math.round(notifications / Math.max(seconds, 0.001)).toLocaleString("en"),
    Math.round(delivered / Math.max(seconds, 0.001)).toLocaleString("en"),
  ]);
  console.log(
    `round of ${size}: ${complete() ? "complete" : "INCOMPLETE at the deadline"}, deliveries over ${seconds.toFixed(1)} s`,
  );
}

printTable(
  [
    "subscriptions",
    "events",
    "delivered",
    "commit→callback p50",
    "p99",
    "notifications",
    "notifications/s",
    "events/s",
  ],
  rows,
);
worker.child.kill("SIGTERM");
await worker.exited;
receiver.close();
receiver.closeAllConnections();
await world.close();
process.exit(0);
