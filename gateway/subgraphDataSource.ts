import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { Span } from "@opentelemetry/api";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { GraphQLError } from "graphql";
import { STATUS_CODES } from "node:http";
import { Agent } from "undici";
import { InFlight } from "../core/inFlight.ts";
import { NetworkUnavailableError } from "../domain/errors.ts";

/** What one subgraph call needs from the gateway around it. */
export interface SubgraphCallHooks<TContext> {
  /** Headers of this call (the proof, request id, trace) given the caller's context and the exact body, and its span. */
  prepare(context: TContext, body: string): PreparedCall;
  /** The subgraph's own deadline for one call. */
  callDeadline(): AbortSignal;
  /** The whole request's deadline, when it has one: a caller stops waiting then. */
  requestDeadline(): AbortSignal | undefined;
  /**
   * Who a call is made for, as far as its answer goes (the encoded principal): identical reads for the
   * same caller in flight at once share one fetch. Absent: never shared.
   */
  callerKey?(context: TContext): string;
  /** When the call ended: its HTTP status (null: no answer), how long it took, its span. */
  done(call: PreparedCall & { status: number | null; seconds: number; error?: unknown }): void;
  /** A read answered by an identical one already in flight. */
  shared?(): void;
}

/** A call about to be made: its headers, and the span it is when spans are exported. */
export interface PreparedCall {
  headers: Record<string, string>;
  spanId?: string;
  span?: Span | null;
}

/** How one fetch ended, before anyone reads it: each caller builds its own answer from it. */
type Outcome = { status: number; contentType: string; text: string } | { error: unknown };

/**
 * One subgraph as the gateway calls it: a POST of the fetch's GraphQL request through a keep-alive
 * undici pool, the answer parsed as JSON. It does what `RemoteGraphQLDataSource` does for this gateway
 * (no APQ, no subgraph cache-control) without its per-call costs: a node-fetch `Headers` and `Request`
 * built for every fetch (kept only for error hooks) and WHATWG streams around the body. Profiling the
 * users' mix put fetch plumbing at about a fifth of the gateway's CPU.
 *
 * Reads (the fetches of a query operation) that are byte-for-byte the same, for the same caller, while
 * one is in flight share it, as Hive Gateway's executor and Apollo Router's query deduplication do: the
 * analytics page asked by many at once costs the subgraphs one answer. Each caller parses its own copy
 * (the executor merges answers into its result tree in place) and keeps its own request deadline; the
 * fetch is aborted only when every caller has given up. Nothing is shared across callers (the proof
 * names the caller) or across time (an answer is dropped as soon as it arrives), and a mutation's
 * fetches, which may follow its write, never join one another.
 *
 * Outcomes, as before: no answer (refused, reset, past the deadline) is NETWORK_UNAVAILABLE naming the
 * subgraph; a 400 that carries GraphQL errors is an answer (the subgraph refused the operation, with
 * codes); any other non-2xx is an error with the status, UNAUTHENTICATED for 401 and FORBIDDEN for 403.
 */
export class SubgraphDataSource<
  TContext extends Record<string, unknown>,
> implements GraphQLDataSource<TContext> {
  private readonly inFlight = new InFlight<Outcome>();
  /** The URL split once: undici then needs no parse per call. */
  private readonly target: { origin: string; path: string };

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly dispatcher: Agent,
    private readonly hooks: SubgraphCallHooks<TContext>,
  ) {
    const parsed = new URL(url);
    this.target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  }

  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error("Missing query");
    const body = JSON.stringify({ query, variables, operationName, extensions });
    const context = options.context as TContext;
    const read =
      "incomingRequestContext" in options && options.incomingRequestContext.operation?.operation === "query";
    const caller = read ? this.hooks.callerKey?.(context) : undefined;
    if (caller === undefined) {
      const deadlines = [this.hooks.callDeadline(), this.hooks.requestDeadline()].filter(
        (s): s is AbortSignal => s !== undefined,
      );
      const signal = deadlines.length === 1 ? deadlines[0]! : AbortSignal.any(deadlines);
      return this.answer(await this.fetch(body, this.hooks.prepare(context, body), signal));
    }
    const outcome = await this.inFlight
      .run(
        `${caller}\n${body}`,
        (abandoned) =>
          this.fetch(
            body,
            this.hooks.prepare(context, body),
            AbortSignal.any([this.hooks.callDeadline(), abandoned]),
          ),
        this.hooks.requestDeadline(),
        this.hooks.shared,
      )
      .catch((error: unknown): Outcome => ({ error })); // this caller's deadline passed
    return this.answer(outcome);
  }

  /** One POST to the subgraph; never rejects: the outcome is read by every caller sharing it. */
  private async fetch(body: string, prepared: PreparedCall, signal: AbortSignal): Promise<Outcome> {
    const headers = { ...prepared.headers, "content-type": "application/json" };
    const started = performance.now();
    let status: number | null = null;
    try {
      const response = await this.dispatcher.request({
        ...this.target,
        method: "POST",
        headers,
        body,
        signal,
      });
      status = response.statusCode;
      const contentType = String(response.headers["content-type"] ?? "");
      const text = await response.body.text();
      this.hooks.done({ ...prepared, status, seconds: (performance.now() - started) / 1000 });
      return { status, contentType, text };
    } catch (error) {
      this.hooks.done({ ...prepared, status, seconds: (performance.now() - started) / 1000, error });
      return { error };
    }
  }

  /** This caller's own answer (or error) from a fetch's outcome. */
  private answer(outcome: Outcome): GatewayGraphQLResponse {
    if ("error" in outcome)
      throw new NetworkUnavailableError(this.name, `The ${this.name} subgraph is unavailable`, {
        cause: outcome.error,
      });
    const { status, contentType, text } = outcome;
    const json = /^application\/(graphql-response\+)?json/.test(contentType) ? parseJson(text) : undefined;
    const isAnswer =
      typeof json === "object" &&
      json !== null &&
      !Array.isArray(json) &&
      ("data" in json || "errors" in json);
    if (status >= 200 && status < 300) {
      if (!isAnswer) throw new Error(`Expected JSON response body, but received: ${text.slice(0, 200)}`);
      return json as GatewayGraphQLResponse;
    }
    if (status === 400 && isAnswer && Array.isArray((json as { errors?: unknown }).errors))
      return json as GatewayGraphQLResponse;
    throw new GraphQLError(`${status}: ${statusText(status)}`, {
      extensions: {
        ...(status === 401 ? { code: "UNAUTHENTICATED" } : status === 403 ? { code: "FORBIDDEN" } : {}),
        response: { url: this.url, status, statusText: statusText(status), body: json ?? text },
      },
    });
  }
}

/** The pool every subgraph call of one gateway shares: keep-alive connections, no per-host cap. */
export function subgraphDispatcher(): Agent {
  return new Agent({ keepAliveTimeout: 30_000, connections: null, pipelining: 1 });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const statusText = (status: number) => STATUS_CODES[status] ?? "Error";
