import { getData, utils, verifySignature, type v2 } from "@tradetrust-tt/tradetrust";
import { BadUserInputError } from "../domain/errors.ts";

type Hex = `0x${string}`;

/** One of the document's issuers, as OpenAttestation's verifiers read it. */
export interface DocumentIssuer {
  name: string | null;
  tokenRegistry: Hex | null;
  /** `documentStore`, or the older `certificateStore`. */
  documentStore: Hex | null;
  identityProof: { type: string | null; location: string | null } | null;
}

export interface DocumentIdentity {
  /** The batch's merkle root, 0x-prefixed: the tokenId on a registry, what a document store issued. */
  documentHash: Hex;
  /** This document's own hash within its batch. */
  targetHash: Hex;
  /**
   * The hashes whose revocation revokes this document, as OpenAttestation checks them: its target hash,
   * then each node on its path to the root (a batch revoked by a subtree node is revoked too).
   */
  revocationHashes: Hex[];
  /** Every issuer, in the document's order. */
  issuers: DocumentIssuer[];
  /** The first issuer's kind and address (what a single-issuer document names). */
  issuerKind: "TOKEN_REGISTRY" | "DOCUMENT_STORE";
  issuerAddress: Hex;
  issuerName: string | null;
  /** The chain the document names, if it names one. */
  chainId: number | null;
  /** Whether the content hashes to its merkle root (OpenAttestation's DOCUMENT_INTEGRITY). */
  integrityValid: boolean;
}

/** Largest document accepted by `verifyDocument`, in bytes of JSON. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^[0-9a-f]{64}$/;

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
  const { merkleRoot, targetHash } = document.signature ?? {};
  const proof: unknown[] = Array.isArray(document.signature?.proof) ? document.signature.proof : [];
  if (typeof merkleRoot !== "string" || !HASH.test(merkleRoot))
    throw new BadUserInputError(
      "document signature.merkleRoot must be 64 lowercase hex characters",
      "document",
    );
  if (typeof targetHash !== "string" || !HASH.test(targetHash))
    throw new BadUserInputError(
      "document signature.targetHash must be 64 lowercase hex characters",
      "document",
    );
  if (!proof.every((p) => typeof p === "string" && HASH.test(p)))
    throw new BadUserInputError("document signature.proof must be 64-hex-character hashes", "document");
  let data: v2.OpenAttestationDocument;
  try {
    data = getData(document);
  } catch {
    throw new BadUserInputError("document data is not salted as OpenAttestation requires", "document");
  }
  const issuers = (Array.isArray(data.issuers) ? data.issuers : []).map((issuer, i): DocumentIssuer => {
    const raw = issuer as v2.Issuer & { certificateStore?: string };
    const address = (value: unknown, field: string): Hex | null => {
      if (value === undefined || value === null) return null;
      if (typeof value !== "string" || !ADDRESS.test(value))
        throw new BadUserInputError(
          `document issuers[${i}].${field} is not a 20-byte 0x address`,
          "document",
        );
      return value as Hex;
    };
    return {
      name: typeof raw.name === "string" ? raw.name : null,
      tokenRegistry: address(raw.tokenRegistry, "tokenRegistry"),
      documentStore: address(raw.documentStore ?? raw.certificateStore, "documentStore"),
      identityProof: raw.identityProof
        ? {
            type: typeof raw.identityProof.type === "string" ? raw.identityProof.type : null,
            location: typeof raw.identityProof.location === "string" ? raw.identityProof.location : null,
          }
        : null,
    };
  });
  const first = issuers.find((i) => i.tokenRegistry ?? i.documentStore);
  if (!first)
    throw new BadUserInputError(
      "document issuers name neither a tokenRegistry nor a documentStore address",
      "document",
    );
  const chainId = Number((data as { network?: { chainId?: string } }).network?.chainId);
  let integrityValid: boolean;
  try {
    integrityValid = verifySignature(document);
  } catch {
    integrityValid = false; // a document whose proof cannot be computed is not intact
  }
  return {
    documentHash: `0x${merkleRoot}`,
    targetHash: `0x${targetHash}`,
    revocationHashes: intermediateHashes(targetHash, proof as string[]),
    issuers,
    issuerKind: first.tokenRegistry ? "TOKEN_REGISTRY" : "DOCUMENT_STORE",
    issuerAddress: (first.tokenRegistry ?? first.documentStore)!,
    issuerName: first.name,
    chainId: Number.isInteger(chainId) ? chainId : null,
    integrityValid,
  };
}

/** The target hash and each hash up its proof path to the root (OpenAttestation's `getIntermediateHashes`). */
export function intermediateHashes(targetHash: string, proof: readonly string[]): Hex[] {
  const hashes: Hex[] = [`0x${targetHash}`];
  let current = targetHash;
  for (const sibling of proof) {
    current = utils.combineHashString(current, sibling);
    hashes.push(`0x${current}`);
  }
  return hashes;
}
