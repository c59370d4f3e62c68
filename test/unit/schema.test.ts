import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { composeSupergraph } from "../../schema/composeSupergraph.ts";

describe("committed schema artifacts", () => {
  it("schema/supergraph.graphql and schema/api.graphql are what the subgraph SDLs compose to (run `npm run compose`)", () => {
    const { supergraphSdl, apiSdl } = composeSupergraph(process.cwd());
    expect(readFileSync("schema/supergraph.graphql", "utf8")).toBe(supergraphSdl);
    expect(readFileSync("schema/api.graphql", "utf8")).toBe(apiSdl);
  });

  it("generated resolver types and typed documents are current (run `npm run codegen`)", () => {
    const result = spawnSync("npx", ["graphql-codegen", "--config", "codegen.ts", "--check"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 90_000);
});
