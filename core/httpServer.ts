import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApolloServer, BaseContext, ContextFunction, HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import { isTradegraphError } from "./errors.ts";
import { toGraphQLError } from "./graphqlErrors.ts";

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

/**
 * Serves an Apollo Server on `/graphql` plus `/health`, on plain node:http (no framework needed).
 * `health` answers 200 with JSON when it resolves, 503 when it throws.
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
  health: () => Promise<unknown>;
}): Promise<GraphQLHttpServer> {
  const { apollo } = options;
  await apollo.start();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
        }),
      );
      void error;
    });
  });
  server.keepAliveTimeout = 65_000;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/health") {
      try {
        const body = await options.health();
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      } catch (error) {
        res
          .writeHead(503, { "content-type": "application/json" })
          .end(JSON.stringify({ status: "DOWN", error: String(error) }));
      }
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
      refuse(res, error);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    const body = req.method === "POST" ? parseJson(raw) : undefined;
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
      refuse(res, error);
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

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}

/** Answers a project error raised outside GraphQL execution (401, 429 with Retry-After, 504); rethrows others. */
function refuse(res: ServerResponse, error: unknown): void {
  if (!isTradegraphError(error) || STATUS_OF_CODE[error.code] === undefined) throw error;
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
