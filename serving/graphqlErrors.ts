import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { isTradegraphError, type TradegraphError } from "../domain/errors.ts";

/** The one place where project errors become GraphQL errors with a stable `extensions.code`. */
export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (isTradegraphError(error)) {
    return new GraphQLError(error.shortMessage, { extensions: extensionsOf(error), originalError: error });
  }
  return new GraphQLError("Internal server error", { extensions: { code: "INTERNAL_SERVER_ERROR" } });
}

function extensionsOf(error: TradegraphError): Record<string, unknown> {
  const extensions: Record<string, unknown> = { code: error.code };
  if ("network" in error && typeof error.network === "string") extensions.network = error.network;
  if ("argument" in error && typeof error.argument === "string") extensions.argumentName = error.argument;
  if ("retryAfterSeconds" in error && typeof error.retryAfterSeconds === "number")
    extensions.retryAfterSeconds = error.retryAfterSeconds;
  if ("limit" in error && error.limit && typeof error.limit === "object") extensions.limit = error.limit;
  return extensions;
}

/**
 * `formatError` for Apollo Server: project errors keep their code; anything unexpected loses its
 * message and stack (they may carry node URLs or keys) and is reported as INTERNAL_SERVER_ERROR.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Duck-typed: graphql may be loaded both as ESM and CJS, which breaks `instanceof GraphQLError`.
  const original = unwrap(error);
  if (isTradegraphError(original)) {
    const mapped = toGraphQLError(original);
    return { ...formatted, message: mapped.message, extensions: { ...mapped.extensions } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: "Internal server error",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}

function unwrap(error: unknown): unknown {
  let current = error;
  for (
    let i = 0;
    i < 5 && current && typeof current === "object" && "originalError" in current && current.originalError;
    i++
  ) {
    current = current.originalError;
  }
  return current;
}
