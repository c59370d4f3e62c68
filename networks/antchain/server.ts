import { randomBytes, verify } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PortChain } from "./chain.ts";
import { CODES } from "./codes.ts";
import { canonicalJson, sha256Hex } from "./hashing.ts";
import { ContractError, PortLogisticsContract } from "./portContract.ts";
import type { Tenant } from "./tenants.ts";

export interface BaasServerOptions {
  chain: PortChain;
  tenants: Tenant[];
  /** The chain's id in requests. */
  bizid: string;
  host: string;
  port: number;
  /** Token lifetime. @default 1_800_000 (30 min) */
  tokenTtlMs?: number;
  /** Largest accepted clock difference for handshakes and signed requests. @default 300_000 */
  maxSkewMs?: number;
}

type Answer = { success: boolean; code: string; data: unknown };
const ok = (data: unknown): Answer => ({ success: true, code: CODES.OK, data });
const fail = (code: string, data: string): Answer => ({ success: false, code, data });

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An HTTP service shaped like AntChain BaaS's REST interface in the parts a client uses: token handshake
 * signed with the tenant's RSA key (`shakeHand`), chain queries (`chainCall`) and contract calls
 * (`chainCallForBiz`). Every request after the handshake carries the token and is itself signed
 * (SHA256withRSA over its canonical JSON), so a tampered body is refused.
 */
