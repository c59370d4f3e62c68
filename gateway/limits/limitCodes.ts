import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { QueryLimitError } from "../../domain/errors.ts";

/**
 * Apollo Server wraps every validation error in its own, whose `extensions.code` is always
 * GRAPHQL_VALIDATION_FAILED; a limit's code (QUERY_TOO_DEEP, QUERY_TOO_COSTLY...) is a contract with
 * clients, so it is put back here. `didEncounterErrors` is the one hook that holds those wrapped errors
 * before `formatError` sees them; the limit's `QueryLimitError` is their `originalError`.
 */
export function limitCodesPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors)
            if (error.originalError instanceof QueryLimitError)
              error.extensions.code = error.originalError.code;
        },
      };
    },
  };
}
