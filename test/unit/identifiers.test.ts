import { describe, expect, it } from "vitest";
import {
  containerNumber,
  imoNumber,
  isUnLocode,
  isValidContainerNumber,
  isValidImoNumber,
  iso6346CheckDigit,
} from "../../world/identifiers.ts";
import { CARRIERS, PORTS } from "../../world/catalog.ts";
import { generateWorld } from "../../world/generate.ts";

describe("ISO 6346 container numbers", () => {
  // CSQU3054383 is the worked example of ISO 6346 (and BIC's documentation).
  it.each([
    ["CSQU305438", 3],
    ["MSKU907032", 3],
  ])("%s has check digit %i", (prefix, digit) => {
    expect(iso6346CheckDigit(prefix)).toBe(digit);
  });
  it("rejects a wrong check digit and malformed numbers", () => {
    expect(isValidContainerNumber("CSQU3054383")).toBe(true);
    expect(isValidContainerNumber("CSQU3054384")).toBe(false);
    expect(isValidContainerNumber("CSQ3054383")).toBe(false);
  });
  it("builds valid numbers", () => {
    expect(isValidContainerNumber(containerNumber("MSKU", 123456))).toBe(true);
  });
});

describe("IMO numbers", () => {
  it.each(["9074729", "9321483", "9811000"])("%s is valid", (imo) =>
    expect(isValidImoNumber(imo)).toBe(true),
  );
  it("rejects a wrong check digit", () => expect(isValidImoNumber("9074728")).toBe(false));
  it("builds valid numbers", () => expect(isValidImoNumber(imoNumber("931234"))).toBe(true));
});

describe("the world", () => {
  const anchor = new Date("2026-11-20T00:00:00Z");
  const world = generateWorld({ seed: "unit", shipments: 300, anchor });

  it("is deterministic, and shipment i does not depend on the world's size", () => {
    const again = generateWorld({ seed: "unit", shipments: 300, anchor });
    expect(JSON.stringify(again)).toBe(JSON.stringify(world));
    const smaller = generateWorld({ seed: "unit", shipments: 10, anchor });
    expect(JSON.stringify(smaller.shipments)).toBe(JSON.stringify(world.shipments.slice(0, 10)));
  });

  it("uses valid identifiers everywhere", () => {
    const scacs = new Set(CARRIERS.map((c) => c.scac));
    const ports = new Set(PORTS.map((p) => p.unLocode));
    for (const s of world.shipments) {
      expect(scacs.has(s.carrierScac)).toBe(true);
      expect(ports.has(s.portOfLoading) && ports.has(s.portOfDischarge)).toBe(true);
      expect(isUnLocode(s.portOfLoading)).toBe(true);
      expect(isValidImoNumber(s.vessel.imoNumber)).toBe(true);
      for (const c of s.containers) expect(isValidContainerNumber(c.number), c.number).toBe(true);
    }
    expect(new Set(world.shipments.map((s) => s.reference)).size).toBe(world.shipments.length);
  });

  it("tells the stories of WORLD.md: every title outcome and the deliberate trouble", () => {
    const last = new Set(world.shipments.map((s) => s.title.at(-1)?.action));
    for (const outcome of ["ISSUE", "TRANSFER_OWNERS", "RETURN_TO_ISSUER", "ACCOMPLISH"])
      expect(last.has(outcome as never), outcome).toBe(true);
    const trouble = new Set(world.shipments.flatMap((s) => s.trouble));
    for (const t of ["DELAYED", "CUSTOMS_HOLD", "RELEASE_REFUSED", "TITLE_REJECTED"])
      expect(trouble.has(t as never), t).toBe(true);
    expect(world.shipments.some((s) => s.title.some((t) => t.action === "NOMINATE"))).toBe(true);
    expect(world.shipments.some((s) => s.documentKind === "SEA_WAYBILL")).toBe(true);
  });

  it("keeps events in time order and actuals in the past", () => {
    for (const s of world.shipments) {
      const times = s.events.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const e of s.events)
        if (e.classifier === "ACT") expect(e.at.getTime()).toBeLessThanOrEqual(anchor.getTime());
      for (const t of s.title) expect(t.at.getTime()).toBeLessThanOrEqual(anchor.getTime());
    }
  });

  it("refuses an impossible size", () => {
    expect(() => generateWorld({ shipments: 0 })).toThrow(RangeError);
  });
});
