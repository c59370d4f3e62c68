import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "./freePort.ts";

/**
 * A redis-server of the bench's own on a free loopback port, without persistence, so it can be killed
 * and started again without touching the machine's shared Redis.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server (again, on the same port) and waits until it answers PING (bounded: 10 s). */
  async restart(): Promise<void> {
    this.child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on("error", () => undefined);
    const deadline = Date.now() + 10_000;
    try {
      for (;;) {
        try {
          await client.connect();
          await client.ping();
          return;
        } catch {
          client.disconnect();
          if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not answer in 10 s`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      client.disconnect();
    }
  }

  /** SIGKILL, as a crash would; resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  }
}
