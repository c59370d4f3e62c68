/**
 * Every `@requires` of the composed supergraph is planned correctly by gateways built on graphql-tools
 * stitching (Hive Gateway, GraphQL Mesh), not only by Apollo's planner. Two peer behaviours decide it
 * (both in @graphql-tools/stitch and /delegate as Hive Gateway 2.15 runs them):
 *
 * - the planner calls the requiring subgraph once `typesContainSelectionSet` says the subgraphs already
 *   fetched hold the field set, and that check returns after the first field with a sub-selection
 *   (leaves before it and that first selection are checked; the rest never is);
 * - inputs read through another entity from a third subgraph are left to a deferred path that answers
 *   the field with a sibling field's type (the verdict came back null).
 *
 * So: for every set of subgraphs the gateway may have fetched, the peer's check must not say "ready"
 * when the field set is not all there; and no input is read through a nested entity from a subgraph
 * other than the one that returned that entity.
 */
import { readFileSync } from "node:fs";
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { describe, expect, it } from "vitest";

/** What each subgraph resolves itself: type -> field -> the field's named type. */
type SubgraphTypes = Map<string, Map<string, string>>;

interface Requirement {
  type: string;
  field: string;
  subgraph: string;
  selectionSet: SelectionSetNode;
}

const arg = (d: ConstDirectiveNode, name: string) => {
  const value = d.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
};

const namedType = (field: FieldDefinitionNode): string => {
  let type = field.type;
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  return type.name.value;
};

/** Reads the supergraph's join directives into each subgraph's own fields, and every @requires. */
function readSupergraph(document: DocumentNode) {
  const graphs = new Map<string, string>();
  const subgraphs = new Map<string, SubgraphTypes>();
  const entities = new Set<string>();
  const requirements: Requirement[] = [];
  for (const def of document.definitions)
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === "join__Graph")
      for (const v of def.values ?? []) {
        const name = arg(
          v.directives!.find((d) => d.name.value === "join__graph")!,
          "name",
        ) as string;
        graphs.set(v.name.value, name);
        subgraphs.set(name, new Map());
      }
  const objects = document.definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION,
  );
  for (const type of objects) {
    const joinTypes = (type.directives ?? []).filter((d) => d.name.value === "join__type");
    if (joinTypes.some((d) => arg(d, "key") !== undefined)) entities.add(type.name.value);
    const typeGraphs = joinTypes.map((d) => graphs.get(arg(d, "graph") as string)!);
    for (const field of type.fields ?? []) {
      const joins = (field.directives ?? []).filter((d) => d.name.value === "join__field");
      const owners = joins.length
        ? joins
            .filter((d) => arg(d, "external") !== true && arg(d, "graph"))
            .map((d) => graphs.get(arg(d, "graph") as string)!)
        : typeGraphs;
      for (const owner of owners) {
        const types = subgraphs.get(owner)!;
        if (!types.has(type.name.value)) types.set(type.name.value, new Map());
        types.get(type.name.value)!.set(field.name.value, namedType(field));
      }
      for (const join of joins) {
        const requires = arg(join, "requires");
        if (typeof requires === "string")
          requirements.push({
            type: type.name.value,
            field: field.name.value,
            subgraph: graphs.get(arg(join, "graph") as string)!,
            selectionSet: selectionSetOf(requires),
          });
      }
    }
  }
  return { subgraphs, entities, requirements };
}

/** One subgraph's definition of a type, with the subgraph (nested types are read from the same one). */
interface Held {
  subgraph: SubgraphTypes;
  fields: Map<string, string>;
}

/** The named types a selected field has in each subgraph that holds it. */
function nested(types: Held[], field: string): Held[] {
  return types.flatMap((t) => {
    const typeName = t.fields.get(field);
    const fields = typeName === undefined ? undefined : t.subgraph.get(typeName);
    return fields ? [{ subgraph: t.subgraph, fields }] : [];
  });
}

/** The peer's check, as written in @graphql-tools/stitch (`typesContainSelectionSet`): note the early return. */
function peerSaysReady(types: Held[], selectionSet: SelectionSetNode): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    if (!types.some((t) => t.fields.has(selection.name.value))) return false;
    if (selection.selectionSet)
      return peerSaysReady(nested(types, selection.name.value), selection.selectionSet);
  }
  return true;
}

