import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApolloServer, BaseContext, ContextFunction, HTTPGraphQLRequest } from "@apollo/server";
import { HeaderMap } from "@apollo/server";

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
export async function serveGraphQL<TContext extends BaseContext>(options: {
  apollo: ApolloServer<TContext>;
  context: ContextFunction<[{ req: IncomingMessage }], TContext>;
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
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    const body = req.method === "POST" ? await readJson(req) : undefined;
    if (body === TOO_LARGE) {
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
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method?.toUpperCase() ?? "GET",
      headers,
      search: url.search,
      body,
    };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context({ req }),
    });
    const outHeaders: Record<string, string> = {};
    for (const [key, value] of response.headers) outHeaders[key] = value;
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

/** Request bodies are capped: a GraphQL request (even with a document) fits in 2 MiB. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const TOO_LARGE = Symbol("request body too large");

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return TOO_LARGE;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text; // Apollo Server answers a non-JSON body with a 400 of its own
  }
}
