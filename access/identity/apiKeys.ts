import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { NotFoundError } from "../../domain/errors.ts";
import { ROLES, type Role } from "../principal.ts";

/**
 * An API key as its holder sends it in `x-api-key`: `tg_<id>_<secret>`, the id 8 random bytes in hex (to
 * find the record; not secret), the secret 32 random bytes in base64url (which may itself hold `_`).
 */
export const API_KEY_PATTERN = /^tg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** One key as the key file keeps it: who it speaks for, and only a hash of the key. */
export const apiKeyRecordSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  /** A party id, or null for an operator key. */
  party: z.string().min(1).nullable(),
  roles: z.array(z.enum(ROLES)),
  /** A label for people (who holds it, what for). */
  name: z.string().optional(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().optional(),
  /** SHA-256 of the whole key, hex. A fast hash suffices: the secret has 256 random bits, nothing to guess. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ApiKeyRecord = z.output<typeof apiKeyRecordSchema>;

export const apiKeyFileSchema = z.object({ keys: z.array(apiKeyRecordSchema) });
export type ApiKeyFile = z.output<typeof apiKeyFileSchema>;

/** Where the key file lives unless `API_KEYS_FILE` says otherwise. */
export const defaultApiKeysFile = (stateDir: string) => join(stateDir, "api-keys.json");

/** SHA-256 of a key as the file stores it. */
export const hashApiKey = (key: string): Buffer => createHash("sha256").update(key).digest();

/** The key file's records; an absent file holds none (no key has been created yet). */
export function readApiKeyFile(path: string): ApiKeyFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { keys: [] };
    throw error;
  }
  return apiKeyFileSchema.parse(JSON.parse(text));
}

/**
 * Replaces the key file in one step: a reader (the gateway) sees the old file or the new one, never half
 * of one, and the rename gives the file a new inode that the gateway notices. Only the owner may read
 * it (0600): the hashes cannot be turned back into keys, but the file also says who holds which party.
 */
export function writeApiKeyFile(path: string, file: ApiKeyFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Who a new key speaks for; check it with `checkPrincipal` first. */
export interface NewApiKey {
  party: string | null;
  roles: Role[];
  name?: string;
}

/**
 * Creates a key and records its hash. The key itself is returned once and stored nowhere: whoever
 * loses it creates another. Read, change and write are not locked against a second writer; the CLI is
 * the only writer, run by hand.
 */
export function createApiKey(
  path: string,
  request: NewApiKey,
  now: Date = new Date(),
): { key: string; record: ApiKeyRecord } {
  const file = readApiKeyFile(path);
  let id: string;
  do id = randomBytes(8).toString("hex");
  while (file.keys.some((k) => k.id === id));
  const key = `tg_${id}_${randomBytes(32).toString("base64url")}`;
  const record: ApiKeyRecord = {
    id,
    party: request.party,
    roles: request.roles,
    ...(request.name ? { name: request.name } : {}),
    createdAt: now.toISOString(),
    sha256: hashApiKey(key).toString("hex"),
  };
  writeApiKeyFile(path, { keys: [...file.keys, record] });
  return { key, record };
}

/**
 * Marks a key revoked (the record stays, to say when). Revoking it again keeps the first date.
 * @throws NotFoundError when no key has this id.
 */
export function revokeApiKey(path: string, id: string, now: Date = new Date()): ApiKeyRecord {
  const file = readApiKeyFile(path);
  const record = file.keys.find((k) => k.id === id);
  if (!record) throw new NotFoundError(`No API key has id ${id}`);
  if (record.revokedAt) return record;
  record.revokedAt = now.toISOString();
  writeApiKeyFile(path, file);
  return record;
}
