import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeServer, listen } from "./listen.ts";
import type { ApolloServer, BaseContext, ContextFunction, HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { isTradegraphError } from "../domain/errors.ts";
import { toGraphQLError } from "./graphqlErrors.ts";
import type { Readiness } from "./health.ts";
import { silentLogger, type Logger } from "./logger.ts";
import { ServiceMetrics } from "./metrics.ts";
import { REQUEST_ID_HEADER, requestIdFrom, runInRequest, type RequestContext } from "./requestContext.ts";
import { continueTrace, traceOfSpan } from "./traceContext.ts";
import { endSpan, startServerSpan, tracer } from "./tracing.ts";

/** HTTP statuses of errors answered before GraphQL runs (no data, one error). */
const STATUS_OF_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  REQUEST_TIMEOUT: 504,
};

/** Headers a response carries whatever it is (CORS for a browser origin); a preflight is answered whole. */
export interface CrossOrigin {
  (
    method: string,
    headers: IncomingMessage["headers"],
  ): {
    /** Set for a preflight: answer with this status and no body. */
    preflightStatus?: number;
    headers: Record<string, string>;
  };
}

export interface GraphQLHttpServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** How a service is seen from outside: its logs, its metrics and its health. */
export interface Observability {
  /** @default nothing is logged */
  logger?: Logger;
  /** @default a registry of its own, without process metrics */
  metrics?: ServiceMetrics;
  /** When set, `/metrics` needs `Authorization: Bearer <token>`; else it is open like `/health`. */
  metricsToken?: string;
}

/**
 * Serves an Apollo Server on `/graphql` on plain node:http (no framework needed), with:
 * - `/health/live`: 200 while the process can answer at all (no dependency is asked);
 * - `/health/ready`: each dependency's state in JSON, 200 when UP or DEGRADED (able to serve, perhaps
 *   partly), 503 when DOWN; `/health` answers the same readiness, in `summary`'s shape when given;
 * - `/metrics`: Prometheus' text format;
 * - one log line per request, with its id (`x-request-id`: the caller's if sane, else new; echoed in
 *   the response) and its W3C trace id, both kept for the whole request (`serving/requestContext.ts`).
 */
