import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Address,
  type Hex,
  type PublicClient,
  type Transport,
  type Chain,
} from "viem";
import { CARRIERS } from "../../world/catalog.ts";
import type { EvmActor, EvmActors } from "./accounts.ts";
import { artifacts, MULTICALL3_ADDRESS } from "./contracts.ts";
import { fetchRetryingResets } from "../../core/fetchRetryingResets.ts";

export interface EvmDeployment {
  chainId: number;
  genesisHash: Hex;
  titleEscrowFactory: Address;
  multicall3: Address;
  /** One TradeTrustToken registry per carrier SCAC (eBLs), deployed by the carrier. */
  registries: Record<string, Address>;
  /** One OpenAttestation DocumentStore per carrier SCAC (sea waybills). */
  documentStores: Record<string, Address>;
  deployedAtBlock: string;
}

export interface ChainClients {
  chain: Chain;
  publicClient: PublicClient<Transport, Chain>;
  walletFor(actor: EvmActor): ReturnType<typeof createWalletClient<Transport, Chain, EvmActor["account"]>>;
}

export function chainClients(url: string, chainId: number): ChainClients {
  const chain = defineChain({
    id: chainId,
    name: "Tradegraph local eBL chain",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  // EDR answers eth_fillTransaction with -32004; retries would only add seconds per transaction. A
  // reset kept-alive socket (after a pause, such as issuing thousands of documents) is sent again.
  const transport = http(url, { retryCount: 0, fetchFn: fetchRetryingResets() });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 });
  const wallets = new Map<
    string,
    ReturnType<typeof createWalletClient<Transport, Chain, EvmActor["account"]>>
  >();
  return {
    chain,
    publicClient,
    walletFor(actor) {
      let wallet = wallets.get(actor.label);
      if (!wallet)
        wallets.set(actor.label, (wallet = createWalletClient({ account: actor.account, chain, transport })));
      return wallet;
    },
  };
}

/** Deploys the title escrow factory, a registry and a document store per carrier, and Multicall3. */
export async function deployContracts(clients: ChainClients, actors: EvmActors): Promise<EvmDeployment> {
  const { publicClient } = clients;
  const deploy = async (
    actor: EvmActor,
    abi: (typeof artifacts)["tradeTrustToken"]["abi"],
    bytecode: Hex,
    args: unknown[],
  ): Promise<Address> => {
    const hash = await clients.walletFor(actor).deployContract({ abi, bytecode, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress)
      throw new Error(`deployment failed: ${hash}`);
    return receipt.contractAddress;
  };
  const titleEscrowFactory = await deploy(
    actors.deployer,
    artifacts.titleEscrowFactory.abi,
    artifacts.titleEscrowFactory.bytecode,
    [],
  );

  // Multicall3 lives at the same address on every public chain; put its runtime code there too.
  const multicallAt = await deploy(actors.deployer, [], artifacts.multicall3.bytecode, []);
  const runtime = await publicClient.getCode({ address: multicallAt });
  await publicClient.request({
    method: "hardhat_setCode" as never,
    params: [MULTICALL3_ADDRESS, runtime] as never,
  });

  const registries: Record<string, Address> = {};
  const documentStores: Record<string, Address> = {};
  for (const carrier of CARRIERS) {
    const issuer = actors.carriers.get(carrier.scac)!;
    registries[carrier.scac] = await deploy(
      issuer,
      artifacts.tradeTrustToken.abi,
      artifacts.tradeTrustToken.bytecode,
      [`${carrier.name} eBL`, carrier.scac, titleEscrowFactory],
    );
    documentStores[carrier.scac] = await deploy(
      issuer,
      artifacts.documentStore.abi,
      artifacts.documentStore.bytecode,
      [`${carrier.name} Sea Waybills`, issuer.account.address],
    );
  }
  const genesis = await publicClient.getBlock({ blockNumber: 0n });
  const head = await publicClient.getBlockNumber();
  return {
    chainId: clients.chain.id,
    genesisHash: genesis.hash,
    titleEscrowFactory,
    multicall3: MULTICALL3_ADDRESS,
    registries,
    documentStores,
    deployedAtBlock: head.toString(),
  };
}
