import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from "@apollo/server-gateway-interface";
import { GraphQLError, parse, type OperationDefinitionNode } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { shareIdenticalQueries } from "../../gateway/sharedQueries.ts";

type Context = { caller: string };

/** An executor whose executions the test ends, one by one: overlaps are certain, not timed. */
function heldExecutor() {
  const executions: {
    context: GatewayGraphQLRequestContext<Context>;
    finish(result: GatewayExecutionResult): void;
    abandoned: AbortSignal;
  }[] = [];
  let abandoned: AbortSignal;
  const executor = vi.fn(
    (context: GatewayGraphQLRequestContext) =>
      new Promise<GatewayExecutionResult>((finish) =>
        executions.push({ context: context as GatewayGraphQLRequestContext<Context>, finish, abandoned }),
      ),
  );
  const joined = vi.fn();
  let nextDeadline: AbortSignal | undefined;
  const shared = shareIdenticalQueries<Context>(executor, {
    callerKey: (context) => context.caller,
    deadline: () => nextDeadline,
    runShared: (signal, execute) => {
      abandoned = signal;
      return execute();
    },
    joined,
  });
  const ask = (
    caller: string,
    source = "query Track($ref: String!) { shipment(reference: $ref) { status } }",
    variables: Record<string, unknown> = { ref: "MAEU1" },
    deadline?: AbortSignal,
  ) => {
    nextDeadline = deadline;
    const document = parse(source);
    return shared({
      request: { query: source, variables, operationName: undefined },
      queryHash: source,
      operation: document.definitions[0] as OperationDefinitionNode,
      document,
      context: { caller },
    } as unknown as GatewayGraphQLRequestContext);
  };
  return { executor, executions, joined, ask };
}

describe("identical queries for the same caller in flight are executed once", () => {
  it("shares one execution; each request gets its own result object", async () => {
    const { executor, executions, joined, ask } = heldExecutor();
    const first = ask("consignee-1");
    const second = ask("consignee-1");
    expect(executor).toHaveBeenCalledTimes(1);
    expect(joined).toHaveBeenCalledTimes(1);
    const error = new GraphQLError("port network unavailable", {
      extensions: { code: "NETWORK_UNAVAILABLE" },
    });
    executions[0]!.finish({ data: { shipment: { status: "DELIVERED" } }, errors: [error] });
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ data: { shipment: { status: "DELIVERED" } }, errors: [error] });
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    expect(b.errors).not.toBe(a.errors);
  });

  it("executes apart for another caller, other variables, another query, and every mutation", async () => {
    const { executor, executions, joined, ask } = heldExecutor();
    const asked = [
      ask("consignee-1"),
      ask("consignee-2"),
      ask("consignee-1", undefined, { ref: "MAEU2" }),
      ask(
        "consignee-1",
        "query Where($ref: String!) { shipment(reference: $ref) { currentLocation { name } } }",
      ),
      ask("carrier", 'mutation Release { release(reference: "MAEU1") }', {}),
      ask("carrier", 'mutation Release { release(reference: "MAEU1") }', {}),
    ];
    expect(executor).toHaveBeenCalledTimes(6);
    expect(joined).not.toHaveBeenCalled();
    executions.forEach((e, i) => e.finish({ data: { n: i } }));
    expect((await Promise.all(asked)).map((r) => r.data)).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n })));
  });

  it("keeps nothing: once answered, the same query is executed again", async () => {
    const { executor, executions, ask } = heldExecutor();
    const first = ask("consignee-1");
    executions[0]!.finish({ data: { shipment: { status: "RELEASED" } } });
    await first;
    const second = ask("consignee-1");
    expect(executor).toHaveBeenCalledTimes(2);
    executions[1]!.finish({ data: { shipment: { status: "DELIVERED" } } });
    expect((await second).data).toEqual({ shipment: { status: "DELIVERED" } });
  });

  it("lets a request whose deadline passes give up alone, and abandons the execution only when all have", async () => {
    const { executions, ask } = heldExecutor();
    const deadlines = [new AbortController(), new AbortController(), new AbortController()];
    const asked = deadlines.map((d) => ask("consignee-1", undefined, undefined, d.signal));
    deadlines[0]!.abort(new Error("REQUEST_TIMEOUT"));
    await expect(asked[0]).rejects.toThrow("REQUEST_TIMEOUT");
    expect(executions[0]!.abandoned.aborted).toBe(false);
    executions[0]!.finish({ data: { shipment: { status: "DELIVERED" } } });
    expect((await asked[1])!.data).toEqual({ shipment: { status: "DELIVERED" } });

    const again = [new AbortController(), new AbortController()];
    const waiting = again.map((d) => ask("consignee-1", undefined, undefined, d.signal));
    again[0]!.abort(new Error("REQUEST_TIMEOUT"));
    expect(executions[1]!.abandoned.aborted).toBe(false);
    again[1]!.abort(new Error("REQUEST_TIMEOUT"));
    expect(executions[1]!.abandoned.aborted).toBe(true);
    for (const outcome of await Promise.allSettled(waiting)) expect(outcome.status).toBe("rejected");
  });

  it("passes an execution's failure to every request sharing it", async () => {
    const { executions, ask } = heldExecutor();
    const asked = [ask("consignee-1"), ask("consignee-1")];
    executions[0]!.finish(Promise.reject(new Error("planner failed")) as never);
    for (const outcome of await Promise.allSettled(asked))
      expect(outcome).toMatchObject({ status: "rejected", reason: { message: "planner failed" } });
  });
});
