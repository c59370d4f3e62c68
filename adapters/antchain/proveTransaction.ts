import { BadUserInputError } from "../../domain/errors.ts";
import { merkleProof, verifyMerklePath } from "../../wire/antchain/merkle.ts";
import {
  receiptFields,
  receiptHashOf,
  type BlockHeader,
  type ChainReceipt,
} from "../../wire/antchain/records.ts";
import type { PortBlockFollower } from "./blockFollower.ts";
import type { BaasRestClient } from "./restClient.ts";

export interface ReceiptProof {
  txHash: string;
  blockNumber: number;
  /** The receipt's hash, recomputed from the receipt the network answers. */
  receiptHash: string;
  /** The receipt root of its block's header (the checked header once the block is checked). */
  receiptRoot: string;
  /**
   * True when the receipt's Merkle path leads to the receipt root of a block in the adapter's checked
   * header chain (hashes linked from the trusted checkpoint, roots recomputed from the block body).
   */
  proven: boolean;
}

/**
 * Fetches a transaction's receipt (QUERYRECEIPT) and holds it to the checked header chain, catching the
 * follower up first when the receipt's block is newer than the chain's tip.
 */
export async function proveTransaction(
  client: BaasRestClient,
  follower: PortBlockFollower,
  txHash: string,
): Promise<ReceiptProof> {
  if (!/^[0-9a-f]{64}$/.test(txHash))
    throw new BadUserInputError(
      "transaction hashes are 64 lowercase hex characters without 0x",
      "transactionId",
    );
  const receipt = receiptFields(
    JSON.parse(await client.chainCall({ method: "QUERYRECEIPT", hash: txHash })) as ChainReceipt,
  );
  // The leaf is recomputed from the receipt itself: a receipt altered in transit cannot verify.
  const leaf = receiptHashOf(receipt);
  // Twice at most: a pass already in flight may have started before this block existed.
  for (let i = 0; i < 2 && follower.verifiedHeight < receipt.blockNumber; i++)
    await follower.syncOnce().catch(() => undefined);
  const checked = follower.chain.locate(txHash);
  if (checked && checked.header.number === receipt.blockNumber) {
    const proven = verifyMerklePath(
      leaf,
      merkleProof(checked.leaves, checked.index),
      checked.header.receiptRoot,
    );
    return {
      txHash,
      blockNumber: receipt.blockNumber,
      receiptHash: leaf,
      receiptRoot: checked.header.receiptRoot,
      proven,
    };
  }
  // Not in the checked chain (before the trusted checkpoint, or the follower cannot check it): the
  // network's own header, for reference, and not proven.
  const header = JSON.parse(
    await client.chainCall({ method: "QUERYBLOCK", requestStr: String(receipt.blockNumber) }),
  ) as BlockHeader;
  return {
    txHash,
    blockNumber: receipt.blockNumber,
    receiptHash: leaf,
    receiptRoot: header.receiptRoot,
    proven: false,
  };
}
