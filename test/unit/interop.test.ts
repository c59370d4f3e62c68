import { describe, expect, it } from "vitest";
import type { Provenance } from "../../domain/model.ts";
import { currentLocation, deriveStatus, latestEta, type StatusInput } from "../../interop/status.ts";
import { mergeTimeline, type ReportedEvent } from "../../interop/timeline.ts";

const src = (network: string, kind: Provenance["kind"] = "FABRIC"): Provenance => ({
  network,
  kind,
  blockNumber: "1",
  transactionId: "t",
  finality: "FINAL",
  recordedAt: null,
});
const ev = (
  network: string,
  code: string,
  at: string,
  extra: Partial<ReportedEvent> = {},
): ReportedEvent => ({
  eventID: `${network}:${code}:${at}`,
  eventType: ["ARRI", "DEPA"].includes(code)
    ? "TRANSPORT"
    : ["RECE", "CONF", "ISSU", "SURR", "RELS", "HOLD"].includes(code)
      ? "SHIPMENT"
      : "EQUIPMENT",
  eventClassifier: "ACT",
  eventDateTime: at,
  code,
  mapped: true,
  nativeCode: code,
  location: { unLocationCode: "CNSHA", name: "Shanghai", facilityCode: null },
  equipmentReference: null,
  vessel: null,
  carrierVoyageNumber: null,
  source: src(network, network.startsWith("port") ? "ANTCHAIN" : "FABRIC"),
  ...extra,
});

describe("mergeTimeline", () => {
  const carrier = [
    ev("carrier", "ARRI", "2026-11-01T10:00:00Z"),
    ev("carrier", "DISC", "2026-11-01T14:00:00Z", { equipmentReference: "CSQU3054383" }),
    ev("carrier", "DISC", "2026-11-01T15:00:00Z", { equipmentReference: "MSKU9070323" }),
  ];
  const port = [
    ev("port", "ARRI", "2026-11-01T10:05:00Z"),
    ev("port", "DISC", "2026-11-01T13:52:00Z", { equipmentReference: "CSQU3054383" }),
    ev("port", "GTOT", "2026-11-03T09:00:00Z", { equipmentReference: "CSQU3054383" }),
  ];

  it("merges the same physical event from two networks into one with both sources, oldest first", () => {
    const timeline = mergeTimeline([carrier, port]);
    expect(
      timeline.map(
        (e) => `${e.code}:${e.equipmentReference ?? "-"}:${e.sources.map((s) => s.network).join("+")}`,
      ),
    ).toEqual([
      "ARRI:-:carrier+port",
      "DISC:CSQU3054383:port+carrier",
      "DISC:MSKU9070323:carrier",
      "GTOT:CSQU3054383:port",
    ]);
    expect(timeline[1]!.eventDateTime.toISOString()).toBe("2026-11-01T13:52:00.000Z"); // the earliest report
  });
  it.each([
    ["another container", { equipmentReference: "MSKU9070323" }],
    ["another port", { location: { unLocationCode: "CNSHK", name: null, facilityCode: null } }],
    ["another classifier", { eventClassifier: "EST" as const }],
    ["more than 30 minutes apart", { eventDateTime: "2026-11-01T14:45:00Z" }],
    ["an unmapped code", { mapped: false }],
  ])("keeps two reports apart when they differ by %s", (_, change) => {
    const a = ev("carrier", "DISC", "2026-11-01T14:00:00Z", { equipmentReference: "CSQU3054383" });
    const b = ev("port", "DISC", "2026-11-01T14:00:00Z", { equipmentReference: "CSQU3054383", ...change });
    expect(mergeTimeline([[a], [b]])).toHaveLength(2);
  });
  it("never merges two reports of the same network", () => {
    expect(
      mergeTimeline([
        [ev("carrier", "LOAD", "2026-11-01T10:00:00Z"), ev("carrier", "LOAD", "2026-11-01T10:10:00Z")],
      ]),
    ).toHaveLength(2);
  });
  it("filters by event type, codes and time window", () => {
    expect(mergeTimeline([carrier, port], { eventType: "EQUIPMENT" }).map((e) => e.code)).toEqual([
      "DISC",
      "DISC",
      "GTOT",
    ]);
    expect(mergeTimeline([carrier, port], { codes: ["GTOT"] })).toHaveLength(1);
    expect(
      mergeTimeline([carrier, port], {
        from: new Date("2026-11-01T14:30:00Z"),
        to: new Date("2026-11-02T00:00:00Z"),
      }).map((e) => e.code),
    ).toEqual(["DISC"]);
  });
});

