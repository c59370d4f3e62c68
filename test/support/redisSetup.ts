import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { Redis } from "ioredis";

/**
 * Tests use the Redis at REDIS_URL (default redis://127.0.0.1:6379). When none answers, a throwaway
 * `redis-server` is started on a free port if the binary exists; otherwise the run fails saying how to
 * get one. Each test then works under its own key prefix.
 */
let child: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  let url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (!(await answers(url))) {
    const hasBinary = spawnSync("redis-server", ["--version"]).status === 0;
    if (!hasBinary) {
      throw new Error(
        `No Redis answers at ${url} and redis-server is not installed. Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running server.`,
      );
    }
    const port = await freePort();
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50 && !(await answers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  }
  project.provide("redisUrl", url);
  return () => {
    child?.kill();
  };
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 500,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function freePort(): Promise<number> {
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

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
