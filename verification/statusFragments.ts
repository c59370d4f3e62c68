import { isTradegraphError } from "../domain/errors.ts";
import type { StatusOutcome } from "./documentStatus.ts";
import {
  DocumentStoreCode,
  FRAGMENT,
  HashCode,
  TokenRegistryCode,
  fragment,
  type Fragment,
} from "./fragments.ts";

/*
 * The DOCUMENT_INTEGRITY and DOCUMENT_STATUS fragments, built from what the chain said, with
 * OpenAttestation's names, codes, messages and data shapes.
 */

/** OpenAttestation's DOCUMENT_INTEGRITY fragment. */
export function hashFragment(valid: boolean | null): Fragment {
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
export function tokenRegistryFragment(
  registry: string,
  merkleRoot: string,
  outcome: StatusOutcome,
): Fragment {
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
export function documentStoreFragment(
  stores: string[],
  merkleRoot: string,
  outcomes: StatusOutcome[],
): Fragment {
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
