import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { AntchainAdapterOptions } from "./options.ts";

/**
 * The port network's connection settings, as zod fields for an entry point's config. Every service that
 * reads the port network (the port subgraph, the read model's indexer) takes the same ones. Unset values
 * come from the local network's access file (`<state dir>/antchain/access.json`, written by `npm start`).
 */
export const antchainConnectionConfigShape = {
  /** Network name in provenance, errors and checkpoints. */
  ANTCHAIN_NETWORK_NAME: z.string().default("port-antchain"),
  /** BaaS REST base URL. */
  ANTCHAIN_URL: z.url().optional(),
  /** The chain's bizid. */
  ANTCHAIN_BIZID: z.string().optional(),
  /** The tenant: its accessId, tenant id, and RSA access key (PEM file) that signs the handshake. */
  ANTCHAIN_ACCESS_ID: z.string().optional(),
  ANTCHAIN_TENANT_ID: z.string().optional(),
  ANTCHAIN_KEY_PATH: z.string().optional(),
  /** The chain account reads are made from, and its KMS key id (`mykmsKeyId`). */
  ANTCHAIN_ACCOUNT: z.string().optional(),
  ANTCHAIN_KMS_KEY_ID: z.string().optional(),
  /** "<block number>:<block hash>": where the adapter's checked header chain starts. */
  ANTCHAIN_TRUSTED_CHECKPOINT: z
    .string()
    .regex(/^\d+:[0-9a-f]{64}$/, "must be <block number>:<64 hex block hash>")
    .optional(),
  /** Token lifetime the service grants; the client renews at 80% of it. */
  ANTCHAIN_TOKEN_TTL_MS: z.coerce.number().int().positive().default(1_800_000),
  /** Deadline per HTTP request. */
  ANTCHAIN_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Retries of queries (never of a transaction) after the service or the connection failed. */
  ANTCHAIN_RETRIES: z.coerce.number().int().min(0).max(10).default(1),
  /** How often the follower asks for new blocks. */
  ANTCHAIN_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(500),
};
export type AntchainConnectionConfig = z.output<z.ZodObject<typeof antchainConnectionConfigShape>>;

interface LocalAccess {
  url: string;
  bizid: string;
  accessId: string;
  tenantId: string;
  privateKeyPath: string;
  account: string;
  kmsKeyId: string;
  trustedCheckpoint?: { number: number; hash: string };
}

/** The adapter's options from the parsed settings, the local access file filling what is unset; or what is missing. */
export function antchainAdapterOptionsFrom(
  config: AntchainConnectionConfig,
  stateDir: string,
  checkpointName: string,
): { options: AntchainAdapterOptions; problems: [] } | { options: null; problems: string[] } {
  const accessFile = join(stateDir, "antchain", "access.json");
  const access = existsSync(accessFile)
    ? (JSON.parse(readFileSync(accessFile, "utf8")) as LocalAccess)
    : undefined;
  const settings = {
    ANTCHAIN_URL: config.ANTCHAIN_URL ?? access?.url,
    ANTCHAIN_BIZID: config.ANTCHAIN_BIZID ?? access?.bizid,
    ANTCHAIN_ACCESS_ID: config.ANTCHAIN_ACCESS_ID ?? access?.accessId,
    ANTCHAIN_TENANT_ID: config.ANTCHAIN_TENANT_ID ?? access?.tenantId,
    ANTCHAIN_KEY_PATH: config.ANTCHAIN_KEY_PATH ?? access?.privateKeyPath,
    ANTCHAIN_ACCOUNT: config.ANTCHAIN_ACCOUNT ?? access?.account,
    ANTCHAIN_KMS_KEY_ID: config.ANTCHAIN_KMS_KEY_ID ?? access?.kmsKeyId,
  };
  const problems = Object.entries(settings)
    .filter(([, v]) => !v)
    .map(([k]) => `${k}: not set and ${accessFile} does not exist`);
  if (problems.length > 0) return { options: null, problems };
  const [number, hash] = config.ANTCHAIN_TRUSTED_CHECKPOINT?.split(":") ?? [];
  // The local file's checkpoint is the local chain's genesis: never trusted for another service's chain.
  const trustedCheckpoint =
    number && hash
      ? { number: Number(number), hash }
      : access?.url === settings.ANTCHAIN_URL
        ? access?.trustedCheckpoint
        : undefined;
  return {
    problems: [],
    options: {
      name: config.ANTCHAIN_NETWORK_NAME,
      url: settings.ANTCHAIN_URL!,
      bizid: settings.ANTCHAIN_BIZID!,
      accessId: settings.ANTCHAIN_ACCESS_ID!,
      tenantId: settings.ANTCHAIN_TENANT_ID!,
      privateKey: readFileSync(settings.ANTCHAIN_KEY_PATH!, "utf8"),
      account: settings.ANTCHAIN_ACCOUNT!,
      kmsKeyId: settings.ANTCHAIN_KMS_KEY_ID!,
      ...(trustedCheckpoint ? { trustedCheckpoint } : {}),
      tokenTtlMs: config.ANTCHAIN_TOKEN_TTL_MS,
      requestTimeoutMs: config.ANTCHAIN_REQUEST_TIMEOUT_MS,
      retries: config.ANTCHAIN_RETRIES,
      pollIntervalMs: config.ANTCHAIN_POLL_INTERVAL_MS,
      checkpointFile: join(stateDir, "checkpoints", `${checkpointName}.json`),
    },
  };
}
