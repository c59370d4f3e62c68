/**
 * `npm run bench:access`: what identity, access policy and the gateway's subgraph proof cost.
 *
 * 1. Per request at the gateway, in process: verifying a (cached) bearer token, encoding the principal,
 *    signing one subgraph request, a subgraph verifying it; and one request's access decisions for 1,000
 *    shipments (one directory query, not 1,000).
 * 2. The README users' query mix (tracking, ownership, an analytics page) through the whole stack, side by
 *    side in one run: this checkout against the commit before access control (`BEFORE`, default
 *    cd6780c, checked out as a git worktree beside this one), each stack in its own process, the load
 *    alternated ABAB so drift cancels. Bounded: a fixed number of requests per round.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { encodePrincipal, signSubgraphRequest, verifySubgraphRequest } from "../access/gatewayProof.ts";
import { RequestAccess } from "../access/requestAccess.ts";
import { sqlAccessDirectory } from "../access/sqlDirectory.ts";
import { printTable } from "./table.ts";
import { startTestStack } from "../test/support/stack.ts";

const BEFORE = process.env.BEFORE ?? "cd6780c";
const CONCURRENCY = Number(process.env.MIX_CONCURRENCY ?? 16);
const PER_ROUND = Number(process.env.MIX_REQUESTS ?? 600);
const ROUNDS = 2;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const root = resolve(".");

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
function time(n: number, work: () => unknown): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    work();
    out.push((performance.now() - t) * 1000);
  }
  return out;
}
async function timeAsync(n: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await work();
    out.push((performance.now() - t) * 1000);
  }
  return out;
}

// --- 1. Per-request costs, in process -------------------------------------------------------------
console.log("Per-request costs at the gateway and a subgraph (µs, 5,000 runs after warm-up):");
{
  const stack = await startTestStack(redisUrl, 50);
  try {
    const world = stack.chain.world.shipments;
    const consignee = world[0]!.consignee;
    const token = await stack.access.token(consignee);
    const headers = { authorization: `Bearer ${token}` };
    await stack.access.gateway.authenticate(headers);
    const principal = await stack.access.gateway.authenticate(headers);
    const encoded = encodePrincipal(principal);
    // Bodies as the gateway sends them: a small root fetch and an @requires fetch carrying 200 shipments' events.
    const small = JSON.stringify({
      query: "query($r:String!){shipment(reference:$r){reference status}}",
      variables: { r: "x" },
    });
    const large = JSON.stringify({
      query:
        "query($representations:[_Any!]!){_entities(representations:$representations){...on Shipment{status}}}",
      variables: {
        representations: Array.from({ length: 200 }, () => ({
          __typename: "Shipment",
          pad: randomBytes(120).toString("hex"),
        })),
      },
    });
    const secret = stack.access.proofSecret;
    const rows: string[][] = [];
    const row = (name: string, xs: number[]) =>
      rows.push([name, percentile(xs, 0.5).toFixed(1), percentile(xs, 0.99).toFixed(1)]);
    const authenticate = await timeAsync(5000, () => stack.access.gateway.authenticate(headers));
    row("verify a cached bearer token", authenticate);
    const encodeTimes = time(5000, () => encodePrincipal(principal));
    row("encode the principal", encodeTimes);
    const signSmall = time(5000, () => signSubgraphRequest(secret, encoded, small));
    row(`sign a subgraph request (${small.length} B)`, signSmall);
    const signLarge = time(5000, () => signSubgraphRequest(secret, encoded, large));
    row(`sign a subgraph request (${(large.length / 1024).toFixed(0)} KiB)`, signLarge);
    const signed = signSubgraphRequest(secret, encoded, large);
    const largeBody = Buffer.from(large);
    row(
      `verify it at the subgraph (${(large.length / 1024).toFixed(0)} KiB)`,
      time(5000, () => verifySubgraphRequest([secret], signed, largeBody)),
    );
    printTable(["step", "p50 µs", "p99 µs"], rows);
    // The README's tracking query makes 4 subgraph fetches (fabric, antchain, evm, interop): the gateway's
    // share is one token check, one encoding and one signature per fetch.
    const gatewayShare =
      percentile(authenticate, 0.5) + percentile(encodeTimes, 0.5) + 4 * percentile(signSmall, 0.5);
    console.log(
      `gateway's share per tracking request (token, principal, 4 signatures; p50): ${(gatewayShare / 1000).toFixed(3)} ms (goal ≤ 0.5 ms)`,
    );

    // Access decisions for 1,000 shipments in one request: one directory query.
    const refs = Array.from(
      { length: 1000 },
      (_, i) => world[i % world.length]!.reference + (i >= world.length ? `X${i}` : ""),
    );
    let queries = 0;
    const directory = sqlAccessDirectory({
      ...stack.readModel,
      query: (text, params) => {
        queries++;
        return stack.readModel.query(text, params);
      },
    });
    const access = new RequestAccess(principal, stack.access.parties, directory);
    const t = performance.now();
    await Promise.all(refs.map((r) => access.mayListShipment(r)));
    console.log(
      `access decisions for 1,000 shipments in one request: ${queries} directory ${queries === 1 ? "query" : "queries"}, ${(performance.now() - t).toFixed(1)} ms`,
    );
  } finally {
    await stack.close();
  }
}

// --- 2. The users' mix, before and after -----------------------------------------------------------
interface MixStack {
  name: string;
  child: ChildProcess;
  url: string;
  reference: string;
  tokens: { consignee: string; analyst: string; operator: string } | null;
  /** Every request as the operator (sees everything: the same answers as before access control). */
  asOperator?: boolean;
}

