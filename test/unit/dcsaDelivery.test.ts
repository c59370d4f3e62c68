import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../dcsa/backoff.ts";
import { addressAllowed, callbackPolicy, checkCallbackUrl } from "../../dcsa/callbackUrl.ts";
import { decodeCursor, encodeCursor, pageOf, type Position } from "../../dcsa/paging.ts";
import { decodeSecret, notificationSignature, verifyNotificationSignature } from "../../dcsa/signature.ts";
import { loadDcsaSchemas } from "../support/dcsaSchemas.ts";

describe("notification signatures", () => {
  const secret = randomBytes(32);
  const body = Buffer.from('[{"eventID":"x","eventType":"TRANSPORT"}]\n', "utf8");

  it("are sha256=<hex HMAC-SHA256 of the exact body, keyed with the decoded secret>, in the spec's pattern", () => {
    const header = notificationSignature(secret, body);
    expect(header).toBe(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
    expect(header).toMatch(loadDcsaSchemas().signaturePattern);
    expect(verifyNotificationSignature(secret, body, header)).toBe(true);
  });

  it("fail for a changed byte, another secret or a truncated header", () => {
    const header = notificationSignature(secret, body);
    const tampered = Buffer.from(body);
    tampered[tampered.length - 1] = 0x20;
    expect(verifyNotificationSignature(secret, tampered, header)).toBe(false);
    expect(verifyNotificationSignature(randomBytes(32), body, header)).toBe(false);
    expect(verifyNotificationSignature(secret, body, header.slice(0, -1))).toBe(false);
  });

  it("secrets are base64 of at least 32 bytes", () => {
    expect(decodeSecret(randomBytes(32).toString("base64"))).toHaveLength(32);
    expect(decodeSecret(randomBytes(16).toString("base64"))).toBeNull();
    expect(decodeSecret("not base64!")).toBeNull();
  });
});

describe("retries", () => {
  const options = { baseMs: 1000, maxMs: 60_000 };
  it("back off exponentially, each delay in the upper half of its step (jitter), capped", () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const step = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      expect(backoffDelay(attempt, options, () => 0)).toBe(step / 2);
      expect(backoffDelay(attempt, options, () => 0.999999)).toBeCloseTo(step, -1);
    }
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, options)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

describe("callback URLs", () => {
  const strict = callbackPolicy("");
  const local = callbackPolicy("loopback");

  it("refuse loopback, private, link-local and reserved addresses unless allowed", () => {
    for (const address of [
      "127.0.0.1",
      "::1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "100.64.0.1",
      "169.254.169.254",
      "fe80::1",
      "fd00::1",
    ])
      expect(addressAllowed(strict, address), address).toBe(false);
    for (const address of [
      "0.0.0.0",
      "::",
      "224.0.0.1",
      "::ffff:127.0.0.1",
      "::ffff:8.8.8.8",
      "64:ff9b::7f00:1",
      "192.0.2.1",
    ])
      expect(addressAllowed(local, address), address).toBe(false);
    for (const address of ["8.8.8.8", "2606:4700:4700::1111", "93.184.216.34"])
      expect(addressAllowed(strict, address)).toBe(true);
    expect(addressAllowed(local, "127.0.0.1")).toBe(true);
    expect(addressAllowed(local, "::1")).toBe(true);
    expect(addressAllowed(local, "10.0.0.1")).toBe(false);
    expect(addressAllowed(callbackPolicy("10.1.0.0/16"), "10.1.9.9")).toBe(true);
    expect(addressAllowed(callbackPolicy("10.1.0.0/16"), "10.2.0.1")).toBe(false);
    expect(() => callbackPolicy("intranet")).toThrow(/not loopback/);
  });

  it("are checked when a subscription is made: scheme, credentials, and every address the host resolves to", async () => {
    await expect(checkCallbackUrl(strict, "http://127.0.0.1:9/x")).rejects.toThrow(
      /outside the public internet/,
    );
    await expect(checkCallbackUrl(strict, "http://localhost:9/x")).rejects.toThrow(
      /outside the public internet/,
    );
    await expect(checkCallbackUrl(strict, "http://[::ffff:7f00:1]/")).rejects.toThrow(
      /outside the public internet/,
    );
    await expect(checkCallbackUrl(local, "http://127.0.0.1:9/x")).resolves.toBeInstanceOf(URL);
    await expect(checkCallbackUrl(local, "ftp://127.0.0.1/x")).rejects.toThrow(/http or https/);
    await expect(checkCallbackUrl(local, "http://user:pw@127.0.0.1/x")).rejects.toThrow(/credentials/);
    await expect(checkCallbackUrl(local, "/relative")).rejects.toThrow(/absolute/);
    await expect(checkCallbackUrl(local, "http://does-not-exist.invalid/")).rejects.toThrow(
      /does not resolve/,
    );
  });
});

describe("keyset pages", () => {
  const rows = Array.from({ length: 5 }, (_, i) => ({ k: `2026-01-0${i + 1}`, id: String(i) }));
  const key = (r: { k: string; id: string }): [string, string] => [r.k, r.id];

  it("know their neighbours forwards and backwards", () => {
    const first = pageOf(rows.slice(0, 3), { kind: "first" }, 2, key);
    expect(first.items.map((r) => r.id)).toEqual(["0", "1"]);
    expect(first.previous).toBeNull();
    expect(first.next).toEqual({ kind: "after", key: ["2026-01-02", "1"] });
    // Fetched descending for a backwards page: shown ascending.
    const back = pageOf([rows[2]!, rows[1]!, rows[0]!], { kind: "before", key: ["2026-01-04", "3"] }, 2, key);
    expect(back.items.map((r) => r.id)).toEqual(["1", "2"]);
    expect(back.previous).toEqual({ kind: "before", key: ["2026-01-02", "1"] });
    expect(back.next).toEqual({ kind: "after", key: ["2026-01-03", "2"] });
    const last = pageOf([rows[4]!, rows[3]!], { kind: "last" }, 2, key);
    expect(last.items.map((r) => r.id)).toEqual(["3", "4"]);
    expect(last.next).toBeNull();
  });

  it("cursors round-trip and refuse anything else", () => {
    const position: Position = { kind: "after", key: ["a", "b"] };
    const text = encodeCursor({ query: { limit: 3 }, position });
    const isQuery = (q: unknown): q is { limit: number } =>
      typeof (q as { limit?: unknown }).limit === "number";
    expect(decodeCursor(text, isQuery)).toEqual({ query: { limit: 3 }, position });
    expect(() => decodeCursor("garbage", isQuery)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor({ query: {}, position }), isQuery)).toThrow(/cursor/);
  });
});