export async function startBaasServer(
  options: BaasServerOptions,
): Promise<{ url: string; port: number; server: Server; close(): Promise<void> }> {
  const tokens = new Map<string, { accessId: string; expires: number }>();
  const ttl = options.tokenTtlMs ?? 1_800_000;
  const maxSkew = options.maxSkewMs ?? 300_000;
  const tenants = new Map(options.tenants.map((t) => [t.accessId, t]));
  const { chain } = options;

  function shakeHand(body: Record<string, unknown>): Answer {
    const { accessId, time, secret } = body;
    if (typeof accessId !== "string" || typeof time !== "string" || typeof secret !== "string")
      throw new Refusal(CODES.BAD_REQUEST, "accessId, time and secret are required strings");
    const tenant = tenants.get(accessId);
    if (!tenant) throw new Refusal(CODES.UNKNOWN_ACCESS_ID, `accessId ${accessId} does not exist`);
    if (!/^\d{13}$/.test(time) || Math.abs(Date.now() - Number(time)) > maxSkew)
      throw new Refusal(CODES.STALE_TIME, "time is not within 5 minutes of the server's clock");
    if (!verifyHex(accessId + time, secret, tenant))
      throw new Refusal(
        CODES.HANDSHAKE_SIGNATURE_INVALID,
        "secret is not a valid signature of accessId + time",
      );
    const token = randomBytes(24).toString("hex");
    tokens.set(token, { accessId, expires: Date.now() + ttl });
    return ok(token);
  }

  /** Token and request signature: the caller is the tenant it claims, and the body is as it signed it. */
  function authenticate(body: Record<string, unknown>): Tenant {
    const { accessId, token, signature, timestamp } = body;
    if (typeof token !== "string" || token === "")
      throw new Refusal(CODES.TOKEN_MISSING, "token is required: call shakeHand first");
    const session = tokens.get(token);
    if (!session || session.expires < Date.now() || session.accessId !== accessId) {
      if (session && session.expires < Date.now()) tokens.delete(token);
      throw new Refusal(CODES.TOKEN_INVALID, "token is invalid or expired");
    }
    const tenant = tenants.get(session.accessId)!;
    if (
      typeof timestamp !== "string" ||
      !/^\d{13}$/.test(timestamp) ||
      Math.abs(Date.now() - Number(timestamp)) > maxSkew
    )
      throw new Refusal(CODES.STALE_TIME, "timestamp is missing or not within 5 minutes");
    const { signature: _s, ...signed } = body;
    if (typeof signature !== "string" || !verifyHex(canonicalJson(signed), signature, tenant))
      throw new Refusal(CODES.REQUEST_SIGNATURE_INVALID, "request signature does not match its body");
    if (body.bizid !== options.bizid)
      throw new Refusal(CODES.UNKNOWN_BIZID, `bizid ${String(body.bizid)} is not a chain of this service`);
    return tenant;
  }

  function chainCall(body: Record<string, unknown>): Answer {
    authenticate(body);
    const hash = typeof body.hash === "string" ? body.hash : "";
    switch (body.method) {
      case "QUERYLASTBLOCK":
        return ok(JSON.stringify(chain.header(chain.height)));
      case "QUERYBLOCK":
      case "QUERYBLOCKBODY": {
        const number = Number(body.requestStr);
        if (!Number.isInteger(number) || number < 0)
          throw new Refusal(CODES.BAD_REQUEST, "requestStr must be a block number");
        const block = chain.block(number);
        if (!block) throw new Refusal(CODES.NOT_FOUND, `block ${number} does not exist`);
        return ok(
          JSON.stringify(
            body.method === "QUERYBLOCK"
              ? { ...block.header, transactionHashes: block.transactions.map((t) => t.hash) }
              : { header: block.header, transactions: block.transactions, receipts: block.receipts },
          ),
        );
      }
      case "QUERYTRANSACTION": {
        const tx = chain.transaction(hash);
        if (!tx) throw new Refusal(CODES.NOT_FOUND, `transaction ${hash} does not exist`);
        return ok(JSON.stringify(tx));
      }
      case "QUERYRECEIPT": {
        const receipt = chain.receipt(hash);
        if (!receipt)
          throw new Refusal(
            chain.isPending(hash) ? CODES.RECEIPT_PENDING : CODES.NOT_FOUND,
            `receipt of ${hash} is not available`,
          );
        return ok(JSON.stringify(receipt));
      }
      case "QUERYACCOUNT": {
        const name = String(body.requestStr ?? "");
        const owner = options.tenants.find((t) => t.accounts.includes(name));
        if (!owner) throw new Refusal(CODES.NOT_FOUND, `account ${name} does not exist`);
        return ok(JSON.stringify({ id: sha256Hex(name), name, tenantId: owner.tenantId, status: "NORMAL" }));
      }
      default:
        throw new Refusal(
          CODES.UNKNOWN_METHOD,
          `method ${String(body.method)} is not supported by chainCall`,
        );
    }
  }

  function chainCallForBiz(body: Record<string, unknown>): Answer {
    const tenant = authenticate(body);
    switch (body.method) {
      case "CALLCONTRACTBIZASYNC": {
        const { orderId, account, contractName, methodSignature, requestStr } = body;
        if (
          typeof orderId !== "string" ||
          typeof contractName !== "string" ||
          typeof methodSignature !== "string" ||
          typeof requestStr !== "string"
        ) {
          throw new Refusal(
            CODES.BAD_REQUEST,
            "orderId, contractName, methodSignature and requestStr are required",
          );
        }
        const contract = sha256Hex(contractName);
        if (chain.contracts.get(contract) !== contractName)
          throw new Refusal(CODES.NOT_FOUND, `contract ${contractName} does not exist`);
        const { READS, WRITES } = PortLogisticsContract;
        if (READS.has(methodSignature)) {
          // A read-only method is answered at once from the latest block, without a transaction.
          try {
            return ok(chain.contract.query(methodSignature, JSON.parse(requestStr) as unknown[]));
          } catch (error) {
            throw new Refusal(
              error instanceof ContractError || error instanceof SyntaxError
                ? CODES.CONTRACT_ERROR
                : CODES.INTERNAL,
              (error as Error).message,
            );
          }
        }
        if (!WRITES.has(methodSignature))
          throw new Refusal(CODES.UNKNOWN_METHOD, `${contractName} has no method ${methodSignature}`);
        if (typeof account !== "string" || !tenant.accounts.includes(account))
          throw new Refusal(
            CODES.ACCOUNT_FORBIDDEN,
            `tenant ${tenant.accessId} may not send from account ${String(account)}`,
          );
        const { hash } = chain.submit({
          orderId,
          from: sha256Hex(account),
          to: contract,
          method: methodSignature,
          requestStr,
        });
        return ok(hash);
      }
      case "QUERYRECEIPTBIZ": {
        const hash = chain.txHashForOrder(String(body.orderId ?? ""));
        if (!hash) throw new Refusal(CODES.NOT_FOUND, `no transaction for orderId ${String(body.orderId)}`);
        const receipt = chain.receipt(hash);
        if (!receipt) throw new Refusal(CODES.RECEIPT_PENDING, `transaction ${hash} is not in a block yet`);
        return ok(JSON.stringify(receipt));
      }
      default:
        throw new Refusal(
          CODES.UNKNOWN_METHOD,
          `method ${String(body.method)} is not supported by chainCallForBiz`,
        );
    }
  }

  const routes: Record<string, (body: Record<string, unknown>) => Answer> = {
    "/api/contract/shakeHand": shakeHand,
    "/api/contract/chainCall": chainCall,
    "/api/contract/chainCallForBiz": chainCallForBiz,
  };

  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const route = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (!route || req.method !== "POST") return send(res, 404, fail(CODES.NOT_FOUND, "not found"));
    let body: Record<string, unknown>;
    try {
      const text = await readBody(req);
      body = JSON.parse(text) as Record<string, unknown>;
      if (!body || typeof body !== "object" || Array.isArray(body)) throw new Error("not an object");
    } catch {
      return send(res, 200, fail(CODES.BAD_REQUEST, "body must be a JSON object"));
    }
    try {
      send(res, 200, route(body));
    } catch (error) {
      send(
        res,
        200,
        error instanceof Refusal ? fail(error.code, error.message) : fail(CODES.INTERNAL, "internal error"),
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

function verifyHex(message: string, hexSignature: string, tenant: Tenant): boolean {
  if (!/^[0-9a-f]+$/i.test(hexSignature)) return false;
  try {
    return verify("sha256", Buffer.from(message), tenant.publicKey, Buffer.from(hexSignature, "hex"));
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, answer: Answer): void {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8" }).end(JSON.stringify(answer));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4 * 1024 * 1024) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
