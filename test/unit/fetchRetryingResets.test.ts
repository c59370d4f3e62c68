import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fetchRetryingResets } from "../../core/fetchRetryingResets.ts";

/** A loopback server whose first `drops` requests lose their socket before any answer. */
async function serve(
  drops: number,
  status = 200,
): Promise<{ url: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    if (requests <= drops) {
      req.socket.destroy();
      return;
    }
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ requests }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests: () => requests,
    server,
  };
}

describe("fetchRetryingResets", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it("sends again when the socket is dropped before an answer, and plain fetch does not", async () => {
    const once = await serve(1);
    servers.push(once.server);
    await expect(fetch(once.url, { method: "POST", body: "{}" })).rejects.toThrow(/fetch failed/);
    const again = await serve(1);
    servers.push(again.server);
    const response = await fetchRetryingResets()(again.url, { method: "POST", body: "{}" });
    expect(await response.json()).toEqual({ requests: 2 });
  });

  it("gives up after its retries with the original error", async () => {
    const always = await serve(10);
    servers.push(always.server);
    await expect(fetchRetryingResets(2)(always.url, { method: "POST", body: "{}" })).rejects.toThrow(
      /fetch failed/,
    );
    expect(always.requests()).toBe(3);
  });

  it("returns an HTTP error answer as it came, without retrying", async () => {
    const failing = await serve(0, 503);
    servers.push(failing.server);
    const response = await fetchRetryingResets()(failing.url, { method: "POST", body: "{}" });
    expect(response.status).toBe(503);
    expect(failing.requests()).toBe(1);
  });

  it("does not retry a refused connection (the server is down, not a stale socket)", async () => {
    const closed = await serve(0);
    await new Promise((r) => closed.server.close(r));
    await expect(fetchRetryingResets()(closed.url)).rejects.toMatchObject({
      cause: { code: "ECONNREFUSED" },
    });
  });
});