function beforeTree(): string {
  const dir = join(tmpdir(), `tradegraph-before-${BEFORE}`);
  if (!existsSync(dir))
    execFileSync("git", ["worktree", "add", "--detach", dir, BEFORE], { stdio: "ignore" });
  if (!existsSync(join(dir, "node_modules")))
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, "bench/support"), { recursive: true });
  copyFileSync(join(root, "bench/support/mixStack.ts"), join(dir, "bench/support/mixStack.ts"));
  return dir;
}

async function startMixStack(name: string, cwd: string): Promise<MixStack> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/support/mixStack.ts"], {
    cwd,
    env: { ...process.env, NODE_ENV: "production", REDIS_URL: redisUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (!line.startsWith("MIX ")) continue;
    const ready = JSON.parse(line.slice(4)) as Omit<MixStack, "name" | "child">;
    return { name, child, ...ready };
  }
  throw new Error(`${name}: the stack exited before it was ready`);
}

const operation = (file: string) => readFileSync(join(root, "schema/operations/readme", file), "utf8");
const MIX = [
  {
    query: operation("Tracking.graphql"),
    user: "consignee" as const,
    variables: (s: MixStack) => ({ reference: s.reference }),
  },
  {
    query: operation("Ownership.graphql"),
    user: "consignee" as const,
    variables: (s: MixStack) => ({ reference: s.reference }),
  },
  { query: operation("Lane.graphql"), user: "analyst" as const, variables: () => ({}) },
];

async function load(stack: MixStack, requests: number, concurrency: number) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const op = MIX[i % MIX.length]!;
        const t = performance.now();
        const response = await fetch(stack.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(stack.tokens
              ? { authorization: `Bearer ${stack.tokens[stack.asOperator ? "operator" : op.user]}` }
              : {}),
          },
          body: JSON.stringify({ query: op.query, variables: op.variables(stack) }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        latencies.push(performance.now() - t);
        if (!response.ok || body.errors) errors++;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, errors };
}

console.log(
  `\nThe README users' mix (tracking, ownership, analytics page), ${CONCURRENCY} connections, ${ROUNDS}×${PER_ROUND} requests per stack:`,
);
const before = await startMixStack(`before (${BEFORE})`, beforeTree());
const afterPersonas = await startMixStack("after, as each user", root);
// The same stack asked as the operator: the same data as before, so only the machinery differs.
const after = { ...afterPersonas, name: "after, as the operator", asOperator: true };
const stacks = [before, after, afterPersonas];
try {
  for (const s of stacks) await load(s, 60, 4); // warm-up: plans, caches, JIT
  const results = new Map<string, { seconds: number; latencies: number[]; errors: number }>();
  for (let round = 0; round < ROUNDS; round++)
    for (const s of round % 2 === 0 ? stacks : [...stacks].reverse()) {
      const r = await load(s, PER_ROUND, CONCURRENCY);
      const sum = results.get(s.name) ?? { seconds: 0, latencies: [], errors: 0 };
      results.set(s.name, {
        seconds: sum.seconds + r.seconds,
        latencies: [...sum.latencies, ...r.latencies],
        errors: sum.errors + r.errors,
      });
    }
  const serial = new Map<string, number[]>();
  for (const s of stacks) serial.set(s.name, (await load(s, 150, 1)).latencies);
  const rate = (name: string) => results.get(name)!.latencies.length / results.get(name)!.seconds;
  printTable(
    ["stack", "req/s", "p50 ms", "p99 ms", "errors", "p50 ms, 1 connection"],
    stacks.map((s) => {
      const r = results.get(s.name)!;
      return [
        s.name,
        rate(s.name).toFixed(0),
        percentile(r.latencies, 0.5).toFixed(1),
        percentile(r.latencies, 0.99).toFixed(1),
        String(r.errors),
        percentile(serial.get(s.name)!, 0.5).toFixed(2),
      ];
    }),
  );
  console.log(
    `after/before throughput, the same answers (operator): ${(rate(after.name) / rate(before.name)).toFixed(3)} (goal ≥ 0.90); as each user: ${(rate(afterPersonas.name) / rate(before.name)).toFixed(3)}; added latency at 1 connection, p50: ${(percentile(serial.get(after.name)!, 0.5) - percentile(serial.get(before.name)!, 0.5)).toFixed(2)} ms (operator), ${(percentile(serial.get(afterPersonas.name)!, 0.5) - percentile(serial.get(before.name)!, 0.5)).toFixed(2)} ms (each user)`,
  );
} finally {
  for (const s of [before, afterPersonas]) s.child.kill("SIGTERM");
}
