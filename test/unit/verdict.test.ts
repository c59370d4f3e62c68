import { describe, expect, it } from "vitest";
import type { FragmentStatus, FragmentType, VerificationFragment } from "../../domain/model.ts";
import { combine } from "../../verification/verifier.ts";

const f = (type: FragmentType, status: FragmentStatus): VerificationFragment => ({
  type,
  name: type,
  status,
  reason: null,
});
const verdict = (integrity: FragmentStatus, status: FragmentStatus, identity: FragmentStatus) =>
  combine(
    [f("DOCUMENT_INTEGRITY", integrity), f("DOCUMENT_STATUS", status), f("ISSUER_IDENTITY", identity)],
    null,
    new Date(),
  ).status;

describe("verdict", () => {
  it.each([
    ["VALID", "VALID", "VALID", "VALID"],
    ["SKIPPED", "VALID", "VALID", "VALID"],
    ["INVALID", "VALID", "VALID", "INVALID"],
    // An outage is never reported as a forged document...
    ["VALID", "ERROR", "VALID", "ERROR"],
    ["VALID", "ERROR", "INVALID", "ERROR"],
    // ...but a tampered document is invalid whatever the network says.
    ["INVALID", "ERROR", "VALID", "INVALID"],
    ["VALID", "INVALID", "VALID", "INVALID"],
    ["VALID", "VALID", "INVALID", "INVALID"],
  ] as const)("integrity %s, status %s, identity %s -> %s", (a, b, c, expected) => {
    expect(verdict(a, b, c)).toBe(expected);
  });
  it("is valid only when VALID", () => {
    expect(combine([f("DOCUMENT_STATUS", "ERROR")], null, new Date()).valid).toBe(false);
  });
});
