import { describe, expect, it } from "vitest";
import type { Abi, AbiParameter } from "viem";
import { CarrierContract } from "../../networks/fabric/chaincode/carrierContract.ts";
import { artifacts } from "../../networks/evm/contracts.ts";
import { CARRIER_QUERIES, CARRIER_SUBMITS } from "../../wire/fabric/carrierContract.ts";
import {
  documentStoreAbi,
  titleEscrowAbi,
  titleEscrowFactoryAbi,
  tradeTrustTokenAbi,
} from "../../wire/evm/abis.ts";

/** An ABI item as the wire sees it: kind, name, parameter types (and which are indexed), outputs. */
function shapeOf(item: Abi[number]): string {
  const params = (ps: readonly AbiParameter[] | undefined) =>
    (ps ?? []).map((p) => `${p.type}${"indexed" in p && p.indexed ? " indexed" : ""}`).join(",");
  if (item.type === "function")
    return `function ${item.name}(${params(item.inputs)}) ${item.stateMutability} returns (${params(item.outputs)})`;
  if (item.type === "event") return `event ${item.name}(${params(item.inputs)})`;
  return item.type;
}

describe("the wire contracts both sides import", () => {
  it("every carrier chaincode transaction the adapter calls or the seeders submit is a transaction of the chaincode", () => {
    const methods = Object.getOwnPropertyNames(CarrierContract.prototype);
    for (const name of [...Object.values(CARRIER_QUERIES), ...Object.values(CARRIER_SUBMITS)])
      expect(methods, name).toContain(name);
  });

  it.each([
    ["token registry", tradeTrustTokenAbi, artifacts.tradeTrustToken.abi],
    ["title escrow factory", titleEscrowFactoryAbi, artifacts.titleEscrowFactory.abi],
    ["title escrow", titleEscrowAbi, artifacts.titleEscrow.abi],
    ["document store", documentStoreAbi, artifacts.documentStore.abi],
  ] as const)(
    "the %s ABI the adapter reads is the deployed contract's, item by item (types, indexing, mutability)",
    (_, wire, deployed) => {
      const real = new Set(deployed.map(shapeOf));
      for (const item of wire as Abi) expect(real, shapeOf(item)).toContain(shapeOf(item));
    },
  );
});
