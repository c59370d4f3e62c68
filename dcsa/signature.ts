import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `Notification-Signature: sha256=<hex HMAC-SHA256 of the exact body>`, keyed with the subscription's
 * secret as bytes (the base64 the subscriber gave, decoded), as DCSA TNT 2.2 specifies: the signature
 * covers the entire request body, byte for byte; no header or URL is covered.
 */
export function notificationSignature(secret: Buffer, body: Buffer | string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/**
 * What a subscriber does with a notification: recompute the signature over the body bytes it received
 * and compare in constant time. The README's example is this function.
 */
export function verifyNotificationSignature(secret: Buffer, body: Buffer | string, header: string): boolean {
  const expected = Buffer.from(notificationSignature(secret, body));
  const given = Buffer.from(header.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Secrets are base64 (the spec's `format: byte`) of at least 32 bytes, HMAC-SHA256's own strength. */
export const MIN_SECRET_BYTES = 32;

/** The secret's bytes, or null when it is not base64 of at least MIN_SECRET_BYTES bytes. */
export function decodeSecret(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.length >= MIN_SECRET_BYTES ? bytes : null;
}
