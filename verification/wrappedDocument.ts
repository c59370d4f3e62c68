import { getData, utils, verifySignature, type v2 } from "@tradetrust-tt/tradetrust";
import { BadUserInputError } from "../core/errors.ts";

export interface DocumentIdentity {
  documentHash: `0x${string}`;
  issuerKind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
  issuerAddress: `0x${string}`;
  issuerName: string | null;
  /** The chain the document names, if it names one. */
  chainId: number | null;
  /** Whether the content hashes to its merkle root (OpenAttestation's DOCUMENT_INTEGRITY). */
  integrityValid: boolean;
}

/** Largest document accepted by `verifyDocument`, in bytes of JSON. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;

/**
 * Reads what verification needs from an OpenAttestation v2 wrapped document, or says exactly why it
 * cannot (a BAD_USER_INPUT, never a crash). The integrity check is OpenAttestation's own.
 */
export function readWrappedDocument(input: unknown): DocumentIdentity {
  if (JSON.stringify(input ?? null).length > MAX_DOCUMENT_BYTES) {
    throw new BadUserInputError(`document is larger than ${MAX_DOCUMENT_BYTES} bytes`, "document");
  }
  if (!utils.isWrappedV2Document(input)) {
    throw new BadUserInputError(
      "document is not a wrapped OpenAttestation v2 document (expected version, data and signature.merkleRoot)",
      "document",
    );
  }
  const document = input as v2.WrappedDocument;
  const root = document.signature?.merkleRoot;
  if (typeof root !== "string" || !/^[0-9a-f]{64}$/.test(root)) {
    throw new BadUserInputError(
      "document signature.merkleRoot must be 64 lowercase hex characters",
      "document",
    );
  }
  let data: v2.OpenAttestationDocument;
  try {
    data = getData(document);
  } catch {
    throw new BadUserInputError("document data is not salted as OpenAttestation requires", "document");
  }
  const issuer = data.issuers?.[0];
  const registry = issuer?.tokenRegistry;
  const store = issuer?.documentStore;
  const address = registry ?? store;
  if (!issuer || !address || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new BadUserInputError(
      "document issuer names neither a tokenRegistry nor a documentStore address",
      "document",
    );
  }
  const chainId = Number((data as { network?: { chainId?: string } }).network?.chainId);
  let integrityValid: boolean;
  try {
    integrityValid = verifySignature(document);
  } catch {
    integrityValid = false; // a document whose proof cannot be computed is not intact
  }
  return {
    documentHash: `0x${root}`,
    issuerKind: registry ? "TOKEN_REGISTRY" : "DOCUMENT_STORE",
    issuerAddress: address as `0x${string}`,
    issuerName: issuer.name ?? null,
    chainId: Number.isInteger(chainId) ? chainId : null,
    integrityValid,
  };
}
