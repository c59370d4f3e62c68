import { createPrivateKey, sign, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { canonicalJson } from "./hashing.ts";

/**
 * The minimal BaaS REST client the port community's own systems use to write to the chain (seeding).
 * Handshake, signed requests, idempotent contract calls by orderId.
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
  ) {
    this.key = createPrivateKey(readFileSync(privateKeyPath, "utf8"));
  }

  async call(
    path: string,
    body: Record<string, unknown>,
  ): Promise<{ success: boolean; code: string; data: string }> {
    if (!this.token) await this.handshake();
    const request = {
      ...body,
      accessId: this.accessId,
      token: this.token,
      bizid: this.bizid,
      tenantid: this.tenantId,
      timestamp: String(Date.now()),
    };
    const signature = sign("sha256", Buffer.from(canonicalJson(request)), this.key).toString("hex");
    return this.post(path, { ...request, signature });
  }

  private async handshake(): Promise<void> {
    const time = String(Date.now());
    const secret = sign("sha256", Buffer.from(this.accessId + time), this.key).toString("hex");
    const answer = await this.post("/api/contract/shakeHand", { accessId: this.accessId, time, secret });
    if (!answer.success) throw new Error(`shakeHand refused: ${answer.code} ${answer.data}`);
    this.token = answer.data;
  }

  /**
   * Every call this client makes is idempotent (queries, handshakes, writes keyed by orderId), so a dropped
   * connection (e.g. a pooled socket to a restarted service) is retried once.
   */
  private async post(
    path: string,
    body: Record<string, unknown>,
  ): Promise<{ success: boolean; code: string; data: string }> {
    const send = () =>
      fetch(`${this.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const response = await send().catch(() => send());
    return (await response.json()) as { success: boolean; code: string; data: string };
  }
}
