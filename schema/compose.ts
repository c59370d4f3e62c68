/** `npm run compose`: writes schema/supergraph.graphql and the public API schema schema/api.graphql. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { composeSupergraph } from "./composeSupergraph.ts";

const root = process.cwd();
const { supergraphSdl, apiSdl } = composeSupergraph(root);
writeFileSync(join(root, "schema/supergraph.graphql"), supergraphSdl);
writeFileSync(join(root, "schema/api.graphql"), apiSdl);
console.log("wrote schema/supergraph.graphql and schema/api.graphql");
