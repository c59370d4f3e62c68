import { createHash } from "node:crypto";

/** Hex SHA-256, the port chain's one hash function (transaction, receipt and block hashes, account ids). */
export const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/**
 * JSON with keys in sorted order at every level and `undefined` members left out: the form in which
 * transactions, receipts and block headers are hashed, so that both sides of the wire hash the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
