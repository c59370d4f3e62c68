import { STATUS_CODES } from "node:http";
import { isTradegraphError, type ErrorCode } from "../domain/errors.ts";

/** HTTP status and DCSA `reason` of each code of the project's error tree. */
const STATUS: Partial<Record<ErrorCode, [number, string]>> = {
  BAD_USER_INPUT: [400, "invalidInput"],
  UNAUTHENTICATED: [401, "unauthorized"],
  FORBIDDEN: [403, "forbidden"],
  NOT_FOUND: [404, "notFound"],
  RATE_LIMITED: [429, "tooManyRequests"],
  NETWORK_UNAVAILABLE: [503, "serviceUnavailable"],
};

/**
 * The spec's error object (ERROR_DOMAIN 1.0.0): what was asked, every problem with a reason and a
 * message, the HTTP status and its text, and when. Built for every refusal in one place.
 */
export interface DcsaError {
  httpMethod: string;
  requestUri: string;
  errors: { reason: string; message: string }[];
  statusCode: number;
  statusCodeText: string;
  errorDateTime: string;
}

export function dcsaError(
  method: string,
  uri: string,
  status: number,
  reason: string,
  message: string,
): DcsaError {
  return {
    httpMethod: method,
    requestUri: uri,
    errors: [{ reason, message }],
    statusCode: status,
    statusCodeText: STATUS_CODES[status] ?? "Error",
    errorDateTime: new Date().toISOString(),
  };
}

/**
 * The error answer for anything a handler threw: the project's errors by their code (a rate limit with
 * its `Retry-After`), anything else a 500 whose details stay in the server log.
 */
export function errorAnswer(
  method: string,
  uri: string,
  error: unknown,
): { status: number; body: DcsaError; headers: Record<string, string> } {
  if (isTradegraphError(error)) {
    const [status, reason] = STATUS[error.code] ?? [500, "internalError"];
    const headers: Record<string, string> = {};
    if (error.code === "RATE_LIMITED")
      headers["retry-after"] = String((error as unknown as { retryAfterSeconds: number }).retryAfterSeconds);
    const message = status === 500 ? "Internal error" : error.shortMessage;
    return { status, body: dcsaError(method, uri, status, reason, message), headers };
  }
  return { status: 500, body: dcsaError(method, uri, 500, "internalError", "Internal error"), headers: {} };
}
