import { BaseError, HttpRequestError, RpcRequestError, TimeoutError } from "viem";
import { NetworkError, NetworkUnavailableError, type TradegraphError } from "../../domain/errors.ts";
import { RpcCircuitOpenError, RpcRetryAfterError } from "./rpcFetch.ts";

/**
 * The node is throttling this client (HTTP 429): unavailable for now, and when to ask again
 * (`extensions.retryAfterSeconds` in GraphQL).
 */
export class NodeRateLimitedError extends NetworkUnavailableError {
  constructor(
    network: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(
      network,
      `The ${network} node is rate limiting this client; retry after ${retryAfterSeconds} s`,
      options,
    );
  }
}

/** Walks `cause` links (viem wraps what `fetch` threw) to the first error matching `test`. */
function findCause<T>(error: unknown, test: (e: unknown) => e is T): T | undefined {
  let current: unknown = error;
  for (let i = 0; i < 8 && current; i++) {
    if (test(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps what viem throws to the project's error tree: no answer (connection refused, timeout, HTTP
 * 5xx/429, an open circuit) means the network is unavailable; an answer with an error is a network error.
 */
export function toAdapterError(network: string, error: unknown): TradegraphError {
  if (error instanceof NetworkUnavailableError || error instanceof NetworkError) return error;
  const retryAfter = findCause(error, (e): e is RpcRetryAfterError => e instanceof RpcRetryAfterError);
  if (retryAfter)
    return new NodeRateLimitedError(network, Math.ceil(retryAfter.retryAfterMs / 1000), { cause: error });
  if (findCause(error, (e): e is RpcCircuitOpenError => e instanceof RpcCircuitOpenError))
    return new NetworkUnavailableError(
      network,
      `The ${network} node failed its last requests; failing fast until a probe answers`,
      { cause: error },
    );
  const walked =
    error instanceof BaseError
      ? error.walk(
          (e) => e instanceof HttpRequestError || e instanceof TimeoutError || e instanceof RpcRequestError,
        )
      : undefined;
  if (walked instanceof TimeoutError) {
    return new NetworkUnavailableError(network, `The ${network} node did not answer in time`, {
      cause: error,
    });
  }
  if (walked instanceof HttpRequestError) {
    const status = walked.status;
    if (status === 429) {
      const header = walked.headers?.get("retry-after");
      const seconds = header && /^\d+$/.test(header.trim()) ? Number(header.trim()) : 1;
      return new NodeRateLimitedError(network, seconds, { cause: error });
    }
    if (status === undefined || status >= 500) {
      return new NetworkUnavailableError(network, `The ${network} node is unreachable`, {
        cause: error,
        details: walked.shortMessage,
      });
    }
  }
  if (walked instanceof RpcRequestError) {
    return new NetworkError(network, `The ${network} node returned an error`, {
      cause: error,
      details: walked.shortMessage,
      rpcCode: walked.code,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|aborted|timed? ?out/i.test(message)) {
    return new NetworkUnavailableError(network, `The ${network} node is unreachable`, { cause: error });
  }
  return new NetworkError(network, `Unexpected failure reading ${network}`, {
    cause: error,
    details: message,
  });
}
