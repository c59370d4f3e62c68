/** Socket errors that mean the server closed a kept-alive connection before reading our request. */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);

function socketCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

/**
 * `fetch` that tries again, at most `retries` times, when the request failed on a reused keep-alive
 * socket the server had just closed (ECONNRESET/EPIPE before any response). That race follows any pause
 * longer than the server's keep-alive timeout; the request never reached the server, so sending it
 * again is safe even for a transaction (a resent signed transaction is the same transaction). Every
 * other failure, and any HTTP answer, is returned as it came.
 */
export function fetchRetryingResets(retries = 2): typeof fetch {
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetch(input, init);
      } catch (error) {
        if (attempt >= retries || !STALE_SOCKET.has(socketCode(error) ?? "") || init?.signal?.aborted)
          throw error;
      }
    }
  };
}
