import { createHash, createPrivateKey, X509Certificate } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { connect, hash, signers, type Gateway } from "@hyperledger/fabric-gateway";
import type { MemberCredentials } from "./msp.ts";

/** TLS to the peer: its CA, and the client's own certificate and key when the peer requires mutual TLS. */
export interface ClientTls {
  caCertificatePem: string;
  clientCertificatePem?: string;
  clientKeyPem?: string;
}

/** A Fabric Gateway client connection for one identity, as any Fabric application makes it. */
export function connectAs(
  endpoint: string,
  member: MemberCredentials,
  tls?: ClientTls,
): { gateway: Gateway; close(): void } {
  const client = new grpc.Client(
    endpoint,
    tls
      ? grpc.credentials.createSsl(
          Buffer.from(tls.caCertificatePem),
          tls.clientKeyPem ? Buffer.from(tls.clientKeyPem) : null,
          tls.clientCertificatePem ? Buffer.from(tls.clientCertificatePem) : null,
        )
      : grpc.credentials.createInsecure(),
  );
  const gateway = connect({
    client,
    identity: { mspId: member.mspId, credentials: Buffer.from(member.certificatePem) },
    signer: signers.newPrivateKeySigner(createPrivateKey(member.privateKeyPem)),
    hash: hash.sha256,
    // With mutual TLS, block event requests carry the hash of the client's TLS certificate.
    ...(tls?.clientCertificatePem
      ? { tlsClientCertificateHash: tlsCertificateHash(tls.clientCertificatePem) }
      : {}),
    evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 10_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  return {
    gateway,
    close() {
      gateway.close();
      client.close();
    },
  };
}

/** SHA-256 of a certificate's DER, as Fabric binds a TLS client certificate into requests. */
export function tlsCertificateHash(certificatePem: string): Uint8Array {
  return createHash("sha256").update(new X509Certificate(certificatePem).raw).digest();
}
