import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Tenant {
  accessId: string;
  tenantId: string;
  /** Accounts this tenant may send transactions from. */
  accounts: string[];
  publicKey: KeyObject;
  privateKeyPath: string;
}

export interface TenantSpec {
  accessId: string;
  tenantId: string;
  accounts: string[];
}

/** The port community's API users, each with an RSA key pair (created once under `dir`). */
export const PORT_TENANTS: TenantSpec[] = [
  { accessId: "cmport-terminal", tenantId: "CMPORT", accounts: ["cmport_terminal_ops"] },
  { accessId: "tradegraph-reader", tenantId: "TRADEGRAPH", accounts: [] },
];

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
      privateKeyPath,
      publicKey: createPublicKey(readFileSync(join(tenantDir, "access.pub"), "utf8")),
    };
  });
}
