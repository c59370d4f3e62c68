import { describe, expect, it } from "vitest";
import {
  DOCUMENT_OF_SHIPMENT_CODE,
  DOCUMENT_TYPE_CODES,
  EQUIPMENT_EVENT_TYPE_CODES,
  SHIPMENT_EVENT_TYPE_CODES,
  TRANSPORT_EVENT_TYPE_CODES,
} from "../../dcsa/codes.ts";
import { dcsaError } from "../../dcsa/errors.ts";
import { toDcsaEvent, type DcsaEventRecord } from "../../dcsa/events.ts";
import { dcsaEventId, keepIdentities, transportCallId, uuidV5 } from "../../dcsa/eventIdentity.ts";
import { filterFromBody, filterFromQuery, NO_FILTER } from "../../dcsa/filters.ts";
import { subscriptionBody } from "../../dcsa/subscriptions.ts";
import { loadDcsaSchemas, readSpec } from "../support/dcsaSchemas.ts";

const schemas = loadDcsaSchemas();

/** A `dcsa_events` row as the read model holds it. */
function record(overrides: Partial<DcsaEventRecord>): DcsaEventRecord {
  return {
    reference: "MAEU260000001",
    event_id: dcsaEventId({
      reference: "MAEU260000001",
      sourceEventId: "carrier-fabric:MAEU260000001:1",
      eventType: overrides.event_type ?? "SHIPMENT",
      classifier: overrides.classifier ?? "ACT",
      code: overrides.code ?? "RECE",
      at: new Date("2026-11-01T08:00:00Z"),
      location: overrides.location ?? null,
      equipment: overrides.equipment ?? null,
    }),
    event_type: "SHIPMENT",
    classifier: "ACT",
    code: "RECE",
    at: new Date("2026-11-01T08:00:00Z"),
    location: "CNSHA",
    location_name: "Shanghai",
    equipment: null,
    vessel_imo: "9321483",
    vessel_name: "MAERSK ESSEX",
    voyage: "641W",
    booking_reference: "BKG12345678",
    carrier: "MAEU",
    transport_call_id: null,
    port_reported: false,
    sources: [{ network: "carrier-fabric", kind: "FABRIC", blockNumber: "12", transactionId: "ab" }],
    created_at: "2026-11-20T10:00:00.123456Z",
    ...overrides,
  };
}