/** The same question answered in full: every field, at every depth. */
function allThere(types: Held[], selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind !== Kind.FIELD) return true;
    if (!types.some((t) => t.fields.has(selection.name.value))) return false;
    return !selection.selectionSet || allThere(nested(types, selection.name.value), selection.selectionSet);
  });
}

const selectionSetOf = (fields: string): SelectionSetNode =>
  (parse(`{ ${fields} }`).definitions[0] as OperationDefinitionNode).selectionSet;

const subsets = <T>(xs: T[]): T[][] =>
  xs.reduce<T[][]>((acc, x) => [...acc, ...acc.map((s) => [...s, x])], [[]]);

describe("@requires field sets are planned right by stitching-based gateways (Hive Gateway)", () => {
  const supergraph = readSupergraph(parse(readFileSync("schema/supergraph.graphql", "utf8")));
  const { subgraphs, entities, requirements } = supergraph;

  /** Where the peer's check says "ready" although part of the field set is missing. */
  function earlyCalls(r: Requirement): string[] {
    const holders = [...subgraphs].filter(([name, types]) => name !== r.subgraph && types.has(r.type));
    const found: string[] = [];
    for (const sources of subsets(holders)) {
      if (!sources.length) continue;
      const types = sources.map(([, subgraph]) => ({ subgraph, fields: subgraph.get(r.type)! }));
      if (peerSaysReady(types, r.selectionSet) && !allThere(types, r.selectionSet))
        found.push(sources.map(([name]) => name).join("+"));
    }
    return found;
  }

  /** Inputs read through a nested entity from a subgraph other than the one that returned the entity. */
  function entityHops(r: Requirement): string[] {
    const hops: string[] = [];
    const walk = (typeName: string, selectionSet: SelectionSetNode, path: string) => {
      for (const selection of selectionSet.selections) {
        if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
        const owners = [...subgraphs].filter(([, types]) => types.get(typeName)?.has(selection.name.value));
        const nested = owners[0]?.[1].get(typeName)!.get(selection.name.value);
        if (!nested) continue;
        if (entities.has(nested))
          for (const leaf of selection.selectionSet.selections)
            if (
              leaf.kind === Kind.FIELD &&
              !owners.some(([, types]) => types.get(nested)?.has(leaf.name.value))
            )
              hops.push(`${path}.${selection.name.value}.${leaf.name.value}`);
        walk(nested, selection.selectionSet, `${path}.${selection.name.value}`);
      }
    };
    walk(r.type, r.selectionSet, `${r.type}.${r.field}`);
    return hops;
  }

  it("finds the supergraph's @requires (the interop subgraph's derived fields among them)", () => {
    const names = requirements.map((r) => `${r.type}.${r.field}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "Shipment.events",
        "Shipment.status",
        "Shipment.statusSince",
        "Shipment.eta",
        "Shipment.currentLocation",
        "BillOfLading.verdict",
        "BillOfLading.titleIntegrity",
      ]),
    );
  });

  it("the check catches the field sets that lost the port network's events behind Hive Gateway", () => {
    const shipmentEvents = requirements.find((r) => r.type === "Shipment" && r.field === "events")!;
    const before = {
      ...shipmentEvents,
      // The field set as it was: the carrier's log first, no leaf from either network.
      selectionSet: selectionSetOf("carrierEventLog { code } portEventLog { code }"),
    };
    expect(earlyCalls(before)).toContain("fabric");
    const verdict = requirements.find((r) => r.type === "BillOfLading" && r.field === "verdict")!;
    const through = {
      ...verdict,
      selectionSet: selectionSetOf("titleStatus shipment { reference portReleaseRecords { status } }"),
    };
    // Shipment.portReleaseRecords (the port network) read through the carrier's `shipment`.
    expect(entityHops(through)).toEqual(["BillOfLading.verdict.shipment.portReleaseRecords"]);
  });

  it("no @requires is called before its inputs are there, whichever subgraphs answered first", () => {
    const early = requirements.flatMap((r) => earlyCalls(r).map((s) => `${r.type}.${r.field} after ${s}`));
    expect(early).toEqual([]);
  });

  it("no @requires reads an entity's fields from a subgraph other than the one that returned it", () => {
    expect(requirements.flatMap(entityHops)).toEqual([]);
  });
});
