/**
 * DCSA webhook delivery: commit-to-callback latency, and notifications per second, with 1, 100 and 1,000
 * subscriptions (sizes from `DCSA_BENCH_SUBSCRIPTIONS`).
 *
 * The local carrier and port networks, the read model in PostgreSQL with the indexer following the
 * networks as the analytics subgraph does (200 ms debounce), and the delivery worker in a process of its
 * own with its production defaults. Each round makes N operator subscriptions to one receiver on
 * 127.0.0.1 (a path each; it answers 204 at once), then writes new shipments through the carrier's Fabric
 * Gateway client, one Submit at a time (booking, voyage, release), noting when each transaction's commit
 * status came back.
 *
 * 1. Latency, the worker running: from the commit of the carrier transaction that recorded an event (its
 *    `x-tradegraph` source) to the event's arrival at the receiver, for every subscription (first
 *    delivery), split at the instant the read model indexed it.
 * 2. Throughput, a backlog: the worker stopped while the round is written and indexed, then started; from
 *    its READY line to the last arrival. What a worker drains after an outage, and its capacity.
 *
 * The port network is left still: its reports of the same events would merge into them and be sent again
 * as new versions, which is not what is measured. Bounded: each round waits at most
 * `DCSA_BENCH_ROUND_SECONDS` (default 120) for its deliveries.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DcsaEvent } from "../dcsa/events.ts";
import { NO_FILTER } from "../dcsa/filters.ts";
import { createSubscription } from "../dcsa/subscriptions.ts";
import { connectAs } from "../networks/fabric/client.ts";
import { carrierRecord } from "../networks/fabric/nativeRecords.ts";
import { DCSA_TEST_DATABASE, startDcsaWorld } from "../test/support/dcsaWorld.ts";
import { startWorkerProcess, type WorkerProcess } from "../test/support/dcsaWorker.ts";
import { printTable } from "./table.ts";

const SIZES = (process.env.DCSA_BENCH_SUBSCRIPTIONS ?? "1,100,1000").split(",").map(Number);
const SHIPMENTS_PER_ROUND = Number(process.env.DCSA_BENCH_SHIPMENTS ?? 3);
const ROUND_MS = Number(process.env.DCSA_BENCH_ROUND_SECONDS ?? 120) * 1000;
const SEEDED = 6;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const ms = (x: number) => `${Math.round(x).toLocaleString("en")} ms`;
const count = (x: number) => Math.round(x).toLocaleString("en");

const world = await startDcsaWorld({
  shipments: SEEDED + 2 * SIZES.length * SHIPMENTS_PER_ROUND,
  seeded: SEEDED,
  debounceMs: 200,
});

// The receiver: arrival time per (subscription, event), and every POST counted.
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

const startWorker = () =>
  startWorkerProcess({
    DATABASE_URL: DCSA_TEST_DATABASE,
    DATABASE_SCHEMA: world.schema,
    PARTIES_FILE: world.partiesFile,
    DCSA_CALLBACK_ALLOW: "loopback",
  });
async function stopWorker(w: WorkerProcess): Promise<void> {
  w.child.kill("SIGTERM");
  await w.exited;
}

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
    const status = await (await transaction.submit()).getStatus();
    if (!status.successful) throw new Error(`${name} did not commit: ${status.code}`);
    committedAt.set(transaction.getTransactionId(), Date.now());
  } finally {
    connection.close();
  }
}

let written = SEEDED;
/** The next shipments, written as the carrier's own system writes them: booking, voyage, release. */
async function writeRound(): Promise<string[]> {
  const round = world.world.shipments.slice(written, written + SHIPMENTS_PER_ROUND);
  written += round.length;
  for (const s of round) {
    const { record, booking, voyage, release } = carrierRecord(s, new Map(), 31337);
    await submit(s.carrierScac, "CreateShipment", [JSON.stringify({ ...record, milestones: booking })]);
    if (voyage.length > 0)
      await submit(s.carrierScac, "AddMilestones", [s.reference, JSON.stringify(voyage)]);
    if (release.status !== "NOT_REQUESTED")
      await submit(s.carrierScac, "SetRelease", [s.reference, JSON.stringify(release)]);
  }
  await world.settle();
  return round.map((s) => s.reference);
}

