import type { GraphQLFormattedError } from "graphql";
import { formatGraphQLError } from "../serving/graphqlErrors.ts";

const UNREACHABLE =
  /ECONNREFUSED|ECONNRESET|fetch failed|socket hang up|timeout|timed out|aborted|ENOTFOUND|EHOSTUNREACH/i;

/**
 * The gateway's one error mapping. Errors from subgraphs keep their stable codes; a subgraph that could
 * not be reached (refused, reset, timed out) becomes NETWORK_UNAVAILABLE naming that subgraph, the same
 * code a subgraph uses for a ledger it cannot reach.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  const serviceName = typeof extensions.serviceName === "string" ? extensions.serviceName : undefined;
  const code = extensions.code;
  if (
    serviceName &&
    (code === undefined || code === "DOWNSTREAM_SERVICE_ERROR" || code === "INTERNAL_SERVER_ERROR") &&
    UNREACHABLE.test(formatted.message)
  ) {
    return {
      message: `The ${serviceName} subgraph is unavailable`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "NETWORK_UNAVAILABLE", network: serviceName, serviceName },
    };
  }
  if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") {
    const { stacktrace: _stack, exception: _exception, ...rest } = extensions;
    return { ...formatted, extensions: rest };
  }
  return formatGraphQLError(formatted, error);
}
