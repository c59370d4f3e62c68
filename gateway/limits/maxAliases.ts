import type { ValidationRule } from "graphql";
import { maxAliasesRule as armorMaxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { armorRule } from "./armorRule.ts";

/**
 * Refuses an operation with more than `max` aliases (TOO_MANY_ALIASES): aliases are how one small
 * document asks the same expensive field thousands of times. GraphQL Armor counts them through
 * fragments; `__typename` aliases are free and not counted.
 */
export const maxAliasesRule = (max: number): ValidationRule =>
  armorRule(
    armorMaxAliasesRule,
    "TOO_MANY_ALIASES",
    max,
    (actual) => `The query uses ${actual} aliases; the limit is ${max}`,
  );
