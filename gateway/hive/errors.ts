import { GraphQLError } from "graphql";
import { isTradegraphError } from "../../domain/errors.ts";

/** GraphQL errors duck-typed: Hive and this project may hold different copies of graphql's classes. */
const isGraphQLError = (error: unknown): error is GraphQLError =>
  error instanceof Error && error.name === "GraphQLError";

const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|fetch failed|socket hang up|timeout|timed out|aborted|ENOTFOUND|EHOSTUNREACH/i;

/**
 * A subgraph that missed its deadline (Hive's GATEWAY_TIMEOUT, HTTP 504) or could not be reached: this
 * project's gateway reports both as NETWORK_UNAVAILABLE at the fields that subgraph owed, with the rest
 * of the answer (HTTP 200), and so does Hive with this masking (`gateway/errors.ts` is the other side).
 */
function isUnavailable(error: GraphQLError): boolean {
  const code = error.extensions.code;
  if (code === "GATEWAY_TIMEOUT") return true;
  // executor-http's code for a fetch that failed (refused, reset) before any answer.
  return (
    (code === undefined || code === "DOWNSTREAM_SERVICE_ERROR" || code === "SUBREQUEST_HTTP_ERROR") &&
    UNREACHABLE.test(error.message)
  );
}

/**
 * Hive Gateway's error masking (its `maskedErrors.maskError`), with this project's errors kept. Yoga
 * masks any GraphQL error caused by a non-GraphQL one as "Unexpected error."; a limit's refusal or an
 * admission error carries its `TradegraphError` as the cause and a stable code (QUERY_TOO_DEEP,
 * UNAUTHENTICATED...) that clients branch on, so those pass with their code and message, the cause
 * dropped. Anything else is masked as Yoga masks it: INTERNAL_SERVER_ERROR, details in the server log.
 */
export function maskTradegraphErrors(error: unknown, message: string): Error {
  if (isGraphQLError(error) && isUnavailable(error)) {
    const network = error.extensions.serviceName;
    return new GraphQLError(
      typeof network === "string" ? `The ${network} subgraph is unavailable` : "A subgraph is unavailable",
      {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: "NETWORK_UNAVAILABLE", ...(typeof network === "string" ? { network } : {}) },
      },
    );
  }
  if (isGraphQLError(error)) {
    if (!error.originalError || isGraphQLError(error.originalError)) return error;
    if (isTradegraphError(error.originalError))
      return new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: error.extensions,
      });
  }
  const http = isGraphQLError(error) ? error.extensions.http : undefined;
  return new GraphQLError(message, {
    ...(isGraphQLError(error)
      ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path }
      : {}),
    extensions: { code: "INTERNAL_SERVER_ERROR", ...(http ? { http } : {}) },
  });
}
