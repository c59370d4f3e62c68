import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import { NetworkError, NetworkUnavailableError } from "../../core/errors.ts";
import { canonicalJson } from "./canonicalJson.ts";
import type { ResolvedAntchainAdapterOptions } from "./options.ts";

export interface BaasAnswer {
  success: boolean;
  code: string;
  data: string;
}

/** Answer codes the client reacts to. */
const TOKEN_INVALID = "10006";
const TOKEN_MISSING = "10005";

/**
 * A BaaS REST client: token handshake signed with the tenant's RSA key (SHA256withRSA over accessId +
 * time), renewed before it expires and once more when the service says it has; every request signed over
 * its canonical JSON; per-request deadlines; retries only for calls that are safe to repeat.
 */
export class BaasRestClient {
  private readonly key: KeyObject;
  private token: { value: string; obtained: number } | null = null;
  private handshaking: Promise<string> | null = null;
  /** HTTP requests sent (handshakes included). */
  requests = 0;
  handshakes = 0;

  constructor(private readonly options: ResolvedAntchainAdapterOptions) {
    this.key = createPrivateKey(options.privateKey);
  }

  /** Sends a call; `idempotent` calls are retried on transport failures. Resolves only successful answers. */
  async call(
    path: "/api/contract/chainCall" | "/api/contract/chainCallForBiz",
    body: Record<string, unknown>,
    idempotent: boolean,
  ): Promise<string> {
    const attempts = idempotent ? this.options.retries + 1 : 1;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        let answer = await this.send(path, body, await this.currentToken());
        if (!answer.success && (answer.code === TOKEN_INVALID || answer.code === TOKEN_MISSING)) {
          // Expired earlier than expected (e.g. the service restarted): renew once; the refused call was not executed.
          this.token = null;
          answer = await this.send(path, body, await this.currentToken());
        }
        if (!answer.success)
          throw new NetworkError(
            this.options.name,
            `The ${this.options.name} service refused ${String(body.method)}`,
            { details: `${answer.code}: ${answer.data}` },
          );
        return answer.data;
      } catch (error) {
        lastError = error;
        if (!(error instanceof NetworkUnavailableError)) throw error;
        if (attempt + 1 < attempts) await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      }
    }
    throw lastError;
  }

  /** The answer's code, for callers that treat some refusals as facts (e.g. "receipt pending"). */
  async callRaw(
    path: "/api/contract/chainCall" | "/api/contract/chainCallForBiz",
    body: Record<string, unknown>,
  ): Promise<BaasAnswer> {
    return this.send(path, body, await this.currentToken());
  }

  private async currentToken(): Promise<string> {
    const fresh = this.token && Date.now() - this.token.obtained < this.options.tokenTtlMs * 0.8;
    if (fresh) return this.token!.value;
    this.handshaking ??= this.handshake().finally(() => (this.handshaking = null));
    return this.handshaking;
  }

  private async handshake(): Promise<string> {
    const time = String(Date.now());
    const secret = sign("sha256", Buffer.from(this.options.accessId + time), this.key).toString("hex");
    const answer = await this.post("/api/contract/shakeHand", {
      accessId: this.options.accessId,
      time,
      secret,
    });
    this.handshakes++;
    if (!answer.success)
      throw new NetworkError(this.options.name, `The ${this.options.name} service refused the handshake`, {
        details: `${answer.code}: ${answer.data}`,
      });
    this.token = { value: answer.data, obtained: Date.now() };
    return answer.data;
  }

  private async send(path: string, body: Record<string, unknown>, token: string): Promise<BaasAnswer> {
    const request = {
      ...body,
      accessId: this.options.accessId,
      token,
      bizid: this.options.bizid,
      tenantid: this.options.tenantId,
      timestamp: String(Date.now()),
    };
    const signature = sign("sha256", Buffer.from(canonicalJson(request)), this.key).toString("hex");
    return this.post(path, { ...request, signature });
  }

  private async post(path: string, body: Record<string, unknown>): Promise<BaasAnswer> {
    this.requests++;
    let response: Response;
    try {
      response = await fetch(`${this.options.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch (error) {
      throw new NetworkUnavailableError(
        this.options.name,
        `The ${this.options.name} service is unreachable`,
        { cause: error },
      );
    }
    if (response.status >= 500 || response.status === 429)
      throw new NetworkUnavailableError(
        this.options.name,
        `The ${this.options.name} service answered HTTP ${response.status}`,
      );
    try {
      return (await response.json()) as BaasAnswer;
    } catch (error) {
      throw new NetworkError(
        this.options.name,
        `The ${this.options.name} service answered something that is not JSON`,
        { cause: error },
      );
    }
  }
}
