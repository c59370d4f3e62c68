import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Tenant {
  accessId: string;
  tenantId: string;
  /** Chain accounts this tenant may send from (their keys held by the service's KMS). */
  accounts: string[];
  /** Each account's `mykmsKeyId`: requests name the key the service signs with for the account. */
  kmsKeyIds: Record<string, string>;
  /** Whether its accounts may write port records (the contract's writer list). */
  writesPortRecords: boolean;
  publicKey: KeyObject;
  privateKeyPath: string;
}

export interface TenantSpec {
  accessId: string;
  tenantId: string;
  accounts: string[];
  writesPortRecords: boolean;
}

/**
 * The port community's API users, each with an RSA access key pair (created once under `dir`) and
 * KMS-hosted chain accounts: the terminal operator writes the port records, China Customs its customs
 * statuses (as the live world writes them; a bulk load goes through the terminal); Tradegraph only reads,
 * with an account of its own because contract calls (local ones too) are made from an account.
 */
export const PORT_TENANTS: TenantSpec[] = [
  {
    accessId: "cmport-terminal",
    tenantId: "CMPORT",
    accounts: ["cmport_terminal_ops"],
    writesPortRecords: true,
  },
  {
    accessId: "cn-customs",
    tenantId: "CNCUSTOMS",
    accounts: ["cn_customs_declarations"],
    writesPortRecords: true,
  },
  {
    accessId: "tradegraph-reader",
    tenantId: "TRADEGRAPH",
    accounts: ["tradegraph_reader"],
    writesPortRecords: false,
  },
];

/** A KMS key id as the BaaS console names them: `<tenant>:<account>`. */
export const kmsKeyIdOf = (tenantId: string, account: string) => `${tenantId}:${account}`;

export function ensureTenants(dir: string, specs = PORT_TENANTS): Tenant[] {
  return specs.map((spec) => {
    const tenantDir = join(dir, spec.accessId);
    const privateKeyPath = join(tenantDir, "access.key");
    if (!existsSync(privateKeyPath)) {
      mkdirSync(tenantDir, { recursive: true });
      const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      writeFileSync(privateKeyPath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
      writeFileSync(join(tenantDir, "access.pub"), publicKey.export({ type: "spki", format: "pem" }));
    }
    return {
      ...spec,
      kmsKeyIds: Object.fromEntries(spec.accounts.map((a) => [a, kmsKeyIdOf(spec.tenantId, a)])),
      privateKeyPath,
      publicKey: createPublicKey(readFileSync(join(tenantDir, "access.pub"), "utf8")),
    };
  });
}
