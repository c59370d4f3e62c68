import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { BAAS_CODES, type BaasAnswer } from "../../wire/antchain/answers.ts";
import { BAAS_PATHS, shakeHandRequest } from "../../wire/antchain/requests.ts";

type Path = (typeof BAAS_PATHS)["chainCall"] | (typeof BAAS_PATHS)["chainCallForBiz"];

/**
 * The minimal BaaS REST client the port community's own systems use to write to the chain (seeding):
 * handshake with the tenant's access key, then requests carrying accessId and token (and tenantid on
 * chainCallForBiz), as the published SDKs send them; a new handshake when the service says the token is
 * no longer valid (202).
 */
export class SeedingClient {
  private token: string | null = null;
  private readonly key: KeyObject;

  constructor(
    private readonly url: string,
    private readonly accessId: string,
    privateKeyPath: string,
    private readonly bizid: string,
    private readonly tenantId: string,
    /** Each account's KMS key id. */
    private readonly kmsKeyIds: Readonly<Record<string, string>>,
  ) {
    this.key = createPrivateKey(readFileSync(privateKeyPath, "utf8"));
  }

  /** The `mykmsKeyId` to send with calls from `account`. */
  kmsKeyIdOf(account: string): string {
    const id = this.kmsKeyIds[account];
    if (!id) throw new Error(`no KMS key for account ${account}`);
    return id;
  }

  async call(path: Path, body: Record<string, unknown>): Promise<BaasAnswer> {
    if (!this.token) await this.handshake();
    let answer = await this.post(path, this.withCredentials(path, body));
    if (answer.code === BAAS_CODES.TOKEN_INVALID) {
      await this.handshake();
      answer = await this.post(path, this.withCredentials(path, body));
    }
    return answer;
  }

  private withCredentials(path: Path, body: Record<string, unknown>) {
    return {
      ...body,
      accessId: this.accessId,
      token: this.token,
      bizid: this.bizid,
      ...(path === BAAS_PATHS.chainCallForBiz ? { tenantid: this.tenantId } : {}),
    };
  }

  private async handshake(): Promise<void> {
    const answer = await this.post(BAAS_PATHS.shakeHand, shakeHandRequest(this.accessId, this.key));
    if (!answer.success) throw new Error(`shakeHand refused: ${answer.code} ${answer.data}`);
    this.token = answer.data;
  }

  /**
   * Every call this client makes is idempotent (queries, handshakes, writes keyed by orderId), so a dropped
   * connection (e.g. a pooled socket to a restarted service) is retried once.
   */
  private async post(path: string, body: object): Promise<BaasAnswer> {
    const send = () =>
      fetch(`${this.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json;charset=utf-8" },
        body: JSON.stringify(body),
      });
    const response = await send().catch(() => send());
    return (await response.json()) as BaasAnswer;
  }
}
