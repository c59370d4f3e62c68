import { describe, expect, it } from "vitest";
import {
  CUSTOMS_STATUS_MAP,
  lookupMoveCode,
  lookupPortCode,
  MOVE_CODE_MAP,
  normalizeBillNo,
  normalizeContainerNo,
  PORT_CODE_MAP,
  portSystemTimeToUtc,
  RELEASE_STATUS_MAP,
  toPortBillNo,
  toPortContainerNo,
} from "../../adapters/antchain/mappings.ts";
import { mapBill } from "../../adapters/antchain/mapBill.ts";
import { merkleProof, merkleRoot, verifyMerklePath } from "../../wire/antchain/merkle.ts";
import { PORT_SYSTEM_CODES, portBillNo, portCtnNo, portTime } from "../../networks/antchain/nativeRecords.ts";
import { PORTS } from "../../world/catalog.ts";
import { isValidContainerNumber } from "../../world/identifiers.ts";

describe("port code table, row by row", () => {
  it.each(PORT_CODE_MAP.map((r) => [r.native, r.unLocode]))("%s -> %s", (native, unLocode) => {
    expect(PORTS.find((p) => p.unLocode === unLocode)?.utcOffsetHours).toBe(8);
    expect(lookupPortCode(native)?.unLocode).toBe(unLocode);
  });
  it("covers every code the port system writes", () => {
    for (const [unLocode, code] of Object.entries(PORT_SYSTEM_CODES))
      expect(lookupPortCode(code)?.unLocode, code).toBe(unLocode);
  });
});

describe("terminal move table, row by row", () => {
  it.each(MOVE_CODE_MAP.map((r) => [r.native, r.code]))(
    "%s -> %s (a DCSA equipment event code)",
    (native, code) => {
      expect([
        "LOAD",
        "DISC",
        "GTIN",
        "GTOT",
        "STUF",
        "STRP",
        "PICK",
        "DROP",
        "INSP",
        "RSEA",
        "RMVD",
      ]).toContain(code);
      expect(lookupMoveCode(native)?.code).toBe(code);
    },
  );
});

describe("customs and release tables, row by row", () => {
  it.each(Object.entries(CUSTOMS_STATUS_MAP))("customs %s -> %s", (native, status) => {
    expect(["DECLARED", "INSPECTED", "HELD", "CLEARED"]).toContain(status);
    expect(native).toMatch(/^[A-Z]{2}$/);
  });
  it.each(Object.entries(RELEASE_STATUS_MAP))("release %s -> %s", (native, status) => {
    expect(["RELEASED", "REFUSED"]).toContain(status);
    expect(native).toMatch(/^[A-Z]{2}$/);
  });
});

