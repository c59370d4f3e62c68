import type { RequestAccess } from "../../access/requestAccess.ts";
import DataLoader from "dataloader";
import type { Address, Hex } from "viem";
import type { EvmAdapter } from "../../adapters/evm/index.ts";
import type { DocumentVerification, Title } from "../../domain/model.ts";
import type { DocumentStatusChecker } from "../../verification/documentStatus.ts";
import type { StatusCache } from "../../verification/statusCache.ts";
import type { TrustList } from "../../verification/trustList.ts";
import { trustListIdentity, type IssuerIdentityCheck } from "../../verification/identity.ts";
import { verifyTitles } from "../../verification/verifier.ts";
import type { AddressBook } from "./addressBook.ts";
import type { NetworkHealthRegistry } from "../../serving/healthRegistry.ts";
import type { NetworkKind } from "../../domain/model.ts";

/** Long-lived parts of the EVM subgraph, built once by the entry point. */
export interface EvmSubgraphDeps {
  adapter: EvmAdapter;
  checker: DocumentStatusChecker;
  cache: StatusCache;
  /** How ISSUER_IDENTITY is decided (DNS-TXT, as OpenAttestation does); the trust list's when absent. */
  identity?: IssuerIdentityCheck;
  /** Registries and stores trusted by configuration: the identity rule when `identity` is absent. */
  trustList?: TrustList;
  addressBook: AddressBook;
  /** Statuses every subgraph publishes; absent in tests that run this subgraph alone. */
  health?: { registry: NetworkHealthRegistry; expected: { name: string; kind: NetworkKind }[] };
}

/** The identity rule the deps configure: DNS-TXT (with or without a trust list), or the trust list alone. */
export function identityOf(deps: EvmSubgraphDeps): IssuerIdentityCheck {
  if (deps.identity) return deps.identity;
  if (deps.trustList) return trustListIdentity(deps.trustList);
  throw new Error("EvmSubgraphDeps needs an identity check or a trust list");
}

export interface EvmSubgraphContext extends EvmSubgraphDeps {
  identity: IssuerIdentityCheck;
  loaders: ReturnType<typeof createLoaders>;
  /** This request's caller and its batched access decisions. */
  access: RequestAccess;
}

// Entity lists resolve through several promise hops; waiting one macrotask (not one microtask) lets
// every title of the request join the same batch, so N titles stay one chain round.
const batchScheduleFn = (callback: () => void) => setImmediate(callback);

const titleKey = (k: { registry: Address; documentHash: Hex }) =>
  `${k.registry.toLowerCase()}:${k.documentHash.toLowerCase()}`;

/**
 * Per-request DataLoaders: every title and verification a request touches is read in one batch (one
 * chain round, one Redis round trip), whatever the shape of the query. A failed batch fails each key
 * with the same error, so each field reports it without failing its siblings.
 */
export function createLoaders(deps: EvmSubgraphDeps) {
  const identity = identityOf(deps);
  return {
    title: new DataLoader<{ registry: Address; documentHash: Hex }, Title | null, string>(
      async (keys) => {
        try {
          // Per key: a title the chain did not answer for fails alone, and never reads as "not minted".
          const { reads } = await deps.adapter.readTitlesSettled(keys);
          return reads.map((r) => (r.kind === "TITLE" ? r.title : r.kind === "FAILED" ? r.error : null));
        } catch (error) {
          return keys.map(() => error as Error);
        }
      },
      { cacheKeyFn: titleKey, maxBatchSize: 5000, batchScheduleFn },
    ),
    registries: new DataLoader<Hex, Address[]>(async (hashes) =>
      Promise.all(hashes.map((h) => deps.adapter.registriesOf(h).catch((e: Error) => e))),
    ),
    verification: new DataLoader<{ registry: Address; documentHash: Hex }, DocumentVerification, string>(
      (keys) =>
        verifyTitles(
          deps.adapter,
          deps.checker,
          identity,
          keys.map((k) => ({
            kind: "TOKEN_REGISTRY" as const,
            address: k.registry,
            documentHash: k.documentHash,
          })),
        ),
      { cacheKeyFn: titleKey, maxBatchSize: 5000, batchScheduleFn },
    ),
  };
}

export function createContext(deps: EvmSubgraphDeps, access: RequestAccess): EvmSubgraphContext {
  return { ...deps, identity: identityOf(deps), loaders: createLoaders(deps), access };
}
