import type { Address, Hex } from "viem";
import type { TradegraphError } from "../../domain/errors.ts";
import { documentStoreAbi } from "../../wire/evm/abis.ts";
import { toAdapterError } from "./errors.ts";
import { readMany } from "./multicall.ts";
import { atPinnedBlock, type ReadContext, type ReadTitlesOptions } from "./readTitles.ts";

export interface DocumentStoreKey {
  store: Address;
  /** The batch's merkle root: what the store issued. */
  documentHash: Hex;
  /**
   * Hashes whose revocation revokes this document: its target hash and every node on its path to
   * the root (OpenAttestation revokes a document, or a whole sub-batch, by any of them). Defaults to
   * the merkle root alone (a document known only by its hash).
   */
  revocationHashes?: readonly Hex[];
}

/**
 * What the store said: issued or not, and which of the document's hashes it revoked (null: none);
 * `NO_STORE` when the address does not answer as a document store; `FAILED` without an answer.
 */
export type DocumentStoreRead =
  | { kind: "STATUS"; issued: boolean; revokedHash: Hex | null }
  | { kind: "NO_STORE"; reason: string }
  | { kind: "FAILED"; error: TradegraphError };

/** `isIssued` and `isRevoked` (of every revocation hash) for N documents in one Multicall3 round. */
export function readDocumentStoreStatus(
  ctx: ReadContext,
  keys: readonly DocumentStoreKey[],
  readOptions: ReadTitlesOptions = {},
): Promise<{ blockNumber: bigint; reads: DocumentStoreRead[] }> {
  return atPinnedBlock(ctx, readOptions, async (blockNumber) => ({
    blockNumber,
    reads: await readStoresAt(ctx, keys, blockNumber),
  }));
}

async function readStoresAt(
  ctx: ReadContext,
  keys: readonly DocumentStoreKey[],
  blockNumber: bigint,
): Promise<DocumentStoreRead[]> {
  const hashesOf = (k: DocumentStoreKey) =>
    k.revocationHashes?.length ? k.revocationHashes : [k.documentHash];
  const results = await readMany(
    ctx.client,
    ctx.options.multicall3,
    keys.flatMap((k) => [
      { address: k.store, abi: documentStoreAbi, functionName: "isIssued", args: [k.documentHash] },
      ...hashesOf(k).map((h) => ({
        address: k.store,
        abi: documentStoreAbi,
        functionName: "isRevoked",
        args: [h],
      })),
    ]),
    blockNumber,
    ctx.options.multicallChunkBytes,
  );
  let next = 0;
  const reads = keys.map((k): DocumentStoreRead => {
    const hashes = hashesOf(k);
    const own = results.slice(next, next + 1 + hashes.length);
    next += 1 + hashes.length;
    const unanswered = own.find((r) => !r.ok && r.kind === "UNANSWERED");
    if (unanswered && !unanswered.ok && unanswered.kind === "UNANSWERED")
      return { kind: "FAILED", error: toAdapterError(ctx.options.name, unanswered.error) };
    // A call that reverts or returns nothing means this address is not a document store.
    if (own.some((r) => !r.ok))
      return { kind: "NO_STORE", reason: "the address does not answer as a document store" };
    const revoked = hashes.findIndex(
      (_, i) => own[1 + i]!.ok && (own[1 + i] as { value: unknown }).value === true,
    );
    return {
      kind: "STATUS",
      issued: (own[0] as { value: unknown }).value === true,
      revokedHash: revoked >= 0 ? hashes[revoked]! : null,
    };
  });
  return reads;
}
