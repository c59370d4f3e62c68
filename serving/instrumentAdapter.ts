import { isTradegraphError } from "../domain/errors.ts";
import type { Logger } from "./logger.ts";
import type { CacheCounts, ServiceMetrics } from "./metrics.ts";
import type { NetworkAdapter } from "../domain/networkAdapter.ts";
import { currentRequest } from "./requestContext.ts";
import { endSpan, startClientSpan } from "./tracing.ts";

/** Lifecycle and subscriptions, not ledger calls. */
const NOT_CALLS = new Set(["start", "close", "onChange"]);

/**
 * The adapter as the subgraph uses it, with every asynchronous method measured: calls, latency and
 * failures per network and operation in the metrics, and a debug line per call carrying the request id
 * of the request that caused it (a DataLoader batch runs in the async context of the load that
 * scheduled it). Done from outside, by the entry point, so an adapter stays a plain wire client and
 * every adapter is measured alike. Synchronous methods (reads of an in-memory index) pass through.
 */
export function instrumentAdapter<T extends NetworkAdapter>(
  adapter: T,
  metrics: ServiceMetrics,
  logger: Logger,
): T {
  const network = adapter.name;
  const wrapped = new Map<PropertyKey, unknown>();
  const record = (operation: string, started: number, keys: number | undefined, error: unknown) => {
    const seconds = (performance.now() - started) / 1000;
    const code = error === undefined ? null : isTradegraphError(error) ? error.code : "INTERNAL";
    metrics.observeNetworkCall(network, operation, seconds, code);
    const log = currentRequest()?.logger ?? logger;
    if (log.isLevelEnabled("debug"))
      log.debug(
        {
          network,
          call: operation,
          durationMs: Math.round(seconds * 10_000) / 10,
          ...(keys !== undefined ? { keys } : {}),
          ...(code ? { error: code } : {}),
        },
        "ledger call",
      );
  };
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (wrapped.has(property)) return wrapped.get(property);
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === "symbol" || NOT_CALLS.has(property)) wrapped.set(property, method.bind(target));
      else
        wrapped.set(property, (...args: unknown[]) => {
          const started = performance.now();
          const keys = Array.isArray(args[0]) ? args[0].length : undefined;
          const result = method.apply(target, args);
          if (!(result instanceof Promise)) return result;
          // The ledger call's span, under the request's (when spans are exported).
          const parent = currentRequest()?.span;
          const span = parent
            ? startClientSpan(`${network} ${property}`, parent, {
                "tradegraph.network": network,
                "tradegraph.call": property,
                ...(keys !== undefined ? { "tradegraph.keys": keys } : {}),
              })
            : null;
          return result.then(
            (value: unknown) => {
              record(property, started, keys, undefined);
              endSpan(span);
              return value;
            },
            (error: unknown) => {
              record(property, started, keys, error ?? new Error("rejected"));
              endSpan(span, error ?? new Error("rejected"));
              throw error;
            },
          );
        });
      return wrapped.get(property);
    },
  });
}

/**
 * Counts a cache's reads as hits and misses, for a cache that does not count them itself: `method`
 * resolves to one entry per key, null for a miss. Reads that fail (Redis down) are misses already.
 */
export function countCacheReads<T extends object>(
  cache: T,
  method: keyof T & string,
  counts: CacheCounts,
): T {
  return new Proxy(cache, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (property !== method) return bound;
      return async (...args: unknown[]) => {
        const entries = await (bound(...args) as Promise<unknown>);
        if (Array.isArray(entries))
          for (const entry of entries) {
            if (entry === null || entry === undefined) counts.misses++;
            else counts.hits++;
          }
        return entries;
      };
    },
  });
}
