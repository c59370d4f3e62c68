import { randomBytes } from "node:crypto";
import type { Address, Hex } from "viem";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { PartyEntry } from "../../access/partyDirectory.ts";
import {
  isPublicMilestone,
  isShipmentParty,
  mayListShipment,
  maySeePortFact,
  type Caller,
} from "../../access/policy.ts";
import { sqlAccessDirectory } from "../../access/sqlDirectory.ts";
import type { ShipmentAccess } from "../../access/shipmentAccess.ts";
import { isPublishable } from "../../dcsa/codes.ts";
import type { DcsaEvent } from "../../dcsa/events.ts";
import { startDcsaServer } from "../../dcsa/server.ts";
import { verifyNotificationSignature } from "../../dcsa/signature.ts";
import { createRateLimiter } from "../../gateway/limits/rateLimiter.ts";
import { mergeTimeline } from "../../interop/timeline.ts";
import { artifacts } from "../../networks/evm/contracts.ts";
import { createCacheRedis } from "../../verification/redis.ts";
import { terminalOperatorId } from "../../world/partyDirectory.ts";
import { loadDcsaSchemas } from "../support/dcsaSchemas.ts";
import { startReceiver, type Receiver } from "../support/dcsaReceiver.ts";
import { startWorkerProcess, type WorkerProcess } from "../support/dcsaWorker.ts";
import { DCSA_TEST_DATABASE, startDcsaWorld, type DcsaWorld } from "../support/dcsaWorld.ts";
import { mine, TEST_ANCHOR } from "../support/localChain.ts";

/**
 * The DCSA Track & Trace service against the real thing: the local carrier and port networks and the eBL
 * chain, the read model in PostgreSQL kept current from their change streams, the API in process and the
 * delivery worker in a process of its own. One world for the file: the API's answers first, then the
 * world moves (new facts through each network's own protocol) and subscriptions are delivered to.
 */
const schemas = loadDcsaSchemas();
/** Shipments in the world; on the ledgers at start; after the API's "what is new" test. */
const SHIPMENTS = 14;
const SEEDED = 8;
const AFTER_POLL = 10;
/** The worker's deadline per request (short, as its lease margin and retries, so the test runs fast). */
const WORKER_TIMEOUT_MS = 1500;

let w: DcsaWorld;
let operator: string;
/** Every event at start, as the operator lists it (one page). */
let all: DcsaEvent[];
const subscribers = new Map<string, Subscriber>();
const workers: WorkerProcess[] = [];

interface Subscriber {
  name: string;
  id: string;
  secret: Buffer;
  token: string;
  receiver: Receiver;
  /** The subscription's filters, as query parameters of `GET /v2/events`. */
  query: string;
}

const ref = (e: DcsaEvent) => e["x-tradegraph"].transportDocumentReference;
const codeOf = (e: DcsaEvent) =>
  e.eventType === "SHIPMENT"
    ? e.shipmentEventTypeCode
    : e.eventType === "TRANSPORT"
      ? e.transportEventTypeCode
      : e.equipmentEventTypeCode;
const locationOf = (e: DcsaEvent) =>
  e.eventType === "TRANSPORT"
    ? (e.transportCall.UNLocationCode ?? null)
    : e.eventType === "EQUIPMENT"
      ? (e.eventLocation?.UNLocationCode ?? null)
      : null;
const ids = (events: DcsaEvent[]) => events.map((e) => e.eventID).sort();

/** Every page of a list, following Next-Page; each page's body checked against the spec. */
async function walk(path: string, token: string): Promise<{ events: DcsaEvent[]; pages: number }> {
  const events: DcsaEvent[] = [];
  let next: string | null = path;
  let pages = 0;
  while (next) {
    const page = await w.request(next, { token });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.headers.get("api-version")).toBe("2.2.0");
    expect(page.headers.get("current-page")).toBeTruthy();
    expect(schemas.eventList(page.body), schemas.eventList.errors()).toBe(true);
    events.push(...(page.body as DcsaEvent[]));
    next = page.headers.get("next-page");
    pages++;
  }
  return { events, pages };
}

const workerEnv = () => ({
  DATABASE_URL: DCSA_TEST_DATABASE,
  DATABASE_SCHEMA: w.schema,
  PARTIES_FILE: w.partiesFile,
  DCSA_CALLBACK_ALLOW: "loopback",
  DCSA_DELIVERY_TIMEOUT_MS: String(WORKER_TIMEOUT_MS),
  DCSA_LEASE_MARGIN_MS: "1000",
  DCSA_MAX_ATTEMPTS: "3",
  DCSA_RETRY_BASE_MS: "50",
  DCSA_RETRY_MAX_MS: "400",
  DCSA_POLL_INTERVAL_MS: "100",
  DCSA_MAX_EVENTS_PER_NOTIFICATION: "4",
});

