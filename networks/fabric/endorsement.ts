import { createHash } from "node:crypto";
import { verifyLowS } from "./ecdsa.ts";
import { AccessDenied, type Membership, type VerifiedCreator } from "./membership.ts";
import { satisfies, type SignaturePolicy } from "./policy.ts";

export interface EndorsementToCheck {
  /** `msp.SerializedIdentity` of the endorser. */
  endorser: Uint8Array;
  signature: Uint8Array;
}

export interface EndorsementVerdict {
  satisfied: boolean;
  /** The endorsers that counted: valid members of their MSP whose signature verified, each once. */
  endorsers: VerifiedCreator[];
  /** Why each endorsement that did not count was dropped (logged peer-side, as Fabric logs them). */
  dropped: string[];
}

/**
 * Fabric's built-in validation (VSCC) of a transaction's endorsements against the chaincode's endorsement
 * policy: every endorser identity is validated against its MSP (its certificate must chain to that MSP's
 * CA, not merely name the MSP id), its signature over the proposal response payload plus its identity must
 * verify, duplicates count once, and what remains must satisfy the policy; otherwise the transaction is
 * ENDORSEMENT_POLICY_FAILURE. An invalid endorsement is dropped, not fatal: valid ones may still suffice.
 */
export function checkEndorsements(
  policy: SignaturePolicy,
  membership: Membership,
  proposalResponsePayload: Uint8Array,
  endorsements: readonly EndorsementToCheck[],
  now = new Date(),
): EndorsementVerdict {
  const endorsers: VerifiedCreator[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  endorsements.forEach((e, i) => {
    let identity: VerifiedCreator;
    try {
      identity = membership.validate(e.endorser, now);
    } catch (error) {
      dropped.push(`endorsement ${i}: ${error instanceof AccessDenied ? error.reason : String(error)}`);
      return;
    }
    const key = `${identity.mspId}:${createHash("sha256").update(identity.certificate.raw).digest("hex")}`;
    if (seen.has(key)) {
      dropped.push(`endorsement ${i}: duplicate of an earlier endorsement by the same identity`);
      return;
    }
    if (
      !verifyLowS(
        Buffer.concat([proposalResponsePayload, e.endorser]),
        identity.certificate.publicKey,
        e.signature,
      )
    ) {
      dropped.push(`endorsement ${i}: signature of ${identity.mspId} is invalid`);
      return;
    }
    seen.add(key);
    endorsers.push(identity);
  });
  return { satisfied: satisfies(policy, endorsers), endorsers, dropped };
}
