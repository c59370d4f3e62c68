import type { Transport } from "@graphql-mesh/transport-common";
import { buildHTTPExecutor } from "@graphql-tools/executor-http";

/**
 * Hive Gateway's HTTP transport to subgraphs, for `createGatewayRuntime({ transports: { http } })`.
 *
 * The runtime package (`@graphql-hive/gateway-runtime`) loads its transports by kind at run time and
 * ships none: the `@graphql-hive/gateway` CLI brings `@graphql-mesh/transport-http`. That package is not
 * in this project's registry snapshot, so this is its core, unchanged where it matters: the same
 * `buildHTTPExecutor` (`@graphql-tools/executor-http`, the runtime's own dependency) at the subgraph's
 * location, through the fetch the runtime hands over (the one every plugin's `onFetch` wraps, where the
 * proof is signed). What it leaves out: header interpolation from the transport entry and subscriptions
 * over another transport, which this graph does not use.
 */
export const httpTransport: Transport = {
  getSubgraphExecutor(payload) {
    const { transportEntry } = payload;
    if (!transportEntry.location) throw new Error(`no URL for subgraph ${payload.subgraphName}`);
    return buildHTTPExecutor({
      endpoint: transportEntry.location,
      ...transportEntry.options,
      getDisposeReason: payload.getDisposeReason,
      // The runtime's fetch (with its onFetch hooks); executor-http types it narrower than it is.
      fetch: payload.fetch as never,
    });
  },
};
