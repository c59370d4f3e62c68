import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  type CircuitBreakerPolicy,
} from "cockatiel";
import { fetchRetryingResets } from "../../core/fetchRetryingResets.ts";

export interface RpcFetchOptions {
  /** Retries of a read that failed in transit, each after a fully jittered exponential backoff. */
  retries: number;
  retryBaseMs: number;
  /** Longest `Retry-After` waited out inside one request; a longer one fails fast until it passes. */
  maxRetryAfterWaitMs: number;
  /** Consecutive failures (no answer, 5xx) that open the circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before letting one probe through. */
  breakerHalfOpenAfterMs: number;
}

/** The circuit is open: the node failed its last requests, so this one was not sent. */
export class RpcCircuitOpenError extends Error {
  override readonly name = "RpcCircuitOpenError";
}

/** The node asked (HTTP 429 `Retry-After`) not to be called again before `retryAfterMs` from now. */
export class RpcRetryAfterError extends Error {
  override readonly name = "RpcRetryAfterError";
  constructor(readonly retryAfterMs: number) {
    super(`the node asked to be called again in ${Math.ceil(retryAfterMs / 1000)} s (HTTP 429 Retry-After)`);
  }
}

export type CircuitStatus = "CLOSED" | "OPEN" | "HALF_OPEN";

export interface RpcFetch {
  fetch: typeof fetch;
  /** CLOSED while the node answers; OPEN while requests fail fast; HALF_OPEN while one probe runs. */
  circuit(): CircuitStatus;
  /** Milliseconds the node asked us to wait still (0 when it did not). */
  retryAfterMs(): number;
}

// Anything that changes state is sent once: a retried transaction could be a second transaction.
const STATE_CHANGING = /"method":"(eth_sendRawTransaction|eth_sendTransaction|eth_sign|personal_|wallet_)/;

/**
 * `fetch` for JSON-RPC reads that behaves well towards a node that is down, slow or throttling:
 *
 * - a read that got no answer, or a 5xx, is sent again up to `retries` times after a fully jittered
 *   exponential backoff (so many clients do not retry in step); requests that change state never are;
 * - a per-network circuit breaker (cockatiel) opens after `breakerThreshold` failures in a row, then
 *   fails fast until `breakerHalfOpenAfterMs` has passed and one probe has answered;
 * - HTTP 429 is honoured: nothing is sent before its `Retry-After` (seconds or an HTTP date), a short
 *   wait is waited out within the request's deadline, a long one fails fast until it passes.
 *
 * Every attempt runs under the caller's abort signal (viem's per-request deadline), so retries never
 * extend a request past its deadline.
 */
export function createRpcFetch(
  options: RpcFetchOptions,
  base: typeof fetch = fetchRetryingResets(),
): RpcFetch {
  const breaker: CircuitBreakerPolicy = circuitBreaker(
    handleAll.orWhenResult((r) => r instanceof Response && r.status >= 500),
    {
      halfOpenAfter: options.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerThreshold),
    },
  );
  let retryAfterUntil = 0;

  const rpcFetch: typeof fetch = async (input, init) => {
    const signal = init?.signal ?? undefined;
    const idempotent = typeof init?.body === "string" && !STATE_CHANGING.test(init.body);
    for (let attempt = 0; ; attempt++) {
      const wait = retryAfterUntil - Date.now();
      if (wait > 0) {
        if (wait > options.maxRetryAfterWaitMs) throw new RpcRetryAfterError(wait);
        await sleep(wait, signal);
      }
      let response: Response;
      try {
        response = await breaker.execute(() => base(input, init));
      } catch (error) {
        if (error instanceof BrokenCircuitError)
          throw new RpcCircuitOpenError("the circuit is open: the node failed its last requests", {
            cause: breaker.lastFailure,
          });
        if (!idempotent || attempt >= options.retries || signal?.aborted) throw error;
        await sleep(backoff(options.retryBaseMs, attempt), signal);
        continue;
      }
      if (response.status === 429) {
        const asked = parseRetryAfter(response.headers.get("retry-after"));
        const delay = asked ?? backoff(options.retryBaseMs, attempt);
        retryAfterUntil = Math.max(retryAfterUntil, Date.now() + delay);
        if (idempotent && attempt < options.retries && delay <= options.maxRetryAfterWaitMs) {
          await response.body?.cancel();
          continue; // the loop's head waits until Retry-After has passed
        }
        return response;
      }
      if (response.status >= 500 && idempotent && attempt < options.retries) {
        await response.body?.cancel();
        await sleep(backoff(options.retryBaseMs, attempt), signal);
        continue;
      }
      return response;
    }
  };

  return {
    fetch: rpcFetch,
    circuit: () =>
      breaker.state === CircuitState.Closed
        ? "CLOSED"
        : breaker.state === CircuitState.HalfOpen
          ? "HALF_OPEN"
          : "OPEN",
    retryAfterMs: () => Math.max(0, retryAfterUntil - Date.now()),
  };
}

/** Full jitter (AWS's "exponential backoff and jitter"): uniform in [0, base * 2^attempt). */
function backoff(baseMs: number, attempt: number): number {
  return Math.random() * baseMs * 2 ** attempt;
}

/** `Retry-After` as milliseconds from now: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
