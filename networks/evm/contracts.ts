import { createRequire } from "node:module";
import {
  TitleEscrowFactory__factory,
  TitleEscrow__factory,
  TradeTrustToken__factory,
} from "@tradetrust-tt/token-registry/contracts";
import type { Abi, Hex } from "viem";
import { MULTICALL3_CREATION_CODE } from "./multicall3.ts";

const require = createRequire(import.meta.url);

interface EthersFactoryInstance {
  bytecode: string;
  interface: { formatJson(): string };
}

/**
 * The real contracts, as their packages ship them: TradeTrust's token registry and title escrow
 * (`@tradetrust-tt/token-registry`), OpenAttestation's document store (`@tradetrust-tt/document-store`,
 * whose factory keeps abi and bytecode private, so they are read from an instance) and Multicall3.
 */
const documentStoreFactory: EthersFactoryInstance = (() => {
  const { DocumentStore__factory } =
    require("@tradetrust-tt/document-store/dist/contracts/factories/DocumentStore__factory.js") as {
      DocumentStore__factory: new () => EthersFactoryInstance;
    };
  return new DocumentStore__factory();
})();

export const artifacts = {
  titleEscrowFactory: {
    abi: TitleEscrowFactory__factory.abi as Abi,
    bytecode: TitleEscrowFactory__factory.bytecode as Hex,
  },
  tradeTrustToken: {
    abi: TradeTrustToken__factory.abi as Abi,
    bytecode: TradeTrustToken__factory.bytecode as Hex,
  },
  titleEscrow: { abi: TitleEscrow__factory.abi as Abi },
  documentStore: {
    abi: JSON.parse(documentStoreFactory.interface.formatJson()) as Abi,
    bytecode: documentStoreFactory.bytecode as Hex,
  },
  multicall3: { bytecode: MULTICALL3_CREATION_CODE as Hex },
} as const;

export { MULTICALL3_ADDRESS } from "../../wire/evm/abis.ts";
