import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeServer, listen } from "../serving/listen.ts";
import type { RequestHeaders } from "../access/identity/authenticator.ts";
import { isOperator, type Principal } from "../access/principal.ts";
import { BadUserInputError, NotFoundError } from "../domain/errors.ts";
import { API_MAJOR, API_VERSION } from "./codes.ts";
import type { DcsaHandler, DcsaServices } from "./context.ts";
import { dcsaError, errorAnswer } from "./errors.ts";
import { getEventById, getEvents } from "./eventRoutes.ts";
import {
  deleteSubscriptionById,
  getDeadLetters,
  getSubscriptionById,
  getSubscriptions,
  postRedeliver,
  postSubscription,
  putSecret,
  putSubscription,
} from "./subscriptionRoutes.ts";
import { viewerOf } from "./visibility.ts";

/** What the API asks of the outside: who a request is (credentials) and whether it may go on (rate). */
export interface DcsaAccess {
  /** The gateway's authenticator: `Authorization: Bearer <jwt>` or `x-api-key`. */
  authenticate(headers: RequestHeaders): Promise<Principal>;
  /** The gateway's per-principal budget; throws RateLimitedError when spent. */
  rateLimit(principal: Principal): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  handler: DcsaHandler;
}

/** The spec's endpoints, and two extensions for dead letters, under the base path (default /v2). */
function routes(base: string): Route[] {
  const at = (path: string) => new RegExp(`^${base}${path}/?$`);
  return [
    { method: "GET", pattern: at("/events"), handler: getEvents },
    { method: "GET", pattern: at("/events/(?<eventID>[^/]+)"), handler: getEventById },
    { method: "GET", pattern: at("/event-subscriptions"), handler: getSubscriptions },
    { method: "POST", pattern: at("/event-subscriptions"), handler: postSubscription },
    {
      method: "GET",
      pattern: at("/event-subscriptions/(?<subscriptionID>[^/]+)"),
      handler: getSubscriptionById,
    },
    { method: "PUT", pattern: at("/event-subscriptions/(?<subscriptionID>[^/]+)"), handler: putSubscription },
    {
      method: "DELETE",
      pattern: at("/event-subscriptions/(?<subscriptionID>[^/]+)"),
      handler: deleteSubscriptionById,
    },
    {
      method: "PUT",
      pattern: at("/event-subscriptions/(?<subscriptionID>[^/]+)/secret"),
      handler: putSecret,
    },
    {
      method: "GET",
      pattern: at("/event-subscriptions/(?<subscriptionID>[^/]+)/dead-letters"),
      handler: getDeadLetters,
    },
    {
      method: "POST",
      pattern: at("/event-subscriptions/(?<subscriptionID>[^/]+)/dead-letters/redeliver"),
      handler: postRedeliver,
    },
  ];
}

/** Request bodies are small JSON objects (a subscription). */
const MAX_BODY_BYTES = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new BadUserInputError(`Request body over ${MAX_BODY_BYTES} bytes`, "body");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadUserInputError("The body is not JSON", "body");
  }
}

export interface DcsaServerOptions {
  services: DcsaServices;
  access: DcsaAccess;
  host: string;
  port: number;
  /** The path the API is served under. @default "/v2" */
  basePath?: string;
  /** `/health` answers 200 with this when it resolves, 503 when it throws. */
  health: () => Promise<unknown>;
}

export interface DcsaServer {
  /** e.g. `http://127.0.0.1:4006/v2` */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * The DCSA Track & Trace 2.2 API on plain node:http: every request authenticated with the graph's
 * credentials and counted against the caller's rate budget before anything else, every answer (errors
 * included) with `API-Version`, every error in the spec's shape.
 */
export async function startDcsaServer(options: DcsaServerOptions): Promise<DcsaServer> {
  const base = options.basePath ?? "/v2";
  const table = routes(base);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET").toUpperCase();
    const requestUri = url.pathname + url.search;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = body === undefined ? "" : JSON.stringify(body);
      res.writeHead(status, {
        "api-version": API_VERSION,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      });
      res.end(text);
    };
    try {
      if (url.pathname === "/health") {
        try {
          send(200, await options.health());
        } catch (error) {
          send(503, { status: "DOWN", error: String(error) });
        }
        return;
      }
      const matching = table.filter((r) => r.pattern.test(url.pathname));
      if (matching.length === 0) throw new NotFoundError(`No such resource: ${url.pathname}`);
      const route = matching.find((r) => r.method === method);
      if (!route) {
        const allow = matching.map((r) => r.method).join(", ");
        send(405, dcsaError(method, requestUri, 405, "methodNotAllowed", `Allowed: ${allow}`), { allow });
        return;
      }
      // Credentials first: nothing about a resource is revealed to an anonymous caller.
      const principal = await options.access.authenticate(req.headers);
      await options.access.rateLimit(principal);
      const version = req.headers["api-version"];
      if (typeof version === "string" && version.trim() !== API_MAJOR)
        throw new BadUserInputError(
          `API-Version: this is version ${API_MAJOR} (send the major version only)`,
          "API-Version",
        );
      const body = method === "POST" || method === "PUT" ? await readJson(req) : undefined;
      const params = route.pattern.exec(url.pathname)!.groups ?? {};
      const answer = await route.handler(
        {
          method,
          url,
          params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decodeURIComponent(v)])),
          body,
          principal,
          viewer: viewerOf(principal, options.services.parties),
          owner: {
            party: principal.party,
            operator: isOperator(principal),
            subject: principal.subject,
          },
        },
        options.services,
      );
      send(answer.status, answer.body, answer.headers);
    } catch (error) {
      const { status, body, headers } = errorAnswer(method, requestUri, error);
      if (status === 500) console.error(`dcsa: ${method} ${requestUri}:`, error);
      if (!res.headersSent) send(status, body, headers);
      else res.destroy();
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000;
  const port = await listen(server, options.host, options.port);
  return {
    url: `http://${options.host}:${port}${base}`,
    port,
    server,
    close: () => closeServer(server),
  };
}
