/**
 * `npx tradegraph token --party ID [--role ROLE]... [--ttl 1h] [--state-dir DIR]`: a bearer token from the
 * local issuer, for `report --token`, curl or a GraphQL client. Prints the token alone on stdout, so that
 * `TRADEGRAPH_TOKEN=$(npx tradegraph token --party MAEU)` works.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { checkPrincipal } from "../access/identity/principalRules.ts";
import { ensureLocalIssuer } from "../access/identity/localIssuer.ts";
import { PartyDirectory } from "../access/partyDirectory.ts";
import { ROLES, type Role } from "../access/principal.ts";
import { UsageError } from "./reportArguments.ts";

export const TOKEN_USAGE = `usage: tradegraph token --party ID [--role ROLE]... [--ttl DURATION] [--state-dir DIR]
       tradegraph token --role operator [--ttl DURATION] [--state-dir DIR]

Prints one bearer token from the local issuer (its key is created under <state-dir>/issuer/ on first use).
  --party      a party id from the directory: a carrier's SCAC (MAEU), or an id such as shp-saic, bnk-boc,
               cus-cn, trm-cnsha
  --role       analyst (adds aggregates over every shipment) or operator (sees everything; may go without
               --party); repeat for several
  --ttl        how long the token is valid: 30s, 15m, 1h, 7d; default 1h, at most 30d (longer-lived
               credentials should be API keys, which can be revoked: tradegraph keys --help)
  --state-dir  default $TRADEGRAPH_STATE_DIR, else .tradegraph; the party directory is $PARTIES_FILE,
               else <state-dir>/parties.json`;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_TTL_SECONDS = 30 * 86_400;

/** A duration such as `15m`, in seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2]!]! : 0;
  if (!match || seconds <= 0)
    throw new UsageError(`--ttl must be a number and a unit (s, m, h, d), such as 15m or 7d; got "${text}"`);
  if (seconds > MAX_TTL_SECONDS) throw new UsageError(`--ttl must be at most 30d; got "${text}"`);
  return seconds;
}

/** The party and roles a command line asks for, checked against the directory as the gateway will. */
export interface IdentityArguments {
  stateDir: string;
  party: string | null;
  roles: Role[];
}

/**
 * Reads `--party`, `--role`, `--state-dir` (shared by `token` and `keys create`) and applies the rules
 * the gateway applies to every credential, so that nobody is handed a credential it will refuse.
 * @throws UsageError for a party or role that the gateway would refuse; Error when the directory cannot be read.
 */
export function identityArguments(
  values: { party?: string; role?: string[]; "state-dir"?: string },
  env: NodeJS.ProcessEnv,
): IdentityArguments {
  const stateDir = stateDirOf(values, env);
  const roles = values.role ?? [];
  for (const role of roles)
    if (!(ROLES as readonly string[]).includes(role))
      throw new UsageError(`--role must be ${ROLES.join(" or ")}; got "${role}"`);
  const party = values.party ?? null;
  if (party === "") throw new UsageError("--party needs a party id");

  let directory = new PartyDirectory([]);
  const partiesFile = env.PARTIES_FILE || join(stateDir, "parties.json");
  // The operator acts for no party, so it needs no directory (and works before the world is built).
  if (party !== null) {
    try {
      directory = PartyDirectory.fromFile(partiesFile);
    } catch (error) {
      throw new Error(
        `cannot read the party directory ${partiesFile} (start the world with npm start, or set PARTIES_FILE): ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const check = checkPrincipal({ subject: "cli", party, roles }, directory);
  if (!check.ok)
    throw new UsageError(
      party === null
        ? "give --party ID, or --role operator for the operator"
        : `${check.problem} (${partiesFile})`,
    );
  return { stateDir, party, roles: check.principal.roles };
}

export const stateDirOf = (values: { "state-dir"?: string }, env: NodeJS.ProcessEnv): string =>
  values["state-dir"] || env.TRADEGRAPH_STATE_DIR || ".tradegraph";

/** Runs `tradegraph token`; returns the exit code (0 printed, 1 failed, 2 a command line it refuses). */
export async function tokenCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let request: (IdentityArguments & { ttlSeconds: number }) | null;
  try {
    request = parseTokenArguments(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      console.error(`tradegraph token: ${(error as Error).message}`);
      return 1;
    }
    console.error(`tradegraph token: ${error.message}\n\n${TOKEN_USAGE}`);
    return 2;
  }
  if (request === null) {
    console.log(TOKEN_USAGE);
    return 0;
  }
  const issuer = await ensureLocalIssuer(request.stateDir);
  console.log(await issuer.issueToken(request));
  return 0;
}

function parseTokenArguments(
  argv: string[],
  env: NodeJS.ProcessEnv,
): (IdentityArguments & { ttlSeconds: number }) | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        party: { type: "string" },
        role: { type: "string", multiple: true },
        ttl: { type: "string" },
        "state-dir": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  const ttlSeconds = parseTtl(values.ttl ?? "1h");
  return { ...identityArguments(values, env), ttlSeconds };
}
