/**
 * How the fault and soak suite judges an answer given under a fault against fault-free answers to the
 * same request. The rules (the README's "Faults and soak" repeats them):
 *
 * - Volatile fields are not compared: `cached` (whether verification came from the cache), and in
 *   `networks` everything but `name` and `kind` (health, heights and lag describe the moment, and DOWN
 *   during an outage is the right answer).
 * - EQUAL: the same JSON as a fault-free answer.
 * - DEGRADED (not wrong): every difference is an outage reported as such: a value null (or a list
 *   shorter, each element it keeps matching one of the fault-free list's) while the response carries an
 *   outage error (`NETWORK_UNAVAILABLE`, `NETWORK_ERROR`) at that path, above it, below it or without a
 *   path; or an object whose `status` is `ERROR` where the fault-free one had another status (a verdict,
 *   check, fragment or verification that could not be formed).
 * - WRONG: anything else: a value that differs (INVALID for VALID, a conflict, a status that moved, another
 *   holder), an element the fault-free answer lacks, a value where the fault-free answer had null.
 * - ERROR: no data at all (HTTP failure, timeout, `data: null`), counted by code, never as wrong.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface GraphQLAnswer {
  data?: Json;
  errors?: { path?: (string | number)[]; extensions?: { code?: string } }[];
}

export type Verdict = "EQUAL" | "DEGRADED" | "WRONG";

/** Codes that say "this network could not be asked, or answered with something unusable". */
export const OUTAGE_CODES: ReadonlySet<string> = new Set(["NETWORK_UNAVAILABLE", "NETWORK_ERROR"]);

const rank: Record<Verdict, number> = { EQUAL: 0, DEGRADED: 1, WRONG: 2 };
const worst = (a: Verdict, b: Verdict): Verdict => (rank[a] >= rank[b] ? a : b);

/** The answer without the fields that describe the moment rather than the facts. */
export function withoutVolatile(value: Json, key: string | null = null): Json {
  if (Array.isArray(value)) return value.map((v) => withoutVolatile(v, key));
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "cached") continue;
    if (key === "networks" && k !== "name" && k !== "kind") continue;
    out[k] = withoutVolatile(v, k);
  }
  return out;
}

const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);

/** Judges `answer` against one fault-free answer to the same request. */
export function judge(answer: GraphQLAnswer, reference: GraphQLAnswer): Verdict {
  return judgeExplained(answer, reference).verdict;
}

/** As `judge`, with the first path judged WRONG (for the report). */
export function judgeExplained(
  answer: GraphQLAnswer,
  reference: GraphQLAnswer,
): { verdict: Verdict; wrongAt: string | null } {
  let wrongAt: string | null = null;
  const wrongHere = (path: (string | number)[]): Verdict => {
    wrongAt ??= path.join(".");
    return "WRONG";
  };
  const outagePaths = (answer.errors ?? [])
    .filter((e) => OUTAGE_CODES.has(e.extensions?.code ?? ""))
    .map((e) => e.path ?? null);
  const excused = (path: (string | number)[]) =>
    outagePaths.some((p) => {
      if (p === null) return true;
      const n = Math.min(p.length, path.length);
      for (let i = 0; i < n; i++) if (String(p[i]) !== String(path[i])) return false;
      return true;
    });
  const walk = (a: Json | undefined, r: Json | undefined, path: (string | number)[]): Verdict => {
    if (same(a, r)) return "EQUAL";
    if (a === null || a === undefined) return excused(path) ? "DEGRADED" : wrongHere(path);
    if (r === null || r === undefined) return wrongHere(path);
    if (Array.isArray(a) && Array.isArray(r)) {
      if (a.length === r.length)
        return a.reduce<Verdict>((v, x, i) => worst(v, walk(x, r[i], [...path, i])), "EQUAL");
      if (a.length > r.length || !excused(path)) return wrongHere(path);
      // Incomplete (a network's part missing, the outage named): each element kept must be one of the
      // fault-free list's, possibly degraded itself, in order.
      let j = 0;
      let verdict: Verdict = "DEGRADED";
      for (const [i, x] of a.entries()) {
        let found: Verdict | null = null;
        for (; j < r.length && found === null; j++) {
          const v = walk(x, r[j], [...path, i]);
          if (v !== "WRONG") found = v;
        }
        if (found === null) return wrongHere([...path, i]);
        verdict = worst(verdict, found);
      }
      return verdict;
    }
    if (typeof a === "object" && typeof r === "object" && !Array.isArray(a) && !Array.isArray(r)) {
      if (a.status === "ERROR" && r.status !== "ERROR") return "DEGRADED";
      let verdict: Verdict = "EQUAL";
      for (const k of new Set([...Object.keys(a), ...Object.keys(r)]))
        verdict = worst(verdict, walk(a[k], r[k], [...path, k]));
      return verdict;
    }
    return wrongHere(path);
  };
  const verdict = walk(withoutVolatile(answer.data ?? null), withoutVolatile(reference.data ?? null), []);
  return { verdict, wrongAt: verdict === "WRONG" ? wrongAt : null };
}

/** The best verdict against any of the fault-free answers (taken before the fault and after recovery). */
export function judgeAgainst(answer: GraphQLAnswer, references: GraphQLAnswer[]): Verdict {
  return references.reduce<Verdict>((best, r) => {
    const v = judge(answer, r);
    return rank[v] < rank[best] ? v : best;
  }, "WRONG");
}

/**
 * The facts of an answer as `path=value` lines, provenance (`source`, `sources`) and volatile fields left
 * out, list indices dropped: what a fault must not lose. A fault-free answer after recovery holding fewer
 * of these than the one before the fault lost data.
 */
export function facts(answer: GraphQLAnswer): string[] {
  const out: string[] = [];
  const walk = (v: Json, path: string) => {
    if (Array.isArray(v)) for (const x of v) walk(x, path);
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v))
        if (k !== "source" && k !== "sources") walk(x, path ? `${path}.${k}` : k);
    } else if (v !== null) out.push(`${path}=${JSON.stringify(v)}`);
  };
  walk(withoutVolatile(answer.data ?? null), "");
  return out;
}

/** Facts of `before` missing from `after` (as a multiset: a fact held twice and then once counts once). */
export function lostFacts(before: GraphQLAnswer, after: GraphQLAnswer): string[] {
  const left = new Map<string, number>();
  for (const f of facts(after)) left.set(f, (left.get(f) ?? 0) + 1);
  const lost: string[] = [];
  for (const f of facts(before)) {
    const n = left.get(f) ?? 0;
    if (n > 0) left.set(f, n - 1);
    else lost.push(f);
  }
  return lost;
}
