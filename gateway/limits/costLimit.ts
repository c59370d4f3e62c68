import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { DocumentNode, OperationDefinitionNode, ValidationRule } from "graphql";
import { estimateCost, fragmentsOf, type CostModel } from "./estimateCost.ts";
import { queryLimitGraphQLError } from "./limitError.ts";

const refusal = (actual: number, max: number, operation: OperationDefinitionNode) =>
  queryLimitGraphQLError(
    "QUERY_TOO_COSTLY",
    `The operation's estimated cost is ${actual}; the limit is ${max}: ask for fewer items or fewer fields per item`,
    { max, actual },
    operation,
  );

/**
 * Refuses an operation whose estimated cost (see `estimateCost`) is over `max` (QUERY_TOO_COSTLY).
 * Validation sees no variables: an operation with a list sized by one is left to `costLimitPlugin`,
 * which estimates it with the request's values.
 */
/**
 * Documents whose cost depends on variables, as validation found them: the plugin estimates only these
 * per request (Apollo hands `didResolveOperation` the same parsed document it validated and cached).
 */
const variableSizedDocuments = new WeakSet<DocumentNode>();

export const costLimitRule =
  (max: number, model: CostModel): ValidationRule =>
  (context) => ({
    OperationDefinition(operation) {
      const fragments = fragmentsOf(context.getDocument());
      const { cost, variableSized } = estimateCost(
        context.getSchema(),
        operation,
        fragments,
        undefined,
        model,
      );
      // A list sized by a variable is only guessed at here: `costLimitPlugin` decides with the real size.
      if (variableSized) variableSizedDocuments.add(context.getDocument());
      else if (cost > max) context.reportError(refusal(cost, max, operation));
      return false;
    },
  });

/**
 * The cost limit for lists sized by variables (`first: $first`, `references: $references`). Apollo
 * Server validates a document once and caches it, so no validation rule can see a request's variables;
 * `didResolveOperation` runs for every request, with them, before the gateway plans.
 */
export function costLimitPlugin(max: number, model: CostModel): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // The rule's estimate was exact unless a list is sized by a variable.
          if (!operation || !operation.variableDefinitions?.length || !variableSizedDocuments.has(document))
            return;
          const estimate = estimateCost(
            schema,
            operation,
            fragmentsOf(document),
            request.variables ?? {},
            model,
          );
          if (estimate.variableSized && estimate.cost > max) throw refusal(estimate.cost, max, operation);
        },
      };
    },
  };
}
