import type { Address, Hex } from "viem";
import { documentStoreAbi } from "./abis.ts";
import type { ReadContext } from "./readTitles.ts";
import { throwOnTransportFailure } from "./errors.ts";

export interface DocumentStoreKey {
  store: Address;
  documentHash: Hex;
}

export interface DocumentStoreStatus {
  issued: boolean;
  revoked: boolean;
}

/** `isIssued` and `isRevoked` for N documents in one Multicall3 round, pinned to one block. */
export async function readDocumentStoreStatus(
  ctx: ReadContext,
  keys: readonly DocumentStoreKey[],
): Promise<{ blockNumber: bigint; statuses: (DocumentStoreStatus | null)[] }> {
  const blockNumber = ctx.index.knownHead ?? (await ctx.client.getBlockNumber({ cacheTime: 0 }));
  const results = await ctx.client.multicall({
    allowFailure: true,
    blockNumber,
    contracts: keys.flatMap((k) => [
      {
        address: k.store,
        abi: documentStoreAbi,
        functionName: "isIssued" as const,
        args: [k.documentHash] as const,
      },
      {
        address: k.store,
        abi: documentStoreAbi,
        functionName: "isRevoked" as const,
        args: [k.documentHash] as const,
      },
    ]),
  });
  throwOnTransportFailure(ctx.options.name, results);
  const statuses = keys.map((_, i) => {
    const [issued, revoked] = [results[i * 2], results[i * 2 + 1]];
    // A call that fails means this address is not a document store: no status, not "revoked".
    if (issued?.status !== "success" || revoked?.status !== "success") return null;
    return { issued: issued.result as boolean, revoked: revoked.result as boolean };
  });
  return { blockNumber, statuses };
}
