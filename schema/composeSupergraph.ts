import { readFileSync } from "node:fs";
import { join } from "node:path";
import { composeServices } from "@apollo/composition";
import { parse, printSchema } from "graphql";
import { SUBGRAPHS } from "./subgraphs.ts";

export interface ComposedSchemas {
  supergraphSdl: string;
  apiSdl: string;
}

/** Composes the committed subgraph SDLs into the supergraph (static composition, no introspection). */
export function composeSupergraph(root: string): ComposedSchemas {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({
      name: s.name,
      url: s.defaultUrl,
      typeDefs: parse(readFileSync(join(root, s.schemaFile), "utf8")),
    })),
  );
  if (result.errors)
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join("\n")}`);
  return {
    supergraphSdl: result.supergraphSdl,
    apiSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()),
  };
}
