import { createHash } from "node:crypto";

export const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** JSON with keys in sorted order at every level: the form that is hashed and signed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface MerkleStep {
  /** Which side the sibling sits on. */
  side: "L" | "R";
  hash: string;
}

/**
 * Binary SHA-256 Merkle tree over hex leaves: a parent is sha256(left || right) of the raw bytes; an odd
 * node is paired with itself. The root of an empty list is sha256 of nothing.
 */
export function merkleRoot(leaves: string[]): string {
  if (leaves.length === 0) return sha256Hex("");
  let level = leaves;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(parent(level[i]!, level[i + 1] ?? level[i]!));
    level = next;
  }
  return level[0]!;
}

export function merkleProof(leaves: string[], index: number): MerkleStep[] {
  const proof: MerkleStep[] = [];
  let level = leaves;
  let i = index;
  while (level.length > 1) {
    const isRight = i % 2 === 1;
    const sibling = isRight ? level[i - 1]! : (level[i + 1] ?? level[i]!);
    proof.push({ side: isRight ? "L" : "R", hash: sibling });
    const next: string[] = [];
    for (let j = 0; j < level.length; j += 2) next.push(parent(level[j]!, level[j + 1] ?? level[j]!));
    level = next;
    i = Math.floor(i / 2);
  }
  return proof;
}

function parent(left: string, right: string): string {
  return createHash("sha256")
    .update(Buffer.from(left, "hex"))
    .update(Buffer.from(right, "hex"))
    .digest("hex");
}
