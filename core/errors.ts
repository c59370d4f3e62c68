/**
 * The project's one error tree. Every failure below the GraphQL layer is one of these; the subgraphs
 * and the gateway turn them into `GraphQLError`s with `extensions.code` in exactly one place
 * (`core/graphqlErrors.ts`). Codes are a contract with users: never rename one.
 */
export type ErrorCode =
  "BAD_USER_INPUT" | "NOT_FOUND" | "NETWORK_UNAVAILABLE" | "NETWORK_ERROR" | "CONFIG_INVALID" | "INTERNAL";

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

export function isTradegraphError(error: unknown): error is TradegraphError {
  return error instanceof TradegraphError;
}
