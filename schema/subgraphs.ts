/** The subgraphs that make up the supergraph: name, SDL file and the URL the gateway uses by default. */
export const SUBGRAPHS = [
  { name: "evm", schemaFile: "subgraphs/evm/schema.graphql", defaultUrl: "http://127.0.0.1:4001/graphql" },
  {
    name: "fabric",
    schemaFile: "subgraphs/fabric/schema.graphql",
    defaultUrl: "http://127.0.0.1:4002/graphql",
  },
  {
    name: "antchain",
    schemaFile: "subgraphs/antchain/schema.graphql",
    defaultUrl: "http://127.0.0.1:4003/graphql",
  },
  {
    name: "interop",
    schemaFile: "subgraphs/interop/schema.graphql",
    defaultUrl: "http://127.0.0.1:4004/graphql",
  },
  {
    name: "analytics",
    schemaFile: "subgraphs/analytics/schema.graphql",
    defaultUrl: "http://127.0.0.1:4005/graphql",
  },
] as const;
