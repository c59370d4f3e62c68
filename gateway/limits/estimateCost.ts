import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export interface CostModel {
  /** Items assumed for a list that no argument bounds (`events`, `equipment`, `portStatistics`). */
  defaultListSize: number;
  /**
   * Arguments that bound a list: an Int gives its size (`first: 200`), a list its length
   * (`references: [...]`, `documentHashes: $hashes`).
   */
  listSizeArguments: readonly string[];
}

export interface CostEstimate {
  cost: number;
  /** A list's size came from a variable: the estimate holds only for the variables it was given. */
  variableSized: boolean;
}

/**
 * Estimates what an operation asks of the networks, before any of it is planned. Each field costs 1;
 * a field with a selection costs 1 plus its selection's cost times its size: 1 for an object, for a
 * list the value of its size argument (`first`, or the length of `references`/`documentHashes`), else
 * `defaultListSize`. A connection's `first` (`shipments(first: 200)`, not itself a list) sizes its
 * list fields (`edges`). Leaves, even lists of scalars, cost 1; `__typename` and introspection cost
 * nothing (the gateway answers them from its own schema).
 *
 * `variables` undefined means not known (validation, which Apollo Server runs once per document and
 * caches): a size taken from a variable is then its default, else the argument's default, else
 * `defaultListSize`, and `variableSized` says to estimate again once the request's values are known.
 *
 * Fragments are estimated once per (fragment, size) pair, so a document of fragments spreading each
 * other twice over costs linear time to estimate, however exponential the cost it reports.
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>> | undefined,
  model: CostModel,
): CostEstimate {
  let variableSized = false;
  const memo = new Map<string, number>();
  const defaults = new Map(
    (operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue] as const),
  );

  const selectionCost = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    inheritedSize: number | undefined,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, inheritedSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) total += selectionCost(selection.selectionSet, type, inheritedSize);
      } else {
        total += spreadCost(selection.name.value, inheritedSize);
      }
    }
    return total;
  };

  const spreadCost = (name: string, inheritedSize: number | undefined): number => {
    const key = `${name}\u0000${inheritedSize ?? ""}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type)) return 0;
    memo.set(key, 0); // a fragment cycle (refused by graphql-js's own rule) adds nothing
    const cost = selectionCost(fragment.selectionSet, type, inheritedSize);
    memo.set(key, cost);
    return cost;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLCompositeType, inheritedSize: number | undefined) => {
    if (field.name.value.startsWith("__")) return 0;
    const definition =
      isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[field.name.value] : undefined;
    if (!definition) return 0; // an unknown field: graphql-js's FieldsOnCorrectTypeRule refuses it
    const type = getNamedType(definition.type);
    if (!field.selectionSet || !isCompositeType(type)) return 1;
    const own = sizeFromArguments(field, definition);
    if (isListType(getNullableType(definition.type)))
      return (
        1 +
        (own ?? inheritedSize ?? model.defaultListSize) * selectionCost(field.selectionSet, type, undefined)
      );
    return 1 + selectionCost(field.selectionSet, type, own);
  };

  const sizeFromArguments = (field: FieldNode, definition: GraphQLField<unknown, unknown>) => {
    let size: number | undefined;
    for (const name of model.listSizeArguments) {
      const argument = definition.args.find((a) => a.name === name);
      if (!argument) continue;
      const node = field.arguments?.find((a) => a.name.value === name)?.value;
      const value = node === undefined ? argument.defaultValue : valueOf(node, argument.defaultValue);
      const n = sizeOf(value);
      if (n !== undefined) size = Math.max(size ?? 0, n);
    }
    return size;
  };

  const valueOf = (node: ValueNode, argumentDefault: unknown): unknown => {
    if (node.kind === Kind.NULL) return argumentDefault;
    if (node.kind !== Kind.VARIABLE) return valueFromASTUntyped(node);
    variableSized = true;
    const name = node.name.value;
    const given = variables?.[name];
    if (given !== undefined && given !== null) return given;
    const fallback = defaults.get(name);
    return fallback ? valueFromASTUntyped(fallback) : argumentDefault;
  };

  const root = schema.getRootType(operation.operation);
  const cost = root ? selectionCost(operation.selectionSet, root, undefined) : 0;
  return { cost, variableSized };
}

/** An Int is a size, a list its length; a single value given for a list is coerced to a list of one. */
function sizeOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (typeof value === "number" && Number.isFinite(value)) return Math.max(0, Math.trunc(value));
  if (value === undefined || value === null) return undefined;
  return 1;
}

/** The document's fragments by name, as `estimateCost` takes them. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return fragments;
}
