/**
 * `npx tradegraph keys create|list|revoke`: API keys for programs that cannot fetch tokens (a nightly
 * export, a partner's integration). The key file holds SHA-256 hashes only, so a key is shown once.
 */
import { parseArgs } from "node:util";
import {
  createApiKey,
  defaultApiKeysFile,
  readApiKeyFile,
  revokeApiKey,
} from "../access/identity/apiKeys.ts";
import { NotFoundError } from "../domain/errors.ts";
import { UsageError } from "./reportArguments.ts";
import { identityArguments, stateDirOf } from "./tokenCommand.ts";

export const KEYS_USAGE = `usage: tradegraph keys create --party ID [--role ROLE]... [--name LABEL] [--state-dir DIR]
       tradegraph keys create --role operator [--name LABEL] [--state-dir DIR]
       tradegraph keys list [--state-dir DIR]
       tradegraph keys revoke ID [--state-dir DIR]

create  prints the new key (tg_<id>_<secret>) on stdout; it is stored only as a hash and never shown again.
        Send it as the x-api-key header, or report --api-key / TRADEGRAPH_API_KEY.
list    one line per key, tab-separated: id, party, roles, name, created, revoked ("-" when none)
revoke  a running gateway refuses the key within about a second
  --party, --role  as for tradegraph token (tradegraph token --help)
  --state-dir      default $TRADEGRAPH_STATE_DIR, else .tradegraph; the key file is $API_KEYS_FILE, else
                   <state-dir>/api-keys.json`;

const SUBCOMMANDS = ["create", "list", "revoke"] as const;

/** Runs `tradegraph keys ...`; returns the exit code (0 done, 1 failed, 2 a command line it refuses). */
export async function keysCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  try {
    return runKeys(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      console.error(`tradegraph keys: ${(error as Error).message}`);
      return 1;
    }
    console.error(`tradegraph keys: ${error.message}\n\n${KEYS_USAGE}`);
    return 2;
  }
}

function runKeys(argv: string[], env: NodeJS.ProcessEnv): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        party: { type: "string" },
        role: { type: "string", multiple: true },
        name: { type: "string" },
        "state-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(KEYS_USAGE);
    return 0;
  }
  const [subcommand, ...rest] = positionals;
  if (!subcommand || !(SUBCOMMANDS as readonly string[]).includes(subcommand))
    throw new UsageError(
      subcommand ? `unknown keys command "${subcommand}"` : `which one? ${SUBCOMMANDS.join(", ")}`,
    );
  const file = env.API_KEYS_FILE || defaultApiKeysFile(stateDirOf(values, env));
  if (subcommand !== "create")
    for (const option of ["party", "role", "name"] as const)
      if (values[option] !== undefined) throw new UsageError(`--${option} applies to keys create only`);

  switch (subcommand) {
    case "create": {
      if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
      const identity = identityArguments(values, env);
      const { key, record } = createApiKey(file, {
        party: identity.party,
        roles: identity.roles,
        ...(values.name ? { name: values.name } : {}),
      });
      console.log(key);
      console.error(
        `created API key ${record.id} for ${record.party ?? "the operator"}; it is not shown again`,
      );
      return 0;
    }
    case "list": {
      if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
      for (const k of readApiKeyFile(file).keys)
        console.log(
          [k.id, k.party ?? "-", k.roles.join(",") || "-", k.name ?? "-", k.createdAt, k.revokedAt ?? "-"]
            .map((field) => field.replace(/[\t\n]/g, " "))
            .join("\t"),
        );
      return 0;
    }
    default: {
      const [id, ...extra] = rest;
      if (!id) throw new UsageError("keys revoke needs the key's id (see keys list)");
      if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
      try {
        const record = revokeApiKey(file, id);
        console.log(`revoked ${record.id} at ${record.revokedAt}`);
      } catch (error) {
        if (error instanceof NotFoundError) throw new UsageError(`no API key has id "${id}" in ${file}`);
        throw error;
      }
      return 0;
    }
  }
}
