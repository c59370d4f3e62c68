import { createPrivateKey } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { connect, hash, signers, type Gateway } from "@hyperledger/fabric-gateway";
import type { MemberCredentials } from "./msp.ts";

/** A Fabric Gateway client connection for one identity, as any Fabric application makes it. */
export function connectAs(endpoint: string, member: MemberCredentials): { gateway: Gateway; close(): void } {
  const client = new grpc.Client(endpoint, grpc.credentials.createInsecure());
  const gateway = connect({
    client,
    identity: { mspId: member.mspId, credentials: Buffer.from(member.certificatePem) },
    signer: signers.newPrivateKeySigner(createPrivateKey(member.privateKeyPem)),
    hash: hash.sha256,
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
