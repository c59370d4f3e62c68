import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { AsyncLocalStorage } from "node:async_hooks";
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloGateway } from "@apollo/gateway";
import type { ValidationRule } from "graphql";
import { encodePrincipal, PROOF_HEADERS, signSubgraphRequest } from "../access/gatewayProof.ts";
import { isOperator, type Principal } from "../access/principal.ts";
import {
  CHECK_TIMEOUT_MS,
  readiness,
  type DependencyState,
  type HealthCheck,
  type HealthState,
} from "../serving/health.ts";
import {
  serveGraphQL,
  type CrossOrigin,
  type GraphQLHttpServer,
  type Observability,
} from "../serving/httpServer.ts";
import { silentLogger } from "../serving/logger.ts";
import { ServiceMetrics } from "../serving/metrics.ts";
import { currentRequest, REQUEST_ID_HEADER } from "../serving/requestContext.ts";
import { requestObservabilityPlugin } from "../serving/requestObservability.ts";
import { childTraceparent } from "../serving/traceContext.ts";
import { endSpan, startClientSpan, traceparentOf } from "../serving/tracing.ts";
import { formatGatewayError } from "./errors.ts";
import { shareIdenticalQueries } from "./sharedQueries.ts";
import { SubgraphDataSource, subgraphDispatcher, type SubgraphCallHooks } from "./subgraphDataSource.ts";
import { withDeadline } from "./limits/deadline.ts";

/** Who may call the gateway, and how it proves each call to the subgraphs. */
export interface GatewayAccess {
  /** Resolves a request's credentials to its principal; throws UNAUTHENTICATED. */
  authenticate(headers: Record<string, string | string[] | undefined>): Promise<Principal>;
  /** The secret the gateway signs subgraph requests with (`access/gatewayProof.ts`). */
  proofSecret: Buffer;
  /** Spends one request of the principal's budget; throws RATE_LIMITED. */
  rateLimit?(principal: Principal): Promise<void>;
  /** Every use of the operator role is logged. @default an `operator-access` line in the gateway's log */
  logOperatorUse?(principal: Principal, operationName: string | null): void;
}

// @apollo/gateway 2.14 reports usage to Apollo's servers and probes cloud metadata endpoints
// (169.254.169.254) unless this variable says not to; its only switch is the environment. Tradegraph never
// sends traffic off the machine it was not asked to: off unless an operator sets it explicitly.
process.env.APOLLO_TELEMETRY_DISABLED ??= "true";

/** The current request's deadline, for the subgraph fetches it makes. */
const requestSignal = new AsyncLocalStorage<AbortSignal>();

/** What a gateway request carries from admission to its subgraph fetches. */
// A type, not an interface: Apollo's data sources take contexts as string-keyed records.
export type GatewayContext = {
  principal: Principal;
  /** The principal as the proof header carries it, encoded once per request. */
  encodedPrincipal: string;
};

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph URL overrides by subgraph name; otherwise the URL recorded in the supergraph. */
  subgraphUrls: Record<string, string>;
  host: string;
  port: number;
  /** Deadline for one subgraph fetch. @default 10000 */
  subgraphTimeoutMs?: number;
  /** Per-subgraph deadlines overriding `subgraphTimeoutMs`: one slow network cannot hold the others' answers. */
  subgraphTimeoutsMs?: Record<string, number>;
  access: GatewayAccess;
  /** Checks run before planning (depth, aliases, cost...) and the plugins that enforce the rest of the limits. */
  limits?: { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] };
  crossOrigin?: CrossOrigin;
  /** Overall deadline of one request, subgraph fetches included (REQUEST_TIMEOUT, HTTP 504). */
  requestDeadlineMs?: number;
  /**
   * Identical queries, and identical subgraph reads, for the same caller in flight at once share one
   * execution or fetch (`sharedQueries.ts`, `subgraphDataSource.ts`). @default true
   */
  shareInFlight?: boolean;
  /** Schema introspection. @default true */
  introspection?: boolean;
  /** The Apollo landing page on GET /graphql. @default true */
  landingPage?: boolean;
  /** Logs, metrics and the token `/metrics` asks for. */
  observability?: Observability;
  /** Dependencies of the gateway's own (the Redis its rate limits live in): a DOWN one degrades it. */
  healthChecks?: Record<string, HealthCheck>;
}

