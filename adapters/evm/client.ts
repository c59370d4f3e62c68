import { createPublicClient, defineChain, http, type PublicClient } from "viem";
import type { ResolvedEvmAdapterOptions } from "./options.ts";
import { fetchRetryingResets } from "../../core/fetchRetryingResets.ts";
import { createRpcFetch, type RpcFetch } from "./rpcFetch.ts";

export interface RpcCounters {
  /** HTTP requests sent to the node (a JSON-RPC batch is one; a retry is another). */
  httpRequests: number;
}

/**
 * viem's public client over HTTP JSON-RPC. Calls issued in the same tick go out as JSON-RPC batches of
 * at most `rpcBatchSize` calls, so a chunked Multicall3 round is one HTTP round trip per batch. viem's
 * own retries are off: `createRpcFetch` retries reads with jitter, honours `Retry-After` and keeps
 * the network's circuit breaker, all within the request's deadline.
 */
export function createEvmClient(
  options: ResolvedEvmAdapterOptions,
  counters: RpcCounters,
): { client: PublicClient; rpc: RpcFetch } {
  const chain = defineChain({
    id: options.chainId,
    name: options.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
    contracts: { multicall3: { address: options.multicall3 } },
  });
  const send = fetchRetryingResets();
  const rpc = createRpcFetch(options, (input, init) => {
    counters.httpRequests++;
    return send(input, init);
  });
  const client = createPublicClient({
    chain,
    transport: http(options.rpcUrl, {
      batch: { batchSize: options.rpcBatchSize, wait: 0 },
      retryCount: 0,
      fetchFn: rpc.fetch,
      timeout: options.requestTimeoutMs,
    }),
    cacheTime: 0,
  }) as PublicClient;
  return { client, rpc };
}
