import { describe, expect, it } from "vitest";
import {
  CARRIER_PORT_MAP,
  CARRIER_RELEASE_MAP,
  CARRIER_STATUS_MAP,
  localPortTimeToUtc,
  lookupPort,
  lookupStatus,
} from "../../adapters/fabric/mappings.ts";
import { mapShipment } from "../../adapters/fabric/mapShipment.ts";
import type { NativeShipment } from "../../adapters/fabric/nativeTypes.ts";
import { CARRIER_PORT_NAMES, carrierLocalTime } from "../../networks/fabric/nativeRecords.ts";
import { PORTS } from "../../world/catalog.ts";
import { isUnLocode } from "../../world/identifiers.ts";

const DCSA_CODES = {
  SHIPMENT: [
    "RECE",
    "DRFT",
    "PENA",
    "PENU",
    "REJE",
    "APPR",
    "ISSU",
    "SURR",
    "SUBM",
    "VOID",
    "CONF",
    "REQS",
    "CMPL",
    "HOLD",
    "RELS",
  ],
  TRANSPORT: ["ARRI", "DEPA"],
  EQUIPMENT: ["LOAD", "DISC", "GTIN", "GTOT", "STUF", "STRP", "PICK", "DROP", "INSP", "RSEA", "RMVD"],
};

describe("carrier status table, row by row", () => {
  it.each(CARRIER_STATUS_MAP.map((r) => [r.native, r.eventType, r.code]))(
    "%s -> %s %s is a DCSA code of that event type",
    (native, eventType, code) => {
      expect(DCSA_CODES[eventType as keyof typeof DCSA_CODES]).toContain(code);
      expect(lookupStatus(native)?.code).toBe(code);
    },
  );
  it("has one row per native status", () => {
    expect(new Set(CARRIER_STATUS_MAP.map((r) => r.native)).size).toBe(CARRIER_STATUS_MAP.length);
  });
});

describe("carrier port table, row by row", () => {
  it.each(CARRIER_PORT_MAP.map((r) => [r.native, r.unLocode, r.utcOffsetHours]))(
    "%s -> %s (UTC%+d)",
    (native, unLocode, offset) => {
      expect(isUnLocode(unLocode)).toBe(true);
      const port = PORTS.find((p) => p.unLocode === unLocode);
      expect(port, `${unLocode} is a port of the world`).toBeDefined();
      expect(port!.utcOffsetHours).toBe(offset);
      expect(lookupPort(native)?.unLocode).toBe(unLocode);
    },
  );
  it("covers every port name the carrier system writes", () => {
    for (const [unLocode, name] of Object.entries(CARRIER_PORT_NAMES))
      expect(lookupPort(name)?.unLocode, name).toBe(unLocode);
  });
  it("turns local port time into UTC and back", () => {
    const at = new Date("2026-11-20T11:00:00Z");
    for (const port of CARRIER_PORT_MAP) {
      expect(localPortTimeToUtc(carrierLocalTime(at, port.unLocode), port)?.toISOString()).toBe(
        at.toISOString(),
      );
    }
    expect(localPortTimeToUtc("2026-11-20 19:00", lookupPort("SHANGHAI"))?.toISOString()).toBe(
      "2026-11-20T11:00:00.000Z",
    );
    expect(localPortTimeToUtc("20/11/2026 19:00", lookupPort("SHANGHAI"))).toBeNull();
    expect(localPortTimeToUtc("2026-11-20 19:00", undefined)).toBeNull();
  });
});

describe("release table", () => {
  it.each(Object.entries(CARRIER_RELEASE_MAP))("%s -> %s", (native, status) => {
    expect(["NOT_REQUESTED", "REQUESTED", "RELEASED", "REFUSED"]).toContain(status);
    expect(native).toMatch(/^[A-Z_]+$/);
  });
});

describe("mapShipment", () => {
  const native: NativeShipment = {
    blNo: "COSU123456789",
    bookingNo: "COS1234567",
    carrier: "COSU",
    docType: "EBL",
    shipperName: "A",
    consigneeName: "TO ORDER",
    notifyName: "B",
    vesselName: "COSCO PRIDE",
    vesselImo: "9074729",
    voyageNo: "045E",
    polName: "HAMBURG",
    podName: "SHANGHAI",
    containers: [{ cntrNo: "CSQU3054383", sizeType: "45G1" }],
    ebl: { platform: "TRADETRUST", chainId: 31337, registry: "0xabc", tokenId: "0xABCDEF" },
    release: { status: "HOLD", localTime: "2026-11-21 08:30" },
    milestones: [
      {
        seq: 2,
        status: "VESSEL_ARRIVED",
        kind: "ESTIMATED",
        portName: "SHANGHAI",
        localTime: "2026-11-25 06:00",
        txId: "t2",
      },
      {
        seq: 1,
        status: "CUSTOMS_DOCS_LODGED",
        kind: "ACTUAL",
        portName: "HAMBURG",
        localTime: "2026-10-01 10:00",
      },
      {
        seq: 3,
        status: "LOADED_ON_BOARD",
        kind: "ACTUAL",
        portName: "ATLANTIS",
        localTime: "2026-10-02 10:00",
      },
    ],
    lastTxId: "t1",
    updatedAt: "2026-11-21T00:00:00.000Z",
  };
  const mapped = mapShipment(native, {
    network: "carrier-fabric",
    blockOf: (tx) => (tx === "t1" ? "7" : tx === "t2" ? "9" : null),
  });

  it("maps codes, ports and local times to DCSA, UN/LOCODE and UTC, oldest first", () => {
    const times = mapped.events.map((e) => e.eventDateTime.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(mapped.events).toHaveLength(3);
    const arrival = mapped.events.find((e) => e.nativeCode === "VESSEL_ARRIVED")!;
    expect(arrival).toMatchObject({
      code: "ARRI",
      eventType: "TRANSPORT",
      eventClassifier: "EST",
      mapped: true,
      location: { unLocationCode: "CNSHA" },
    });
    expect(arrival.eventDateTime.toISOString()).toBe("2026-11-24T22:00:00.000Z");
    expect(arrival.source).toMatchObject({
      transactionId: "t2",
      blockNumber: "9",
      finality: "FINAL",
      kind: "FABRIC",
    });
  });

  it("keeps an unmapped code with its native value instead of dropping it", () => {
    const unmapped = mapped.events.find((e) => e.nativeCode === "CUSTOMS_DOCS_LODGED")!;
    expect(unmapped).toMatchObject({ mapped: false, code: "CUSTOMS_DOCS_LODGED" });
  });

  it("marks an event at an unknown port as unmapped rather than guessing its time zone", () => {
    const unknown = mapped.events.find((e) => e.nativeCode === "LOADED_ON_BOARD")!;
    expect(unknown).toMatchObject({ mapped: false, code: "LOAD", location: null });
  });

  it("maps the release, the eBL location and the record's provenance", () => {
    expect(mapped.release).toMatchObject({ status: "REFUSED" });
    expect(mapped.release.releasedAt?.toISOString()).toBe("2026-11-21T00:30:00.000Z");
    expect(mapped.ebl).toEqual({
      documentHash: "0xabcdef",
      kind: "TOKEN_REGISTRY",
      chainId: 31337,
      address: "0xabc",
    });
    expect(mapped.source).toMatchObject({ blockNumber: "7", transactionId: "t1", finality: "FINAL" });
    expect(mapped.documentKind).toBe("NEGOTIABLE_EBL");
  });
});
