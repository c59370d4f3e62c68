import { getAddress, zeroAddress, type Address, type Hex, type PublicClient } from "viem";
import type { Finality, Title } from "../../core/model.ts";
import { BURN_ADDRESS, titleEscrowAbi, titleEscrowFactoryAbi, tradeTrustTokenAbi } from "./abis.ts";
import type { ResolvedEvmAdapterOptions } from "./options.ts";
import type { TitleIndex } from "./titleIndex.ts";
import { throwOnTransportFailure } from "./errors.ts";

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
 * Reads N titles in a constant number of rounds, all pinned to one block: at most one Multicall3 round
 * for escrow addresses the index has not seen yet, then one round for owner and escrow state. Chunks of a
 * round travel as one JSON-RPC batch. Returns null for a token that was never minted.
 */
export async function readTitles(
  ctx: ReadContext,
  keys: readonly TitleKey[],
): Promise<{ blockNumber: bigint; titles: (Title | null)[] }> {
  const { client, options, index, escrowCache } = ctx;
  const blockNumber = index.knownHead ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const cacheKey = (k: TitleKey) => `${k.registry.toLowerCase()}:${k.documentHash.toLowerCase()}`;

  const unknown = keys.filter((k) => !escrowCache.has(cacheKey(k)));
  for (const k of unknown) {
    const known = index.escrowOf(k.registry, k.documentHash);
    if (known) escrowCache.set(cacheKey(k), getAddress(known));
  }
  const stillUnknown = unknown.filter((k) => !escrowCache.has(cacheKey(k)));
  if (stillUnknown.length > 0) {
    const escrows = await client.multicall({
      allowFailure: true,
      blockNumber,
      contracts: stillUnknown.map((k) => ({
        address: options.titleEscrowFactory,
        abi: titleEscrowFactoryAbi,
        functionName: "getEscrowAddress" as const,
        args: [k.registry, BigInt(k.documentHash)] as const,
      })),
    });
    throwOnTransportFailure(options.name, escrows);
    escrows.forEach((r, i) => {
      if (r.status === "success") escrowCache.set(cacheKey(stillUnknown[i]!), r.result);
    });
  }

  const calls = keys.flatMap((k) => {
    const escrow = escrowCache.get(cacheKey(k)) ?? zeroAddress;
    return [
      {
        address: k.registry,
        abi: tradeTrustTokenAbi,
        functionName: "ownerOf" as const,
        args: [BigInt(k.documentHash)] as const,
      },
      { address: escrow, abi: titleEscrowAbi, functionName: "beneficiary" as const },
      { address: escrow, abi: titleEscrowAbi, functionName: "holder" as const },
      { address: escrow, abi: titleEscrowAbi, functionName: "nominee" as const },
    ];
  });
  const results = await client.multicall({ allowFailure: true, blockNumber, contracts: calls });
  throwOnTransportFailure(options.name, results);
  const head = index.knownHead ?? blockNumber;

  const titles = keys.map((k, i): Title | null => {
    const [owner, beneficiary, holder, nominee] = results.slice(i * 4, i * 4 + 4);
    if (!owner || owner.status !== "success") return null;
    const ownerAddress = (owner.result as Address).toLowerCase();
    const escrow = escrowCache.get(cacheKey(k)) ?? null;
    const status =
      ownerAddress === BURN_ADDRESS.toLowerCase()
        ? "ACCOMPLISHED"
        : ownerAddress === k.registry.toLowerCase()
          ? "RETURNED_TO_ISSUER"
          : "ISSUED";
    const party = (r: (typeof results)[number] | undefined) =>
      status !== "ACCOMPLISHED" && r?.status === "success" && (r.result as string) !== zeroAddress
        ? { address: r.result as string }
        : null;
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
      escrow,
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
