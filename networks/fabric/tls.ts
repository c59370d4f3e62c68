import "reflect-metadata"; // @peculiar/x509 needs it loaded first (msp.ts sets its crypto provider)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { webcrypto } from "node:crypto";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

import { ALG, exportPrivateKey as exportKey, importPrivateKey as importKey, serial } from "./msp.ts";

type CryptoKeyPair = webcrypto.CryptoKeyPair;

export interface TlsPair {
  certificatePem: string;
  privateKeyPem: string;
  certificatePath: string;
  privateKeyPath: string;
}

export interface TlsMaterial {
  caCertificatePem: string;
  caCertificatePath: string;
  server: TlsPair;
  clients: Map<string, TlsPair>;
}

/**
 * The network's TLS material, created once under `dir` (a TLS CA apart from the MSP CAs, as Fabric keeps
 * them): a server certificate for the peer (and the chaincode server) valid for `localhost`, 127.0.0.1
 * and `host`, and a client certificate per name, so the peer can require mutual TLS.
 */
export async function ensureTls(dir: string, host: string, clients: string[]): Promise<TlsMaterial> {
  const caDir = join(dir, "ca");
  let caKeys: CryptoKeyPair;
  let caCertificatePem: string;
  if (existsSync(join(caDir, "cert.pem"))) {
    caCertificatePem = readFileSync(join(caDir, "cert.pem"), "utf8");
    caKeys = {
      privateKey: await importKey(readFileSync(join(caDir, "key.pem"), "utf8")),
      publicKey: await new x509.X509Certificate(caCertificatePem).publicKey.export(),
    };
  } else {
    caKeys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: "CN=tlsca.tradegraph.example, O=Tradegraph",
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 10 * 365 * 86_400_000),
      keys: caKeys,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    });
    caCertificatePem = ca.toString("pem");
    mkdirSync(caDir, { recursive: true });
    writeFileSync(join(caDir, "key.pem"), await exportKey(caKeys.privateKey), { mode: 0o600 });
    writeFileSync(join(caDir, "cert.pem"), caCertificatePem);
  }
  const issue = async (name: string, server: boolean): Promise<TlsPair> => {
    const at = join(dir, server ? "server" : join("clients", name));
    const certificatePath = join(at, "cert.pem");
    const privateKeyPath = join(at, "key.pem");
    if (!existsSync(certificatePath)) {
      const keys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as CryptoKeyPair;
      const names = [
        { type: "dns" as const, value: "localhost" },
        { type: "ip" as const, value: "127.0.0.1" },
        ...(host !== "localhost" && host !== "127.0.0.1"
          ? [{ type: /^[\d.]+$/.test(host) ? ("ip" as const) : ("dns" as const), value: host }]
          : []),
      ];
      const certificate = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: `CN=${name}, O=Tradegraph`,
        issuer: new x509.X509Certificate(caCertificatePem).subject,
        notBefore: new Date(Date.now() - 86_400_000),
        notAfter: new Date(Date.now() + 5 * 365 * 86_400_000),
        signingKey: caKeys.privateKey,
        publicKey: keys.publicKey,
        signingAlgorithm: ALG,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(
            x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement,
            true,
          ),
          new x509.ExtendedKeyUsageExtension(
            server
              ? [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]
              : [x509.ExtendedKeyUsage.clientAuth],
          ),
          ...(server ? [new x509.SubjectAlternativeNameExtension(names)] : []),
        ],
      });
      mkdirSync(at, { recursive: true });
      writeFileSync(privateKeyPath, await exportKey(keys.privateKey), { mode: 0o600 });
      writeFileSync(certificatePath, certificate.toString("pem"));
    }
    return {
      certificatePath,
      privateKeyPath,
      certificatePem: readFileSync(certificatePath, "utf8"),
      privateKeyPem: readFileSync(privateKeyPath, "utf8"),
    };
  };
  const serverPair = await issue("peer0.tradegraph.example", true);
  const clientPairs = new Map<string, TlsPair>();
  for (const name of clients) clientPairs.set(name, await issue(name, false));
  return {
    caCertificatePem,
    caCertificatePath: join(caDir, "cert.pem"),
    server: serverPair,
    clients: clientPairs,
  };
}
