import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BAAS_CODES, type BaasAnswer } from "../../wire/antchain/answers.ts";
import { BAAS_PATHS } from "../../wire/antchain/requests.ts";
import type { PortChain } from "./chain.ts";
import { answerBizCall } from "./contractCalls.ts";
import { PortLogisticsContract } from "./portContract.ts";
import { answerChainQuery } from "./queries.ts";
import { parseRequest, Refusal } from "./refusal.ts";
import type { Tenant } from "./tenants.ts";
import { TokenStore } from "./tokens.ts";
import { credentialsSchema } from "../../wire/antchain/requests.ts";

export interface BaasServerOptions {
  chain: PortChain;
  tenants: Tenant[];
  /** The chain's id in requests. */
  bizid: string;
  host: string;
  port: number;
  /** Token lifetime. @default 1_800_000 (30 min) */
  tokenTtlMs?: number;
  /** Largest accepted clock difference for handshakes. @default 300_000 */
  maxSkewMs?: number;
}

const ok = (data: string): BaasAnswer => ({ success: true, code: BAAS_CODES.OK, data });
const fail = (code: string, message: string): BaasAnswer => ({
  success: false,
  code,
  data: message,
  message,
});

/**
 * An HTTP service answering AntChain BaaS's REST interface in the parts a client uses, in its shapes:
 * `shakeHand` (token for an RSA-signed accessId + time), `chainCall` (chain queries) and
 * `chainCallForBiz` (contract calls in the managed-key mode), every answer `{success, code, data}` with
 * HTTP 200. See `wire/antchain/requests.ts` for the request shapes and `answers.ts` for the codes.
 */
export async function startBaasServer(
  options: BaasServerOptions,
): Promise<{ url: string; port: number; server: Server; close(): Promise<void> }> {
  const { chain, tenants } = options;
  const tokens = new TokenStore(tenants, {
    ...(options.tokenTtlMs ? { ttlMs: options.tokenTtlMs } : {}),
    ...(options.maxSkewMs ? { maxSkewMs: options.maxSkewMs } : {}),
  });
  const contracts = new Set([PortLogisticsContract.NAME]);

  /** Token, then chain: the caller is a tenant and names this chain. */
  function authenticate(body: Record<string, unknown>): Tenant {
    const tenant = tokens.authenticate(body);
    const { bizid } = parseRequest(credentialsSchema, body);
    if (bizid !== options.bizid)
      throw new Refusal(BAAS_CODES.BAD_REQUEST, `bizid ${bizid} is not a chain of this service`);
    return tenant;
  }

  const routes: Record<string, (body: Record<string, unknown>) => string> = {
    [BAAS_PATHS.shakeHand]: (body) => tokens.shakeHand(body),
    [BAAS_PATHS.chainCall]: (body) => {
      authenticate(body);
      return answerChainQuery(chain, tenants, body);
    },
    [BAAS_PATHS.chainCallForBiz]: (body) =>
      answerBizCall({ chain, tenants, contracts }, authenticate(body), body),
  };

  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const route = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (!route || req.method !== "POST") return send(res, 404, fail(BAAS_CODES.NOT_FOUND, "not found"));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    } catch {
      return send(res, 200, fail(BAAS_CODES.BAD_REQUEST, "the body must be a JSON object"));
    }
    try {
      send(res, 200, ok(route(body)));
    } catch (error) {
      send(
        res,
        200,
        error instanceof Refusal
          ? fail(error.code, error.message)
          : fail(BAAS_CODES.INTERNAL, "internal error"),
      );
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, answer: BaasAnswer): void {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8" }).end(JSON.stringify(answer));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 8 * 1024 * 1024) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
