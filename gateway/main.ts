/** Entry point of the gateway: serves the committed supergraph on /graphql, with /health. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { host, loadConfigOrExit, port } from "../core/config.ts";
import { SUBGRAPHS } from "../schema/subgraphs.ts";
import { startGateway } from "./server.ts";
import { runService } from "../core/service.ts";

const config = loadConfigOrExit(
  "gateway",
  z.object({
    GATEWAY_HOST: host,
    GATEWAY_PORT: port(4000),
    SUPERGRAPH_FILE: z.string().default("schema/supergraph.graphql"),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** e.g. SUBGRAPH_EVM_URL=http://127.0.0.1:4001/graphql */
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`SUBGRAPH_${s.name.toUpperCase()}_URL`, z.url().optional()])),
    /** e.g. SUBGRAPH_ANTCHAIN_TIMEOUT_MS=3000 */
    ...Object.fromEntries(
      SUBGRAPHS.map((s) => [
        `SUBGRAPH_${s.name.toUpperCase()}_TIMEOUT_MS`,
        z.coerce.number().int().positive().optional(),
      ]),
    ),
  }),
  process.env,
);

const subgraphUrls: Record<string, string> = {};
const subgraphTimeoutsMs: Record<string, number> = {};
for (const s of SUBGRAPHS) {
  const url = (config as Record<string, unknown>)[`SUBGRAPH_${s.name.toUpperCase()}_URL`];
  if (typeof url === "string") subgraphUrls[s.name] = url;
  const timeout = (config as Record<string, unknown>)[`SUBGRAPH_${s.name.toUpperCase()}_TIMEOUT_MS`];
  if (typeof timeout === "number") subgraphTimeoutsMs[s.name] = timeout;
}
const server = await startGateway({
  supergraphSdl: readFileSync(config.SUPERGRAPH_FILE, "utf8"),
  subgraphUrls,
  host: config.GATEWAY_HOST,
  port: config.GATEWAY_PORT,
  subgraphTimeoutMs: config.SUBGRAPH_TIMEOUT_MS,
  subgraphTimeoutsMs,
});
runService("gateway", { url: server.url }, async () => {
  await server.close();
});
