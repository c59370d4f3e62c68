import type { EvmAdapter } from "../adapters/evm/index.ts";
import type { DocumentVerification, VerificationFragment } from "../core/model.ts";
import type { DocumentStatusChecker, StatusKey, StatusOutcome } from "./documentStatus.ts";
import type { TrustList } from "./trustList.ts";
import type { DocumentIdentity } from "./wrappedDocument.ts";

/**
 * Combines the three OpenAttestation fragments into one verdict. A tampered document is INVALID
 * whatever the network says; otherwise a fragment in ERROR makes the verdict ERROR (an outage says
 * nothing about the document); otherwise any INVALID fragment makes it INVALID.
 */
export function combine(
  fragments: VerificationFragment[],
  status: StatusOutcome | null,
  checkedAt: Date,
): DocumentVerification {
  const integrity = fragments.find((f) => f.type === "DOCUMENT_INTEGRITY");
  const verdict =
    integrity?.status === "INVALID"
      ? "INVALID"
      : fragments.some((f) => f.status === "ERROR")
        ? "ERROR"
        : fragments.some((f) => f.status === "INVALID")
          ? "INVALID"
          : "VALID";
  return {
    valid: verdict === "VALID",
    status: verdict,
    fragments,
    checkedAt,
    cached: status?.cached ?? false,
    source: status?.source ?? null,
  };
}

export function identityFragment(
  trustList: TrustList,
  chainId: number,
  address: string,
): VerificationFragment {
  const trusted = trustList.find(chainId, address);
  return trusted
    ? {
        type: "ISSUER_IDENTITY",
        name: "TrustListIssuerIdentity",
        status: "VALID",
        reason: `issued by ${trusted.name}`,
      }
    : {
        type: "ISSUER_IDENTITY",
        name: "TrustListIssuerIdentity",
        status: "INVALID",
        reason: `issuer ${address} on chain ${chainId} is not on the trust list`,
      };
}

/** Verifies supplied documents (all three fragments). */
export async function verifyDocuments(
  adapter: EvmAdapter,
  checker: DocumentStatusChecker,
  trustList: TrustList,
  documents: DocumentIdentity[],
): Promise<DocumentVerification[]> {
  const chainId = adapter.options.chainId;
  const reachable = documents.map((d) => d.chainId === null || d.chainId === chainId);
  const keys: StatusKey[] = documents
    .filter((_, i) => reachable[i])
    .map((d) => ({ kind: d.issuerKind, address: d.issuerAddress, documentHash: d.documentHash }));
  const outcomes = await checker.check(keys);
  let next = 0;
  const checkedAt = new Date();
  return documents.map((d, i) => {
    const outcome: StatusOutcome = reachable[i]
      ? outcomes[next++]!
      : {
          fragment: {
            type: "DOCUMENT_STATUS",
            name: "TradeTrustTokenRegistryOrDocumentStore",
            status: "ERROR",
            reason: `no network is configured for chain ${d.chainId}`,
          },
          source: null,
          cached: false,
        };
    const integrity: VerificationFragment = d.integrityValid
      ? { type: "DOCUMENT_INTEGRITY", name: "OpenAttestationHash", status: "VALID", reason: null }
      : {
          type: "DOCUMENT_INTEGRITY",
          name: "OpenAttestationHash",
          status: "INVALID",
          reason: "the document's content does not hash to its merkle root: it was altered",
        };
    return combine(
      [integrity, outcome.fragment, identityFragment(trustList, d.chainId ?? chainId, d.issuerAddress)],
      outcome,
      checkedAt,
    );
  });
}

/** Verifies a title known only by hash (the document itself is not at hand, so integrity is SKIPPED). */
export async function verifyTitles(
  adapter: EvmAdapter,
  checker: DocumentStatusChecker,
  trustList: TrustList,
  keys: StatusKey[],
): Promise<DocumentVerification[]> {
  const outcomes = await checker.check(keys);
  const checkedAt = new Date();
  return keys.map((k, i) =>
    combine(
      [
        {
          type: "DOCUMENT_INTEGRITY",
          name: "OpenAttestationHash",
          status: "SKIPPED",
          reason: "the document itself was not supplied; pass it to verifyDocument to check its integrity",
        },
        outcomes[i]!.fragment,
        identityFragment(trustList, adapter.options.chainId, k.address),
      ],
      outcomes[i]!,
      checkedAt,
    ),
  );
}
