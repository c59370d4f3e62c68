import { GraphQLError, type ASTNode } from "graphql";
import { QueryLimitError, type QueryLimitCode } from "../../domain/errors.ts";
import { toGraphQLError } from "../../serving/graphqlErrors.ts";

/**
 * A refusal as the GraphQL error a limit reports: `extensions` are `{code, limit: {max, actual}}`
 * (mapped by `serving/graphqlErrors.ts`, the one place that does), the `QueryLimitError` stays the
 * `originalError`, and `extensions.http` makes Apollo Server answer HTTP 400 (it strips `http` before
 * `formatError` sees the error). `nodes` point the client at the offending part of its document.
 */
export function queryLimitGraphQLError(
  code: QueryLimitCode,
  message: string,
  limit?: { max: number; actual: number },
  nodes?: ASTNode | readonly ASTNode[],
): GraphQLError {
  const error = new QueryLimitError(code, message, limit);
  const mapped = toGraphQLError(error);
  return new GraphQLError(mapped.message, {
    ...(nodes ? { nodes } : {}),
    originalError: error,
    extensions: { ...mapped.extensions, http: { status: 400 } },
  });
}
