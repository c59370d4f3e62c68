import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { getOperationAST } from "graphql";
import { QueryLimitError } from "../../domain/errors.ts";
import {
  createQueryLimits,
  DEFAULT_QUERY_LIMITS,
  estimateCost,
  type QueryLimitOptions,
} from "../limits/index.ts";
import { fragmentsOf } from "../limits/estimateCost.ts";
import { queryLimitGraphQLError } from "../limits/limitError.ts";
import { countTokens } from "../limits/maxTokens.ts";

/**
 * Hive Gateway plugin: the gateway's query limits (`gateway/limits/`), refused before any subgraph is
 * asked, with the same codes: the token count before parsing (TOO_MANY_TOKENS), depth, aliases, root
 * fields and the cost from literals as validation rules (the very rules this gateway runs), and the
 * cost of lists sized by variables once the request's variables are known (QUERY_TOO_COSTLY).
 */
export function useTradegraphQueryLimits(options: QueryLimitOptions = {}): GatewayPlugin {
  const limits = { ...DEFAULT_QUERY_LIMITS, ...options };
  const model = { defaultListSize: limits.defaultListSize, listSizeArguments: limits.listSizeArguments };
  const { validationRules } = createQueryLimits(options);
  return {
    onParse({ params }) {
      const source = typeof params.source === "string" ? params.source : params.source.body;
      // Each token is at least one character: a document no longer than the limit cannot exceed it.
      if (source.length > limits.maxTokens && countTokens(source, limits.maxTokens) > limits.maxTokens)
        throw queryLimitGraphQLError(
          "TOO_MANY_TOKENS",
          `The document has more than ${limits.maxTokens} tokens, the limit: send a smaller one`,
          { max: limits.maxTokens, actual: limits.maxTokens + 1 },
        );
    },
    onValidate({ addValidationRule }) {
      for (const rule of validationRules) addValidationRule(rule);
      // Yoga marks validation errors `http.spec` and so answers an application/json request 200, as the
      // GraphQL-over-HTTP spec allows for legacy clients; a refused limit is 400 from this project's
      // gateway whatever the client accepts, so from Hive too.
      return ({ valid, result }) => {
        if (valid) return;
        for (const error of result)
          if (error.originalError instanceof QueryLimitError) {
            const http = (error.extensions.http ?? {}) as Record<string, unknown>;
            (error.extensions as Record<string, unknown>).http = { ...http, spec: false };
          }
      };
    },
    onExecute({ args }) {
      // The validation rule estimated literals; a list sized by a variable is decided here, with its value.
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation?.variableDefinitions?.length) return;
      const estimate = estimateCost(
        args.schema,
        operation,
        fragmentsOf(args.document),
        (args.variableValues ?? {}) as Record<string, unknown>,
        model,
      );
      if (estimate.variableSized && estimate.cost > limits.maxCost)
        throw queryLimitGraphQLError(
          "QUERY_TOO_COSTLY",
          `The operation's estimated cost is ${estimate.cost}; the limit is ${limits.maxCost}: ask for fewer items or fewer fields per item`,
          { max: limits.maxCost, actual: estimate.cost },
          operation,
        );
    },
  };
}
