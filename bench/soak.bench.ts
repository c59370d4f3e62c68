/**
 * `npm run bench:soak`: the README users' mix at about 70% of the maximum this machine serves, for
 * SOAK_MINUTES (10) through the whole stack run as separate processes (as `bench:faults` runs it), no
 * fault injected. Every answer is judged against the fault-free answers taken before the soak
 * (`bench/support/answerCompare.ts`); it must be EQUAL, with no error. Each process's resident memory is
 * sampled every 10 s; printed per process: RSS at the start and the end and its slope (least squares, MB
 * per minute) over the soak after its first minute (caches, plans and JIT warm up). Exits 1 on any error
 * or answer that differs. Settings: SOAK_MINUTES (10), SOAK_LOAD_SHARE (0.7), SOAK_SHIPMENTS (50).
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { judgeAgainst, type GraphQLAnswer, type Verdict } from "./support/answerCompare.ts";
import { startProcessStack } from "./support/processStack.ts";
import { ask, clean, closedLoop, openLoop, usersMix } from "./support/usersMix.ts";
import { printTable } from "./table.ts";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const LOAD_SHARE = Number(process.env.SOAK_LOAD_SHARE ?? 0.7);
const SHIPMENTS = Number(process.env.SOAK_SHIPMENTS ?? 50);
const SAMPLE_MS = 10_000;

/** Resident set size of a process in MB (VmRSS), null once it is gone. */
function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

console.log(`Starting the stack (${SHIPMENTS} shipments, each service its own process)...`);
const stack = await startProcessStack({ shipments: SHIPMENTS });
let failed: boolean;
try {
  const url = stack.gatewayUrl;
  const mix = usersMix(stack.users);
  // Fault-free answers first, then the maximum (as `bench:faults` measures it).
  let reference = new Map<string, GraphQLAnswer>();
  for (let tries = 0; tries < 180; tries++) {
    const answers = await Promise.all(mix.distinct.map((r) => ask(url, r, 15_000)));
    if (answers.every(clean)) {
      reference = new Map(answers.map((o) => [o.key, o.answer!]));
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (reference.size !== mix.distinct.length)
    throw new Error("no fault-free answer to every request of the mix");
  await closedLoop(url, mix, 60, 4);
  const max = await closedLoop(url, mix, Number(process.env.SOAK_MAX_REQUESTS ?? 300), 8);
  const maxRate = max.outcomes.filter(clean).length / max.seconds;
  const rate = maxRate * LOAD_SHARE;
  console.log(
    `Maximum: ${maxRate.toFixed(1)} req/s (8 connections); soak: ${rate.toFixed(1)} req/s for ${MINUTES} min (${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)})`,
  );

  const pids = stack.pids();
  const samples = new Map<string, [number, number][]>([...pids.keys()].map((k) => [k, []]));
  const sample = (t: number) => {
    for (const [name, pid] of pids) {
      const mb = rssMb(pid);
      if (mb !== null) samples.get(name)!.push([t, mb]);
    }
  };
  const load = openLoop(url, mix, { rate, maxSeconds: MINUTES * 60 });
  sample(0);
  const sampler = setInterval(() => sample((performance.now() - load.started) / 60_000), SAMPLE_MS);
  const { outcomes, notSent, seconds } = await load.finished();
  clearInterval(sampler);
  sample(seconds / 60);

  const verdicts: Record<Verdict, number> = { EQUAL: 0, DEGRADED: 0, WRONG: 0 };
  const codes = new Map<string, number>();
  for (const o of outcomes) {
    for (const c of new Set(o.codes)) codes.set(c, (codes.get(c) ?? 0) + 1);
    if (o.answer?.data) verdicts[judgeAgainst(o.answer, [reference.get(o.key)!])]++;
  }
  const errors = outcomes.filter((o) => !clean(o)).length;
  const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.floor((latencies.length - 1) * q)] ?? 0;
  console.log(
    `\nSoak: ${outcomes.length} requests in ${(seconds / 60).toFixed(1)} min at ${(outcomes.length / seconds).toFixed(1)} req/s (target ${rate.toFixed(1)}, ${Math.round(LOAD_SHARE * 100)}% of ${maxRate.toFixed(1)}); p50 ${p(0.5).toFixed(0)} ms, p99 ${p(0.99).toFixed(0)} ms; errors ${errors}${codes.size ? ` (${[...codes].map(([c, n]) => `${c} ${n}`).join(", ")})` : ""}; not sent (64 in flight) ${notSent}; answers equal ${verdicts.EQUAL}, degraded ${verdicts.DEGRADED}, wrong ${verdicts.WRONG}; load average now ${loadavg()[0]!.toFixed(1)}`,
  );
  printTable(
    ["process", "RSS start MB", "RSS end MB", "slope after 1st min MB/min"],
    [...samples].map(([name, points]) => {
      const warm = points.filter(([t]) => t >= 1);
      return [
        name,
        (points[0]?.[1] ?? 0).toFixed(0),
        (points.at(-1)?.[1] ?? 0).toFixed(0),
        slope(warm.length >= 2 ? warm : points).toFixed(2),
      ];
    }),
  );
  console.log(
    `SOAK ${JSON.stringify({ minutes: seconds / 60, maxRate, rate, requests: outcomes.length, errors, notSent, verdicts, codes: Object.fromEntries(codes), rss: Object.fromEntries([...samples].map(([n, pts]) => [n, { start: pts[0]?.[1], end: pts.at(-1)?.[1], slope: slope(pts.filter(([t]) => t >= 1)) }])) })}`,
  );
  failed = errors > 0 || notSent > 0 || verdicts.WRONG > 0 || verdicts.DEGRADED > 0;
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await stack.close();
}
process.exit(failed ? 1 : 0);
