import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { ValidationRule } from "graphql";
import { costLimitPlugin, costLimitRule } from "./costLimit.ts";
import { limitCodesPlugin } from "./limitCodes.ts";
import { maxAliasesRule } from "./maxAliases.ts";
import { maxDepthRule } from "./maxDepth.ts";
import { maxRootFieldsRule } from "./maxRootFields.ts";
import { maxTokensPlugin } from "./maxTokens.ts";
import { withDefaults } from "./withDefaults.ts";

/**
 * Limits on the size of one operation, checked before the gateway plans it. The defaults leave room
 * for every operation in the README, `schema/operations/` and the report CLI at their largest variables
 * (the costliest, TitlesReport with 1,000 hashes, is estimated at 28,052; the CLI's listing at 500
 * shipments a page at 7,506); `test/unit/gatewayLimits.test.ts` pins each figure.
 */
export interface QueryLimitOptions {
  /** Fields nested in one another (the README's Lane and the CLI's listing reach 6). @default 10 */
  maxDepth?: number;
  /** Aliases in the operation (the CLI's overview uses 2). @default 30 */
  maxAliases?: number;
  /** Top-level fields, by response key (the README's Lane and the CLI's overview ask 4). @default 10 */
  maxRootFields?: number;
  /** Lexical tokens in the document, counted before it is parsed (the CLI's overview, the longest, has 175). @default 5000 */
  maxTokens?: number;
  /** Estimated cost (see `estimateCost`). @default 50000 */
  maxCost?: number;
  /** Items assumed for a list that no argument bounds, in the cost estimate. @default 10 */
  defaultListSize?: number;
  /** Arguments that size a list, in the cost estimate. @default ["first", "last", "references", "documentHashes"] */
  listSizeArguments?: readonly string[];
}

export const DEFAULT_QUERY_LIMITS: Readonly<Required<QueryLimitOptions>> = {
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 10,
  maxTokens: 5000,
  maxCost: 50_000,
  defaultListSize: 10,
  listSizeArguments: ["first", "last", "references", "documentHashes"],
};

/**
 * The query limits for Apollo Server: `validationRules` (depth, aliases, root fields, cost; run against
 * the API schema before the gateway plans) and `plugins` (tokens before parsing, cost with the
 * request's variables, and each refusal's own `extensions.code`). Each refusal is a `GraphQLError` with
 * `extensions: {code, limit: {max, actual}}` and HTTP 400.
 */
export function createQueryLimits(options: QueryLimitOptions = {}): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<BaseContext>[];
} {
  const limits = withDefaults(DEFAULT_QUERY_LIMITS, options);
  const model = { defaultListSize: limits.defaultListSize, listSizeArguments: limits.listSizeArguments };
  return {
    validationRules: [
      maxDepthRule(limits.maxDepth),
      maxAliasesRule(limits.maxAliases),
      maxRootFieldsRule(limits.maxRootFields),
      costLimitRule(limits.maxCost, model),
    ],
    plugins: [maxTokensPlugin(limits.maxTokens), costLimitPlugin(limits.maxCost, model), limitCodesPlugin()],
  };
}
