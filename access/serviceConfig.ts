import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { ConfigInvalidError } from "../domain/errors.ts";
import { connectPostgres, type Sql } from "../analytics/sql.ts";
import type { SubgraphAccess } from "../serving/subgraphServer.ts";
import { PartyDirectory } from "./partyDirectory.ts";
import { sqlAccessDirectory } from "./sqlDirectory.ts";
import { cachedAccessDirectory } from "./cachedDirectory.ts";

/**
 * The access settings every service shares, as zod fields for its entry point's config: where the party
 * directory is, and the secret(s) of the gateway's proof. Locally both live under the state directory
 * (`npm start` writes them); in production they come from configuration.
 */
export const accessConfigShape = {
  TRADEGRAPH_STATE_DIR: z.string().default(".tradegraph"),
  /** The consortium's party directory. @default <state dir>/parties.json */
  PARTIES_FILE: z.string().optional(),
  /** The gateway's proof secret(s), base64, comma-separated while rotating (the first signs). */
  GATEWAY_PROOF_SECRET: z.string().optional(),
  /** A file holding the secret instead. @default <state dir>/gateway-proof.key */
  GATEWAY_PROOF_SECRET_FILE: z.string().optional(),
  /**
   * PostgreSQL holding the read model, whose access directory every subgraph reads. Unset: no directory,
   * so only the operator sees shipments' details (a warning says so at start).
   */
  DATABASE_URL: z.string().optional(),
  /** The schema within it (`npm start` gives each world its own). @default public */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a plain lowercase identifier")
    .default("public"),
};
export type AccessConfig = z.output<z.ZodObject<typeof accessConfigShape>>;

export const proofSecretFile = (stateDir: string) => join(stateDir, "gateway-proof.key");
export const partiesFile = (stateDir: string) => join(stateDir, "parties.json");

/** The proof secrets, the first being the one the gateway signs with. */
export function loadProofSecrets(config: AccessConfig, service: string): Buffer[] {
  const text =
    config.GATEWAY_PROOF_SECRET ??
    readOrNull(config.GATEWAY_PROOF_SECRET_FILE ?? proofSecretFile(config.TRADEGRAPH_STATE_DIR));
  const secrets = (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => Buffer.from(s, "base64"));
  if (secrets.length === 0 || secrets.some((s) => s.length < 32))
    throw new ConfigInvalidError(
      [
        "GATEWAY_PROOF_SECRET (or the file GATEWAY_PROOF_SECRET_FILE names) must hold at least one base64 secret of 32 bytes or more; `npm start` writes one under the state directory",
      ],
      service,
    );
  return secrets;
}

export function loadParties(config: AccessConfig, service: string): PartyDirectory {
  const file = config.PARTIES_FILE ?? partiesFile(config.TRADEGRAPH_STATE_DIR);
  try {
    return PartyDirectory.fromFile(file);
  } catch (error) {
    throw new ConfigInvalidError(
      [`PARTIES_FILE: cannot read the party directory ${file}: ${String(error)}`],
      service,
    );
  }
}

/** The local stack's proof secret: generated once (32 random bytes), kept across restarts, mode 0600. */
export function ensureLocalProofSecret(stateDir: string): string {
  const file = proofSecretFile(stateDir);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, randomBytes(32).toString("base64"), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  }
  return file;
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** A subgraph's access wiring from its parsed config: proof secrets, party directory, access directory. */
export async function loadSubgraphAccess(
  config: AccessConfig,
  service: string,
  /** Whether this subgraph decides on shipments (the EVM subgraph decides on titles from its own chain). */
  needsDirectory = true,
): Promise<SubgraphAccess & { sql: Sql | null }> {
  const proofSecrets = loadProofSecrets(config, service);
  const parties = loadParties(config, service);
  if (!needsDirectory) return { proofSecrets, parties, shipments: null, sql: null };
  if (!config.DATABASE_URL)
    console.warn(
      `${service}: DATABASE_URL is not set, so there is no access directory: only the operator will see shipments' details`,
    );
  const sql = config.DATABASE_URL ? await connectPostgres(config.DATABASE_URL, config.DATABASE_SCHEMA) : null;
  return {
    proofSecrets,
    parties,
    shipments: sql ? cachedAccessDirectory(sqlAccessDirectory(sql)) : null,
    sql,
  };
}

/** For entry points: the access wiring, or every problem printed and exit 2 (as `loadConfigOrExit`). */
export async function loadSubgraphAccessOrExit(config: AccessConfig, service: string, needsDirectory = true) {
  try {
    return await loadSubgraphAccess(config, service, needsDirectory);
  } catch (error) {
    if (error instanceof ConfigInvalidError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
