import "reflect-metadata"; // @peculiar/x509 needs it loaded first
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { webcrypto } from "node:crypto";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[1]);
export const ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

export interface MemberCredentials {
  mspId: string;
  name: string;
  certificatePem: string;
  privateKeyPem: string;
  certificatePath: string;
  privateKeyPath: string;
}

export interface OrgMaterial {
  mspId: string;
  caCertificatePem: string;
}

/** The kind of node an identity is (its NodeOU): clients and admins under users/, peers and orderers under peers/. */
export type NodeOu = "client" | "admin" | "peer" | "orderer";

export interface MemberSpec {
  name: string;
  ou: NodeOu;
}

/**
 * Creates (once) an MSP per organisation under `dir`: a self-signed ECDSA P-256 CA, and member
 * certificates it signs with the member's NodeOU in the subject, laid out like Fabric's cryptogen output
 * (`<msp>/ca/cert.pem`, `<msp>/users/<name>/…` for clients and admins, `<msp>/peers/<name>/…` for peers
 * and orderers). Existing material is kept, so restarts keep identities; a certificate whose OU is not
 * the one asked for (from an earlier layout) is issued again.
 */
export async function ensureOrg(
  dir: string,
  mspId: string,
  members: (string | MemberSpec)[],
): Promise<{ org: OrgMaterial; members: MemberCredentials[] }> {
  const caDir = join(dir, mspId, "ca");
  let caCertPem: string;
  let caKeys: CryptoKeyPair;
  if (existsSync(join(caDir, "cert.pem"))) {
    caCertPem = readFileSync(join(caDir, "cert.pem"), "utf8");
    caKeys = {
      privateKey: await importPrivateKey(readFileSync(join(caDir, "key.pem"), "utf8")),
      publicKey: await new x509.X509Certificate(caCertPem).publicKey.export(),
    };
  } else {
    caKeys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: `CN=ca.${mspId.toLowerCase()}.tradegraph.example, O=${mspId}`,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 10 * 365 * 86_400_000),
      keys: caKeys,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    });
    caCertPem = ca.toString("pem");
    mkdirSync(caDir, { recursive: true });
    writeFileSync(join(caDir, "cert.pem"), caCertPem);
    writeFileSync(join(caDir, "key.pem"), await exportPrivateKey(caKeys.privateKey), { mode: 0o600 });
  }
  const out: MemberCredentials[] = [];
  for (const member of members) {
    const { name, ou } = typeof member === "string" ? { name: member, ou: "client" as const } : member;
    const userDir = join(dir, mspId, ou === "peer" || ou === "orderer" ? "peers" : "users", name);
    const certificatePath = join(userDir, "cert.pem");
    const privateKeyPath = join(userDir, "key.pem");
    if (!existsSync(certificatePath) || !hasOu(readFileSync(certificatePath, "utf8"), ou)) {
      await issueMember({ mspId, caCertPem, caPrivateKey: caKeys.privateKey }, name, userDir, undefined, ou);
    }
    out.push({
      mspId,
      name,
      certificatePath,
      privateKeyPath,
      certificatePem: readFileSync(certificatePath, "utf8"),
      privateKeyPem: readFileSync(privateKeyPath, "utf8"),
    });
  }
  return { org: { mspId, caCertificatePem: caCertPem }, members: out };
}

/** Issues a member certificate signed by the org's CA; `validity` lets tests make expired ones. */
export async function issueMember(
  ca: { mspId: string; caCertPem: string; caPrivateKey: CryptoKey },
  name: string,
  userDir: string,
  validity: { notBefore: Date; notAfter: Date } = {
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 5 * 365 * 86_400_000),
  },
  ou: NodeOu = "client",
): Promise<void> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
  const caCert = new x509.X509Certificate(ca.caCertPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${name}, OU=${ou}, O=${ca.mspId}`,
    issuer: caCert.subject,
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    signingKey: ca.caPrivateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  mkdirSync(userDir, { recursive: true });
  writeFileSync(join(userDir, "cert.pem"), cert.toString("pem"));
  writeFileSync(join(userDir, "key.pem"), await exportPrivateKey(keys.privateKey), { mode: 0o600 });
}

function hasOu(certificatePem: string, ou: NodeOu): boolean {
  return new x509.X509Certificate(certificatePem).subject.split(/,\s*/).includes(`OU=${ou}`);
}

export async function loadCaPrivateKey(dir: string, mspId: string): Promise<CryptoKey> {
  return importPrivateKey(readFileSync(join(dir, mspId, "ca", "key.pem"), "utf8"));
}

export async function exportPrivateKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END PRIVATE KEY-----\n`;
}

export async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
  return webcrypto.subtle.importKey("pkcs8", der, ALG, true, ["sign"]);
}

export function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString("hex")
    .replace(/^[89a-f]/, "1");
}
