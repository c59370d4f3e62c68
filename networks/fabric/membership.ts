import { X509Certificate } from "node:crypto";
import { verifyLowS } from "./ecdsa.ts";
import { msp } from "@hyperledger/fabric-protos";

/** Why an identity or signature was refused; the peer turns these into Fabric's own error answers. */
export class AccessDenied extends Error {
  constructor(
    readonly mspId: string | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface VerifiedCreator {
  mspId: string;
  certificate: X509Certificate;
  /** The serialized identity bytes, as the chaincode's `getCreator()` returns them. */
  creatorBytes: Uint8Array;
  /** The organizational units of the certificate's subject (NodeOUs: client, peer, admin, orderer). */
  ous: string[];
}

const NODE_OUS = new Set(["client", "peer", "admin", "orderer"]);
/** How many validated identities the membership keeps (Fabric's MSP cache keeps 100 per kind). */
const IDENTITY_CACHE_SIZE = 1000;

/** The roles of an MSP principal in a signature policy (`'Org1MSP.peer'`). */
export type MspRole = "member" | "admin" | "client" | "peer" | "orderer";

/**
 * The channel's MSPs: which CA vouches for which organisation. A creator is accepted only when its MSP
 * is configured, its certificate was issued by that MSP's CA and is within its validity period, and the
 * signature verifies against the certificate's key (ECDSA over SHA-256 with a low S, as Fabric's BCCSP
 * demands and its clients sign).
 */
export class Membership {
  private readonly cas = new Map<string, X509Certificate>();
  /** Identities that passed validation (oldest first, bounded), with their validity periods. */
  private readonly validated = new Map<
    string,
    { identity: VerifiedCreator; validFrom: Date; validTo: Date }
  >();

  constructor(orgs: { mspId: string; caCertificatePem: string }[]) {
    for (const org of orgs) this.cas.set(org.mspId, new X509Certificate(org.caCertificatePem));
  }

  get mspIds(): string[] {
    return [...this.cas.keys()];
  }

  verify(
    creatorBytes: Uint8Array,
    signedBytes: Uint8Array,
    signature: Uint8Array,
    now = new Date(),
  ): VerifiedCreator {
    const creator = this.validate(creatorBytes, now);
    if (!verifyLowS(signedBytes, creator.certificate.publicKey, signature))
      throw new AccessDenied(creator.mspId, "signature is invalid");
    return creator;
  }

  /**
   * Deserializes an identity and validates it against its MSP (msp.Validate): the MSP is configured, its
   * CA issued the certificate, and the certificate is within its validity period. Naming an MSP id is
   * not enough: a certificate from any other CA is refused.
   */
  validate(creatorBytes: Uint8Array, now = new Date()): VerifiedCreator {
    // Identities repeat (the same clients and peers sign every message): as Fabric's MSP cache does, the
    // parsed and chain-checked identity is kept; only its validity period is checked again each time.
    const key = Buffer.from(creatorBytes).toString("base64");
    const cached = this.validated.get(key);
    if (cached) {
      if (now < cached.validFrom || now > cached.validTo)
        throw new AccessDenied(cached.identity.mspId, "creator certificate has expired or is not yet valid");
      return cached.identity;
    }
    const identity = this.validateUncached(creatorBytes, now);
    if (this.validated.size >= IDENTITY_CACHE_SIZE)
      this.validated.delete(this.validated.keys().next().value!);
    this.validated.set(key, {
      identity,
      validFrom: new Date(identity.certificate.validFrom),
      validTo: new Date(identity.certificate.validTo),
    });
    return identity;
  }

  private validateUncached(creatorBytes: Uint8Array, now: Date): VerifiedCreator {
    let identity: msp.SerializedIdentity;
    try {
      identity = msp.SerializedIdentity.deserializeBinary(creatorBytes);
    } catch {
      throw new AccessDenied(null, "creator is malformed");
    }
    const mspId = identity.getMspid();
    const ca = this.cas.get(mspId);
    if (!ca) throw new AccessDenied(mspId, `creator org [${mspId}] is unknown`);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(Buffer.from(identity.getIdBytes_asU8()));
    } catch {
      throw new AccessDenied(mspId, "creator certificate is malformed");
    }
    if (!certificate.checkIssued(ca) || !certificate.verify(ca.publicKey))
      throw new AccessDenied(mspId, "creator certificate was not issued by the MSP's CA");
    if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo))
      throw new AccessDenied(mspId, "creator certificate has expired or is not yet valid");
    const ous = certificate.subject
      .split("\n")
      .map((p) => p.trim())
      .filter((p) => p.startsWith("OU="))
      .map((p) => p.slice(3));
    // NodeOUs are on (Fabric 2.x's default): an identity must say which kind of node it is.
    if (!ous.some((ou) => NODE_OUS.has(ou)))
      throw new AccessDenied(mspId, "creator certificate has no NodeOU (client, peer, admin or orderer)");
    return { mspId, certificate, creatorBytes, ous };
  }

  /**
   * Whether a validated identity has a principal's role, with NodeOUs as Fabric 2.x enables them: the
   * role is the certificate's OU (`client`, `peer`, `admin`, `orderer`); `member` is any identity of the MSP.
   */
  static hasRole(identity: VerifiedCreator, role: MspRole): boolean {
    return role === "member" || identity.ous.includes(role);
  }
}
