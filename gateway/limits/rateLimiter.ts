import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitedError } from "../../domain/errors.ts";
import { withDefaults } from "./withDefaults.ts";

export interface RateLimitOptions {
  /** Requests one principal may make per window. @default 600 */
  points?: number;
  /** The window, in seconds (fixed windows, starting at a principal's first request). @default 60 */
  windowSeconds?: number;
  /** Requests per window for an operator (the report CLI walks pages of every shipment). @default 6000 */
  operatorPoints?: number;
  /** Prefix of the Redis keys (`<prefix>:<subject>`, `<prefix>:operator:<subject>`). @default "tradegraph:ratelimit" */
  keyPrefix?: string;
}

export const DEFAULT_RATE_LIMITS: Readonly<Required<RateLimitOptions>> = {
  points: 600,
  windowSeconds: 60,
  operatorPoints: 6000,
  keyPrefix: "tradegraph:ratelimit",
};

export interface RateLimiter {
  /**
   * Counts one request for `subject` (the principal's subject; for callers with none, e.g. `ip:<address>`),
   * or throws `RateLimitedError` with the seconds until its window resets (HTTP 429, `Retry-After`).
   */
  consume(subject: string, options?: { operator?: boolean }): Promise<void>;
}

/**
 * Per-principal request budgets kept in Redis, so every gateway instance draws on the same budget
 * (rate-limiter-flexible's `RateLimiterRedis`: one atomic Lua INCR + TTL per request).
 *
 * When Redis cannot be reached, requests are not all refused, and not all let through: each gateway
 * falls back to an in-memory limiter with the same budget (rate-limiter-flexible's `insuranceLimiter`).
 * While Redis is down a principal may therefore make up to `points` requests per window *per gateway
 * instance*, a looser limit but still a limit, and the budgets meet again when Redis is back.
 * The limiter does not wait for a disconnected Redis (`rejectIfRedisNotReady`); give it a client that
 * fails fast, like `createCacheRedis` (no offline queue, a command timeout), so a hung Redis cannot hold
 * requests either.
 */
export function createRateLimiter(redis: Redis, options: RateLimitOptions = {}): RateLimiter {
  const { points, windowSeconds, operatorPoints, keyPrefix } = withDefaults(DEFAULT_RATE_LIMITS, options);
  const limiter = (budget: number, prefix: string) =>
    new RateLimiterRedis({
      storeClient: redis,
      points: budget,
      duration: windowSeconds,
      keyPrefix: prefix,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: budget, duration: windowSeconds, keyPrefix: prefix }),
    });
  const principals = limiter(points, keyPrefix);
  const operators = limiter(operatorPoints, `${keyPrefix}:operator`);

  return {
    async consume(subject, { operator = false } = {}) {
      try {
        await (operator ? operators : principals).consume(subject);
      } catch (error) {
        // rate-limiter-flexible rejects with its result object when the budget is spent.
        if (error instanceof RateLimiterRes)
          throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        throw error;
      }
    },
  };
}
