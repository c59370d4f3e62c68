import {
  BaseError,
  RpcRequestError,
  decodeErrorResult,
  getAddress,
  parseAbi,
  zeroAddress,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { NetworkError, NetworkUnavailableError, type TradegraphError } from "../../domain/errors.ts";
import type { Finality, Title } from "../../domain/model.ts";
import {
  BURN_ADDRESS,
  titleEscrowAbi,
  titleEscrowFactoryAbi,
  tradeTrustTokenAbi,
} from "../../wire/evm/abis.ts";
import { toAdapterError } from "./errors.ts";
import { readMany, type ReadResult } from "./multicall.ts";
import type { ResolvedEvmAdapterOptions } from "./options.ts";
import type { TitleIndex } from "./titleIndex.ts";

export interface TitleKey {
  registry: Address;
  documentHash: Hex;
}

export interface ReadContext {
  client: PublicClient;
  options: ResolvedEvmAdapterOptions;
  index: TitleIndex;
  /** Escrow addresses are deterministic per (registry, token), so they are kept for good. */
  escrowCache: Map<string, Address>;
}

/**
 * What the chain said about one title, at the block read:
 * - `TITLE`: minted; its state;
 * - `NOT_MINTED`: the registry answered `ownerOf` with ERC-721's "nonexistent token" revert;
 * - `NO_REGISTRY`: no contract at the address, or one that does not answer `ownerOf` as a token registry;
 * - `FAILED`: no deterministic answer (the node did not answer, or a call failed in a way that does not
 *   say whether the token exists). Never read as "never minted".
 */
export type TitleRead =
  | { kind: "TITLE"; title: Title }
  | { kind: "NOT_MINTED" }
  | { kind: "NO_REGISTRY"; reason: string }
  | { kind: "FAILED"; error: TradegraphError };

export interface ReadTitlesOptions {
  /** Read at this block instead of the head the follower last saw. */
  blockNumber?: bigint;
}

const cacheKey = (k: TitleKey) => `${k.registry.toLowerCase()}:${k.documentHash.toLowerCase()}`;

// How ERC-721 registries say a token does not exist: OpenZeppelin 4.x before 4.8 (TradeTrust's
// token-registry 4 and 5), 4.8-4.9, and OpenZeppelin 5's custom error.
const NONEXISTENT_TOKEN = /owner query for nonexistent token|invalid token id/i;
const erc721Errors = parseAbi(["error Error(string)", "error ERC721NonexistentToken(uint256 tokenId)"]);

function isNonexistentToken(data: Hex): boolean {
  try {
    const decoded = decodeErrorResult({ abi: erc721Errors, data });
    return (
      decoded.errorName === "ERC721NonexistentToken" ||
      (decoded.errorName === "Error" && NONEXISTENT_TOKEN.test(String(decoded.args[0])))
    );
  } catch {
    return false;
  }
}

/**
 * Reads N titles in a constant number of rounds, all pinned to one block: one Multicall3 round for
 * owner and escrow state, plus one beforehand only for escrows neither the cache nor the index knows.
 * Each key gets its own outcome, so one failed call fails one title, never reads as "never minted".
 */
export function readTitlesSettled(
  ctx: ReadContext,
  keys: readonly TitleKey[],
  readOptions: ReadTitlesOptions = {},
): Promise<{ blockNumber: bigint; reads: TitleRead[] }> {
  return atPinnedBlock(ctx, readOptions, async (blockNumber) => ({
    blockNumber,
    reads: await readTitlesAt(ctx, keys, blockNumber, readOptions.blockNumber === undefined),
  }));
}

/**
 * Runs a read pinned to the head the follower last saw (so every read of a request sees one block), or
 * to the block asked for. When the chain no longer has that block (it reorganised onto a shorter
 * branch since the follower's last poll), the read runs again at the chain's head.
 */
export async function atPinnedBlock<T>(
  ctx: ReadContext,
  readOptions: ReadTitlesOptions,
  read: (blockNumber: bigint) => Promise<T>,
): Promise<T> {
  const pinned =
    readOptions.blockNumber ?? ctx.index.knownHead ?? (await ctx.client.getBlockNumber({ cacheTime: 0 }));
  try {
    return await read(pinned);
  } catch (error) {
    if (readOptions.blockNumber !== undefined || !isMissingBlock(error)) throw error;
    return read(await ctx.client.getBlockNumber({ cacheTime: 0 }));
  }
}

function isMissingBlock(error: unknown): boolean {
  const rpc = error instanceof BaseError ? error.walk((e) => e instanceof RpcRequestError) : undefined;
  return (
    rpc instanceof RpcRequestError &&
    /invalid block|unknown block|header not found|block not found|block .* not found/i.test(
      `${rpc.shortMessage} ${rpc.details}`,
    )
  );
}

async function readTitlesAt(
  ctx: ReadContext,
  keys: readonly TitleKey[],
  blockNumber: bigint,
  /** A read of the title as it stands now (not one pinned by the caller to a past block). */
  current = true,
): Promise<TitleRead[]> {
  const { client, options, index, escrowCache } = ctx;
  const fail = (error: unknown): TitleRead => ({
    kind: "FAILED",
    error: toAdapterError(options.name, error),
  });

  for (const k of keys) {
    if (escrowCache.has(cacheKey(k))) continue;
    const known = index.escrowOf(k.registry, k.documentHash);
    if (known) escrowCache.set(cacheKey(k), getAddress(known));
  }
  const unknown = keys.filter((k) => !escrowCache.has(cacheKey(k)));
  if (unknown.length > 0) {
    const escrows = await readMany(
      client,
      options.multicall3,
      unknown.map((k) => ({
        address: options.titleEscrowFactory,
        abi: titleEscrowFactoryAbi,
        functionName: "getEscrowAddress",
        args: [k.registry, BigInt(k.documentHash)],
      })),
      blockNumber,
      options.multicallChunkBytes,
    );
    escrows.forEach((r, i) => {
      if (r.ok) escrowCache.set(cacheKey(unknown[i]!), r.value as Address);
    });
  }

  const calls = keys.flatMap((k) => {
    const escrow = escrowCache.get(cacheKey(k)) ?? zeroAddress;
    return [
      {
        address: k.registry,
        abi: tradeTrustTokenAbi,
        functionName: "ownerOf",
        args: [BigInt(k.documentHash)],
      },
      { address: escrow, abi: titleEscrowAbi, functionName: "beneficiary" },
      { address: escrow, abi: titleEscrowAbi, functionName: "holder" },
      { address: escrow, abi: titleEscrowAbi, functionName: "nominee" },
    ];
  });
  const results = await readMany(client, options.multicall3, calls, blockNumber, options.multicallChunkBytes);
  const head = index.knownHead ?? blockNumber;

  const reads = keys.map((k, i): TitleRead => {
    // The node answered at a block below one where this title already changed (a node restarted from an
    // older state, resyncing, or serving a lagging replica): its answer would move the title backwards or
    // call it never minted. Unavailable until it has caught up, never a wrong state.
    const lastSeen = current ? index.transfersOf(k.registry, k.documentHash).at(-1)?.blockNumber : undefined;
    if (lastSeen !== undefined && BigInt(lastSeen) > blockNumber)
      return fail(
        new NetworkUnavailableError(
          options.name,
          `The ${options.name} node is behind: it answered at block ${blockNumber}, this title changed at block ${lastSeen}`,
        ),
      );
    const [owner, beneficiary, holder, nominee] = results.slice(i * 4, i * 4 + 4) as ReadResult[];
    if (!owner!.ok) {
      switch (owner!.kind) {
        case "REVERTED":
          if (isNonexistentToken(owner!.data)) return { kind: "NOT_MINTED" };
          // Sent again on its own already (see readMany): an empty revert is the contract's own answer.
          if (owner!.data === "0x")
            return {
              kind: "NO_REGISTRY",
              reason: "the contract does not answer ownerOf as a token registry",
            };
          return fail(
            new NetworkError(
              options.name,
              `The registry ${k.registry} refused ownerOf with an unexpected error`,
              {
                details: owner!.data.slice(0, 138),
              },
            ),
          );
        case "NO_CODE":
          return { kind: "NO_REGISTRY", reason: "no contract at the registry's address" };
        case "UNDECODABLE":
          return { kind: "NO_REGISTRY", reason: "the contract does not answer ownerOf as a token registry" };
        case "UNANSWERED":
          return fail(owner!.error);
      }
    }
    const ownerAddress = (owner!.value as Address).toLowerCase();
    const status =
      ownerAddress === BURN_ADDRESS.toLowerCase()
        ? "ACCOMPLISHED"
        : ownerAddress === k.registry.toLowerCase()
          ? "RETURNED_TO_ISSUER"
          : "ISSUED";
    // A live title's parties come from its escrow: a failed escrow read is a failed title, not "no holder".
    const parties = [beneficiary!, holder!, nominee!];
    const failed = parties.find((r) => !r.ok);
    if (status !== "ACCOMPLISHED" && failed)
      return fail(
        failed.ok === false && failed.kind === "UNANSWERED"
          ? failed.error
          : new NetworkError(
              options.name,
              `The title escrow of ${k.documentHash} did not answer as an escrow`,
            ),
      );
    const party = (r: ReadResult) =>
      status !== "ACCOMPLISHED" && r.ok && r.value !== zeroAddress ? { address: r.value as string } : null;
    const last = index.transfersOf(k.registry, k.documentHash).at(-1);
    const finality: Finality =
      last && head - BigInt(last.blockNumber) >= BigInt(options.confirmations) ? "FINAL" : "PENDING";
    return {
      kind: "TITLE",
      title: {
        documentHash: k.documentHash.toLowerCase(),
        registry: { network: options.name, chainId: options.chainId, address: getAddress(k.registry) },
        status,
        beneficiary: party(beneficiary!),
        holder: party(holder!),
        nominee: party(nominee!),
        escrow: escrowCache.get(cacheKey(k)) ?? null,
        source: {
          network: options.name,
          kind: "EVM",
          blockNumber: blockNumber.toString(),
          transactionId: last?.transactionHash ?? null,
          finality,
          recordedAt: last ? new Date(last.timestamp * 1000) : null,
        },
      },
    };
  });
  return reads;
}

/**
 * The titles, null where the chain says there is none (never minted, or not a registry). Any key
 * without a deterministic answer fails the whole read, so a caller that records "no title" (the read
 * model) never records it for a title it could not read.
 */
export async function readTitles(
  ctx: ReadContext,
  keys: readonly TitleKey[],
  readOptions: ReadTitlesOptions = {},
): Promise<{ blockNumber: bigint; titles: (Title | null)[] }> {
  const { blockNumber, reads } = await readTitlesSettled(ctx, keys, readOptions);
  const failed = reads.find((r) => r.kind === "FAILED");
  if (failed) throw failed.error;
  return { blockNumber, titles: reads.map((r) => (r.kind === "TITLE" ? r.title : null)) };
}
