import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { VerifiedCreator } from "../../networks/fabric/membership.ts";
import { defaultEndorsementPolicy } from "../../networks/fabric/orgs.ts";
import {
  formatPolicy,
  layouts,
  parsePolicy,
  PolicySyntaxError,
  satisfies,
} from "../../networks/fabric/policy.ts";

/** A signer as the validator sees it after MSP validation: its MSP and its NodeOU. */
const signer = (mspId: string, ou: string): VerifiedCreator => ({
  mspId,
  ous: [ou],
  creatorBytes: new Uint8Array(0),
  certificate: null as unknown as X509Certificate,
});

describe("endorsement policies in Fabric's DSL", () => {
  it("parses AND, OR, OutOf and principals with roles, and prints them back", () => {
    const policy = parsePolicy(`AND('TradegraphMSP.peer', OutOf(1, 'COSUMSP.peer', "MAEUMSP.member"))`);
    expect(policy).toEqual({
      type: "outOf",
      n: 2,
      rules: [
        { type: "signedBy", mspId: "TradegraphMSP", role: "peer" },
        {
          type: "outOf",
          n: 1,
          rules: [
            { type: "signedBy", mspId: "COSUMSP", role: "peer" },
            { type: "signedBy", mspId: "MAEUMSP", role: "member" },
          ],
        },
      ],
    });
    expect(formatPolicy(policy)).toBe(`AND('TradegraphMSP.peer', OR('COSUMSP.peer', 'MAEUMSP.member'))`);
    expect(formatPolicy(parsePolicy("outof(2, 'A.peer', 'B.peer', 'C.admin')"))).toBe(
      "OutOf(2, 'A.peer', 'B.peer', 'C.admin')",
    );
    expect(parsePolicy(defaultEndorsementPolicy())).toMatchObject({ type: "outOf", n: 2 });
  });

  it.each([
    ["AND('A.peer'", /expected '\)'/],
    ["XOR('A.peer', 'B.peer')", /unknown operator XOR/],
    ["AND('A.boss')", /is not '<MSP id>.<role>'/],
    ["OutOf(3, 'A.peer', 'B.peer')", /asks for 3 of 2/],
    ["'A.peer' 'B.peer'", /unexpected text/],
  ])("refuses %s", (text, message) => {
    expect(() => parsePolicy(text)).toThrow(PolicySyntaxError);
    expect(() => parsePolicy(text)).toThrow(message);
  });

  it("is satisfied only by distinct signers with the right MSP and role, each counting once", () => {
    const policy = parsePolicy("AND('P.peer', OutOf(1, 'C1.peer', 'C2.peer'))");
    expect(satisfies(policy, [signer("P", "peer"), signer("C2", "peer")])).toBe(true);
    expect(satisfies(policy, [signer("P", "peer")])).toBe(false);
    expect(satisfies(policy, [signer("P", "client"), signer("C1", "peer")])).toBe(false);
    expect(satisfies(policy, [signer("X", "peer"), signer("C1", "peer")])).toBe(false);
    const twice = parsePolicy("AND('P.member', 'P.member')");
    expect(satisfies(twice, [signer("P", "peer")])).toBe(false);
    expect(satisfies(twice, [signer("P", "peer"), signer("P", "client")])).toBe(true);
    // A signer consumed by a satisfied branch is not available to the next one.
    const greedy = parsePolicy("OutOf(2, 'P.member', 'P.peer')");
    expect(satisfies(greedy, [signer("P", "peer")])).toBe(false);
  });

  it("lists the organisation sets that can satisfy a policy, smallest first", () => {
    expect(layouts(parsePolicy("AND('P.peer', OR('C1.peer', 'C2.peer'))"))).toEqual([
      ["P", "C1"],
      ["P", "C2"],
    ]);
    expect(layouts(parsePolicy("OR('A.peer', AND('B.peer', 'C.peer'))"))).toEqual([["A"], ["B", "C"]]);
    expect(layouts(parsePolicy("OutOf(2, 'A.peer', 'B.peer', 'C.peer')"))).toEqual([
      ["A", "B"],
      ["A", "C"],
      ["B", "C"],
    ]);
    // Peers cannot sign as admins or clients: such principals give no layout.
    expect(layouts(parsePolicy("AND('A.admin', 'B.peer')"))).toEqual([]);
  });
});
