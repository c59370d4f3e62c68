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
  /** How long an accepted transaction waits for others to share its block. @default 20 */
  blockIntervalMs?: number;
}

export interface RunningPortNetwork {
  url: string;
  chain: PortChain;
  tenants: Tenant[];
  /** Where the chain keeps its blocks (one JSON line each). */
  blockFile: string;
  close(): Promise<void>;
}

/** The block file's name: v2 is the ABI-encoded chain (calls, outputs and logs); older files are ignored. */
export const blockFileOf = (dir: string, bizid: string) => join(dir, "chain", `${bizid}.v2.blocks.jsonl`);

/** Starts the port network: tenants' keys, the chain from disk, the BaaS-style REST service. */
export async function startPortNetwork(options: PortNetworkOptions): Promise<RunningPortNetwork> {
  const tenants = ensureTenants(join(options.dir, "tenants"));
  const blockFile = blockFileOf(options.dir, options.bizid);
  const chain = new PortChain(blockFile, {
    writers: tenants.filter((t) => t.writesPortRecords).flatMap((t) => t.accounts),
    ...(options.blockIntervalMs ? { batchTimeoutMs: options.blockIntervalMs } : {}),
  });
  const server = await startBaasServer({
    chain,
    tenants,
    bizid: options.bizid,
    host: options.host,
    port: options.port,
    ...(options.tokenTtlMs ? { tokenTtlMs: options.tokenTtlMs } : {}),
  }).catch((error: unknown) => {
    chain.close();
    throw error;
  });
  return {
    url: server.url,
    chain,
    tenants,
    blockFile,
    close: async () => {
      await server.close();
      chain.close();
    },
  };
}
