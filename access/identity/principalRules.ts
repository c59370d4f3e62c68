import type { PartyDirectory } from "../partyDirectory.ts";
import { ROLES, type Principal, type Role } from "../principal.ts";

/** What a credential claims about its holder, as read from a JWT or an API key record, not yet trusted. */
export interface ClaimedIdentity {
  subject: string;
  /** Absent, null, or a party id; anything else is refused. */
  party?: unknown;
  /** Absent, or an array of role names; anything else is refused. */
  roles?: unknown;
}

/** A principal that keeps the rules below, or the one rule it breaks (a phrase, lower case, no full stop). */
export type PrincipalCheck = { ok: true; principal: Principal } | { ok: false; problem: string };

/**
 * The rules every identity keeps, whoever issued its credential (the local issuer, a real identity
 * provider, an API key): the party is one the directory knows, the roles are ones this project defines,
 * and a principal without a party is the operator. Returned, not thrown, because the gateway refuses a
 * credential that breaks them (UNAUTHENTICATED) while the CLI refuses the command line that asked for it.
 *
 * The principal is frozen: the gateway hands the same object to every request that presents the token.
 */
export function checkPrincipal(claimed: ClaimedIdentity, directory: PartyDirectory): PrincipalCheck {
  if (typeof claimed.subject !== "string" || claimed.subject === "")
    return { ok: false, problem: "it names no subject" };

  const party = claimed.party ?? null;
  if (party !== null && (typeof party !== "string" || party === ""))
    return { ok: false, problem: "its party is not a party id" };
  if (party !== null && !directory.get(party))
    return { ok: false, problem: `party "${party}" is not in the party directory` };

  const claimedRoles = claimed.roles ?? [];
  if (!Array.isArray(claimedRoles)) return { ok: false, problem: "its roles are not a list" };
  const roles: Role[] = [];
  for (const role of claimedRoles) {
    if (!(ROLES as readonly unknown[]).includes(role))
      return {
        ok: false,
        problem: `role ${JSON.stringify(role)} is not one of ${ROLES.join(", ")}`,
      };
    if (!roles.includes(role as Role)) roles.push(role as Role);
  }
  // Only the operator may act for no party: anyone else without one would fall through every
  // party-scoped rule, and what they could see would depend on each rule's default.
  if (party === null && !roles.includes("operator"))
    return { ok: false, problem: "it names no party and does not carry the operator role" };

  return {
    ok: true,
    principal: Object.freeze({ subject: claimed.subject, party, roles: Object.freeze(roles) as Role[] }),
  };
}
