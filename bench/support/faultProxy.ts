import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** What the proxy does with each request: pass it on, hold it first, or answer garbage itself. */
export type ProxyMode = { kind: "pass" } | { kind: "delay"; ms: number } | { kind: "garbage" };

/**
 * A loopback HTTP proxy in front of one network's endpoint (the adapters are pointed at it), so the bench
 * can add latency to that network or make it answer garbage (HTTP 200, random bytes as JSON) while
 * everything else stays as it is.
 */
export async function startFaultProxy(upstream: string) {
  let mode: ProxyMode = { kind: "pass" };
  const target = new URL(upstream);
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const current = mode;
    if (current.kind === "garbage") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(randomBytes(64 + Math.floor(Math.random() * 512)));
      return;
    }
    if (current.kind === "delay") await new Promise((r) => setTimeout(r, current.ms));
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && k !== "host" && k !== "connection" && k !== "content-length")
        headers.set(k, v);
    const response = await fetch(new URL(req.url ?? "/", target), {
      method: req.method ?? "GET",
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, {
      "content-type": response.headers.get("content-type") ?? "application/json",
    });
    res.end(body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The network behind is down (frozen, killed): the client sees a dropped connection, as it would.
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    set mode(m: ProxyMode) {
      mode = m;
    },
    get mode() {
      return mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
