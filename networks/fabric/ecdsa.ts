import { sign, verify, type KeyObject } from "node:crypto";

/** Curve orders of the curves Fabric's MSPs use. */
const ORDERS: Record<string, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1:
    0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

function orderOf(key: KeyObject): bigint {
  const curve = key.asymmetricKeyDetails?.namedCurve ?? "";
  const order = ORDERS[curve];
  if (!order) throw new Error(`unsupported curve ${curve || key.asymmetricKeyType}`);
  return order;
}

/**
 * An ECDSA signature (SHA-256, DER) with S in the lower half of the curve order, as Fabric's signers
 * produce it: for any signature (r, s), (r, n - s) verifies too, so Fabric accepts only the low-S form.
 */
export function signLowS(data: Uint8Array, key: KeyObject): Buffer {
  const order = orderOf(key);
  const raw = sign("sha256", data, { key, dsaEncoding: "ieee-p1363" });
  const half = raw.length / 2;
  const r = toBigInt(raw.subarray(0, half));
  let s = toBigInt(raw.subarray(half));
  if (s > order / 2n) s = order - s;
  return derSignature(r, s);
}

/**
 * Verifies an ECDSA (SHA-256, DER) signature as Fabric's BCCSP does: the signature must verify and its S
 * must be low (a high-S signature is refused, "Invalid S. Must be smaller than half the order").
 */
export function verifyLowS(data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  try {
    const s = derS(signature);
    if (s === null || s > orderOf(key) / 2n) return false;
    return signature.length > 0 && verify("sha256", data, key, signature);
  } catch {
    return false;
  }
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
}

function derInteger(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, "hex");
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

function derSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([0x30]), length, body]);
}

/** S of a DER `SEQUENCE { r INTEGER, s INTEGER }`, or null if it is not one. */
function derS(signature: Uint8Array): bigint | null {
  const sig = Buffer.from(signature);
  if (sig[0] !== 0x30) return null;
  let at = sig[1]! & 0x80 ? 2 + (sig[1]! & 0x7f) : 2;
  if (sig[at] !== 0x02) return null;
  at += 2 + sig[at + 1]!;
  if (sig[at] !== 0x02) return null;
  const length = sig[at + 1]!;
  return toBigInt(sig.subarray(at + 2, at + 2 + length));
}