export async function serveGraphQL<TContext extends BaseContext, TAdmission = undefined>(options: {
  apollo: ApolloServer<TContext>;
  context: ContextFunction<[{ req: IncomingMessage; admission: TAdmission }], TContext>;
  /**
   * Runs on the raw request before any GraphQL is parsed (credentials, the gateway's proof, rate
   * limits); what it returns reaches `context`, what it throws is answered at once (401, 429...).
   */
  admit?: (req: IncomingMessage, body: Buffer) => Promise<TAdmission> | TAdmission;
  crossOrigin?: CrossOrigin;
  /** Wraps each GraphQL execution (the gateway's overall deadline); what it throws is answered as admission's. */
  execute?: <T>(run: () => Promise<T>) => Promise<T>;
  host: string;
  port: number;
  /** This service's name, in its log lines and health answers. */
  service: string;
  readiness: () => Promise<Readiness>;
  /** `/health`'s body, from the readiness (kept for the clients of its older shape). @default the readiness */
  summary?: (readiness: Readiness) => unknown;
  observability?: Observability;
}): Promise<GraphQLHttpServer & { metrics: ServiceMetrics }> {
  const { apollo } = options;
  const logger = options.observability?.logger ?? silentLogger;
  const metrics = options.observability?.metrics ?? new ServiceMetrics(options.service);
  const metricsToken = options.observability?.metricsToken;
  const started = Date.now();
  await apollo.start();
  const server = createServer((req, res) => {
    const arrived = performance.now();
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    // Spans only when exported: nothing is built for them otherwise.
    const span = tracer()
      ? startServerSpan(`${req.method} ${routeOf(req.url)}`, req.headers, {
          "http.request.method": req.method ?? "",
          "url.path": routeOf(req.url),
          "tradegraph.request_id": requestId,
        })
      : null;
    const trace = span ? traceOfSpan(span, req.headers.traceparent) : continueTrace(req.headers.traceparent);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const context: RequestContext = {
      requestId,
      trace,
      span,
      logger: logger.child({ requestId, traceId: trace.traceId }),
      operationName: null,
      errorCodes: [],
      fields: {},
    };
    res.once("close", () => finished(req, res, context, (performance.now() - arrived) / 1000));
    runInRequest(context, () => handle(req, res, context)).catch((error: unknown) => {
      context.errorCodes.push("INTERNAL_SERVER_ERROR");
      context.logger.error({ err: error }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
        }),
      );
    });
  });
  server.keepAliveTimeout = 65_000;

  /** The request's one log line and its metrics; probes and scrapes log at debug only. */
  function finished(req: IncomingMessage, res: ServerResponse, context: RequestContext, seconds: number) {
    const route = routeOf(req.url);
    metrics.observeHttpResponse(route, res.statusCode);
    endSpan(context.span, res.statusCode >= 500 ? new Error(`HTTP ${res.statusCode}`) : undefined, {
      "http.response.status_code": res.statusCode,
      ...(context.operationName ? { "graphql.operation.name": context.operationName } : {}),
      ...(context.errorCodes.length ? { "tradegraph.error_codes": context.errorCodes } : {}),
    });
    if (route === "/graphql") metrics.observeRequest(context.operationName, seconds, context.errorCodes);
    const line = {
      method: req.method,
      route,
      status: res.statusCode,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(route === "/graphql" ? { operation: context.operationName } : {}),
      ...(context.errorCodes.length ? { errors: context.errorCodes } : {}),
      ...(context.trace.parentSpanId ? { parentSpanId: context.trace.parentSpanId } : {}),
      spanId: context.trace.spanId,
      ...(res.writableFinished ? {} : { aborted: true }),
      ...context.fields,
    };
    if (route === "/graphql" || route === "other") context.logger.info(line, "request");
    else context.logger.debug(line, "request");
  }

  async function handle(req: IncomingMessage, res: ServerResponse, context: RequestContext) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/health/live") {
      json(res, 200, {
        status: "UP",
        service: options.service,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
      });
      return;
    }
    if (url.pathname === "/health/ready" || url.pathname === "/health") {
      const ready = await options.readiness();
      const body = url.pathname === "/health" && options.summary ? options.summary(ready) : ready;
      json(res, ready.status === "DOWN" ? 503 : 200, body);
      return;
    }
    if (url.pathname === "/metrics") {
      if (metricsToken && !bearerMatches(req.headers.authorization, metricsToken)) {
        res
          .writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" })
          .end("Unauthorized");
        return;
      }
      const { contentType, body } = await metrics.expose();
      res.writeHead(200, { "content-type": contentType }).end(body);
      return;
    }
    if (url.pathname !== "/graphql") {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: GraphQL is served on /graphql");
      return;
    }
    const cors = options.crossOrigin?.(req.method ?? "GET", req.headers);
    if (cors) for (const [key, value] of Object.entries(cors.headers)) res.setHeader(key, value);
    if (cors?.preflightStatus !== undefined) {
      res.writeHead(cors.preflightStatus).end();
      return;
    }
    const raw = req.method === "POST" ? await readBody(req) : EMPTY;
    if (raw === TOO_LARGE) {
      context.errorCodes.push("BAD_USER_INPUT");
      // The rest of the body is never read, so this connection cannot carry another request: close it.
      res.writeHead(413, { "content-type": "application/json", connection: "close" });
      res.end(
        JSON.stringify({
          errors: [
            { message: `Request body over ${MAX_BODY_BYTES} bytes`, extensions: { code: "BAD_USER_INPUT" } },
          ],
        }),
        () => req.destroy(),
      );
      return;
    }
    let admission: TAdmission;
    try {
      admission = (options.admit ? await options.admit(req, raw) : undefined) as TAdmission;
    } catch (error) {
      refuse(res, error, context);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    const body = req.method === "POST" ? parseJson(raw) : undefined;
    if (body && typeof body === "object" && "operationName" in body && typeof body.operationName === "string")
      context.operationName = body.operationName;
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method?.toUpperCase() ?? "GET",
      headers,
      search: url.search,
      body,
    };
    const run = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: () => options.context({ req, admission }),
      });
    let response: Awaited<ReturnType<typeof run>>;
    try {
      response = options.execute ? await options.execute(run) : await run();
    } catch (error) {
      refuse(res, error, context);
      return;
    }
    const outHeaders: Record<string, string> = {};
    for (const [key, value] of response.headers) outHeaders[key] = value;
    // CORS varies on Origin, Apollo on Accept: a cache must key on both.
    const vary = res.getHeader("vary");
    if (typeof vary === "string" && outHeaders.vary) outHeaders.vary = `${vary}, ${outHeaders.vary}`;
    res.writeHead(response.status ?? 200, outHeaders);
    if (response.body.kind === "complete") {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  const port = await listen(server, options.host, options.port);
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    server,
    metrics,
    async close() {
      await closeServer(server);
      await apollo.stop();
    },
  };
}

/** Answers a project error raised outside GraphQL execution (401, 429 with Retry-After, 504); rethrows others. */
function refuse(res: ServerResponse, error: unknown, context: RequestContext): void {
  if (!isTradegraphError(error) || STATUS_OF_CODE[error.code] === undefined) throw error;
  context.errorCodes.push(error.code);
  const graphQLError = toGraphQLError(error);
  const retryAfter = graphQLError.extensions.retryAfterSeconds;
  res.writeHead(STATUS_OF_CODE[error.code]!, {
    "content-type": "application/json",
    ...(typeof retryAfter === "number" ? { "retry-after": String(Math.ceil(retryAfter)) } : {}),
  });
  res.end(
    JSON.stringify({ errors: [{ message: graphQLError.message, extensions: graphQLError.extensions }] }),
  );
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
    .end(JSON.stringify(body));
}

const ROUTES = new Set(["/graphql", "/health", "/health/live", "/health/ready", "/metrics"]);

/** The path as a metric label: the known routes, else "other" (a scanner's paths must not become labels). */
function routeOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!;
  return ROUTES.has(path) ? path : "other";
}

/** Compares a bearer token in constant time (a timing difference would leak the token byte by byte). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith("Bearer ") ? header.slice(7) : "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Request bodies are capped: a GraphQL request (even with a document) fits in 2 MiB. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const TOO_LARGE = Symbol("request body too large");
const EMPTY = Buffer.alloc(0);

/** The body's exact bytes (the gateway's proof signs them), capped at MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Buffer | typeof TOO_LARGE> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function parseJson(raw: Buffer): unknown {
  const text = raw.toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text; // Apollo Server answers a non-JSON body with a 400 of its own
  }
}
