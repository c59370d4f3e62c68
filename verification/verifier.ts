import type { EvmAdapter } from "../adapters/evm/index.ts";
import { isTradegraphError } from "../core/errors.ts";
import type { DocumentVerification, FragmentType } from "../core/model.ts";
import type { DocumentStatusChecker, StatusKey, StatusOutcome } from "./documentStatus.ts";
import {
  DocumentStoreCode,
  FRAGMENT,
  HashCode,
  TokenRegistryCode,
  fragment,
  skipped,
  type Fragment,
} from "./fragments.ts";
import type { IssuerIdentityCheck } from "./identity.ts";
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

/** OpenAttestation's DOCUMENT_INTEGRITY fragment. */
function hashFragment(valid: boolean | null): Fragment {
  if (valid === null)
    return fragment("DOCUMENT_INTEGRITY", FRAGMENT.hash, "SKIPPED", {
      codes: HashCode,
      code: HashCode.SKIPPED,
      message: "The document itself was not supplied; pass it to verifyDocument to check its integrity",
    });
  return valid
    ? fragment("DOCUMENT_INTEGRITY", FRAGMENT.hash, "VALID", null, true)
    : fragment(
        "DOCUMENT_INTEGRITY",
        FRAGMENT.hash,
        "INVALID",
        { codes: HashCode, code: HashCode.DOCUMENT_TAMPERED, message: "Document has been tampered with" },
        false,
      );
}

const outageReason = (error: unknown) =>
  `Unable to connect to the Ethereum network, please try again later (${
    isTradegraphError(error) ? `${error.code}: ${error.shortMessage}` : "the network could not be read"
  })`;

/** OpenAttestation's token registry status: `ownerOf(merkleRoot)` on the one issuer's registry. */
function tokenRegistryFragment(registry: string, merkleRoot: string, outcome: StatusOutcome): Fragment {
  const name = FRAGMENT.tokenRegistry;
  const codes = TokenRegistryCode;
  const fact = outcome.fact;
  if (!fact || fact.kind !== "TOKEN_REGISTRY")
    return fragment("DOCUMENT_STATUS", name, "ERROR", {
      codes,
      code: codes.SERVER_ERROR,
      message: outageReason(outcome.error),
    });
  if (fact.outcome === "MINTED" && fact.titleStatus !== "ACCOMPLISHED")
    return fragment("DOCUMENT_STATUS", name, "VALID", null, {
      mintedOnAll: true,
      details: [{ minted: true, address: registry }],
    });
  const reason =
    fact.outcome === "MINTED"
      ? {
          codes,
          code: codes.DOCUMENT_ACCOMPLISHED,
          message: `Document ${merkleRoot} has been accomplished under contract ${registry}: its token was shredded`,
        }
      : {
          codes,
          code: codes.DOCUMENT_NOT_MINTED,
          message:
            fact.outcome === "NOT_MINTED"
              ? "Document has not been issued under token registry"
              : "Token registry is not found",
        };
  const detail = { minted: fact.outcome === "MINTED", address: registry, reason: toReason(reason) };
  return fragment("DOCUMENT_STATUS", name, "INVALID", reason, {
    mintedOnAll: fact.outcome === "MINTED",
    details: [detail],
  });
}

function toReason(r: { codes: Record<string, number>; code: number; message: string }) {
  return {
    message: r.message,
    code: r.code,
    codeString: Object.entries(r.codes).find(([, v]) => v === r.code)?.[0] ?? "UNEXPECTED_ERROR",
  };
}

/** OpenAttestation's document store status: issued on every issuer's store, revoked on none. */
function documentStoreFragment(stores: string[], merkleRoot: string, outcomes: StatusOutcome[]): Fragment {
  const name = FRAGMENT.documentStore;
  const codes = DocumentStoreCode;
  const down = outcomes.find((o) => !o.fact);
  if (down)
    return fragment("DOCUMENT_STATUS", name, "ERROR", {
      codes,
      code: codes.SERVER_ERROR,
      message: outageReason(down.error),
    });
  const issuance = outcomes.map((o, i) => {
    const fact = o.fact!;
    if (fact.kind === "DOCUMENT_STORE" && fact.outcome === "STATUS" && fact.issued)
      return { issued: true, address: stores[i]! };
    return {
      issued: false,
      address: stores[i]!,
      reason: toReason({
        codes,
        code: codes.DOCUMENT_NOT_ISSUED,
        message:
          fact.kind === "DOCUMENT_STORE" && fact.outcome === "STATUS"
            ? `Document ${merkleRoot} has not been issued under contract ${stores[i]}`
            : "Contract is not found",
      }),
    };
  });
  const notIssued = issuance.find((s) => !s.issued);
  if (notIssued)
    return {
      ...fragment("DOCUMENT_STATUS", name, "INVALID", null, { issuedOnAll: false, details: { issuance } }),
      reason: notIssued.reason!.message,
      code: notIssued.reason!.code,
      codeString: notIssued.reason!.codeString,
    };
  const revocation = outcomes.map((o, i) => {
    const fact = o.fact!;
    return fact.kind === "DOCUMENT_STORE" && fact.outcome === "STATUS" && fact.revokedHash
      ? {
          revoked: true,
          address: stores[i]!,
          reason: toReason({
            codes,
            code: codes.DOCUMENT_REVOKED,
            message: `Document ${merkleRoot} has been revoked under contract ${stores[i]}`,
          }),
        }
      : { revoked: false, address: stores[i]! };
  });
  const revoked = revocation.find((r) => r.revoked);
  const data = { issuedOnAll: true, revokedOnAny: Boolean(revoked), details: { issuance, revocation } };
  if (revoked)
    return {
      ...fragment("DOCUMENT_STATUS", name, "INVALID", null, data),
      reason: revoked.reason!.message,
      code: revoked.reason!.code,
      codeString: revoked.reason!.codeString,
    };
  return fragment("DOCUMENT_STATUS", name, "VALID", null, data);
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
