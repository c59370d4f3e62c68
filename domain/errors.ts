/**
 * The project's one error tree. Every failure below the GraphQL layer is one of these; the subgraphs
 * and the gateway turn them into `GraphQLError`s with `extensions.code` in exactly one place
 * (`serving/graphqlErrors.ts`). Codes are a contract with users: never rename one.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "NETWORK_UNAVAILABLE"
  | "NETWORK_ERROR"
  | "CONFIG_INVALID"
  | "INTERNAL"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | QueryLimitCode;

/** Codes of a request refused before planning because it is too big (the gateway's limits). */
export type QueryLimitCode =
  | "QUERY_TOO_DEEP"
  | "TOO_MANY_ALIASES"
  | "TOO_MANY_ROOT_FIELDS"
  | "TOO_MANY_TOKENS"
  | "QUERY_TOO_COSTLY"
  | "PERSISTED_QUERY_REQUIRED"
  | "REQUEST_TIMEOUT";

export interface TradegraphErrorOptions {
  cause?: unknown;
  details?: string;
}

export abstract class TradegraphError extends Error {
  abstract readonly code: ErrorCode;
  /** One sentence for humans; `message` adds details. */
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, options: TradegraphErrorOptions = {}) {
    super(options.details ? `${shortMessage}\n\nDetails: ${options.details}` : shortMessage, {
      cause: options.cause,
    });
    this.shortMessage = shortMessage;
    this.details = options.details;
  }
}

/** The caller asked for something malformed (a bad hash, a non-document, a list over its limit). */
export class BadUserInputError extends TradegraphError {
  override readonly name = "BadUserInputError";
  readonly code = "BAD_USER_INPUT" as const;
  constructor(
    shortMessage: string,
    readonly argument?: string,
    options?: TradegraphErrorOptions,
  ) {
    super(shortMessage, options);
  }
}

export class NotFoundError extends TradegraphError {
  override readonly name = "NotFoundError";
  readonly code = "NOT_FOUND" as const;
}

/**
 * A network did not answer (connection refused, timeout, 5xx, gRPC UNAVAILABLE). Never reported as
 * "invalid": an outage says nothing about the document.
 */
export class NetworkUnavailableError extends TradegraphError {
  override readonly name = "NetworkUnavailableError";
  readonly code = "NETWORK_UNAVAILABLE" as const;
  constructor(
    readonly network: string,
    shortMessage: string,
    options?: TradegraphErrorOptions,
  ) {
    super(shortMessage, options);
  }
}

/** The network answered, but with an error it should not have (a node-side bug, a bad ABI). */
export class NetworkError extends TradegraphError {
  override readonly name = "NetworkError";
  readonly code = "NETWORK_ERROR" as const;
  constructor(
    readonly network: string,
    shortMessage: string,
    options?: TradegraphErrorOptions & { rpcCode?: number },
  ) {
    super(shortMessage, options);
    this.rpcCode = options?.rpcCode;
  }
  readonly rpcCode: number | undefined;
}

export class ConfigInvalidError extends TradegraphError {
  override readonly name = "ConfigInvalidError";
  readonly code = "CONFIG_INVALID" as const;
  constructor(
    readonly problems: string[],
    service: string,
  ) {
    super(`Invalid configuration for ${service}`, {
      details: `\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    });
  }
}

/** No credentials, or credentials that do not verify (bad signature, expired, revoked, unknown key). */
export class UnauthenticatedError extends TradegraphError {
  override readonly name = "UnauthenticatedError";
  readonly code = "UNAUTHENTICATED" as const;
}

/** The caller is known but may not see this: a field is null with this error at its path. */
export class ForbiddenError extends TradegraphError {
  override readonly name = "ForbiddenError";
  readonly code = "FORBIDDEN" as const;
}

/** The caller's request budget is spent; `retryAfterSeconds` goes out as `Retry-After`. */
export class RateLimitedError extends TradegraphError {
  override readonly name = "RateLimitedError";
  readonly code = "RATE_LIMITED" as const;
  constructor(
    readonly retryAfterSeconds: number,
    shortMessage = `Too many requests; retry after ${retryAfterSeconds} s`,
  ) {
    super(shortMessage);
  }
}

/** A request refused before planning because it exceeds one of the gateway's limits. */
export class QueryLimitError extends TradegraphError {
  override readonly name = "QueryLimitError";
  constructor(
    readonly code: QueryLimitCode,
    shortMessage: string,
    /** The configured maximum and what the request asked, for the client to adjust. */
    readonly limit?: { max: number; actual: number },
  ) {
    super(shortMessage);
  }
}

export function isTradegraphError(error: unknown): error is TradegraphError {
  return error instanceof TradegraphError;
}
