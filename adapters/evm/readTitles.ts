import { getAddress, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import type { Finality, Title } from "../../core/model.ts";
import { BURN_ADDRESS, titleEscrowAbi, titleEscrowFactoryAbi, tradeTrustTokenAbi } from "./abis.ts";
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

const cacheKey = (k: TitleKey) => `${k.registry.toLowerCase()}:${k.documentHash.toLowerCase()}`;

/**
 * Reads N titles in a constant number of rounds, all pinned to one block: one Multicall3 round for
 * owner and escrow state, plus one beforehand only for escrows neither the cache nor the index knows.
 * Returns null for a token that was never minted.
 */
export async function readTitles(
  ctx: ReadContext,
  keys: readonly TitleKey[],
): Promise<{ blockNumber: bigint; titles: (Title | null)[] }> {
  const { client, options, index, escrowCache } = ctx;
  const blockNumber = index.knownHead ?? (await client.getBlockNumber({ cacheTime: 0 }));

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
  const results = await readMany(client, options.multicall3, calls, blockNumber);
  const head = index.knownHead ?? blockNumber;

  const titles = keys.map((k, i): Title | null => {
    const [owner, beneficiary, holder, nominee] = results.slice(i * 4, i * 4 + 4);
    if (!owner?.ok) return null; // ownerOf reverts: never minted
    const ownerAddress = (owner.value as Address).toLowerCase();
    const status =
      ownerAddress === BURN_ADDRESS.toLowerCase()
        ? "ACCOMPLISHED"
        : ownerAddress === k.registry.toLowerCase()
          ? "RETURNED_TO_ISSUER"
          : "ISSUED";
    const party = (r: ReadResult | undefined) =>
      status !== "ACCOMPLISHED" && r?.ok && r.value !== zeroAddress ? { address: r.value as string } : null;
    const last = index.transfersOf(k.registry, k.documentHash).at(-1);
    const finality: Finality =
      last && head - BigInt(last.blockNumber) >= BigInt(options.confirmations) ? "FINAL" : "PENDING";
    return {
      documentHash: k.documentHash.toLowerCase(),
      registry: { network: options.name, chainId: options.chainId, address: getAddress(k.registry) },
      status,
      beneficiary: party(beneficiary),
      holder: party(holder),
      nominee: party(nominee),
      escrow: escrowCache.get(cacheKey(k)) ?? null,
      source: {
        network: options.name,
        kind: "EVM",
        blockNumber: blockNumber.toString(),
        transactionId: last?.transactionHash ?? null,
        finality,
        recordedAt: last ? new Date(last.timestamp * 1000) : null,
      },
    };
  });
  return { blockNumber, titles };
}
