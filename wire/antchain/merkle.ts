import { createHash } from "node:crypto";

/** One step of a Merkle path: the sibling's hash and which side it sits on. */
export interface MerkleStep {
  side: "L" | "R";
  hash: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

function parent(left: string, right: string): string {
  return createHash("sha256")
    .update(Buffer.from(left, "hex"))
    .update(Buffer.from(right, "hex"))
    .digest("hex");
}

function nextLevel(level: string[]): string[] {
  const next: string[] = [];
  for (let i = 0; i < level.length; i += 2) next.push(parent(level[i]!, level[i + 1] ?? level[i]!));
  return next;
}

/**
 * Root of the port chain's binary SHA-256 Merkle tree over hex leaves: a parent is sha256(left || right)
 * of the raw bytes, an odd node is paired with itself, and the root of no leaves is sha256 of nothing.
 * A block header commits to its transactions and its receipts with one root each.
 */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return createHash("sha256").update("").digest("hex");
  let level = [...leaves];
  while (level.length > 1) level = nextLevel(level);
  return level[0]!;
}

/** The path from leaf `index` to the root. */
export function merkleProof(leaves: readonly string[], index: number): MerkleStep[] {
  const proof: MerkleStep[] = [];
  let level = [...leaves];
  let i = index;
  while (level.length > 1) {
    const isRight = i % 2 === 1;
    proof.push({ side: isRight ? "L" : "R", hash: isRight ? level[i - 1]! : (level[i + 1] ?? level[i]!) });
    level = nextLevel(level);
    i = Math.floor(i / 2);
  }
  return proof;
}

/** Folds a path from a leaf; true when it reaches `root`. */
export function verifyMerklePath(leaf: string, path: readonly MerkleStep[], root: string): boolean {
  if (!HEX64.test(leaf) || !HEX64.test(root)) return false;
  let node = leaf;
  for (const step of path) {
    if (!HEX64.test(step.hash)) return false;
    node = step.side === "L" ? parent(step.hash, node) : parent(node, step.hash);
  }
  return node === root;
}
