import { Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from "graphql";
import { queryLimitGraphQLError } from "./limitError.ts";

/**
 * Refuses an operation that asks more than `max` top-level fields (TOO_MANY_ROOT_FIELDS). Each root
 * field is planned as its own fetch (often one per network), so a long list of them is a batch job in
 * one request; a client with that much to ask sends several requests, which the rate limit then sees.
 * Fields reached through fragments at the root count; `__typename` is free. GraphQL Armor has no
 * such rule.
 */
export const maxRootFieldsRule =
  (max: number): ValidationRule =>
  (context) => ({
    OperationDefinition(operation) {
      const keys = new Set<string>();
      collectRootFields(context, operation.selectionSet, keys, new Set());
      const actual = keys.size;
      if (actual > max)
        context.reportError(
          queryLimitGraphQLError(
            "TOO_MANY_ROOT_FIELDS",
            `The operation asks ${actual} root fields; the limit is ${max}: split it into several requests`,
            { max, actual },
            operation,
          ),
        );
      return false;
    },
  });

/** Root fields by response key: `networks` asked twice is one field (graphql-js merges them), aliases are not. */
function collectRootFields(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  keys: Set<string>,
  seen: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== "__typename") keys.add(selection.alias?.value ?? selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootFields(context, selection.selectionSet, keys, seen);
    } else {
      // Each fragment once: spreading it twice adds no field, and a cycle (reported by graphql-js) ends here.
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (fragment && !seen.has(name)) {
        seen.add(name);
        collectRootFields(context, fragment.selectionSet, keys, seen);
      }
    }
  }
}