describe("DCSA TNT 2.2 shapes, validated against the official schemas", () => {
  it("the code lists are the spec's own enums (Event Domain 1.0.4, in DCSA's TNT 2.2.0 bundle)", () => {
    expect([...SHIPMENT_EVENT_TYPE_CODES]).toEqual(schemas.enumOf("shipmentEventTypeCode"));
    expect([...TRANSPORT_EVENT_TYPE_CODES]).toEqual(schemas.enumOf("transportEventTypeCode"));
    expect([...EQUIPMENT_EVENT_TYPE_CODES]).toEqual(schemas.enumOf("equipmentEventTypeCode"));
    expect([...DOCUMENT_TYPE_CODES]).toEqual(schemas.enumOf("documentTypeCode"));
  });

  it("TNT 2.2.0 references Event Domain 1.0.4; the saved 1.0.3 lacks codes this world publishes", () => {
    const source = JSON.stringify(readSpec("tnt/v2/TNT_v2.2.0.yaml"));
    expect(source).toContain("EVENT_DOMAIN/1.0.4#/components/schemas/shipmentEvent");
    const v103 = readSpec("domain/event/event_domain_v1.0.3.yaml") as {
      components: { schemas: Record<string, { enum?: string[] }> };
    };
    expect(v103.components.schemas.shipmentEventTypeCode!.enum).not.toContain("RELS");
    expect(v103.components.schemas.equipmentEventTypeCode!.enum).not.toContain("INSP");
  });

  const cases: [string, Partial<DcsaEventRecord>][] = [
    ...Object.keys(DOCUMENT_OF_SHIPMENT_CODE).map((code): [string, Partial<DcsaEventRecord>] => [
      `shipment ${code}`,
      { event_type: "SHIPMENT", code },
    ]),
    ...TRANSPORT_EVENT_TYPE_CODES.flatMap((code) =>
      ["ACT", "PLN", "EST"].map((classifier): [string, Partial<DcsaEventRecord>] => [
        `transport ${code} ${classifier}`,
        {
          event_type: "TRANSPORT",
          code,
          classifier,
          transport_call_id: transportCallId("9321483", "641W", "CNSHA"),
          port_reported: true,
          sources: [
            { network: "carrier-fabric", kind: "FABRIC", blockNumber: "3", transactionId: "aa" },
            { network: "port-antchain", kind: "ANTCHAIN", blockNumber: "9", transactionId: "bb" },
          ],
        },
      ]),
    ),
    ...["LOAD", "DISC", "GTIN", "GTOT", "INSP"].map((code): [string, Partial<DcsaEventRecord>] => [
      `equipment ${code}`,
      {
        event_type: "EQUIPMENT",
        code,
        equipment: "MSKU1234565",
        transport_call_id: transportCallId("9321483", "641W", "CNSHA"),
      },
    ]),
    [
      "equipment without a vessel or location",
      {
        event_type: "EQUIPMENT",
        code: "GTOT",
        equipment: "MSKU1234565",
        vessel_imo: null,
        location: null,
        transport_call_id: null,
      },
    ],
    [
      "transport without a vessel",
      {
        event_type: "TRANSPORT",
        code: "ARRI",
        vessel_imo: null,
        transport_call_id: transportCallId(null, null, "CNSHA"),
      },
    ],
  ];

  it.each(cases)("%s validates as an event, by ID, in a list and in a notification", (_, overrides) => {
    const event = toDcsaEvent(record(overrides));
    expect(schemas.event(event), schemas.event.errors()).toBe(true);
    expect(schemas.eventById(event), schemas.eventById.errors()).toBe(true);
    expect(schemas.eventList([event]), schemas.eventList.errors()).toBe(true);
    expect(schemas.notification([event]), schemas.notification.errors()).toBe(true);
  });

  it("carries every field the spec requires, and provenance in an extension the schema allows", () => {
    const shipment = toDcsaEvent(record({ code: "ISSU" }));
    expect(shipment).toMatchObject({
      eventType: "SHIPMENT",
      eventClassifierCode: "ACT",
      shipmentEventTypeCode: "ISSU",
      documentTypeCode: "TRD",
      documentID: "MAEU260000001",
      eventCreatedDateTime: "2026-11-20T10:00:00.123456Z",
      eventDateTime: "2026-11-01T08:00:00.000Z",
      "x-tradegraph": { transportDocumentReference: "MAEU260000001", carrierBookingReference: "BKG12345678" },
    });
    expect(toDcsaEvent(record({ code: "CONF" }))).toMatchObject({
      documentTypeCode: "BKG",
      documentID: "BKG12345678",
    });
    const transport = toDcsaEvent(
      record({ event_type: "TRANSPORT", code: "DEPA", transport_call_id: "9321483-641W-CNSHA" }),
    );
    expect(transport).toMatchObject({
      transportEventTypeCode: "DEPA",
      transportCall: {
        transportCallID: "9321483-641W-CNSHA",
        modeOfTransport: "VESSEL",
        exportVoyageNumber: "641W",
        vessel: { vesselIMONumber: "9321483", vesselName: "MAERSK ESSEX" },
      },
    });
    const equipment = toDcsaEvent(
      record({ event_type: "EQUIPMENT", code: "DISC", equipment: "MSKU1234565" }),
    );
    expect(equipment).toMatchObject({ emptyIndicatorCode: "LADEN", equipmentReference: "MSKU1234565" });
  });

  it("the validators are live: an event missing what the spec requires fails", () => {
    const { eventCreatedDateTime: _, ...noCreated } = toDcsaEvent(record({}));
    expect(schemas.event(noCreated)).toBe(false);
    const equipment = toDcsaEvent(
      record({ event_type: "EQUIPMENT", code: "DISC", equipment: "MSKU1234565" }),
    );
    const { emptyIndicatorCode: __, ...noIndicator } = equipment as unknown as Record<string, unknown>;
    expect(schemas.event(noIndicator)).toBe(false);
    expect(schemas.event({ ...toDcsaEvent(record({})), shipmentEventTypeCode: "LOST" })).toBe(false);
    const transport = toDcsaEvent(record({ event_type: "TRANSPORT", code: "ARRI", transport_call_id: "x" }));
    expect(schemas.event({ ...transport, transportCall: { transportCallID: "x" } })).toBe(false);
  });

  it("transport events also validate against Event Domain 1.0.3, references resolved to the saved domains", () => {
    const transport = toDcsaEvent(
      record({ event_type: "TRANSPORT", code: "ARRI", transport_call_id: "9321483-641W-CNSHA" }),
    );
    const v103 = schemas.domain103("transportEvent");
    expect(v103(transport), v103.errors()).toBe(true);
    expect(v103({ ...transport, transportEventTypeCode: "LOST" })).toBe(false);
  });

  it("event IDs are name-based UUIDs: the same facts give the same ID, a revised estimate a new one", () => {
    expect(uuidV5("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const base = {
      reference: "R",
      sourceEventId: "port-antchain:C1:ETA",
      eventType: "TRANSPORT",
      classifier: "EST",
      code: "ARRI",
      at: new Date("2026-11-01T00:00:00Z"),
      location: "CNSHA",
      equipment: null,
    };
    expect(dcsaEventId(base)).toBe(dcsaEventId({ ...base }));
    expect(dcsaEventId({ ...base, at: new Date("2026-11-02T00:00:00Z") })).not.toBe(dcsaEventId(base));
  });

  it("an event keeps its ID through a merge; a revised estimate does not", () => {
    const at = new Date("2026-11-01T08:00:00Z");
    const earlier = new Date("2026-11-01T07:55:00Z");
    const indexed = [
      {
        reference: "R",
        eventId: "carrier-disc",
        eventType: "EQUIPMENT",
        classifier: "ACT",
        code: "DISC",
        at,
        reports: ["c:R:7"],
      },
      {
        reference: "R",
        eventId: "carrier-eta",
        eventType: "TRANSPORT",
        classifier: "EST",
        code: "ARRI",
        at,
        reports: ["c:R:5"],
      },
    ];
    const fresh = [
      // The terminal's report of the same discharge, minutes earlier by its clock: merged, earlier, same event.
      { ...indexed[0]!, eventId: "name-based-from-terminal", at: earlier, reports: ["p:M1", "c:R:7"] },
      // The carrier's ETA moved by a day: a new estimate, a new event.
      { ...indexed[1]!, eventId: "revised-eta", at: new Date("2026-11-02T08:00:00Z") },
      // Unrelated: keeps its own.
      { ...indexed[0]!, eventId: "gate-out", code: "GTOT", reports: ["c:R:9"] },
    ];
    expect(keepIdentities(fresh, indexed).map((e) => e.eventId)).toEqual([
      "carrier-disc",
      "revised-eta",
      "gate-out",
    ]);
    // An indexed ID is given once, and an exact match is never taken by a lineage.
    const twice = keepIdentities([fresh[0]!, { ...fresh[0]!, eventId: "carrier-disc" }], indexed);
    expect(twice.map((e) => e.eventId)).toEqual(["name-based-from-terminal", "carrier-disc"]);
  });

  it("subscriptions and errors as the API returns them validate, and never show the secret", () => {
    const body = subscriptionBody({
      subscriptionID: "8fbdc2d8-57c8-48b9-a04b-18fd8ec1d809",
      callbackUrl: "https://example.com/dcsa?ref=1",
      filter: filterFromBody({
        eventType: ["TRANSPORT"],
        transportEventTypeCode: ["ARRI"],
        carrierBookingReference: "X",
      }),
    });
    expect(body).not.toHaveProperty("secret");
    expect(schemas.subscription(body), schemas.subscription.errors()).toBe(true);
    expect(schemas.subscriptionList([body])).toBe(true);
    expect(schemas.subscription({ ...body, eventType: ["WHATEVER"] })).toBe(false);
    const error = dcsaError("GET", "/v2/events?limit=0", 400, "invalidInput", "limit: an integer");
    expect(schemas.error(error), schemas.error.errors()).toBe(true);
    expect(schemas.error({ ...error, errorDateTime: "yesterday" })).toBe(false);
  });

  it("query filters are checked against the spec's values; aliases read as their replacements", () => {
    const f = filterFromQuery(
      new URLSearchParams(
        "eventType=SHIPMENT,EQUIPMENT&bookingReference=BK1&carrierVoyageNumber=641W&limit=5",
      ),
    );
    expect(f).toEqual({
      ...NO_FILTER,
      eventType: ["SHIPMENT", "EQUIPMENT"],
      carrierBookingReference: "BK1",
      exportVoyageNumber: "641W",
    });
    expect(() => filterFromQuery(new URLSearchParams("shipmentEventTypeCode=LOST"))).toThrow(/not one of/);
    expect(() => filterFromQuery(new URLSearchParams("UNLocationCode=TOOLONG"))).toThrow(/1 to 5/);
    expect(() => filterFromQuery(new URLSearchParams("scheduleID=x"))).toThrow(/not supported/);
  });
});
