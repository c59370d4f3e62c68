/** Entry point of the interop subgraph: cross-network views computed from the network subgraphs' fields. */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { host, loadConfigOrExit, port } from "../../serving/config.ts";
import { createObservability, observabilityConfigShape } from "../../serving/observability.ts";
import { runService } from "../../serving/service.ts";
import { accessDirectoryCheck } from "../../serving/subgraphServer.ts";
import { accessConfigShape, loadSubgraphAccessOrExit } from "../../access/serviceConfig.ts";
import type { IssuerRecord, PartyRecord } from "../../interop/crosswalk/lookup.ts";
import { createContext } from "./context.ts";
import { startInteropSubgraph } from "./server.ts";

const config = loadConfigOrExit(
  "interop-subgraph",
  z.object({
    INTEROP_SUBGRAPH_HOST: host,
    INTEROP_SUBGRAPH_PORT: port(4004),
    /** Parties as the EVM network records them (address -> name, LEI), for the crosswalk. */
    ADDRESS_BOOK_FILE: z.string().default(".tradegraph/evm/address-book.json"),
    /** Carriers' registries and stores as the EVM trust list records them, for the crosswalk. */
    TRUST_LIST_FILE: z.string().default(".tradegraph/evm/trust-list.json"),
    ...accessConfigShape,
    ...observabilityConfigShape,
  }),
  process.env,
);
const observability = createObservability("interop-subgraph", config);
const readList = <T>(file: string): T[] =>
  existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T[]) : [];
const parties = readList<PartyRecord>(config.ADDRESS_BOOK_FILE);
const issuers = readList<IssuerRecord>(config.TRUST_LIST_FILE);
const access = await loadSubgraphAccessOrExit(config, "interop-subgraph");
const server = await startInteropSubgraph(
  config.INTEROP_SUBGRAPH_HOST,
  config.INTEROP_SUBGRAPH_PORT,
  access,
  (requestAccess) => createContext(requestAccess, parties, issuers),
  { ...observability, checks: access.sql ? accessDirectoryCheck(access.sql) : {} },
);
runService(
  "interop-subgraph",
  { url: server.url, parties: parties.length, issuers: issuers.length },
  async () => {
    await server.close();
    await access.sql?.close();
  },
);