/**
 * The supergraph declares who may see what with Federation's `@authenticated`, `@requiresScopes` and
 * `@policy`, linked `for: SECURITY`. `@apollo/gateway` enforces none of them and so refuses to load a
 * supergraph that asks it to; here the subgraphs enforce them where the data is resolved (and trust only
 * this gateway's signed requests), so the gateway loads the same supergraph with those links marked as
 * documentation. A router that enforces them (Apollo Router, Hive Gateway) loads the file as committed.
 */
export function supergraphForApolloGateway(supergraphSdl: string): string {
  return supergraphSdl.replace(
    /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes|policy)\/v0\.1"), for: SECURITY\)/g,
    "$1)",
  );
}

/**
 * The gateway plans and executes over the static supergraph; it holds no business logic. Subgraph
 * calls go through its own data source (`subgraphDataSource.ts`: undici's request API over one
 * keep-alive pool), which spends about a third less CPU per request than Apollo's data source over
 * fetch did (`npm run bench:gateways`).
 */
export async function startGateway(
  options: GatewayOptions,
): Promise<GraphQLHttpServer & { subgraphs: () => Record<string, string> }> {
  const timeoutMs = options.subgraphTimeoutMs ?? 10_000;
  const share = options.shareInFlight ?? true;
  const resolved: Record<string, string> = {};
  const logger = options.observability?.logger ?? silentLogger;
  const metrics = options.observability?.metrics ?? new ServiceMetrics("gateway");
  // A subgraph that refuses, resets or misses its deadline is reported as unavailable, by name.
  const { access } = options;
  // The proof signs the exact body the data source serialised; the principal header was set per request.
  // The request id and trace travel beside it: the proof signs the x-tradegraph-* headers and the body
  // only, so these two change nothing a subgraph verifies.
  const dispatcher = subgraphDispatcher();
  const hooksFor = (name: string): SubgraphCallHooks<GatewayContext> => {
    const deadlineMs = options.subgraphTimeoutsMs?.[name] ?? timeoutMs;
    return {
      prepare(context, body) {
        const headers: Record<string, string> = {
          [PROOF_HEADERS.principal]: context.encodedPrincipal,
          ...signSubgraphRequest(access.proofSecret, context.encodedPrincipal, body),
        };
        const request = currentRequest();
        if (!request) return { headers };
        headers[REQUEST_ID_HEADER] = request.requestId;
        // An exported span when tracing is on (its id is the traceparent's), else a span id of our own.
        const span = request.span
          ? startClientSpan(`POST ${name}`, request.span, { "tradegraph.subgraph": name })
          : null;
        if (span) {
          headers.traceparent = traceparentOf(span);
          return { headers, spanId: span.spanContext().spanId, span };
        }
        const child = childTraceparent(request.trace);
        headers.traceparent = child.header;
        return { headers, spanId: child.spanId };
      },
      callDeadline: () => AbortSignal.timeout(deadlineMs),
      requestDeadline: () => requestSignal.getStore(),
      ...(share ? { callerKey: (context: GatewayContext) => context.encodedPrincipal } : {}),
      shared: () => metrics.countSharedSubgraphFetch(name),
      done({ status, seconds, spanId, span, error }) {
        endSpan(span ?? null, error, status === null ? {} : { "http.response.status_code": status });
        metrics.observeSubgraphFetch(name, seconds, status !== null);
        const request = currentRequest();
        const log = request?.logger ?? logger;
        const line = {
          subgraph: name,
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          ...(spanId ? { spanId } : {}),
        };
        if (error) log.warn({ ...line, error: (error as Error).message }, "subgraph fetch failed");
        else log.debug(line, "subgraph fetch");
      },
    };
  };
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphForApolloGateway(options.supergraphSdl),
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      resolved[name] = target;
      return new SubgraphDataSource<GatewayContext>(name, target, dispatcher, hooksFor(name));
    },
  });
  // Identical queries for the same caller in flight at once are executed once (`sharedQueries.ts`); the
  // shared execution's fetches run under a deadline of their own, given up when every caller has.
  if (share)
    gateway.executor = shareIdenticalQueries<GatewayContext>(gateway.executor, {
      callerKey: (context) => context.encodedPrincipal,
      deadline: () => requestSignal.getStore(),
      runShared: (abandoned, execute) => requestSignal.run(abandoned, execute),
      joined: () => metrics.countSharedOperation(),
    });
  const logOperatorUse =
    access.logOperatorUse ??
    ((principal: Principal, operationName: string | null) =>
      (currentRequest()?.logger ?? logger).info(
        { event: "operator-access", subject: principal.subject, operationName },
        "operator access",
      ));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError,
    // Explicit, so NODE_ENV=production (which `npm start` sets for graphql-js's speed) changes neither
    // introspection nor the page a browser gets.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestObservabilityPlugin(),
      ...(options.landingPage === false
        ? [ApolloServerPluginLandingPageDisabled()]
        : [ApolloServerPluginLandingPageLocalDefault()]),
      ...(options.limits?.plugins ?? []),
      {
        async requestDidStart({ contextValue }) {
          if (!isOperator(contextValue.principal)) return;
          return {
            async didResolveOperation({ operationName }) {
              logOperatorUse(contextValue.principal, operationName ?? null);
            },
          };
        },
      },
    ],
    validationRules: options.limits?.validationRules ?? [],
    includeStacktraceInErrorResponses: false,
    introspection: options.introspection ?? true,
  });
  const server = await serveGraphQL<GatewayContext, GatewayContext>({
    apollo,
    crossOrigin: options.crossOrigin,
    // The request's deadline reaches its subgraph fetches through the async context (the data source's
    // fetcher sees no request context of its own).
    execute: options.requestDeadlineMs
      ? (run) => withDeadline(options.requestDeadlineMs!, (signal) => requestSignal.run(signal, run))
      : undefined,
    // Credentials and the rate limit are checked on the raw request: a caller without them costs no parse.
    admit: async (req) => {
      const principal = await access.authenticate(req.headers);
      const request = currentRequest();
      if (request) request.fields.subject = principal.subject;
      await access.rateLimit?.(principal);
      return { principal, encodedPrincipal: encodePrincipal(principal) };
    },
    context: async ({ admission }) => admission,
    host: options.host,
    port: options.port,
    service: "gateway",
    // Ready means able to serve: with one subgraph down the gateway still answers the rest of every
    // query (DEGRADED); only with every subgraph DOWN does it have nothing to serve. Each subgraph's own
    // readiness is asked, so a subgraph whose ledger is down shows here as DEGRADED, not UP.
    readiness: () =>
      readiness(
        "gateway",
        {
          ...Object.fromEntries(
            Object.entries(resolved).map(([name, url]) => [`subgraph:${name}`, subgraphCheck(url)]),
          ),
          ...options.healthChecks,
        },
        (states) => {
          const subgraphs = Object.entries(states).filter(([n]) => n.startsWith("subgraph:"));
          if (subgraphs.length > 0 && subgraphs.every(([, s]) => s.status === "DOWN")) return "DOWN";
          return Object.values(states).every((s) => s.status === "UP") ? "UP" : "DEGRADED";
        },
        // Each subgraph's own checks take up to CHECK_TIMEOUT_MS: it gets twice that to answer.
        2 * CHECK_TIMEOUT_MS,
      ),
    // `/health` keeps its first shape: the status and one word per subgraph.
    summary: (ready) => ({
      status: ready.status,
      subgraphs: Object.fromEntries(
        Object.entries(ready.checks)
          .filter(([name]) => name.startsWith("subgraph:"))
          .map(([name, state]) => [name.slice("subgraph:".length), state.status]),
      ),
    }),
    observability: { ...options.observability, logger, metrics },
  });
  return { ...server, subgraphs: () => ({ ...resolved }) };
}

const HEALTH_STATES = new Set<HealthState>(["UP", "DEGRADED", "DOWN"]);

/** A subgraph as its own `/health/ready` reports it (its ledger, cache, directory), or DOWN when it does not answer. */
function subgraphCheck(graphqlUrl: string): HealthCheck {
  const url = graphqlUrl.replace(/\/graphql$/, "/health/ready");
  return {
    check: async (): Promise<DependencyState> => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2 * CHECK_TIMEOUT_MS - 100) });
      const body = (await response.json().catch(() => null)) as {
        status?: HealthState;
        checks?: Record<string, DependencyState>;
      } | null;
      if (!body?.status || !HEALTH_STATES.has(body.status))
        return { status: "DOWN", url, error: `answered HTTP ${response.status} without a readiness` };
      return {
        status: body.status,
        url,
        checks: Object.fromEntries(Object.entries(body.checks ?? {}).map(([n, c]) => [n, c.status])),
      };
    },
  };
}
