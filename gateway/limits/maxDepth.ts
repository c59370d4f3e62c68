import type { ValidationRule } from "graphql";
import { maxDepthRule as armorMaxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { armorRule } from "./armorRule.ts";

/**
 * Refuses an operation nested deeper than `max` fields (QUERY_TOO_DEEP): the schema's cycles
 * (`shipment { equipment { shipments { equipment ... } } }`) would otherwise let one request fan out
 * across every network without bound. GraphQL Armor counts it: fragments are followed (a spread counts
 * as the depth of its fragment), a fragment cycle cannot loop it, and `__schema` (introspection, which
 * the gateway answers from its own schema) is not counted.
 */
export const maxDepthRule = (max: number): ValidationRule =>
  armorRule(
    armorMaxDepthRule,
    "QUERY_TOO_DEEP",
    max,
    (actual) => `The query is nested ${actual} fields deep; the limit is ${max}`,
  );
