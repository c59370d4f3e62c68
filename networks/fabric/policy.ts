import { Membership, type MspRole, type VerifiedCreator } from "./membership.ts";

/**
 * A signature policy, as Fabric's policy DSL writes it (`policydsl.FromString`):
 * `AND('CarrierMSP.peer', OutOf(1, 'COSUMSP.peer', 'MAEUMSP.peer'))`, `OR(...)`, `OutOf(n, ...)`, with
 * principals `'<MSP id>.<member|admin|client|peer|orderer>'`.
 */
export type SignaturePolicy =
  { type: "signedBy"; mspId: string; role: MspRole } | { type: "outOf"; n: number; rules: SignaturePolicy[] };

export class PolicySyntaxError extends Error {}

const ROLES = new Set<MspRole>(["member", "admin", "client", "peer", "orderer"]);

export function parsePolicy(text: string): SignaturePolicy {
  let at = 0;
  const fail = (what: string): never => {
    throw new PolicySyntaxError(`endorsement policy "${text}": ${what} at position ${at}`);
  };
  const skip = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const expect = (char: string) => {
    skip();
    if (text[at] !== char) fail(`expected '${char}'`);
    at++;
  };
  const rule = (): SignaturePolicy => {
    skip();
    const quote = text[at];
    if (quote === "'" || quote === '"') {
      const end = text.indexOf(quote, at + 1);
      if (end === -1) fail("unterminated principal");
      const principal = text.slice(at + 1, end);
      const dot = principal.lastIndexOf(".");
      const role = principal.slice(dot + 1) as MspRole;
      if (dot <= 0 || !ROLES.has(role)) fail(`principal '${principal}' is not '<MSP id>.<role>'`);
      at = end + 1;
      return { type: "signedBy", mspId: principal.slice(0, dot), role };
    }
    const name = /^[A-Za-z]+/.exec(text.slice(at))?.[0] ?? fail("expected AND, OR, OutOf or a principal");
    at += name.length;
    expect("(");
    let n: number | null = null;
    if (name.toLowerCase() === "outof") {
      skip();
      const digits = /^\d+/.exec(text.slice(at))?.[0] ?? fail("OutOf needs a count");
      at += digits.length;
      n = Number(digits);
      expect(",");
    } else if (name.toLowerCase() !== "and" && name.toLowerCase() !== "or") fail(`unknown operator ${name}`);
    const rules = [rule()];
    for (skip(); text[at] === ","; skip()) {
      at++;
      rules.push(rule());
    }
    expect(")");
    const count = n ?? (name.toLowerCase() === "and" ? rules.length : 1);
    if (count < 1 || count > rules.length) fail(`${name} asks for ${count} of ${rules.length}`);
    return { type: "outOf", n: count, rules };
  };
  const policy = rule();
  skip();
  if (at !== text.length) fail("unexpected text");
  return policy;
}

/**
 * Whether a set of (already validated, de-duplicated) signers satisfies the policy, as Fabric's cauthdsl
 * evaluates it: each signer counts for at most one principal, and a sub-rule consumes signers only when
 * it is satisfied.
 */
export function satisfies(policy: SignaturePolicy, signers: readonly VerifiedCreator[]): boolean {
  return evaluate(
    policy,
    signers,
    signers.map(() => false),
  );
}

function evaluate(policy: SignaturePolicy, signers: readonly VerifiedCreator[], used: boolean[]): boolean {
  if (policy.type === "signedBy") {
    const i = signers.findIndex(
      (s, k) => !used[k] && s.mspId === policy.mspId && Membership.hasRole(s, policy.role),
    );
    if (i === -1) return false;
    used[i] = true;
    return true;
  }
  let verified = 0;
  for (const rule of policy.rules) {
    const trial = [...used];
    if (evaluate(rule, signers, trial)) {
      verified++;
      trial.forEach((u, k) => (used[k] = u));
    }
  }
  return verified >= policy.n;
}

/**
 * The sets of organisations whose peers together satisfy the policy (discovery's "layouts"), smallest
 * first; a peer's endorsement counts for its org's `peer` and `member` principals.
 */
export function layouts(policy: SignaturePolicy): string[][] {
  const sets = collect(policy).map((s) => [...new Set(s)]);
  const unique = new Map(sets.map((s) => [[...s].sort().join(","), s]));
  return [...unique.values()].sort((a, b) => a.length - b.length);
}

function collect(policy: SignaturePolicy): string[][] {
  if (policy.type === "signedBy")
    return policy.role === "peer" || policy.role === "member" ? [[policy.mspId]] : [];
  const out: string[][] = [];
  const choose = (start: number, picked: string[][][]) => {
    if (picked.length === policy.n) {
      let combos: string[][] = [[]];
      for (const options of picked) combos = combos.flatMap((c) => options.map((o) => [...c, ...o]));
      out.push(...combos);
      return;
    }
    for (let i = start; i < policy.rules.length; i++) {
      const options = collect(policy.rules[i]!);
      if (options.length > 0) choose(i + 1, [...picked, options]);
    }
  };
  choose(0, []);
  return out;
}

/** The policy back in the DSL, for messages and the connection profile. */
export function formatPolicy(policy: SignaturePolicy): string {
  if (policy.type === "signedBy") return `'${policy.mspId}.${policy.role}'`;
  const inner = policy.rules.map(formatPolicy).join(", ");
  if (policy.n === policy.rules.length && policy.rules.length > 1) return `AND(${inner})`;
  if (policy.n === 1 && policy.rules.length > 1) return `OR(${inner})`;
  return `OutOf(${policy.n}, ${inner})`;
}