async function subscribe(
  name: string,
  party: string | null,
  filters: Record<string, unknown>,
  receiver: Receiver,
): Promise<Subscriber> {
  const token = await w.token(party);
  const secret = randomBytes(32);
  const created = await w.request("/event-subscriptions", {
    method: "POST",
    token,
    body: { callbackUrl: receiver.url, secret: secret.toString("base64"), ...filters },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const query = Object.entries(filters)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`)
    .join("&");
  const s = {
    name,
    id: (created.body as { subscriptionID: string }).subscriptionID,
    secret,
    token,
    receiver,
    query,
  };
  subscribers.set(name, s);
  return s;
}

/** Every event a receiver got, in the order it got them. */
function received(s: Subscriber): DcsaEvent[] {
  return s.receiver.posts.flatMap((post) => JSON.parse(post.body.toString("utf8")) as DcsaEvent[]);
}

/** What the subscription must deliver: what its owner sees through the same filters, created since it was. */
async function expectedOf(s: Subscriber): Promise<DcsaEvent[]> {
  const [row] = await w.db.sql.query<{ created: string }>(
    `select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created from dcsa_subscriptions where id = $1`,
    [s.id],
  );
  const events: DcsaEvent[] = [];
  let next: string | null =
    `/events?limit=1000&eventCreatedDateTime:gte=${row!.created}${s.query ? `&${s.query}` : ""}`;
  while (next) {
    const page = await w.request(next, { token: s.token });
    expect(page.status).toBe(200);
    events.push(...(page.body as DcsaEvent[]));
    next = page.headers.get("next-page");
  }
  return events;
}

/** The graph's merged, publishable timeline of these shipments, from the networks themselves. */
async function timelineOf(references: string[]) {
  const [carrier, port] = await Promise.all([
    w.fabric.shipmentsByReference(references),
    w.antchain.billsByReference(references),
  ]);
  return references.flatMap((_, i) =>
    mergeTimeline([
      [...(carrier[i]?.events ?? []), ...(port[i]?.events ?? [])]
        .filter((e) => e.mapped && isPublishable(e.eventType, e.code))
        .map((e) => ({ ...e, eventDateTime: e.eventDateTime.toISOString() })),
    ]),
  );
}

const distinct = (events: DcsaEvent[]) => [...new Set(events.map((e) => e.eventID))].sort();
beforeAll(async () => {
  w = await startDcsaWorld({ shipments: SHIPMENTS, seeded: SEEDED, evm: true, redisUrl: inject("redisUrl") });
  operator = await w.token(null);
  all = (await walk("/events?limit=1000", operator)).events;
}, 120_000);
afterAll(async () => {
  await w?.close();
});

describe("GET /v2/events", () => {
  it("answers the canonical, merged events: exactly the graph's timeline of each shipment, DCSA-coded", async () => {
    const refs = w.world.shipments.slice(0, SEEDED).map((s) => s.reference);
    const [carrier, port] = await Promise.all([
      w.fabric.shipmentsByReference(refs),
      w.antchain.billsByReference(refs),
    ]);
    const expected = refs.flatMap((reference, i) =>
      mergeTimeline([
        [...(carrier[i]?.events ?? []), ...(port[i]?.events ?? [])]
          .filter((e) => e.mapped && isPublishable(e.eventType, e.code))
          .map((e) => ({ ...e, eventDateTime: e.eventDateTime.toISOString() })),
      ]).map(
        (e) =>
          `${reference} ${e.eventType} ${e.code} ${e.eventClassifier} ${e.eventDateTime.toISOString()} ${e.sources.length}`,
      ),
    );
    const answered = all.map(
      (e) =>
        `${ref(e)} ${e.eventType} ${codeOf(e)} ${e.eventClassifierCode} ${e.eventDateTime} ${e["x-tradegraph"].sources.length}`,
    );
    expect(answered.sort()).toEqual(expected.sort());
    // Both networks' reports of the same discharge are one event with both sources.
    expect(all.some((e) => e["x-tradegraph"].sources.length === 2)).toBe(true);
    expect(new Set(ids(all)).size).toBe(all.length);
    for (const e of all) expect(schemas.event(e), schemas.event.errors()).toBe(true);
  });

  it("pages with the spec's headers: Next, Prev, First and Last links, the same rows once each", async () => {
    const { events, pages } = await walk("/events?limit=7", operator);
    expect(pages).toBe(Math.ceil(all.length / 7));
    expect(events.map((e) => e.eventID)).toEqual(all.map((e) => e.eventID));
    const first = await w.request("/events?limit=7", { token: operator });
    expect(first.headers.get("prev-page")).toBeNull();
    expect(first.headers.get("first-page")).toBeNull();
    const second = await w.request(first.headers.get("next-page")!, { token: operator });
    const third = await w.request(second.headers.get("next-page")!, { token: operator });
    // Pages compared by the events they hold (a source's block number may be filled in between two reads).
    const page = (answer: { body: unknown }) => (answer.body as DcsaEvent[]).map((e) => e.eventID);
    const back = await w.request(third.headers.get("prev-page")!, { token: operator });
    expect(page(back)).toEqual(page(second));
    expect(page(await w.request(third.headers.get("first-page")!, { token: operator }))).toEqual(page(first));
    const last = await w.request(third.headers.get("last-page")!, { token: operator });
    expect(ids(last.body as DcsaEvent[])).toEqual(ids(events.slice(-7)));
    expect(last.headers.get("next-page")).toBeNull();
    expect(page(await w.request(third.headers.get("current-page")!, { token: operator }))).toEqual(
      page(third),
    );
    // A cursor carries its query; limit may change page size.
    const bigger = await w.request(`${first.headers.get("next-page")!}&limit=3`, { token: operator });
    expect(ids(bigger.body as DcsaEvent[])).toEqual(ids(all.slice(7, 10)));
  });

  it("sorts by eventDateTime or eventCreatedDateTime, either way", async () => {
    const { events } = await walk("/events?limit=50&sort=eventDateTime:DESC", operator);
    const times = events.map((e) => e.eventDateTime);
    expect(times).toEqual([...times].sort().reverse());
    expect(ids(events)).toEqual(ids(all));
  });

  it("filters as the spec says, each filter exactly as a pass over every event", async () => {
    const s = w.world.shipments[3]!;
    const container = s.containers[0]!.number;
    const withCall = all.find((e) => e.eventType === "TRANSPORT")!;
    const call = withCall.eventType === "TRANSPORT" ? withCall.transportCall : null;
    const cases: [string, (e: DcsaEvent) => boolean][] = [
      [`transportDocumentReference=${s.reference}`, (e) => ref(e) === s.reference],
      [
        `carrierBookingReference=${s.bookingReference}`,
        (e) => e["x-tradegraph"].carrierBookingReference === s.bookingReference,
      ],
      [
        `bookingReference=${s.bookingReference}`,
        (e) => e["x-tradegraph"].carrierBookingReference === s.bookingReference,
      ],
      [
        `equipmentReference=${container}`,
        (e) => e.eventType === "EQUIPMENT" && e.equipmentReference === container,
      ],
      ["eventType=SHIPMENT,TRANSPORT", (e) => e.eventType !== "EQUIPMENT"],
      [
        "shipmentEventTypeCode=ISSU,SURR",
        (e) => e.eventType === "SHIPMENT" && ["ISSU", "SURR"].includes(codeOf(e)),
      ],
      ["transportEventTypeCode=ARRI", (e) => e.eventType === "TRANSPORT" && codeOf(e) === "ARRI"],
      [
        "equipmentEventTypeCode=DISC,GTOT",
        (e) => e.eventType === "EQUIPMENT" && ["DISC", "GTOT"].includes(codeOf(e)),
      ],
      ["UNLocationCode=CNSHA", (e) => locationOf(e) === "CNSHA"],
      ["documentTypeCode=BKG", (e) => e.eventType === "SHIPMENT" && e.documentTypeCode === "BKG"],
      [
        `transportCallID=${encodeURIComponent(call!.transportCallID)}`,
        (e) => e.eventType !== "SHIPMENT" && e.transportCall?.transportCallID === call!.transportCallID,
      ],
      [
        `vesselIMONumber=${call!.vessel!.vesselIMONumber}`,
        (e) =>
          e.eventType !== "SHIPMENT" &&
          e.transportCall?.vessel?.vesselIMONumber === call!.vessel!.vesselIMONumber,
      ],
      [
        `eventType=EQUIPMENT&UNLocationCode=CNSHA&equipmentEventTypeCode=DISC`,
        (e) => e.eventType === "EQUIPMENT" && locationOf(e) === "CNSHA" && codeOf(e) === "DISC",
      ],
      ["shipmentEventTypeCode=ISSU&equipmentEventTypeCode=GTIN", () => false],
      ["carrierServiceCode=FE1", () => false],
    ];
    for (const [query, matches] of cases) {
      const expected = all.filter(matches);
      const { events } = await walk(`/events?limit=1000&${query}`, operator);
      expect(ids(events), query).toEqual(ids(expected));
      if (!query.includes("false")) expect(expected.length + 1, query).toBeGreaterThan(0);
    }
    expect(
      all.filter((e) => locationOf(e) === "CNSHA" && e.eventType === "EQUIPMENT").length,
    ).toBeGreaterThan(0);
  });

  it("one event by ID; another's or an unknown ID is 404, a malformed one 400, in the spec's error shape", async () => {
    const e = all[0]!;
    const one = await w.request(`/events/${e.eventID}`, { token: operator });
    expect(one.status).toBe(200);
    expect(schemas.eventById(one.body), schemas.eventById.errors()).toBe(true);
    // The same event (its provenance may have gained a block number since the list was read).
    expect(one.body).toMatchObject({
      eventID: e.eventID,
      eventType: e.eventType,
      eventDateTime: e.eventDateTime,
    });
    for (const [path, status] of [
      ["/events/6f1d2a4e-9b3c-5d7e-8a5f-0c1b2d3e4f50", 404],
      ["/events/not-a-uuid", 400],
    ] as const) {
      const answer = await w.request(path, { token: operator });
      expect(answer.status).toBe(status);
      expect(answer.headers.get("api-version")).toBe("2.2.0");
      expect(schemas.error(answer.body), schemas.error.errors()).toBe(true);
      expect(answer.body).toMatchObject({ httpMethod: "GET", requestUri: `/v2${path}`, statusCode: status });
    }
  });

  it("refuses without credentials, with an unknown parameter, a bad limit, another major version or method", async () => {
    const cases: [
      string,
      { token?: string | null; headers?: Record<string, string>; method?: string },
      number,
    ][] = [
      ["/events", { token: null }, 401],
      ["/events", { token: "not.a.jwt" }, 401],
      ["/events?transportDocumentRef=X", { token: operator }, 400],
      ["/events?limit=0", { token: operator }, 400],
      ["/events?limit=abc", { token: operator }, 400],
      ["/events?cursor=bogus", { token: operator }, 400],
      ["/events?eventCreatedDateTime:gte=yesterday", { token: operator }, 400],
      ["/events?sort=carrierBookingReference", { token: operator }, 400],
      ["/events?scheduleID=9679a405-3316-42a5-8533-aba000f5689c", { token: operator }, 400],
      ["/events", { token: operator, headers: { "api-version": "3" } }, 400],
      ["/events", { token: operator, method: "DELETE" }, 405],
      ["/nothing-here", { token: operator }, 404],
    ];
    for (const [path, init, status] of cases) {
      const answer = await w.request(path, init);
      expect(answer.status, path).toBe(status);
      expect(answer.headers.get("api-version")).toBe("2.2.0");
      expect(schemas.error(answer.body), `${path}: ${schemas.error.errors()}`).toBe(true);
    }
    expect(
      (await w.request("/events?limit=1", { token: operator, headers: { "api-version": "2" } })).status,
    ).toBe(200);
  });

  it("shows each party exactly the events the access policy lets it see, for every party of the directory", async () => {
    const directory = sqlAccessDirectory(w.db.sql);
    const refs = [...new Set(all.map(ref))];
    const access = new Map<string, ShipmentAccess | null>(
      (await directory.byReferences(refs)).map((a, i) => [refs[i]!, a]),
    );
    const sees = (party: PartyEntry, e: DcsaEvent) => {
      const caller: Caller = { principal: { subject: party.id, party: party.id, roles: [] }, party };
      const a = access.get(ref(e)) ?? null;
      if (!mayListShipment(caller, a)) return false;
      return (
        isShipmentParty(caller, a) ||
        isPublicMilestone(e) ||
        (e["x-tradegraph"].sources.some((s) => s.kind === "ANTCHAIN") &&
          maySeePortFact(caller, a, "EVENT", locationOf(e)))
      );
    };
    const kinds = new Set<string>();
    for (const party of w.parties.entries) {
      const token = await w.token(party.id);
      const { events } = await walk("/events?limit=1000", token);
      const expected = all.filter((e) => sees(party, e));
      expect(ids(events), party.id).toEqual(ids(expected));
      if (expected.length > 0 && expected.length < all.length) kinds.add(party.kind);
    }
    // Not vacuous: shippers, consignees, carriers and port authorities each saw some events and not all.
    expect([...kinds]).toEqual(
      expect.arrayContaining(["CARRIER", "SHIPPER", "CONSIGNEE", "TERMINAL_OPERATOR", "CUSTOMS"]),
    );
    // And one a party may not see is a 404 to it (never a 403 naming it).
    const consignee = w.world.shipments[0]!.consignee;
    const hidden = all.find((e) => !sees(w.parties.get(consignee)!, e))!;
    expect((await w.request(`/events/${hidden.eventID}`, { token: await w.token(consignee) })).status).toBe(
      404,
    );
  });

  it("finds what is new by eventCreatedDateTime: facts written to the networks after a poll", async () => {
    const before = new Set(ids(all));
    await w.moveWorld(AFTER_POLL);
    const fresh = w.world.shipments.slice(SEEDED, AFTER_POLL).map((s) => s.reference);
    let now: DcsaEvent[] = [];
    await expect
      .poll(
        async () => {
          await w.settle();
          now = (await walk("/events?limit=1000", operator)).events;
          return new Set(now.map(ref)).size;
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBe(AFTER_POLL);
    await w.settle();
    now = (await walk("/events?limit=1000", operator)).events;
    const added = now.filter((e) => !before.has(e.eventID));
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added.map(ref))).toEqual(new Set(fresh));
    const since = added.map((e) => e.eventCreatedDateTime).sort()[0]!;
    const newer = (await walk(`/events?limit=1000&eventCreatedDateTime:gte=${since}`, operator)).events;
    expect(ids(newer)).toEqual(ids(added));
    const older = (await walk(`/events?limit=1000&eventCreatedDateTime:lt=${since}`, operator)).events;
    expect(ids(older)).toEqual(ids(all));
    const range = (
      await walk(
        `/events?limit=1000&eventCreatedDateTime:gte=${since}&eventCreatedDateTime:lt=${since}`,
        operator,
      )
    ).events;
    expect(range).toEqual([]);
  });
});

describe("/v2/event-subscriptions", () => {
  const secret = () => randomBytes(32).toString("base64");

  it("creates, lists, reads, updates, re-keys and deletes; the secret never comes back", async () => {
    const created = await w.request("/event-subscriptions", {
      method: "POST",
      token: operator,
      body: {
        callbackUrl: "http://127.0.0.1:9/hook?ref=1",
        secret: secret(),
        eventType: ["TRANSPORT", "EQUIPMENT"],
        UNLocationCode: "CNSHA",
        bookingReference: "BK1",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get("api-version")).toBe("2.2.0");
    expect(schemas.subscription(created.body), schemas.subscription.errors()).toBe(true);
    const body = created.body as Record<string, unknown>;
    expect(body).not.toHaveProperty("secret");
    expect(body).toMatchObject({
      eventType: ["TRANSPORT", "EQUIPMENT"],
      UNLocationCode: "CNSHA",
      carrierBookingReference: "BK1",
    });
    const id = body.subscriptionID as string;

    const one = await w.request(`/event-subscriptions/${id}`, { token: operator });
    expect(one.body).toEqual(created.body);
    const list = await w.request("/event-subscriptions", { token: operator });
    expect(schemas.subscriptionList(list.body)).toBe(true);
    expect((list.body as { subscriptionID: string }[]).map((s) => s.subscriptionID)).toContain(id);
    expect(list.headers.get("current-page")).toBeTruthy();

    const updated = await w.request(`/event-subscriptions/${id}`, {
      method: "PUT",
      token: operator,
      body: { subscriptionID: id, callbackUrl: "http://127.0.0.1:9/other", equipmentEventTypeCode: ["GTOT"] },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toEqual({
      subscriptionID: id,
      callbackUrl: "http://127.0.0.1:9/other",
      equipmentEventTypeCode: ["GTOT"],
    });
    expect((await w.request(`/event-subscriptions/${id}`, { token: operator })).body).toEqual(updated.body);
    for (const bad of [
      { subscriptionID: id, callbackUrl: "http://127.0.0.1:9/x", secret: secret() },
      { subscriptionID: "8fbdc2d8-57c8-48b9-a04b-18fd8ec1d809", callbackUrl: "http://127.0.0.1:9/x" },
      { callbackUrl: "http://127.0.0.1:9/x", equipmentEventTypeCode: ["LOST"] },
    ]) {
      const refused = await w.request(`/event-subscriptions/${id}`, {
        method: "PUT",
        token: operator,
        body: bad,
      });
      expect(refused.status).toBe(400);
      expect(schemas.error(refused.body)).toBe(true);
    }
    const rekeyed = await w.request(`/event-subscriptions/${id}/secret`, {
      method: "PUT",
      token: operator,
      body: { secret: secret() },
    });
    expect(rekeyed.status).toBe(204);
    expect(rekeyed.headers.get("api-version")).toBe("2.2.0");
    const [row] = await w.db.sql.query<{ secret: string }>(
      `select secret from dcsa_subscriptions where id = $1`,
      [id],
    );
    expect(
      JSON.stringify((await w.request(`/event-subscriptions/${id}`, { token: operator })).body),
    ).not.toContain(row!.secret);
    expect(
      (
        await w.request(`/event-subscriptions/${id}/secret`, {
          method: "PUT",
          token: operator,
          body: { secret: "c2hvcnQ=" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await w.request(`/event-subscriptions/${id}`, { method: "DELETE", token: operator })).status,
    ).toBe(204);
    expect((await w.request(`/event-subscriptions/${id}`, { token: operator })).status).toBe(404);
  });

  it("belong to the party whose credentials made them: others see none of them", async () => {
    const consignee = w.world.shipments[0]!.consignee;
    const mine = await w.token(consignee);
    const mineAgain = await w.token(consignee, ["analyst"]);
    const other = await w.token(w.world.shipments[0]!.shipper);
    const created = await w.request("/event-subscriptions", {
      method: "POST",
      token: mine,
      body: { callbackUrl: "http://127.0.0.1:9/mine", secret: secret() },
    });
    const id = (created.body as { subscriptionID: string }).subscriptionID;
    expect((await w.request(`/event-subscriptions/${id}`, { token: mineAgain })).status).toBe(200);
    expect((await w.request(`/event-subscriptions/${id}`, { token: operator })).status).toBe(200);
    for (const [method, path, body] of [
      ["GET", `/event-subscriptions/${id}`, undefined],
      ["PUT", `/event-subscriptions/${id}`, { callbackUrl: "http://127.0.0.1:9/stolen" }],
      ["PUT", `/event-subscriptions/${id}/secret`, { secret: secret() }],
      ["DELETE", `/event-subscriptions/${id}`, undefined],
      ["GET", `/event-subscriptions/${id}/dead-letters`, undefined],
    ] as const) {
      const answer = await w.request(path, { method, token: other, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    const theirs = (await w.request("/event-subscriptions", { token: other })).body as {
      subscriptionID: string;
    }[];
    expect(theirs.map((s) => s.subscriptionID)).not.toContain(id);
    expect((await w.request(`/event-subscriptions/${id}`, { token: mine })).body).toMatchObject({
      callbackUrl: "http://127.0.0.1:9/mine",
    });
  });

  it("checks callback URLs and bodies: private addresses, missing or weak secrets, unknown filters", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ callbackUrl: "http://10.0.0.8/hook", secret: secret() }, /outside the public internet/],
      [
        { callbackUrl: "http://169.254.169.254/latest/meta-data", secret: secret() },
        /outside the public internet/,
      ],
      [{ callbackUrl: "http://[::ffff:10.0.0.8]/hook", secret: secret() }, /outside the public internet/],
      [{ callbackUrl: "file:///etc/passwd", secret: secret() }, /http or https/],
      [{ callbackUrl: "http://127.0.0.1:9/x" }, /secret/],
      [{ callbackUrl: "http://127.0.0.1:9/x", secret: "c2hvcnQ=" }, /32 bytes/],
      [
        { callbackUrl: "http://127.0.0.1:9/x", secret: secret(), shipmentEventTypCode: ["ISSU"] },
        /shipmentEventTypCode/,
      ],
      [{ callbackUrl: "http://127.0.0.1:9/x", secret: secret(), transportDocumentID: "x" }, /not supported/],
    ];
    for (const [body, message] of cases) {
      const answer = await w.request("/event-subscriptions", { method: "POST", token: operator, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(schemas.error(answer.body)).toBe(true);
      expect(JSON.stringify(answer.body)).toMatch(message);
    }
    const notJson = await fetch(`${w.api.url}/event-subscriptions`, {
      method: "POST",
      headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
  });

  it("rate-limits per caller with the gateway's limiter: 429, Retry-After, the spec's error shape", async () => {
    const redis = createCacheRedis(inject("redisUrl"));
    // While Redis connects, the limiter counts in memory (its insurance); this test is about Redis's count.
    if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
    const limiter = createRateLimiter(redis, { points: 3, keyPrefix: `${w.schema}:tight` });
    const tight = await startDcsaServer({
      services: { sql: w.db.sql, parties: w.parties, callbacks: w.policy, publicUrl: "http://dcsa.test/v2" },
      access: {
        authenticate: async () => ({ subject: "tight", party: null, roles: ["operator"] }),
        rateLimit: (p) => limiter.consume(p.subject),
      },
      host: "127.0.0.1",
      port: 0,
      health: async () => ({}),
    });
    try {
      const statuses: number[] = [];
      let last: Response | null = null;
      for (let i = 0; i < 4; i++) {
        last = await fetch(`${tight.url}/events?limit=1`);
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(schemas.error(await last!.json())).toBe(true);
    } finally {
      await tight.close();
      redis.disconnect();
    }
  });
});

describe("signed webhook delivery, at least once", () => {
  beforeAll(async () => {
    // The port's reports of the shipments written so far are indexed before anyone subscribes: one
    // arriving after would be new to the subscriptions, and is not what the test counts.
    const written = w.world.shipments.slice(0, AFTER_POLL).map((s) => s.reference);
    const timeline = await timelineOf(written);
    await vi.waitFor(
      async () => {
        await w.settle();
        const events = (await walk("/events?limit=1000", operator)).events;
        expect(events.filter((e) => written.includes(ref(e))).length).toBe(timeline.length);
      },
      { timeout: 20_000, interval: 200 },
    );
    const fresh = w.world.shipments.slice(AFTER_POLL);
    const consignee = fresh[2]!.consignee;
    const cnsha = terminalOperatorId("CNSHA");
    await subscribe("operator", null, {}, await startReceiver({ delayMs: 40 }));
    await subscribe("consignee", consignee, {}, await startReceiver({ delayMs: 10 }));
    await subscribe("terminal", cnsha, {}, await startReceiver());
    await subscribe(
      "arrivals",
      null,
      { eventType: ["TRANSPORT"], transportEventTypeCode: ["ARRI"] },
      await startReceiver(),
    );
    await subscribe("failing", null, { eventType: ["TRANSPORT"] }, await startReceiver({ status: 500 }));
    await subscribe("slow", null, {}, await startReceiver({ hang: true }));
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.kill("SIGKILL");
    await Promise.all(workers.map((x) => x.exited));
    for (const s of subscribers.values()) await s.receiver.close();
  });

  it("delivers every expected event, signed and in the spec's shape, through a kill -9 of the worker mid-stream", async () => {
    const operatorSub = subscribers.get("operator")!;
    const first = await startWorkerProcess(workerEnv());
    workers.push(first);
    // The world moves: two new shipments through the carrier's Submits and the port's contract calls.
    let moved = false;
    const moving = w.moveWorld(AFTER_POLL + 2).then(() => (moved = true));
    await expect
      .poll(() => operatorSub.receiver.posts.length, { timeout: 30_000, interval: 20 })
      .toBeGreaterThanOrEqual(3);
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    const beforeKill = operatorSub.receiver.posts.length;
    // Mid-stream: events were waiting in the journal or the outbox, or facts were still being written.
    const [backlog] = await w.db.sql.query<{ journal: string; pending: string }>(
      `select (select count(*) from dcsa_journal) as journal,
              (select count(*) from dcsa_outbox where state = 'PENDING') as pending`,
    );
    expect(Number(backlog!.journal) + Number(backlog!.pending) > 0 || !moved).toBe(true);
    // Restarted at once, as a supervisor would, while the world goes on moving: the rest of the new shipments.
    const second = startWorkerProcess(workerEnv());
    await moving;
    await w.moveWorld(SHIPMENTS);
    workers.push(await second);
    await w.settle();
    const healthy = ["operator", "consignee", "terminal", "arrivals"].map((n) => subscribers.get(n)!);
    const expected = new Map<string, DcsaEvent[]>();
    for (const s of healthy) expected.set(s.name, await expectedOf(s));
    await expect
      .poll(
        () =>
          healthy.every((s) => {
            const got = new Set(received(s).map((e) => e.eventID));
            return expected.get(s.name)!.every((e) => got.has(e.eventID));
          }),
        { timeout: 45_000, interval: 100 },
      )
      .toBe(true);

    // The operator's subscription got every new event: the graph's merged timeline of each new shipment.
    const fresh = w.world.shipments.slice(AFTER_POLL).map((s) => s.reference);
    const timeline = await timelineOf(fresh);
    const operatorGot = received(operatorSub);
    expect(distinct(operatorGot).length).toBe(timeline.length);
    expect(new Set(operatorGot.map(ref))).toEqual(new Set(fresh));
    expect(beforeKill).toBeLessThan(operatorSub.receiver.posts.length);

    for (const s of healthy) {
      const got = received(s);
      // At least once: every expected event; and nothing it should not get (filters, visibility).
      expect(distinct(got), s.name).toEqual(distinct(expected.get(s.name)!));
      expect(got.length).toBeGreaterThan(0);
      for (const post of s.receiver.posts) {
        expect(post.headers["subscription-id"]).toBe(s.id);
        expect(post.headers["api-version"]).toBe("2.2.0");
        expect(post.headers["content-type"]).toBe("application/json");
        const signature = String(post.headers["notification-signature"]);
        expect(signature).toMatch(schemas.signaturePattern);
        expect(verifyNotificationSignature(s.secret, post.body, signature), s.name).toBe(true);
        const body = JSON.parse(post.body.toString("utf8")) as DcsaEvent[];
        expect(schemas.notification(body), schemas.notification.errors()).toBe(true);
        expect(body.length).toBeLessThanOrEqual(4);
        // In event-time order within a notification.
        const times = body.map((e) => e.eventDateTime);
        expect(times).toEqual([...times].sort());
      }
      // A redelivered event is the same event: same ID, same fact (its content may have gained a source).
      const byId = new Map<string, string>();
      for (const e of got) {
        const fact = `${ref(e)} ${e.eventType} ${codeOf(e)} ${e.eventClassifierCode}`;
        expect(byId.get(e.eventID) ?? fact, e.eventID).toBe(fact);
        byId.set(e.eventID, fact);
      }
      // Per shipment, in event-time order: a later notification carries an earlier event only when the
      // index learned of it later (a fact another network reported after).
      const firstSeen = new Map<string, DcsaEvent>();
      for (const e of got) if (!firstSeen.has(e.eventID)) firstSeen.set(e.eventID, e);
      const order = [...firstSeen.values()];
      for (let i = 0; i < order.length; i++)
        for (let j = i + 1; j < order.length; j++) {
          const [a, b] = [order[i]!, order[j]!];
          if (ref(a) === ref(b) && b.eventDateTime < a.eventDateTime)
            expect(
              b.eventCreatedDateTime > a.eventCreatedDateTime,
              `${s.name}: ${a.eventID} then ${b.eventID}`,
            ).toBe(true);
        }
    }
    // Visibility is not vacuous: the consignee and the terminal got some of the operator's events, not all.
    for (const name of ["consignee", "terminal"]) {
      const n = distinct(received(subscribers.get(name)!)).length;
      expect(n, name).toBeGreaterThan(0);
      expect(n, name).toBeLessThan(distinct(operatorGot).length);
    }
    // And the queue drains (newer versions of events already delivered may still be on their way).
    await expect
      .poll(
        async () =>
          Number(
            (
              await w.db.sql.query<{ left: string }>(
                `select count(*) as left from dcsa_outbox where subscription_id = any($1::uuid[])`,
                [healthy.map((s) => s.id)],
              )
            )[0]!.left,
          ),
        { timeout: 10_000, interval: 100 },
      )
      .toBe(0);
  });

  it("a slow subscriber is given up on at its deadline and delays no one else", async () => {
    const slow = subscribers.get("slow")!;
    // Given up at the deadline (the receiver counts from the body's end, the worker from the send). A post
    // cut short sooner was in flight when the first worker was killed.
    const waited = () =>
      slow.receiver.posts.filter((p) => p.abandonedAt).map((p) => p.abandonedAt! - p.receivedAt);
    await expect
      .poll(() => waited().some((ms) => ms >= WORKER_TIMEOUT_MS - 500), { timeout: 15_000, interval: 100 })
      .toBe(true);
    expect(
      waited().every((ms) => ms < WORKER_TIMEOUT_MS + 1000),
      String(waited()),
    ).toBe(true);
    // The others were served in full while it hung (the test above), the slow one got far less.
    expect(distinct(received(slow)).length).toBeLessThan(
      distinct(received(subscribers.get("operator")!)).length,
    );
    await expect
      .poll(
        async () =>
          (
            await w.db.sql.query<{ last_error: string | null }>(
              `select last_error from dcsa_subscriptions where id = $1`,
              [slow.id],
            )
          )[0]!.last_error,
        { timeout: 10_000, interval: 100 },
      )
      .toMatch(new RegExp(`no answer within ${WORKER_TIMEOUT_MS} ms`));
  });

  it("dead-letters a failing subscriber's events after the configured attempts, lists them, and redelivers on request", async () => {
    const failing = subscribers.get("failing")!;
    const expected = await expectedOf(failing);
    expect(expected.length).toBeGreaterThan(0);
    const path = `/event-subscriptions/${failing.id}/dead-letters?limit=1000`;
    type DeadLetter = { event: DcsaEvent; attempts: number; lastError: string };
    const deadLetters = async () => (await w.request(path, { token: operator })).body as DeadLetter[];
    // Every expected event ends dead (an event that changed while failing may be there in two versions).
    await expect
      .poll(
        async () => {
          const [row] = await w.db.sql.query<{ pending: string }>(
            `select count(*) as pending from dcsa_outbox where subscription_id = $1 and state = 'PENDING'`,
            [failing.id],
          );
          return Number(row!.pending) === 0 && distinct((await deadLetters()).map((d) => d.event)).length;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(expected.length);
    const dead = await deadLetters();
    expect(distinct(dead.map((d) => d.event))).toEqual(distinct(expected));
    for (const d of dead) {
      expect(d.attempts).toBe(3);
      expect(d.lastError).toMatch(/HTTP 500/);
      expect(schemas.event(d.event), schemas.event.errors()).toBe(true);
    }
    // Every attempt reached the receiver: each dead event was POSTed at least 3 times (more if a worker
    // was killed before it could count one).
    const posted = new Map<string, number>();
    for (const post of failing.receiver.posts)
      for (const e of JSON.parse(post.body.toString()) as DcsaEvent[])
        posted.set(e.eventID, (posted.get(e.eventID) ?? 0) + 1);
    for (const d of dead) expect(posted.get(d.event.eventID)).toBeGreaterThanOrEqual(3);
    failing.receiver.behaviour.status = 204;
    const before = failing.receiver.posts.length;
    const redelivered = await w.request(`/event-subscriptions/${failing.id}/dead-letters/redeliver`, {
      method: "POST",
      token: operator,
    });
    expect(redelivered.body).toEqual({ redelivered: dead.length });
    await expect
      .poll(
        () =>
          distinct(
            failing.receiver.posts.slice(before).flatMap((p) => JSON.parse(p.body.toString()) as DcsaEvent[]),
          ).length,
        { timeout: 20_000 },
      )
      .toBe(expected.length);
    expect(((await w.request(path, { token: operator })).body as unknown[]).length).toBe(0);
  });

  it("the world clock moves the seeded shipments on: a new subscriber gets every new event, signed and in the spec's shape", async () => {
    const watcher = await subscribe("clock", null, {}, await startReceiver());
    workers.push(await startWorkerProcess(workerEnv()));
    // Two story weeks past the anchor, written through the three networks by the parties that record them.
    const clock = w.worldClock();
    const move = await clock.moveTo(new Date(TEST_ANCHOR.getTime() + 14 * 86_400_000));
    expect(move.error).toBeUndefined();
    const facts = Object.values(move.written).reduce((n, x) => n + x.facts, 0);
    expect(facts).toBeGreaterThan(0);
    await w.settle();
    // What the subscription must deliver: the operator's events created since it was (the clock's).
    let expected: DcsaEvent[] = [];
    await vi.waitFor(
      async () => {
        await w.settle();
        expected = await expectedOf(watcher);
        expect(expected.length).toBeGreaterThan(0);
        const got = new Set(received(watcher).map((e) => e.eventID));
        expect(expected.filter((e) => !got.has(e.eventID))).toEqual([]);
      },
      { timeout: 30_000, interval: 200 },
    );
    const seeded = new Set(w.world.shipments.slice(0, SEEDED).map((s) => s.reference));
    for (const e of received(watcher)) expect(seeded.has(ref(e)), ref(e)).toBe(true);
    for (const post of watcher.receiver.posts) {
      expect(
        verifyNotificationSignature(
          watcher.secret,
          post.body,
          String(post.headers["notification-signature"]),
        ),
      ).toBe(true);
      expect(
        schemas.notification(JSON.parse(post.body.toString("utf8"))),
        schemas.notification.errors(),
      ).toBe(true);
    }
  });

  it("follows the eBL chain: a title transfer makes the new holder a party who sees the shipment's events", async () => {
    const chain = w.chain!;
    const docs = chain.documents.filter((d) => d.kind === "TOKEN_REGISTRY");
    const { titles } = await w.evm!.readTitles(
      docs.map((d) => ({ registry: d.issuer as Address, documentHash: d.documentHash as Hex })),
    );
    const i = titles.findIndex((t) => t?.status === "ISSUED" && t.holder?.address);
    expect(i).toBeGreaterThanOrEqual(0);
    const doc = docs[i]!;
    const holderAddress = titles[i]!.holder!.address!.toLowerCase();
    const holder = [...chain.actors.parties.values()].find(
      (a) => a.account.address.toLowerCase() === holderAddress,
    )!;
    // A bank with no part in this shipment: it sees none of its events before.
    let bank: string | undefined;
    for (const b of w.parties.ofKind("BANK")) {
      const seen = await w.request(`/events?transportDocumentReference=${doc.reference}`, {
        token: await w.token(b.id),
      });
      if ((seen.body as unknown[]).length === 0) {
        bank = b.id;
        break;
      }
    }
    expect(bank).toBeDefined();
    const bankToken = await w.token(bank!);
    const escrow = (await chain.clients.publicClient.readContract({
      address: doc.issuer,
      abi: artifacts.tradeTrustToken.abi,
      functionName: "ownerOf",
      args: [BigInt(doc.documentHash)],
    })) as Address;
    const hash = await chain.clients.walletFor(holder).writeContract({
      address: escrow,
      abi: artifacts.titleEscrow.abi,
      functionName: "transferHolder",
      args: [chain.actors.parties.get(bank!)!.account.address, "0x"],
      gas: 1_000_000n,
    });
    expect((await chain.clients.publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
    await mine(chain.clients, 2);
    const all = await w.request(`/events?transportDocumentReference=${doc.reference}`, { token: operator });
    await expect
      .poll(
        async () =>
          (
            (await w.request(`/events?transportDocumentReference=${doc.reference}`, { token: bankToken }))
              .body as unknown[]
          ).length,
        { timeout: 20_000, interval: 200 },
      )
      .toBe((all.body as unknown[]).length);
  });
});