describe("identifiers and times as the port writes them", () => {
  it("round-trips B/L and container numbers", () => {
    expect(normalizeBillNo(portBillNo("COSU6612345678"))).toBe("COSU6612345678");
    expect(toPortBillNo("COSU6612345678")).toBe(portBillNo("COSU6612345678"));
    expect(normalizeContainerNo(portCtnNo("CSQU3054383"))).toBe("CSQU3054383");
    expect(toPortContainerNo("CSQU3054383")).toBe(portCtnNo("CSQU3054383"));
    expect(isValidContainerNumber(normalizeContainerNo("csqu 3054383"))).toBe(true);
  });
  it("reads Beijing time as UTC+8", () => {
    const at = new Date("2026-11-20T11:00:00Z");
    expect(portSystemTimeToUtc(portTime(at))?.toISOString()).toBe(at.toISOString());
    expect(portSystemTimeToUtc("2026-11-20 19:00:00")?.toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(portSystemTimeToUtc("20/11/2026")).toBeNull();
  });
});

describe("Merkle trees: the port chain's roots and paths", () => {
  const leaves = Array.from({ length: 7 }, (_, i) => merkleRoot([String(i).repeat(64)]));
  it("pairs an odd node with itself", () => {
    expect(merkleRoot(leaves.slice(0, 3))).toBe(merkleRoot([...leaves.slice(0, 3), leaves[2]!]));
    expect(merkleRoot([leaves[0]!])).toBe(leaves[0]);
  });
  it.each([0, 1, 5, 6])("verifies leaf %i and refuses it under another leaf or root", (i) => {
    const proof = merkleProof(leaves, i);
    expect(verifyMerklePath(leaves[i]!, proof, merkleRoot(leaves))).toBe(true);
    expect(verifyMerklePath(leaves[(i + 1) % 7]!, proof, merkleRoot(leaves))).toBe(false);
    expect(verifyMerklePath(leaves[i]!, proof, "0".repeat(64))).toBe(false);
  });
});

describe("mapBill", () => {
  const w = { txHash: "a".repeat(64), blockNumber: 4 };
  const record = mapBill(
    {
      billNo: "COSU-6612345678",
      portCalls: [
        {
          ...w,
          callNo: "2248C1",
          vesselName: "COSCO PRIDE",
          imo: "9074729",
          voyage: "045E",
          portCode: "2248",
          berth: "YSGT-3",
          eta: "2026-11-19 08:00:00",
          ata: "2026-11-19 10:30:00",
        },
      ],
      moves: [
        {
          ...w,
          moveNo: "M1",
          ctnNo: "CSQU 3054383",
          billNo: "COSU-6612345678",
          portCode: "2248",
          callNo: "2248C1",
          moveCode: "XH",
          moveTime: "2026-11-19 14:00:00",
        },
        {
          ...w,
          blockNumber: 9,
          moveNo: "M2",
          ctnNo: "CSQU 3054383",
          billNo: "COSU-6612345678",
          portCode: "2248",
          moveCode: "ZZ",
          moveTime: "2026-11-20 09:00:00",
        },
      ],
      customs: [
        {
          ...w,
          declNo: "D1",
          billNo: "COSU-6612345678",
          portCode: "2248",
          direction: "I",
          statusCode: "SB",
          statusTime: "2026-11-18 09:00:00",
        },
        {
          ...w,
          declNo: "D1",
          billNo: "COSU-6612345678",
          portCode: "2248",
          direction: "I",
          statusCode: "KL",
          statusTime: "2026-11-19 20:00:00",
        },
      ],
      releases: [
        {
          ...w,
          releaseNo: "R1",
          billNo: "COSU-6612345678",
          portCode: "2248",
          statusCode: "JZ",
          releasedTo: "",
          releaseTime: "2026-11-20 10:00:00",
        },
      ],
      fees: [],
    },
    // Proven: what the header chain holds; here, every fact written in block 4 and none in block 9.
    { network: "port-antchain", proven: (_kind, w) => w.blockNumber === 4 },
  );
  it("maps the reference, the port call and the moves", () => {
    expect(record.reference).toBe("COSU6612345678");
    expect(record.portCalls[0]).toMatchObject({ location: { unLocationCode: "CNSHA" }, berth: "YSGT-3" });
    expect(record.portCalls[0]!.actualArrival?.toISOString()).toBe("2026-11-19T02:30:00.000Z");
    const disc = record.events.find((e) => e.code === "DISC")!;
    expect(disc).toMatchObject({
      eventType: "EQUIPMENT",
      equipmentReference: "CSQU3054383",
      mapped: true,
      vessel: { imoNumber: "9074729" },
    });
    expect(disc.eventDateTime.toISOString()).toBe("2026-11-19T06:00:00.000Z");
    expect(record.events.map((e) => e.code)).toEqual(["ARRI", "ARRI", "DISC", "ZZ"]);
  });
  it("keeps an unknown move code with its native value", () => {
    expect(record.events.find((e) => e.nativeCode === "ZZ")).toMatchObject({ mapped: false, code: "ZZ" });
  });
  it("marks each fact proven as the checked chain says", () => {
    expect(record.events.find((e) => e.code === "DISC")!.source.proven).toBe(true);
    expect(record.events.find((e) => e.code === "ZZ")!.source.proven).toBe(false);
  });
  it("builds the customs history and the refused release", () => {
    expect(record.customs[0]).toMatchObject({
      direction: "IMPORT",
      status: "HELD",
      location: { unLocationCode: "CNSHA" },
    });
    expect(record.customs[0]!.history.map((h) => h.nativeCode)).toEqual(["SB", "KL"]);
    expect(record.release).toMatchObject({ status: "REFUSED", releasedTo: null, releasedAt: null });
  });
});
