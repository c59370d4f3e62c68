import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Supergraph, operationFromDocument } from "@apollo/federation-internals";
import { QueryPlanner, prettyFormatQueryPlan } from "@apollo/query-planner";
import { parse } from "graphql";
import { supergraphForApolloGateway } from "../../gateway/server.ts";

describe("query plans over the composed supergraph", () => {
  const supergraph = Supergraph.build(
    supergraphForApolloGateway(readFileSync("schema/supergraph.graphql", "utf8")),
  );
  const planner = new QueryPlanner(supergraph);
  const plan = (query: string) =>
    prettyFormatQueryPlan(planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))));

  it("resolves billOfLading(reference:) on the carrier network, then fetches the title from the EVM subgraph", () => {
    const text = plan(`{ billOfLading(reference: "COSU1234") { documentHash titleStatus holder { name } } }`);
    expect(text).toMatch(/Sequence/);
    expect(text.indexOf('Fetch(service: "fabric")')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Fetch(service: "evm")')).toBeGreaterThan(text.indexOf('Fetch(service: "fabric")'));
    // The second fetch is an entity fetch keyed by the document hash the carrier record gave.
    expect(text).toMatch(/Flatten\(path: "billOfLading"\)/);
    expect(text).toMatch(/\} =>/);
  });

  it("joins a shipment's carrier record and its eBL title in one plan", () => {
    const text = plan(
      `{ shipment(reference: "COSU1234") { carrierEvents { code } billOfLading { titleStatus } } }`,
    );
    expect(text).toContain('Fetch(service: "fabric")');
    expect(text).toContain('Fetch(service: "evm")');
  });
});
