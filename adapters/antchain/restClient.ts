import { createPrivateKey, type KeyObject } from "node:crypto";
import { NetworkError, NetworkUnavailableError, NotFoundError } from "../../domain/errors.ts";
import { BAAS_CODES, isServiceFailure, type BaasAnswer } from "../../wire/antchain/answers.ts";
import { BAAS_PATHS, shakeHandRequest } from "../../wire/antchain/requests.ts";
import type { ResolvedAntchainAdapterOptions } from "./options.ts";

type Path = (typeof BAAS_PATHS)["chainCall"] | (typeof BAAS_PATHS)["chainCallForBiz"];

/**
 * A BaaS REST client as the published SDKs behave: one handshake signed with the tenant's access key
 * (SHA256withRSA over accessId + time) for a token, renewed before it expires and again when the service
 * answers 202; every request then carries accessId, token and bizid (and tenantid on chainCallForBiz).
 * Per-request deadlines; retries only for calls that are safe to repeat, and only when the service or
 * the connection failed (a code starting with 5, a timeout, a refused connection).
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

  /** A chain query (`chainCall`); its `data`. */
  chainCall(body: Record<string, unknown>, idempotent = true): Promise<string> {
    return this.call(BAAS_PATHS.chainCall, body, idempotent);
  }

  /** A `chainCallForBiz` request; its `data`. */
  chainCallForBiz(body: Record<string, unknown>, idempotent: boolean): Promise<string> {
    return this.call(BAAS_PATHS.chainCallForBiz, body, idempotent);
  }

  /** Sends a call; `idempotent` calls are retried on failures of the service. Resolves only successful answers. */
  private async call(path: Path, body: Record<string, unknown>, idempotent: boolean): Promise<string> {
    const attempts = idempotent ? this.options.retries + 1 : 1;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        const answer = await this.answer(path, body);
        if (answer.success) return answer.data;
        const what = `The ${this.options.name} service refused ${String(body.method)}`;
        const options = { details: `${answer.code}: ${answer.data}`, rpcCode: Number(answer.code) };
        if (isServiceFailure(answer.code))
          throw new NetworkUnavailableError(this.options.name, what, options);
        if (answer.code === BAAS_CODES.NOT_FOUND) throw new NotFoundError(what, options);
        throw new NetworkError(this.options.name, what, options);
      } catch (error) {
        lastError = error;
        if (!(error instanceof NetworkUnavailableError)) throw error;
        if (attempt + 1 < attempts) await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      }
    }
    throw lastError;
  }

  /** The service's answer, whatever its code, after one renewal of an expired token. */
  async answer(path: Path, body: Record<string, unknown>): Promise<BaasAnswer> {
    let answer = await this.post(path, this.withCredentials(path, body, await this.currentToken()));
    if (answer.code === BAAS_CODES.TOKEN_INVALID) {
      // Expired earlier than expected (e.g. the service restarted): renew once; the refused call was not executed.
      this.token = null;
      answer = await this.post(path, this.withCredentials(path, body, await this.currentToken()));
    }
    return answer;
  }

  private withCredentials(path: Path, body: Record<string, unknown>, token: string) {
    return {
      ...body,
      accessId: this.options.accessId,
      token,
      bizid: this.options.bizid,
      ...(path === BAAS_PATHS.chainCallForBiz ? { tenantid: this.options.tenantId } : {}),
    };
  }

  private async currentToken(): Promise<string> {
    const fresh = this.token && Date.now() - this.token.obtained < this.options.tokenTtlMs * 0.8;
    if (fresh) return this.token!.value;
    this.handshaking ??= this.handshake().finally(() => (this.handshaking = null));
    return this.handshaking;
  }

  private async handshake(): Promise<string> {
    const answer = await this.post(BAAS_PATHS.shakeHand, shakeHandRequest(this.options.accessId, this.key));
    this.handshakes++;
    if (!answer.success)
      throw new NetworkError(this.options.name, `The ${this.options.name} service refused the handshake`, {
        details: `${answer.code}: ${answer.data}`,
      });
    this.token = { value: answer.data, obtained: Date.now() };
    return answer.data;
  }

  private async post(path: string, body: object): Promise<BaasAnswer> {
    this.requests++;
    let response: Response;
    try {
      response = await fetch(`${this.options.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json;charset=utf-8" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
    } catch (error) {
      throw new NetworkUnavailableError(
        this.options.name,
        `The ${this.options.name} service is unreachable`,
        {
          cause: error,
        },
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
        {
          cause: error,
        },
      );
    }
  }
}
