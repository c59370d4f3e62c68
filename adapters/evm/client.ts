import { createPublicClient, defineChain, http, type PublicClient } from "viem";
import type { ResolvedEvmAdapterOptions } from "./options.ts";
import { fetchRetryingResets } from "../../core/fetchRetryingResets.ts";

export interface RpcCounters {
  /** HTTP requests sent to the node (a JSON-RPC batch is one). */
  httpRequests: number;
}

/**
 * viem's public client over HTTP JSON-RPC. Calls issued in the same tick go out as one JSON-RPC batch,
 * so a chunked Multicall3 round is one HTTP round trip. Retries are off: a failed read is reported to
 * the caller as the network being unavailable rather than delayed by backoff.
 */
export function createEvmClient(options: ResolvedEvmAdapterOptions, counters: RpcCounters): PublicClient {
  const chain = defineChain({
    id: options.chainId,
    name: options.name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
    contracts: { multicall3: { address: options.multicall3 } },
  });
  return createPublicClient({
    chain,
    transport: http(options.rpcUrl, {
      batch: { batchSize: 1000, wait: 0 },
      retryCount: 0,
      // Reads only: a request lost to a reset kept-alive socket is sent again, anything else is reported.
      fetchFn: fetchRetryingResets(),
      timeout: options.requestTimeoutMs,
      onFetchRequest: () => {
        counters.httpRequests++;
      },
    }),
    cacheTime: 0,
  }) as PublicClient;
}