async function subscribe(size: number): Promise<string[]> {
  await world.db.sql.query(`delete from dcsa_subscriptions`);
  arrivals.clear();
  const ids: string[] = [];
  for (let i = 0; i < size; i++)
    ids.push(
      (
        await createSubscription(
          world.db.sql,
          { party: null, operator: true, subject: "bench" },
          `${receiverUrl}/hook/${i}`,
          Buffer.alloc(32, i % 251).toString("base64"),
          NO_FILTER,
        )
      ).subscriptionID,
    );
  return ids;
}

interface Expected {
  event_id: string;
  sources: { transactionId: string | null }[];
  created_ms: number;
}
/** Every event of the round's shipments as the read model has them: what each subscription must get. */
const expectedOf = (references: string[]) =>
  world.db.sql.query<Expected>(
    `select event_id, sources, extract(epoch from created_at) * 1000 as created_ms
     from dcsa_events where reference = any($1::text[])`,
    [references],
  );

async function awaitDeliveries(subscriptions: string[], expected: Expected[], from: number) {
  const complete = () =>
    subscriptions.every((id) => expected.every((e) => arrivals.get(id)?.has(e.event_id)));
  while (!complete() && Date.now() < from + ROUND_MS) await new Promise((r) => setTimeout(r, 20));
  let last = 0;
  let delivered = 0;
  for (const id of subscriptions)
    for (const e of expected) {
      const at = arrivals.get(id)?.get(e.event_id);
      if (at === undefined) continue;
      delivered++;
      last = Math.max(last, at);
    }
  return { complete: complete(), delivered, last };
}

const latencyRows: string[][] = [];
const throughputRows: string[][] = [];
let worker = await startWorker();
for (const size of SIZES) {
  // 1. Latency, the worker running.
  let subscriptions = await subscribe(size);
  const started = Date.now();
  let expected = await expectedOf(await writeRound());
  const latency = await awaitDeliveries(subscriptions, expected, started);
  const total: number[] = [];
  const indexing: number[] = [];
  const delivering: number[] = [];
  for (const id of subscriptions)
    for (const e of expected) {
      const at = arrivals.get(id)?.get(e.event_id);
      const commit = e.sources
        .map((s) => committedAt.get(s.transactionId ?? ""))
        .find((t) => t !== undefined);
      if (at === undefined || commit === undefined) continue;
      total.push(at - commit);
      indexing.push(Number(e.created_ms) - commit);
      delivering.push(at - Number(e.created_ms));
    }
  latencyRows.push([
    count(size),
    String(expected.length),
    `${count(latency.delivered)} / ${count(expected.length * size)}${latency.complete ? "" : " (deadline)"}`,
    ms(percentile(total, 0.5)),
    ms(percentile(total, 0.99)),
    ms(percentile(indexing, 0.5)),
    ms(percentile(delivering, 0.5)),
    ms(percentile(delivering, 0.99)),
  ]);

  // 2. Throughput from a backlog: written and indexed while no worker runs.
  await stopWorker(worker);
  subscriptions = await subscribe(size);
  const postsBefore = posts;
  expected = await expectedOf(await writeRound());
  worker = await startWorker();
  const ready = Date.now();
  const drained = await awaitDeliveries(subscriptions, expected, ready);
  const seconds = Math.max(drained.last - ready, 1) / 1000;
  const notifications = posts - postsBefore;
  throughputRows.push([
    count(size),
    `${count(drained.delivered)} / ${count(expected.length * size)}${drained.complete ? "" : " (deadline)"}`,
    count(notifications),
    `${seconds.toFixed(2)} s`,
    count(notifications / seconds),
    count(drained.delivered / seconds),
  ]);
}

console.log("\nCommit to callback, the worker running (each subscription gets every event):");
printTable(
  [
    "subscriptions",
    "events",
    "delivered",
    "commit→callback p50",
    "p99",
    "commit→indexed p50",
    "indexed→callback p50",
    "p99",
  ],
  latencyRows,
);
console.log("\nA backlog drained by a worker started after the round was indexed:");
printTable(
  ["subscriptions", "events delivered", "notifications", "READY→last", "notifications/s", "events/s"],
  throughputRows,
);
await stopWorker(worker);
receiver.close();
receiver.closeAllConnections();
await world.close();
process.exit(0);
