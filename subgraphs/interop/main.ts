/** Entry point of the interop subgraph: cross-network views computed from the network subgraphs' fields. */
import { z } from "zod";
import { host, loadConfigOrExit, port } from "../../core/config.ts";
import { startInteropSubgraph } from "./server.ts";

const config = loadConfigOrExit(
  "interop-subgraph",
  z.object({ INTEROP_SUBGRAPH_HOST: host, INTEROP_SUBGRAPH_PORT: port(4004) }),
  process.env,
);
const server = await startInteropSubgraph(config.INTEROP_SUBGRAPH_HOST, config.INTEROP_SUBGRAPH_PORT);
console.log(`READY ${JSON.stringify({ service: "interop-subgraph", url: server.url })}`);

const shutdown = async () => {
  await server.close();
  process.exit(0);
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
