import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from "@apollo/server-gateway-interface";
import { InFlight } from "../core/inFlight.ts";

export interface SharedQueryOptions<TContext> {
  /** Who a request is made for, as far as its answer goes (the encoded principal). */
  callerKey(context: TContext): string;
  /** This request's own deadline, when it has one. */
  deadline(): AbortSignal | undefined;
  /** Runs the shared execution under a deadline of its own: given up only when every caller has. */
  runShared(
    abandoned: AbortSignal,
    execute: () => Promise<GatewayExecutionResult>,
  ): Promise<GatewayExecutionResult>;
  /** A request answered by an identical one already in flight. */
  joined?(): void;
}

/**
 * The same query, with the same variables, asked by the same caller while it is being executed, is
 * executed once (as Hive Gateway's inbound deduplication does): an e-commerce platform polling one
 * shipment for many shoppers at once, or a dashboard open in several tabs, costs one plan execution and
 * one set of subgraph fetches. Admission (credentials, the rate limit), validation and the query limits
 * still run for every request; only execution is shared. Never across callers (their answers differ by
 * what each may see), never for a mutation, never once the answer is out: nothing is cached.
 *
 * Each request gets its own copy of the result's top level (Apollo Server formats errors into new
 * objects and serialises `data` without changing it) and keeps its own deadline.
 */
export function shareIdenticalQueries<TContext extends Record<string, unknown>>(
  executor: GatewayExecutor,
  options: SharedQueryOptions<TContext>,
): GatewayExecutor {
  const inFlight = new InFlight<GatewayExecutionResult>();
  return async (requestContext) => {
    const context = requestContext as GatewayGraphQLRequestContext<TContext>;
    if (context.operation.operation !== "query") return executor(requestContext);
    const { request, queryHash } = context;
    const key = [
      options.callerKey(context.context),
      queryHash,
      request.operationName ?? "",
      JSON.stringify(request.variables ?? {}),
    ].join("\n");
    const result = await inFlight.run(
      key,
      (abandoned) => options.runShared(abandoned, () => executor(requestContext)),
      options.deadline(),
      options.joined,
    );
    return { ...result, ...(result.errors ? { errors: [...result.errors] } : {}) };
  };
}
