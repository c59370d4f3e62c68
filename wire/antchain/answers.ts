/**
 * The answer envelope of the BaaS REST API and its `code` values. HTTP status is 200 for every answer
 * the service gives; success and failure are in the body.
 *
 * Codes the published clients act on, and so fixed by them:
 * - `200` success (every SDK and example checks `code == "200"`);
 * - `202` the token is missing, unknown or expired: the Go REST SDK shakes hands again and retries
 *   (`client/rest_client.go`, `retryableSendRequest`);
 * - `404` no such transaction, receipt or block yet, `413` the transaction waits to be verified, `414`
 *   it waits to be executed: the Go SDK's `MultipleQueryReceipt` polls again on these three
 *   (`model/error_code.go`: ServiceQueryNoResult, ServiceTxWaitingVerify, ServiceTxWaitingExecute);
 * - any code starting with `5`: a failure of the service, retried by the Go SDK.
 * No public client names the codes of the other refusals; this service answers them in the same
 * HTTP-like family (400, 401, 403, 422), none starting with 5 so that no SDK retries a refusal.
 */
export const BAAS_CODES = {
  OK: "200",
  TOKEN_INVALID: "202",
  BAD_REQUEST: "400",
  HANDSHAKE_REFUSED: "401",
  FORBIDDEN: "403",
  NOT_FOUND: "404",
  TX_WAITING_VERIFY: "413",
  TX_WAITING_EXECUTE: "414",
  CONTRACT_REVERTED: "422",
  INTERNAL: "500",
} as const;

export type BaasCode = (typeof BAAS_CODES)[keyof typeof BAAS_CODES];

/**
 * `{success, code, data}`; `data` is a string: the token, a transaction hash, or a JSON document in a
 * string (a receipt, a block, `{"outRes":[...]}`). On failure `data` carries the reason, as the clients
 * read it there, and `message` repeats it.
 */
export interface BaasAnswer {
  success: boolean;
  code: string;
  data: string;
  message?: string;
}

/** True for codes a client may retry after a pause (the service failed, the request did not). */
export const isServiceFailure = (code: string) => code.startsWith("5");

/** True while a transaction exists but has no receipt yet. */
export const isReceiptPending = (code: string) =>
  code === BAAS_CODES.TX_WAITING_VERIFY || code === BAAS_CODES.TX_WAITING_EXECUTE;
