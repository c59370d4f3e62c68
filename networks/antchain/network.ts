import { join } from "node:path";
import { PortChain } from "./chain.ts";
import { startBaasServer } from "./server.ts";
import { ensureTenants, type Tenant } from "./tenants.ts";

export interface PortNetworkOptions {
  dir: string;
  host: string;
  port: number;
  bizid: string;
  tokenTtlMs?: number;
}

export interface RunningPortNetwork {
  url: string;
  chain: PortChain;
  tenants: Tenant[];
  close(): Promise<void>;
}

/** Starts the port network: tenants' keys, the chain from disk, the BaaS-style REST service. */
export async function startPortNetwork(options: PortNetworkOptions): Promise<RunningPortNetwork> {
  const tenants = ensureTenants(join(options.dir, "tenants"));
  const chain = new PortChain(join(options.dir, "chain", `${options.bizid}.blocks.jsonl`));
  const server = await startBaasServer({
    chain,
    tenants,
    bizid: options.bizid,
    host: options.host,
    port: options.port,
    ...(options.tokenTtlMs ? { tokenTtlMs: options.tokenTtlMs } : {}),
  });
  return {
    url: server.url,
    chain,
    tenants,
    close: async () => {
      chain.cut();
      await server.close();
    },
  };
}
