import { createHash } from "node:crypto";
import { canonicalJson } from "./canonicalJson.ts";

export interface MerkleStep {
  side: "L" | "R";
  hash: string;
}

const sha256 = (...parts: Buffer[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest("hex");
};

/** The hash a block's receipt tree commits to: SHA-256 of the receipt's canonical JSON. */
export function receiptHash(receipt: Record<string, unknown>): string {
  return createHash("sha256").update(canonicalJson(receipt)).digest("hex");
}

/** Folds a Merkle path from a leaf; true when it reaches `root`. */
export function verifyMerklePath(leaf: string, path: MerkleStep[], root: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(leaf) || !/^[0-9a-f]{64}$/.test(root)) return false;
  let node = leaf;
  for (const step of path) {
    if (!/^[0-9a-f]{64}$/.test(step.hash)) return false;
    node =
      step.side === "L"
        ? sha256(Buffer.from(step.hash, "hex"), Buffer.from(node, "hex"))
        : sha256(Buffer.from(node, "hex"), Buffer.from(step.hash, "hex"));
  }
  return node === root;
}

/** The root over all leaves (odd nodes paired with themselves), to check a whole block body at once. */
export function merkleRoot(leaves: string[]): string {
  if (leaves.length === 0) return createHash("sha256").update("").digest("hex");
  let level = leaves;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(sha256(Buffer.from(level[i]!, "hex"), Buffer.from((level[i + 1] ?? level[i])!, "hex")));
    level = next;
  }
  return level[0]!;
}
