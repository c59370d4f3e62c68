import { statSync } from "node:fs";
import { timingSafeEqual } from "node:crypto";
import { UnauthenticatedError } from "../../domain/errors.ts";
import type { PartyDirectory } from "../partyDirectory.ts";
import type { Principal } from "../principal.ts";
import { checkPrincipal } from "./principalRules.ts";
import { API_KEY_PATTERN, hashApiKey, readApiKeyFile } from "./apiKeys.ts";

/** @see createApiKeyVerifier */
export interface ApiKeyVerifierOptions {
  /** The key file the CLI writes (`<stateDir>/api-keys.json`); absent means no keys yet. */
  file: string;
  directory: PartyDirectory;
  /**
   * How often, at most, the file's modification is checked; a revocation takes effect within this.
   * @default 1000
   */
  reloadIntervalMs?: number;
}

/** Turns an `x-api-key` value into the principal its record names, or refuses it. */
export interface ApiKeyVerifier {
  /** @throws UnauthenticatedError for a malformed, unknown or revoked key. */
  verify(key: string): Principal;
}

interface Entry {
  hash: Buffer;
  revoked: boolean;
  /** The principal, or why the record's identity is refused (its party left the directory). */
  check: ReturnType<typeof checkPrincipal>;
}

/**
 * Verifies API keys against the key file, which the gateway re-reads when it changes (a `stat` at most
 * once per `reloadIntervalMs`), so a key revoked with `tradegraph keys revoke` stops working in a
 * running gateway without a restart. Each key costs one SHA-256 of ~60 bytes and a map lookup.
 */
export function createApiKeyVerifier(options: ApiKeyVerifierOptions): ApiKeyVerifier {
  const interval = options.reloadIntervalMs ?? 1000;
  let entries = new Map<string, Entry>();
  let version: string | undefined;
  let checkedAt = -Infinity;
  let failure: Error | undefined;

  const load = () => {
    const next = new Map<string, Entry>();
    for (const record of readApiKeyFile(options.file).keys)
      next.set(record.id, {
        hash: Buffer.from(record.sha256, "hex"),
        revoked: record.revokedAt !== undefined,
        check: checkPrincipal(
          { subject: `key:${record.id}`, party: record.party, roles: record.roles },
          options.directory,
        ),
      });
    return next;
  };

  const refresh = () => {
    const now = Date.now();
    if (now - checkedAt < interval) return;
    checkedAt = now;
    let current: string;
    try {
      const stat = statSync(options.file);
      // The writer renames a new file into place, so the inode changes even within one mtime tick.
      current = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      current = "absent";
    }
    if (current === version) return;
    try {
      entries = load();
      failure = undefined;
    } catch (error) {
      // Fail closed: a key file that cannot be read may be hiding a revocation. A plain Error, so the
      // gateway reports it as internal rather than blaming the caller's key.
      entries = new Map();
      failure = new Error(`The API key file ${options.file} cannot be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
    version = current;
  };

  // Read at start, so that a broken file stops the gateway instead of its first request.
  refresh();
  if (failure) throw failure;

  return {
    verify(key) {
      refresh();
      if (failure) throw failure;
      const match = API_KEY_PATTERN.exec(key);
      if (!match)
        throw new UnauthenticatedError("The API key is malformed; keys look like tg_<id>_<secret>.");
      const entry = entries.get(match[1]!);
      // Compared in constant time, so that response times do not reveal how much of a guess was right.
      if (!entry || !timingSafeEqual(hashApiKey(key), entry.hash))
        throw new UnauthenticatedError("The API key is not known.");
      if (entry.revoked) throw new UnauthenticatedError("The API key has been revoked.");
      if (!entry.check.ok) throw new UnauthenticatedError(`The API key is refused: ${entry.check.problem}.`);
      return entry.check.principal;
    },
  };
}
