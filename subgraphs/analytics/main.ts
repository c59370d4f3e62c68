/**
 * Entry point of the analytics subgraph: opens the read model (PostgreSQL at DATABASE_URL, else PGlite
 * under the state directory), builds it from the carrier and port networks, follows their changes, and
 * serves the analyst's API.
 */
import { join } from "node:path";
import { z } from "zod";
import { createAntchainAdapter } from "../../adapters/antchain/index.ts";
import {
  antchainAdapterOptionsFrom,
  antchainConnectionConfigShape,
} from "../../adapters/antchain/serviceConfig.ts";
import { createEvmAdapter } from "../../adapters/evm/index.ts";
import { evmAdapterOptionsFrom, evmConnectionConfigShape } from "../../adapters/evm/serviceConfig.ts";
import { createFabricAdapter } from "../../adapters/fabric/index.ts";
import {
  fabricAdapterOptionsFrom,
  fabricConnectionConfigShape,
} from "../../adapters/fabric/serviceConfig.ts";
import { ReadModelIndexer } from "../../analytics/indexer.ts";
import { migrate } from "../../analytics/migrations.ts";
import { openEmbeddedReadModel } from "../../analytics/embeddedReadModel.ts";
import { connectPostgres } from "../../analytics/sql.ts";
import { host, loadConfigOrExit, port } from "../../serving/config.ts";
import { ConfigInvalidError } from "../../domain/errors.ts";
import { runService } from "../../serving/service.ts";
import type { HealthState } from "../../serving/health.ts";
import {
  createObservability,
  observabilityConfigShape,
  observeAdapter,
} from "../../serving/observability.ts";
import { indexCheckpoints, indexLag } from "../../analytics/queries.ts";
import { accessConfigShape, loadSubgraphAccessOrExit } from "../../access/serviceConfig.ts";
import { sqlAccessDirectory } from "../../access/sqlDirectory.ts";
import { cachedAccessDirectory } from "../../access/cachedDirectory.ts";
import { startAnalyticsSubgraph } from "./server.ts";

const config = loadConfigOrExit(
  "analytics-subgraph",
  z.object({
    ANALYTICS_SUBGRAPH_HOST: host,
    ANALYTICS_SUBGRAPH_PORT: port(4005),

    ...fabricConnectionConfigShape,
    ...antchainConnectionConfigShape,
    ...evmConnectionConfigShape,
    ...accessConfigShape,
    ...observabilityConfigShape,
  }),
  process.env,
);
const observability = createObservability("analytics-subgraph", config);

// The same connection settings as the network subgraphs: a real network is configured once for both.
const stateDir = config.TRADEGRAPH_STATE_DIR;
const carrier = fabricAdapterOptionsFrom(config, stateDir, `analytics-${config.FABRIC_NETWORK_NAME}`);
const portNetwork = antchainAdapterOptionsFrom(config, stateDir, `analytics-${config.ANTCHAIN_NETWORK_NAME}`);
if (!carrier.options || !portNetwork.options) {
  console.error(
    new ConfigInvalidError([...carrier.problems, ...portNetwork.problems], "analytics-subgraph").message,
  );
  process.exit(2);
}
const fabric = observeAdapter(createFabricAdapter(carrier.options), observability);
const antchain = observeAdapter(createAntchainAdapter(portNetwork.options), observability);
// Without the eBL chain's title escrow factory the index still serves shipments; its title columns stay
// empty. Its title index is rebuilt at each start (not persisted), as before.
const title = evmAdapterOptionsFrom(config, stateDir, null);
const evm = title.options ? observeAdapter(createEvmAdapter(title.options), observability) : null;
await evm?.start();
const sql = config.DATABASE_URL
  ? await connectPostgres(config.DATABASE_URL, config.DATABASE_SCHEMA)
  : await openEmbeddedReadModel(join(config.TRADEGRAPH_STATE_DIR, "readmodel"), ({ movedTo, error }) =>
      observability.logger.warn(
        { movedTo, err: error },
        "the embedded read model did not open: moved aside, rebuilding it from the networks (its asOf history starts again)",
      ),
    );
if (config.DATABASE_URL) await migrate(sql);
// The read model also keeps the access directory: it already follows all three networks.
const access = await loadSubgraphAccessOrExit(
  { ...config, DATABASE_URL: undefined },
  "analytics-subgraph",
  false,
);
const indexer = new ReadModelIndexer(sql, fabric, antchain, evm, access.parties);
const started = Date.now();
const indexed = await indexer.rebuild();
indexer.follow();
await Promise.all([fabric.start(), antchain.start()]);
// How far the read model trails each network it indexes, sampled for /metrics and /health/ready: a
// source network DOWN degrades the read model (it answers, from what it had indexed).
const sources = [fabric, antchain, ...(evm ? [evm] : [])];
let sourceStates: Record<string, HealthState> = {};
const sampleLag = async () => {
  const [statuses, checkpoints] = await Promise.all([
    Promise.all(sources.map((a) => a.status())),
    indexCheckpoints(
      sql,
      sources.map((a) => a.name),
    ),
  ]);
  sourceStates = Object.fromEntries(statuses.map((s) => [s.name, s.health]));
  statuses.forEach((status, i) => {
    const checkpoint = checkpoints[i];
    if (checkpoint)
      observability.metrics.observeReadModelLag(status.name, indexLag(checkpoint, status.height));
  });
};
const lagTimer = setInterval(() => void sampleLag().catch(() => undefined), 5000);
lagTimer.unref();
void sampleLag().catch(() => undefined);
const server = await startAnalyticsSubgraph(
  { sql },
  config.ANALYTICS_SUBGRAPH_HOST,
  config.ANALYTICS_SUBGRAPH_PORT,
  {
    ...access,
    shipments: cachedAccessDirectory(sqlAccessDirectory(sql)),
  },
  {
    ...observability,
    checks: {
      sources: {
        check: async () => {
          const down = Object.entries(sourceStates).filter(([, s]) => s !== "UP");
          return down.length === 0
            ? { status: "UP", networks: sourceStates }
            : { status: "DEGRADED", networks: sourceStates };
        },
      },
    },
  },
);
runService("analytics-subgraph", { url: server.url, indexed, ms: Date.now() - started }, async () => {
  clearInterval(lagTimer);
  indexer.stop();
  await server.close();
  await fabric.close();
  await antchain.close();
  await evm?.close();
  await sql.close();
});
