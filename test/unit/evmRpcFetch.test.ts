import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpRequestError } from "viem";
import { NodeRateLimitedError } from "../../adapters/evm/index.ts";
import { toAdapterError } from "../../adapters/evm/errors.ts";
import {
  createRpcFetch,
  parseRetryAfter,
  RpcCircuitOpenError,
  RpcRetryAfterError,
  type RpcFetchOptions,
} from "../../adapters/evm/rpcFetch.ts";

/** A JSON-RPC endpoint whose answer per request the test decides; it records when each request came. */
async function node(answer: (n: number, req: IncomingMessage, res: ServerResponse) => void) {
  const arrivals: number[] = [];
  const server: Server = createServer((req, res) => {
    arrivals.push(Date.now());
    req.resume();
    req.on("end", () => answer(arrivals.length, req, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, arrivals, close: () => new Promise<void>((r) => server.close(() => r())) };
}
const ok = (res: ServerResponse) =>
  res.writeHead(200, { "content-type": "application/json" }).end('{"jsonrpc":"2.0","id":1,"result":"0x1"}');
const read = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] });
const write = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: ["0x00"] });
const post = (url: string, body: string, signal?: AbortSignal) =>
  ({ url, init: { method: "POST", body, headers: { "content-type": "application/json" }, signal } }) as const;

const options: RpcFetchOptions = {
  retries: 2,
  retryBaseMs: 20,
  maxRetryAfterWaitMs: 1500,
  breakerThreshold: 3,
  breakerHalfOpenAfterMs: 300,
};

describe("the EVM adapter's JSON-RPC fetch: retries, Retry-After and a circuit breaker", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it("retries a read that got a 5xx, after a backoff, and answers", async () => {
    const n = await node((i, _, res) => (i < 3 ? res.writeHead(503).end() : ok(res)));
    closers.push(n.close);
    const rpc = createRpcFetch(options);
    const { url, init } = post(n.url, read);
    expect((await rpc.fetch(url, init)).status).toBe(200);
    expect(n.arrivals).toHaveLength(3);
  });

  it("never sends a transaction twice: a write that got a 5xx is returned as it came", async () => {
    const n = await node((_, __, res) => res.writeHead(503).end());
    closers.push(n.close);
    const rpc = createRpcFetch(options);
    const { url, init } = post(n.url, write);
    expect((await rpc.fetch(url, init)).status).toBe(503);
    expect(n.arrivals).toHaveLength(1);
  });

  it("honours 429 Retry-After: the retry is not sent before it, and the read then answers", async () => {
    const n = await node((i, _, res) =>
      i === 1 ? res.writeHead(429, { "retry-after": "1" }).end() : ok(res),
    );
    closers.push(n.close);
    const rpc = createRpcFetch(options);
    const { url, init } = post(n.url, read);
    expect((await rpc.fetch(url, init)).status).toBe(200);
    expect(n.arrivals).toHaveLength(2);
    expect(n.arrivals[1]! - n.arrivals[0]!).toBeGreaterThanOrEqual(990);
  });

  it("fails fast, without sending, while a Retry-After longer than it waits has not passed", async () => {
    const n = await node((_, __, res) => res.writeHead(429, { "retry-after": "30" }).end());
    closers.push(n.close);
    const rpc = createRpcFetch(options);
    const { url, init } = post(n.url, read);
    const first = await rpc.fetch(url, init);
    expect(first.status).toBe(429);
    await expect(rpc.fetch(url, init)).rejects.toBeInstanceOf(RpcRetryAfterError);
    expect(n.arrivals).toHaveLength(1);
    expect(rpc.retryAfterMs()).toBeGreaterThan(28_000);
    // As the adapter reports it: unavailable, with when to ask again.
    const mapped = toAdapterError("ebl-evm", new RpcRetryAfterError(rpc.retryAfterMs()));
    expect(mapped).toBeInstanceOf(NodeRateLimitedError);
    expect(mapped).toMatchObject({ code: "NETWORK_UNAVAILABLE", network: "ebl-evm" });
    expect((mapped as NodeRateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(29);
    const fromHttp = toAdapterError(
      "ebl-evm",
      new HttpRequestError({ url: n.url, status: 429, headers: new Headers({ "retry-after": "7" }) }),
    );
    expect(fromHttp).toMatchObject({ code: "NETWORK_UNAVAILABLE", retryAfterSeconds: 7 });
  });

  it("opens the circuit after failures in a row, fails fast while open, and closes after a probe answers", async () => {
    let down = true;
    const n = await node((_, __, res) => (down ? res.writeHead(502).end() : ok(res)));
    closers.push(n.close);
    const rpc = createRpcFetch({ ...options, retries: 0 });
    const { url, init } = post(n.url, read);
    for (let i = 0; i < 3; i++) expect((await rpc.fetch(url, init)).status).toBe(502);
    expect(rpc.circuit()).toBe("OPEN");
    await expect(rpc.fetch(url, init)).rejects.toBeInstanceOf(RpcCircuitOpenError);
    expect(n.arrivals).toHaveLength(3); // the open circuit sent nothing
    expect(toAdapterError("ebl-evm", new RpcCircuitOpenError("open"))).toMatchObject({
      code: "NETWORK_UNAVAILABLE",
    });
    down = false;
    await expect
      .poll(async () => (await rpc.fetch(url, init).catch(() => null))?.status ?? null, { timeout: 3000 })
      .toBe(200);
    expect(rpc.circuit()).toBe("CLOSED");
  });

  it("counts a node that accepts but never answers (frozen) as failing, within each request's deadline", async () => {
    const n = await node(() => undefined); // never answers
    closers.push(async () => {
      n.close().catch(() => undefined);
    });
    const rpc = createRpcFetch({ ...options, retries: 1 });
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const { url, init } = post(n.url, read, AbortSignal.timeout(200));
      await expect(rpc.fetch(url, init)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1000); // retries stay inside the deadline
    }
    expect(rpc.circuit()).toBe("OPEN");
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
