/* eslint-disable @typescript-eslint/no-explicit-any -- answers are edited as loose JSON */
import { describe, expect, it } from "vitest";
import { judge, judgeAgainst, lostFacts, type GraphQLAnswer } from "../../bench/support/answerCompare.ts";

const reference: GraphQLAnswer = {
  data: {
    shipment: {
      reference: "COSU1",
      status: "RELEASED",
      carrier: { scac: "COSU" },
      events: [
        { code: "LOAD", sources: [{ network: "carrier-fabric" }] },
        { code: "DISC", sources: [{ network: "carrier-fabric" }, { network: "port-antchain" }] },
        { code: "GTOT", sources: [{ network: "port-antchain" }] },
      ],
      billOfLading: {
        holder: { name: "Bank" },
        verification: { status: "VALID", cached: false },
        verdict: { valid: true, status: "VALID", checks: [{ name: "TITLE", status: "VALID" }] },
      },
    },
    networks: [{ name: "ebl-evm", kind: "EVM", health: "UP", height: "10" }],
  },
};
const clone = (a: GraphQLAnswer): GraphQLAnswer => JSON.parse(JSON.stringify(a)) as GraphQLAnswer;
const outage = (path?: (string | number)[]) => ({
  ...(path ? { path } : {}),
  extensions: { code: "NETWORK_UNAVAILABLE" },
});

describe("judging an answer under a fault against the fault-free answer", () => {
  it("equal, whatever the cache flag and the networks' live health and heights say", () => {
    const a = clone(reference) as any;
    a.data.shipment.billOfLading.verification.cached = true;
    a.data.networks[0].health = "DOWN";
    a.data.networks[0].height = "12";
    expect(judge(a, reference)).toBe("EQUAL");
  });

  it("degraded: a field null with NETWORK_UNAVAILABLE at, above or below it; an ERROR verdict", () => {
    const a = clone(reference) as any;
    a.data.shipment.carrier = null;
    a.errors = [outage(["shipment", "carrier"])];
    expect(judge(a, reference)).toBe("DEGRADED");
    const b = clone(reference) as any;
    b.data.shipment.billOfLading.verdict = { valid: false, status: "ERROR", checks: [] };
    expect(judge(b, reference)).toBe("DEGRADED");
    const c = clone(reference) as any;
    c.data.shipment.billOfLading = null;
    c.errors = [outage(["shipment", "billOfLading", "holder", "name"])];
    expect(judge(c, reference)).toBe("DEGRADED");
  });

  it("degraded: a timeline missing one network's events, the outage named; wrong without the error", () => {
    const a = clone(reference) as any;
    a.data.shipment.events = [
      { code: "LOAD", sources: [{ network: "carrier-fabric" }] },
      { code: "DISC", sources: [{ network: "carrier-fabric" }] },
    ];
    expect(judge(a, reference)).toBe("WRONG");
    a.errors = [outage()];
    expect(judge(a, reference)).toBe("DEGRADED");
  });

  it("wrong: INVALID for VALID, another holder, a status that moved, a null without an outage", () => {
    for (const change of [
      (a: any) => (a.data.shipment.billOfLading.verdict.status = "INVALID"),
      (a: any) => (a.data.shipment.billOfLading.holder.name = "Someone else"),
      (a: any) => (a.data.shipment.status = "DISCHARGED"),
      (a: any) => (a.data.shipment.carrier = null),
      (a: any) => a.data.shipment.events.push({ code: "RELS", sources: [] }),
    ]) {
      const a = clone(reference) as any;
      change(a);
      a.errors = a.data.shipment.carrier === null ? [{ extensions: { code: "INTERNAL_SERVER_ERROR" } }] : [];
      expect(judge(a, reference)).toBe("WRONG");
    }
    // A wrong value stays wrong beside an outage elsewhere.
    const b = clone(reference) as any;
    b.data.shipment.status = "DISCHARGED";
    b.data.shipment.carrier = null;
    b.errors = [outage(["shipment", "carrier"])];
    expect(judge(b, reference)).toBe("WRONG");
  });

  it("the best verdict against the answers before the fault and after recovery", () => {
    const after = clone(reference) as any;
    after.data.shipment.events[0].sources[0].network = "carrier-fabric-2";
    const a = clone(after);
    expect(judgeAgainst(a, [reference, after])).toBe("EQUAL");
  });

  it("data lost: facts before the fault missing after recovery, provenance aside", () => {
    const after = clone(reference) as any;
    after.data.shipment.events[1].sources = [{ network: "carrier-fabric" }];
    expect(lostFacts(reference, after)).toEqual([]);
    after.data.shipment.events.pop();
    expect(lostFacts(reference, after)).toEqual(['shipment.events.code="GTOT"']);
  });
});
