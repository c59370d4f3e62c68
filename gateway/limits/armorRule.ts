import type { GraphQLError, ValidationContext, ValidationRule } from "graphql";
import type { QueryLimitCode } from "../../domain/errors.ts";
import { queryLimitGraphQLError } from "./limitError.ts";

/** What GraphQL Armor's validation rules accept beyond their own limit (their callback options). */
interface ArmorRuleOptions {
  n: number;
  exposeLimits: true;
  propagateOnRejection: false;
  onReject: ((context: ValidationContext | null, error: GraphQLError) => void)[];
}

/**
 * Runs one of GraphQL Armor's counting rules (max-depth, max-aliases) and reports its refusal as a
 * project error. Left alone, Armor *throws* a plain "Syntax Error: ..." from inside `validate`, which
 * Apollo Server turns into a 500; with `propagateOnRejection: false` it calls `onReject` instead, and
 * the count it found is in its message only (`exposeLimits`), so it is read back from there.
 */
export function armorRule(
  rule: (options: ArmorRuleOptions) => ValidationRule,
  code: QueryLimitCode,
  max: number,
  describe: (actual: number, max: number) => string,
): ValidationRule {
  return rule({
    n: max,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context, error) => {
        // "... limit of 10 exceeded, found 12." (Armor 2.x); a reworded message still refuses, with max+1.
        const found = /found (\d+)/.exec(error.message)?.[1];
        const actual = found === undefined ? max + 1 : Number(found);
        context?.reportError(queryLimitGraphQLError(code, describe(actual, max), { max, actual }));
      },
    ],
  });
}
