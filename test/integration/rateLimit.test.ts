import { createServer } from "node:net";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { RateLimitedError } from "../../domain/errors.ts";
import { createRateLimiter, type RateLimiter } from "../../gateway/limits/rateLimiter.ts";
import { createCacheRedis } from "../../verification/redis.ts";

/** Consumes `n` requests for `subject`, each expected to pass. */
const spend = async (limiter: RateLimiter, subject: string, n: number) => {
  for (let i = 0; i < n; i++) await limiter.consume(subject);
};

const refusal = (promise: Promise<void>) =>
  promise.then(
    () => expect.unreachable("the request was let through"),
    (error: unknown) => error,
  );

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

describe("per-principal rate limits in real Redis", () => {
  // Two clients stand for two gateway instances sharing one Redis.
  let first: Redis;
  let second: Redis;
  const prefix = `test:${process.pid}:${Date.now()}:ratelimit`;
  let tests = 0;
  const keyPrefix = () => `${prefix}:${++tests}`;

  beforeAll(async () => {
    first = createCacheRedis(inject("redisUrl"));
    second = createCacheRedis(inject("redisUrl"));
    await Promise.all([first, second].map((r) => vi.waitFor(() => expect(r.status).toBe("ready"))));
  });
  afterAll(async () => {
    const keys = await first.keys(`${prefix}*`);
    if (keys.length) await first.del(...keys);
    first?.disconnect();
    second?.disconnect();
  });

  it("refuses the request after the budget with RateLimitedError and a positive Retry-After", async () => {
    const keys = keyPrefix();
    const limiter = createRateLimiter(first, { points: 5, windowSeconds: 30, keyPrefix: keys });
    await spend(limiter, "alice", 5);
    expect(await first.get(`${keys}:alice`)).toBe("5"); // counted in Redis, under this test's prefix
    const error = await refusal(limiter.consume("alice"));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).code).toBe("RATE_LIMITED");
    expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it("keeps one budget across gateway instances", async () => {
    const options = { points: 5, windowSeconds: 30, keyPrefix: keyPrefix() };
    const a = createRateLimiter(first, options);
    const b = createRateLimiter(second, options);
    await spend(a, "alice", 3);
    await spend(b, "alice", 2);
    expect(await refusal(a.consume("alice"))).toBeInstanceOf(RateLimitedError);
    expect(await refusal(b.consume("alice"))).toBeInstanceOf(RateLimitedError);
  });

  it("keeps a separate budget per subject, and a larger one for operators", async () => {
    const limiter = createRateLimiter(first, {
      points: 2,
      operatorPoints: 4,
      windowSeconds: 30,
      keyPrefix: keyPrefix(),
    });
    await spend(limiter, "alice", 2);
    expect(await refusal(limiter.consume("alice"))).toBeInstanceOf(RateLimitedError);
    await spend(limiter, "key:bob", 2);
    for (let i = 0; i < 4; i++) await limiter.consume("ops", { operator: true });
    expect(await refusal(limiter.consume("ops", { operator: true }))).toBeInstanceOf(RateLimitedError);
  });

  it("gives the budget back when the window ends", async () => {
    const limiter = createRateLimiter(first, { points: 1, windowSeconds: 1, keyPrefix: keyPrefix() });
    await limiter.consume("alice");
    expect(await refusal(limiter.consume("alice"))).toBeInstanceOf(RateLimitedError);
    await vi.waitFor(() => limiter.consume("alice"), { timeout: 3000, interval: 100 });
  });

  it("while Redis is unreachable, still limits (in memory, per instance) rather than refusing everyone", async () => {
    const down = createCacheRedis(`redis://127.0.0.1:${await closedPort()}`);
    try {
      const limiter = createRateLimiter(down, { points: 3, windowSeconds: 30, keyPrefix: keyPrefix() });
      const started = Date.now();
      await spend(limiter, "alice", 3);
      expect(await refusal(limiter.consume("alice"))).toBeInstanceOf(RateLimitedError);
      await spend(limiter, "bob", 3);
      // Without waiting for a connection that will not come.
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      down.disconnect();
    }
  });
});