describe("deriveStatus, stage by stage", () => {
  const now = new Date("2026-11-20T00:00:00Z");
  const base = (events: ReportedEvent[], extra: Partial<StatusInput> = {}) =>
    deriveStatus({ events, portOfDischarge: "CNSHA", releases: [], customs: null, now, ...extra })?.status ??
    null;
  const at = (code: string, iso: string, unLocode = "CNSHA") =>
    ev("carrier", code, iso, { location: { unLocationCode: unLocode, name: null, facilityCode: null } });
  const booked = [at("RECE", "2026-10-01T00:00:00Z", "DEHAM")];
  const received = [...booked, at("GTIN", "2026-10-05T00:00:00Z", "DEHAM")];
  const loaded = [...received, at("LOAD", "2026-10-06T00:00:00Z", "DEHAM")];
  const departedLongAgo = [...loaded, at("DEPA", "2026-10-06T12:00:00Z", "DEHAM")];
  const arrived = [...departedLongAgo, at("ARRI", "2026-11-10T00:00:00Z")];
  const discharged = [...arrived, at("DISC", "2026-11-10T06:00:00Z")];

  it.each([
    ["nothing yet", [], {}, null],
    ["BOOKED", booked, {}, "BOOKED"],
    ["RECEIVED", received, {}, "RECEIVED"],
    ["LOADED", loaded, {}, "LOADED"],
    ["DEPARTED", [...loaded, at("DEPA", "2026-11-19T12:00:00Z", "DEHAM")], {}, "DEPARTED"],
    ["IN_TRANSIT", departedLongAgo, {}, "IN_TRANSIT"],
    [
      "an arrival elsewhere is still IN_TRANSIT",
      [...departedLongAgo, at("ARRI", "2026-10-20T00:00:00Z", "SGSIN")],
      {},
      "IN_TRANSIT",
    ],
    ["ARRIVED", arrived, {}, "ARRIVED"],
    ["DISCHARGED", discharged, {}, "DISCHARGED"],
    [
      "CUSTOMS_HELD (port record)",
      discharged,
      { customs: { direction: "IMPORT", status: "HELD", clearedAt: null, heldAt: "2026-11-11T00:00:00Z" } },
      "CUSTOMS_HELD",
    ],
    [
      "CUSTOMS_HELD (inspection only)",
      [...discharged, at("INSP", "2026-11-11T00:00:00Z")],
      {},
      "CUSTOMS_HELD",
    ],
    [
      "CUSTOMS_CLEARED",
      discharged,
      {
        customs: { direction: "IMPORT", status: "CLEARED", clearedAt: "2026-11-12T00:00:00Z", heldAt: null },
      },
      "CUSTOMS_CLEARED",
    ],
    [
      "export customs does not count at destination",
      discharged,
      { customs: { direction: "EXPORT", status: "CLEARED", clearedAt: null, heldAt: null } },
      "DISCHARGED",
    ],
    [
      "RELEASE_REFUSED (port)",
      discharged,
      { releases: [{ status: "REFUSED", releasedAt: null }] },
      "RELEASE_REFUSED",
    ],
    [
      "RELEASE_REFUSED (carrier HOLD)",
      [...discharged, at("HOLD", "2026-11-12T00:00:00Z")],
      {},
      "RELEASE_REFUSED",
    ],
    [
      "RELEASED",
      discharged,
      { releases: [null, { status: "RELEASED", releasedAt: "2026-11-13T00:00:00Z" }] },
      "RELEASED",
    ],
    [
      "DELIVERED",
      [...discharged, at("GTOT", "2026-11-14T00:00:00Z")],
      { releases: [{ status: "RELEASED", releasedAt: "2026-11-13T00:00:00Z" }] },
      "DELIVERED",
    ],
  ] as const)("%s", (_, events, extra, expected) => {
    expect(base([...events], extra as Partial<StatusInput>)).toBe(expected);
  });
  it("dates a status from when it began", () => {
    expect(
      deriveStatus({
        events: discharged,
        portOfDischarge: "CNSHA",
        releases: [],
        customs: null,
        now,
      })?.since.toISOString(),
    ).toBe("2026-11-10T06:00:00.000Z");
  });
});

describe("eta and current location", () => {
  const plan = { ...ev("carrier", "ARRI", "2026-11-10T00:00:00Z"), eventClassifier: "PLN" as const };
  const est1 = { ...ev("carrier", "ARRI", "2026-11-11T00:00:00Z"), eventClassifier: "EST" as const };
  const est2 = { ...ev("port", "ARRI", "2026-11-12T06:00:00Z"), eventClassifier: "EST" as const };
  it("prefers the actual, then the latest estimate, then the plan", () => {
    expect(latestEta([plan], "CNSHA")?.eventClassifier).toBe("PLN");
    expect(latestEta([plan, est1, est2], "CNSHA")).toMatchObject({
      eventClassifier: "EST",
      source: { network: "port" },
    });
    expect(
      latestEta([plan, est1, ev("carrier", "ARRI", "2026-11-12T09:00:00Z")], "CNSHA")?.eventClassifier,
    ).toBe("ACT");
    expect(latestEta([plan], "USLAX")).toBeNull();
  });
  it("is where the latest actual event happened", () => {
    expect(
      currentLocation([
        ev("carrier", "DEPA", "2026-10-01T00:00:00Z", {
          location: { unLocationCode: "DEHAM", name: null, facilityCode: null },
        }),
        ev("carrier", "ARRI", "2026-11-01T00:00:00Z"),
        est1,
      ])?.unLocationCode,
    ).toBe("CNSHA");
  });
});
