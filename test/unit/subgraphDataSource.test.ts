import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  SubgraphDataSource,
  subgraphDispatcher,
  type SubgraphCallHooks,
} from "../../gateway/subgraphDataSource.ts";

type Context = { caller: string };

/** A subgraph that holds every request until the test answers it, so overlaps are certain, not timed. */
const held: { req: IncomingMessage; res: ServerResponse; body: string; closed: boolean }[] = [];
let server: Server;
let url: string;
const dispatcher = subgraphDispatcher();

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const entry = { req, res, body, closed: false };
    res.on("close", () => (entry.closed = true));
    held.push(entry);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterEach(() => {
  for (const { res } of held.splice(0)) if (!res.writableEnded) res.destroy();
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await dispatcher.close();
});

const answer = (i: number, data: unknown) => {
  held[i]!.res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
};

/** A data source whose request deadline each caller sets through `deadlineFor`. */
function source(deadlineFor: () => AbortSignal | undefined = () => undefined) {
  const shared = vi.fn();
  const done = vi.fn();
  const hooks: SubgraphCallHooks<Context> = {
    prepare: (context, body) => ({
      headers: { "x-caller": context.caller, "x-body-bytes": String(body.length) },
    }),
    callDeadline: () => AbortSignal.timeout(10_000),
    requestDeadline: deadlineFor,
    callerKey: (context) => context.caller,
    done,
    shared,
  };
  return { dataSource: new SubgraphDataSource<Context>("fabric", url, dispatcher, hooks), shared, done };
}

const fetchOf = (caller: string, operation: "query" | "mutation" = "query", id = "MAEU1") =>
  ({
    kind: "incoming operation",
    request: { query: `${operation} { shipment(reference: $id) { status } }`, variables: { id } },
    incomingRequestContext: { operation: { operation } },
    context: { caller },
  }) as unknown as GraphQLDataSourceProcessOptions<Context>;

describe("the gateway's subgraph data source: identical reads in flight", () => {
  it("shares one fetch among the same caller's identical reads, each caller getting its own copy", async () => {
    const { dataSource, shared } = source();
    const first = dataSource.process(fetchOf("consignee-1"));
    await vi.waitFor(() => expect(held).toHaveLength(1));
    const second = dataSource.process(fetchOf("consignee-1"));
    await vi.waitFor(() => expect(shared).toHaveBeenCalledTimes(1));
    answer(0, { shipment: { status: "DELIVERED" } });
    const [a, b] = await Promise.all([first, second]);
    expect(held).toHaveLength(1);
    expect(a).toEqual({ data: { shipment: { status: "DELIVERED" } } });
    expect(b).toEqual(a);
    // The executor merges later fetches into an answer in place: one caller's must not be another's.
    expect(b).not.toBe(a);
    expect(b.data).not.toBe(a.data);
  });

  it("never shares across callers, across different reads, or for a mutation's fetches", async () => {
    const { dataSource, shared } = source();
    const calls = [
      dataSource.process(fetchOf("consignee-1")),
      dataSource.process(fetchOf("consignee-2")),
      dataSource.process(fetchOf("consignee-1", "query", "MAEU2")),
      dataSource.process(fetchOf("carrier", "mutation")),
      dataSource.process(fetchOf("carrier", "mutation")),
    ];
    await vi.waitFor(() => expect(held).toHaveLength(5));
    expect(shared).not.toHaveBeenCalled();
    expect(new Set(held.map((h) => h.req.headers["x-caller"]))).toEqual(
      new Set(["consignee-1", "consignee-2", "carrier"]),
    );
    held.forEach((_, i) => answer(i, { n: i }));
    expect((await Promise.all(calls)).map((r) => r.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
  });

  it("keeps nothing once the answer is in: the next identical read asks again", async () => {
    const { dataSource } = source();
    const first = dataSource.process(fetchOf("consignee-1"));
    await vi.waitFor(() => expect(held).toHaveLength(1));
    answer(0, { shipment: { status: "RELEASED" } });
    await first;
    const second = dataSource.process(fetchOf("consignee-1"));
    await vi.waitFor(() => expect(held).toHaveLength(2));
    answer(1, { shipment: { status: "DELIVERED" } });
    expect((await second).data).toEqual({ shipment: { status: "DELIVERED" } });
  });

  it("lets a caller whose request deadline passes give up alone: the others still get the answer", async () => {
    const deadlines = [new AbortController(), new AbortController(), new AbortController()];
    let next = 0;
    const { dataSource } = source(() => deadlines[next++]!.signal);
    const first = dataSource.process(fetchOf("consignee-1"));
    await vi.waitFor(() => expect(held).toHaveLength(1));
    const others = [dataSource.process(fetchOf("consignee-1")), dataSource.process(fetchOf("consignee-1"))];
    deadlines[0]!.abort(new Error("request deadline"));
    await expect(first).rejects.toMatchObject({ code: "NETWORK_UNAVAILABLE" });
    answer(0, { shipment: { status: "DELIVERED" } });
    for (const answered of await Promise.all(others))
      expect(answered.data).toEqual({ shipment: { status: "DELIVERED" } });
    expect(held).toHaveLength(1);
  });

  it("stops the fetch once every caller sharing it has given up", async () => {
    const deadlines = [new AbortController(), new AbortController()];
    let next = 0;
    const { dataSource } = source(() => deadlines[next++]!.signal);
    const calls = [dataSource.process(fetchOf("consignee-1")), dataSource.process(fetchOf("consignee-1"))];
    await vi.waitFor(() => expect(held).toHaveLength(1));
    for (const deadline of deadlines) deadline.abort(new Error("request deadline"));
    for (const outcome of await Promise.allSettled(calls))
      expect(outcome).toMatchObject({ status: "rejected", reason: { code: "NETWORK_UNAVAILABLE" } });
    await vi.waitFor(() => expect(held[0]!.closed).toBe(true));
  });

  it("reports a shared fetch's failure to every caller as the subgraph unavailable", async () => {
    const { dataSource, done } = source();
    const calls = [dataSource.process(fetchOf("consignee-1")), dataSource.process(fetchOf("consignee-1"))];
    await vi.waitFor(() => expect(held).toHaveLength(1));
    held[0]!.res.destroy();
    const outcomes = await Promise.allSettled(calls);
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({
        status: "rejected",
        reason: { code: "NETWORK_UNAVAILABLE", network: "fabric" },
      });
    expect(done).toHaveBeenCalledTimes(1);
  });
});
