import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import type { Hex } from "viem";

export interface EvmChainOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  chainId: number;
  /** Genesis time; the seeded history is replayed with block timestamps after it. */
  initialDate: Date;
  /** Funded at genesis. */
  privateKeys: Hex[];
}

export interface RunningEvmChain {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A local EVM chain served over standard Ethereum JSON-RPC (HTTP and WebSocket), run by Hardhat's
 * EDR from code (the `hardhat` CLI refuses Node 20; the programmatic API does not). Automine mines
 * each transaction at once; interval mining is switched on after seeding so heads keep moving and
 * facts gain confirmations as on a live chain.
 */
export async function startEvmChain(options: EvmChainOptions): Promise<RunningEvmChain> {
  const hre = await createHardhatRuntimeEnvironment(
    {
      networks: {
        tradegraph: {
          type: "edr-simulated",
          chainType: "l1",
          chainId: options.chainId,
          initialDate: options.initialDate,
          accounts: options.privateKeys.map((privateKey) => ({ privateKey, balance: 10n ** 24n })),
          mining: { auto: true, interval: 0 },
          // Reverts come back as JSON-RPC errors (what a real node does), not as thrown JS errors.
          throwOnCallFailures: false,
          throwOnTransactionFailures: false,
        },
      },
    },
    {},
    process.cwd(),
  );
  const server = await hre.network.createServer({ network: "tradegraph" }, options.host, options.port);
  const { address, port } = await server.listen();
  return { url: `http://${address}:${port}`, port, close: () => server.close() };
}
