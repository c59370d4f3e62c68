import type { Address, Hex } from "viem";
import { documentStoreAbi } from "./abis.ts";
import { readMany } from "./multicall.ts";
import type { ReadContext } from "./readTitles.ts";

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
  const results = await readMany(
    ctx.client,
    ctx.options.multicall3,
    keys.flatMap((k) => [
      { address: k.store, abi: documentStoreAbi, functionName: "isIssued", args: [k.documentHash] },
      { address: k.store, abi: documentStoreAbi, functionName: "isRevoked", args: [k.documentHash] },
    ]),
    blockNumber,
  );
  const statuses = keys.map((_, i) => {
    const [issued, revoked] = [results[i * 2], results[i * 2 + 1]];
    // A call that fails means this address is not a document store: no status, not "revoked".
    if (!issued?.ok || !revoked?.ok) return null;
    return { issued: issued.value as boolean, revoked: revoked.value as boolean };
  });
  return { blockNumber, statuses };
}
