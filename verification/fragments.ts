/**
 * OpenAttestation's verification fragments as its verifier (`@tradetrust-tt/tt-verify` 9.x, after
 * `@govtechsg/oa-verify`) names, codes and words them, so a client that knows OpenAttestation reads ours
 * the same way. Codes are OpenAttestation's enums (types/error.ts there: "NEVER EVER REPLACE OR CHANGE A
 * VALUE"); the one code of this project's own is marked where it is defined.
 */
import type { FragmentStatus, FragmentType, VerificationFragment } from "../domain/model.ts";

export const FRAGMENT = {
  hash: "OpenAttestationHash",
  tokenRegistry: "OpenAttestationEthereumTokenRegistryStatus",
  documentStore: "OpenAttestationEthereumDocumentStoreStatus",
  didSigned: "OpenAttestationDidSignedDocumentStatus",
  dnsTxt: "OpenAttestationDnsTxtIdentityProof",
  dnsDid: "OpenAttestationDnsDidIdentityProof",
  /** Not OpenAttestation's: identity from a configured trust list (the explicit offline option). */
  trustList: "TradegraphTrustListIdentityProof",
} as const;

/** OpenAttestationHashCode */
export const HashCode = { DOCUMENT_TAMPERED: 0, UNEXPECTED_ERROR: 1, SKIPPED: 2 } as const;
/** OpenAttestationEthereumTokenRegistryStatusCode, and this project's DOCUMENT_ACCOMPLISHED. */
export const TokenRegistryCode = {
  UNEXPECTED_ERROR: 0,
  DOCUMENT_NOT_MINTED: 1,
  SKIPPED: 4,
  INVALID_ISSUERS: 5,
  SERVER_ERROR: 500,
  /**
   * This project's own: the token was shredded (burned to 0x…dEaD). OpenAttestation's verifier only
   * asks whether `ownerOf` answers, so it reports a shredded title VALID; a title spent by surrender is
   * not a live document, so ours says INVALID with this code (the next free one in that enum).
   */
  DOCUMENT_ACCOMPLISHED: 10,
} as const;
/** OpenAttestationEthereumDocumentStoreStatusCode */
export const DocumentStoreCode = {
  UNEXPECTED_ERROR: 0,
  DOCUMENT_NOT_ISSUED: 1,
  SKIPPED: 4,
  DOCUMENT_REVOKED: 5,
  INVALID_ISSUERS: 7,
  SERVER_ERROR: 500,
} as const;
/** OpenAttestationDnsTxtCode */
export const DnsTxtCode = {
  UNEXPECTED_ERROR: 0,
  INVALID_IDENTITY: 1,
  SKIPPED: 2,
  INVALID_ISSUERS: 3,
  MATCHING_RECORD_NOT_FOUND: 4,
} as const;

/** A fragment, and whether an ERROR in it is the document's own fault rather than an outage. */
export interface Fragment extends VerificationFragment {
  /**
   * Internal: an ERROR caused by the document itself (OpenAttestation reports a malformed issuer list as
   * ERROR). Any other ERROR is an outage, which never makes a verdict INVALID.
   */
  documentFault?: boolean;
}

function codeName(codes: Record<string, number>, code: number): string {
  return Object.entries(codes).find(([, v]) => v === code)?.[0] ?? "UNEXPECTED_ERROR";
}

export function fragment(
  type: FragmentType,
  name: string,
  status: FragmentStatus,
  reason: { codes: Record<string, number>; code: number; message: string } | null,
  data?: unknown,
  documentFault = false,
): Fragment {
  return {
    type,
    name,
    status,
    reason: reason?.message ?? null,
    code: reason?.code ?? null,
    codeString: reason ? codeName(reason.codes, reason.code) : null,
    ...(data === undefined ? {} : { data }),
    ...(documentFault ? { documentFault } : {}),
  };
}

// The SKIPPED fragments, worded as OpenAttestation's verifier words them.
export const skipped = {
  tokenRegistry: () =>
    fragment("DOCUMENT_STATUS", FRAGMENT.tokenRegistry, "SKIPPED", {
      codes: TokenRegistryCode,
      code: TokenRegistryCode.SKIPPED,
      message: `Document issuers doesn't have "tokenRegistry" property or TOKEN_REGISTRY method`,
    }),
  documentStore: () =>
    fragment("DOCUMENT_STATUS", FRAGMENT.documentStore, "SKIPPED", {
      codes: DocumentStoreCode,
      code: DocumentStoreCode.SKIPPED,
      message: `Document issuers doesn't have "documentStore" or "certificateStore" property or DOCUMENT_STORE method`,
    }),
  didSigned: () =>
    fragment("DOCUMENT_STATUS", FRAGMENT.didSigned, "SKIPPED", {
      codes: { SKIPPED: 0 },
      code: 0,
      message: "Document was not signed by DID directly",
    }),
  dnsTxt: (
    message = `Document issuers doesn't have "documentStore" / "tokenRegistry" property or doesn't use DNS-TXT type`,
  ) =>
    fragment("ISSUER_IDENTITY", FRAGMENT.dnsTxt, "SKIPPED", {
      codes: DnsTxtCode,
      code: DnsTxtCode.SKIPPED,
      message,
    }),
  dnsDid: () =>
    fragment("ISSUER_IDENTITY", FRAGMENT.dnsDid, "SKIPPED", {
      codes: { SKIPPED: 0 },
      code: 0,
      message: "Document was not issued using DNS-DID",
    }),
};
