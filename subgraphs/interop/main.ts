/** Entry point of the interop subgraph: cross-network views computed from the network subgraphs' fields. */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { host, loadConfigOrExit, port } from "../../core/config.ts";
import type { PartyRecord } from "../../interop/crosswalk/lookup.ts";
import { createContext } from "./context.ts";
import { startInteropSubgraph } from "./server.ts";
import { runService } from "../../core/service.ts";

const config = loadConfigOrExit(
  "interop-subgraph",
  z.object({
    INTEROP_SUBGRAPH_HOST: host,
    INTEROP_SUBGRAPH_PORT: port(4004),
    /** Parties as the EVM network records them (address -> name, LEI), for the crosswalk. */
    ADDRESS_BOOK_FILE: z.string().default(".tradegraph/evm/address-book.json"),
  }),
  process.env,
);
const parties = existsSync(config.ADDRESS_BOOK_FILE)
  ? (JSON.parse(readFileSync(config.ADDRESS_BOOK_FILE, "utf8")) as PartyRecord[])
  : [];
const server = await startInteropSubgraph(config.INTEROP_SUBGRAPH_HOST, config.INTEROP_SUBGRAPH_PORT, () =>
  createContext(parties),
);
runService("interop-subgraph", { url: server.url, parties: parties.length }, async () => {
  await server.close();
});
