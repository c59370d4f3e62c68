import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { addressAllowed, pinnedLookup, type CallbackPolicy } from "./callbackUrl.ts";
import { API_VERSION } from "./codes.ts";
import { notificationSignature } from "./signature.ts";

/** One POST's result: delivered (2xx) or why not. */
export type DeliveryResult = { ok: true; status: number } | { ok: false; error: string };

export interface Notifier {
  /**
   * POSTs `body` (a JSON array of events, these exact bytes) to the callback, signed with `secret`, and
   * waits at most `timeoutMs` for the whole exchange. Never throws.
   */
  send(callbackUrl: string, subscriptionId: string, secret: Buffer, body: Buffer): Promise<DeliveryResult>;
  close(): void;
}

/** A subscriber's answer is read only this far (its content does not matter, only its status). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * The notifier: node:http(s) with keep-alive agents whose every connection goes through the callback
 * policy (`pinnedLookup`; IP literals checked before connecting), so a name that resolves inward since
 * the subscription was made is refused. Redirects are not followed: a 3xx is a failure.
 */
export function createNotifier(policy: CallbackPolicy, timeoutMs: number): Notifier {
  const lookup = pinnedLookup(policy);
  const agents = {
    "http:": new HttpAgent({ keepAlive: true, lookup } as never),
    "https:": new HttpsAgent({ keepAlive: true, lookup } as never),
  };
  return {
    send(callbackUrl, subscriptionId, secret, body) {
      return new Promise<DeliveryResult>((resolve) => {
        let url: URL;
        try {
          url = new URL(callbackUrl);
        } catch {
          return resolve({ ok: false, error: "the callback URL does not parse" });
        }
        const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
        if (isIP(host) && !addressAllowed(policy, host))
          return resolve({ ok: false, error: `callback address ${host} refused by DCSA_CALLBACK_ALLOW` });
        const protocol = url.protocol as "http:" | "https:";
        const send = protocol === "https:" ? httpsRequest : httpRequest;
        let settled = false;
        const done = (result: DeliveryResult) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(result);
        };
        const req = send(url, {
          method: "POST",
          agent: agents[protocol],
          lookup,
          headers: {
            "content-type": "application/json",
            "content-length": body.length,
            "notification-signature": notificationSignature(secret, body),
            "subscription-id": subscriptionId,
            "api-version": API_VERSION,
            "user-agent": "tradegraph-dcsa/2.2",
          },
        });
        // One deadline for the whole exchange: a subscriber that trickles its answer is as slow as a silent one.
        const timer = setTimeout(() => {
          req.destroy(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        req.on("error", (error) => done({ ok: false, error: error.message }));
        req.on("response", (res: IncomingMessage) => {
          let read = 0;
          res.on("data", (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) res.destroy();
          });
          res.on("error", () => undefined);
          res.on("close", () => {
            const status = res.statusCode ?? 0;
            done(
              status >= 200 && status < 300
                ? { ok: true, status }
                : { ok: false, error: `HTTP ${status} from the callback` },
            );
          });
        });
        req.end(body);
      });
    },
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}
