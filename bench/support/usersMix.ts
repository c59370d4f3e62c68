import { readFileSync } from "node:fs";
import type { GraphQLAnswer, Json } from "./answerCompare.ts";

/** One request of the README users' mix: which question, asked by whom, and its bytes. */
export interface MixRequest {
  /** The same key for the same question by the same user: answers to one key are compared. */
  key: string;
  token: string;
  body: string;
}

export interface MixUsers {
  consignees: { reference: string; token: string }[];
  analyst: { token: string };
}

const operation = (file: string) => readFileSync(`schema/operations/readme/${file}`, "utf8");

/**
 * The README users' mix as `bench/gateways.bench.ts` asks it: tracking and ownership of a dozen eBLs,
 * each by its consignee, and the analytics page by an analyst, in turn.
 */
export function usersMix(users: MixUsers): { request(i: number): MixRequest; distinct: MixRequest[] } {
  const ops = [
    { name: "Tracking", query: operation("Tracking.graphql"), shipment: true },
    { name: "Ownership", query: operation("Ownership.graphql"), shipment: true },
    { name: "Lane", query: operation("Lane.graphql"), shipment: false },
  ];
  const request = (i: number): MixRequest => {
    const op = ops[i % ops.length]!;
    const consignee = users.consignees[Math.floor(i / ops.length) % users.consignees.length]!;
    return op.shipment
      ? {
          key: `${op.name}:${consignee.reference}`,
          token: consignee.token,
          body: JSON.stringify({ query: op.query, variables: { reference: consignee.reference } }),
        }
      : { key: op.name, token: users.analyst.token, body: JSON.stringify({ query: op.query }) };
  };
  const distinct = new Map<string, MixRequest>();
  for (let i = 0; i < ops.length * users.consignees.length; i++) {
    const r = request(i);
    distinct.set(r.key, r);
  }
  return { request, distinct: [...distinct.values()] };
}

/** One answer as the load generator saw it. */
export interface Outcome {
  key: string;
  /** ms since the load started. */
  at: number;
  ms: number;
  /** The answer, or null when none came (HTTP failure, timeout, not JSON). */
  answer: GraphQLAnswer | null;
  /** Codes of the answer's errors (FORBIDDEN left out: a field the user may not see is the answer). */
  codes: string[];
}

/** Asks one request of the mix (bounded by `deadlineMs`). */
export async function ask(url: string, r: MixRequest, deadlineMs: number): Promise<Omit<Outcome, "at">> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${r.token}` },
      body: r.body,
      signal: AbortSignal.timeout(deadlineMs),
    });
    const text = await response.text();
    let answer: GraphQLAnswer;
    try {
      answer = JSON.parse(text) as GraphQLAnswer;
    } catch {
      return {
        key: r.key,
        ms: performance.now() - started,
        answer: null,
        codes: [`HTTP_${response.status}`],
      };
    }
    const codes = (answer.errors ?? [])
      .map((e) => e.extensions?.code ?? "NO_CODE")
      .filter((c) => c !== "FORBIDDEN");
    if (!response.ok && codes.length === 0) codes.push(`HTTP_${response.status}`);
    return { key: r.key, ms: performance.now() - started, answer, codes };
  } catch (error) {
    const code = (error as Error).name === "TimeoutError" ? "CLIENT_TIMEOUT" : "FETCH_FAILED";
    return { key: r.key, ms: performance.now() - started, answer: null, codes: [code] };
  }
}

/** An answer with data (possibly partial) and no error but FORBIDDEN. */
export const clean = (o: Pick<Outcome, "answer" | "codes">) =>
  o.answer !== null && o.answer.data !== null && o.answer.data !== undefined && o.codes.length === 0;

export const hasData = (o: Pick<Outcome, "answer">): o is { answer: GraphQLAnswer & { data: Json } } =>
  o.answer !== null && o.answer.data !== null && o.answer.data !== undefined;

/**
 * Closed loop: `concurrency` askers, `requests` in all; the maximum the stack serves on this machine.
 */
export async function closedLoop(
  url: string,
  mix: ReturnType<typeof usersMix>,
  requests: number,
  concurrency: number,
) {
  let next = 0;
  const outcomes: Outcome[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const o = await ask(url, mix.request(i), 30_000);
        outcomes.push({ ...o, at: performance.now() - started });
      }
    }),
  );
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

/**
 * Open loop at `rate` requests per second until `stop()` is called (or `maxSeconds` pass): requests start
 * on schedule whatever the answers take, up to `maxInFlight` at once (a request that finds them all busy
 * is counted as not sent). Each request has a deadline.
 */
export function openLoop(
  url: string,
  mix: ReturnType<typeof usersMix>,
  options: { rate: number; maxSeconds: number; maxInFlight?: number; deadlineMs?: number },
) {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  let inFlight = 0;
  let notSent = 0;
  let i = 0;
  let stopped = false;
  const pending = new Set<Promise<void>>();
  const maxInFlight = options.maxInFlight ?? 64;
  const done = (async () => {
    const interval = 1000 / options.rate;
    while (!stopped && performance.now() - started < options.maxSeconds * 1000) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const r = mix.request(i++);
      if (inFlight >= maxInFlight) {
        notSent++;
        continue;
      }
      inFlight++;
      const at = performance.now() - started;
      const p: Promise<void> = ask(url, r, options.deadlineMs ?? 15_000).then((o) => {
        outcomes.push({ ...o, at });
        inFlight--;
        pending.delete(p);
      });
      pending.add(p);
    }
    await Promise.all(pending);
  })();
  return {
    started,
    outcomes,
    get notSent() {
      return notSent;
    },
    /** Resolves once `maxSeconds` have passed and every request started has been answered. */
    async finished() {
      await done;
      return { outcomes, notSent, seconds: (performance.now() - started) / 1000 };
    },
    async stop() {
      stopped = true;
      await done;
      return { outcomes, notSent, seconds: (performance.now() - started) / 1000 };
    },
  };
}
