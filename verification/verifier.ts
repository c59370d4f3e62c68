import type { EvmAdapter } from "../adapters/evm/index.ts";
import type { DocumentVerification, FragmentType } from "../domain/model.ts";
import type { DocumentStatusChecker, StatusKey, StatusOutcome } from "./documentStatus.ts";
import {
  DocumentStoreCode,
  FRAGMENT,
  TokenRegistryCode,
  fragment,
  skipped,
  type Fragment,
} from "./fragments.ts";
import type { IssuerIdentityCheck } from "./identity.ts";
import { documentStoreFragment, hashFragment, tokenRegistryFragment } from "./statusFragments.ts";
import type { DocumentIdentity } from "./wrappedDocument.ts";

const TYPES: readonly FragmentType[] = ["DOCUMENT_INTEGRITY", "DOCUMENT_STATUS", "ISSUER_IDENTITY"];

/**
 * One verdict from OpenAttestation's fragments, as its `isValid` reads them (every type needs a VALID
 * fragment and nothing but VALID or SKIPPED), with one distinction it does not make: a fragment in ERROR
 * because a network could not be asked makes the verdict ERROR, never INVALID (an outage says nothing
 * about the document). A tampered document is INVALID whatever else happened. A title known only by its
 * hash has no document to hash and may have no identity proof to follow: those SKIPPED types pass.
 */
export function combine(
  fragments: Fragment[],
  status: StatusOutcome | null,
  checkedAt: Date,
  stale = false,
  mayBeSkipped: readonly FragmentType[] = ["DOCUMENT_INTEGRITY", "ISSUER_IDENTITY"],
): DocumentVerification {
  const integrity = fragments.find((f) => f.type === "DOCUMENT_INTEGRITY");
  const outage = fragments.some((f) => f.status === "ERROR" && !f.documentFault);
  const wrong = fragments.some((f) => f.status === "INVALID" || (f.status === "ERROR" && f.documentFault));
  // OpenAttestation's isValid: each type needs a VALID fragment (a document with no identity proof fails).
  const unproven = TYPES.some(
    (t) => !mayBeSkipped.includes(t) && !fragments.some((f) => f.type === t && f.status === "VALID"),
  );
  const verdict =
    integrity?.status === "INVALID" ? "INVALID" : outage ? "ERROR" : wrong || unproven ? "INVALID" : "VALID";
  return {
    valid: verdict === "VALID",
    status: verdict,
    fragments: fragments.map(({ documentFault: _, ...f }) => f),
    checkedAt,
    cached: status?.cached ?? false,
    source: status?.source ?? null,
    asOfHeight: status?.height ?? null,
    stale: stale && (status?.cached ?? false),
  };
}

/** Where each document's DOCUMENT_STATUS must be asked: its one registry, or every issuer's store. */
function statusPlan(d: DocumentIdentity): {
  registry: StatusKey | null;
  stores: StatusKey[] | null;
  problem: Fragment | null;
} {
  const usesRegistry = d.issuers.some((i) => i.tokenRegistry);
  const usesStore = d.issuers.some((i) => i.documentStore);
  let registry: StatusKey | null = null;
  let stores: StatusKey[] | null = null;
  let problem: Fragment | null = null;
  if (usesRegistry) {
    if (d.issuers.length !== 1)
      problem = fragment(
        "DOCUMENT_STATUS",
        FRAGMENT.tokenRegistry,
        "ERROR",
        {
          codes: TokenRegistryCode,
          code: TokenRegistryCode.INVALID_ISSUERS,
          message: "Only one issuer is allowed for tokens",
        },
        undefined,
        true,
      );
    else
      registry = {
        kind: "TOKEN_REGISTRY",
        address: d.issuers[0]!.tokenRegistry!,
        documentHash: d.documentHash,
      };
  }
  if (usesStore) {
    const without = d.issuers.find((i) => !i.documentStore);
    if (without)
      problem ??= fragment(
        "DOCUMENT_STATUS",
        FRAGMENT.documentStore,
        "ERROR",
        {
          codes: DocumentStoreCode,
          code: DocumentStoreCode.INVALID_ISSUERS,
          message: `Document store address not found in issuer ${without.name ?? ""}`,
        },
        undefined,
        true,
      );
    else
      stores = d.issuers.map((i) => ({
        kind: "DOCUMENT_STORE" as const,
        address: i.documentStore!,
        documentHash: d.documentHash,
        revocationHashes: d.revocationHashes,
      }));
  }
  return { registry, stores, problem };
}

