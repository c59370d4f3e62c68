import { Redis } from "ioredis";

/**
 * A Redis client for a cache that must never stall a request: commands fail fast while disconnected
 * (no offline queue, short command timeout) and the client keeps reconnecting in the background.
 */
export function createCacheRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Errors surface through the cache's health; an unhandled 'error' event would crash the process.
  redis.on("error", () => undefined);
  return redis;
}
