import { BaseError, HttpRequestError, RpcRequestError, TimeoutError } from "viem";
import { NetworkError, NetworkUnavailableError, type TradegraphError } from "../../core/errors.ts";

/**
 * Maps what viem throws to the project's error tree: no answer (connection refused, timeout, HTTP
 * 5xx/429) means the network is unavailable; an answer with an error is a network error.
 */
export function toAdapterError(network: string, error: unknown): TradegraphError {
  if (error instanceof NetworkUnavailableError || error instanceof NetworkError) return error;
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
    if (status === undefined || status >= 500 || status === 429) {
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
  if (/fetch failed|ECONNREFUSED|ECONNRESET|socket hang up|aborted/i.test(message)) {
    return new NetworkUnavailableError(network, `The ${network} node is unreachable`, { cause: error });
  }
  return new NetworkError(network, `Unexpected failure reading ${network}`, {
    cause: error,
    details: message,
  });
}