/**
 * Verifies supplied documents as OpenAttestation's verifier does, fragment for fragment: integrity,
 * the token registry's and the document stores' status (every issuer's store; revocation by target hash
 * and every node up to the root), DID status (skipped: these documents are not DID-signed), and each
 * issuer's identity. All documents' chain reads go out together (one round, one Redis MGET).
 */
export async function verifyDocuments(
  adapter: EvmAdapter,
  checker: DocumentStatusChecker,
  identity: IssuerIdentityCheck,
  documents: DocumentIdentity[],
): Promise<DocumentVerification[]> {
  const chainId = adapter.options.chainId;
  const plans = documents.map((d) => ({
    reachable: d.chainId === null || d.chainId === chainId,
    ...statusPlan(d),
  }));
  const keys: StatusKey[] = [];
  for (const p of plans)
    if (p.reachable && !p.problem) keys.push(...(p.registry ? [p.registry] : []), ...(p.stores ?? []));
  const [outcomes, identities] = await Promise.all([
    checker.check(keys),
    Promise.all(documents.map((d) => identity.forDocument(d.issuers, d.chainId ?? chainId))),
  ]);
  const stale = checker.networkUnreachable();
  let next = 0;
  const checkedAt = new Date();
  return documents.map((d, i) => {
    const plan = plans[i]!;
    const root = d.documentHash;
    let registryFragment = plan.registry ? null : skipped.tokenRegistry();
    let storeFragment = plan.stores ? null : skipped.documentStore();
    let main: StatusOutcome | null = null;
    if (!plan.reachable) {
      const unreachable = fragment(
        "DOCUMENT_STATUS",
        plan.registry ? FRAGMENT.tokenRegistry : FRAGMENT.documentStore,
        "ERROR",
        {
          codes: TokenRegistryCode,
          code: TokenRegistryCode.SERVER_ERROR,
          message: `No network is configured for chain ${d.chainId}`,
        },
      );
      if (plan.registry) registryFragment = unreachable;
      else storeFragment = unreachable;
    } else if (plan.problem) {
      if (plan.problem.name === FRAGMENT.tokenRegistry) registryFragment = plan.problem;
      else storeFragment = plan.problem;
      registryFragment ??= skipped.tokenRegistry();
      storeFragment ??= skipped.documentStore();
    } else {
      if (plan.registry) {
        main = outcomes[next++]!;
        registryFragment = tokenRegistryFragment(plan.registry.address, root, main);
      }
      if (plan.stores) {
        const own = outcomes.slice(next, next + plan.stores.length);
        next += plan.stores.length;
        main ??= own[0]!;
        storeFragment = documentStoreFragment(
          plan.stores.map((s) => s.address),
          root,
          own,
        );
      }
    }
    return combine(
      [
        hashFragment(d.integrityValid),
        registryFragment!,
        storeFragment!,
        skipped.didSigned(),
        ...identities[i]!,
      ],
      main,
      checkedAt,
      stale,
      [], // a document must prove every type, as OpenAttestation's isValid demands
    );
  });
}

/** Verifies titles known only by hash (no document: integrity SKIPPED; identity by the identity check's rule). */
export async function verifyTitles(
  adapter: EvmAdapter,
  checker: DocumentStatusChecker,
  identity: IssuerIdentityCheck,
  keys: StatusKey[],
): Promise<DocumentVerification[]> {
  const chainId = adapter.options.chainId;
  const [outcomes, identities] = await Promise.all([
    checker.check(keys),
    Promise.all(keys.map((k) => identity.forAddress(chainId, k.address))),
  ]);
  const stale = checker.networkUnreachable();
  const checkedAt = new Date();
  return keys.map((k, i) =>
    combine(
      [
        hashFragment(null),
        k.kind === "TOKEN_REGISTRY"
          ? tokenRegistryFragment(k.address, k.documentHash, outcomes[i]!)
          : skipped.tokenRegistry(),
        k.kind === "DOCUMENT_STORE"
          ? documentStoreFragment([k.address], k.documentHash, [outcomes[i]!])
          : skipped.documentStore(),
        skipped.didSigned(),
        ...identities[i]!,
      ],
      outcomes[i]!,
      checkedAt,
      stale,
      ["DOCUMENT_INTEGRITY", "ISSUER_IDENTITY"],
    ),
  );
}
