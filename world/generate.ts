import {
  CARRIERS,
  COMMODITIES,
  ISO_SIZE_TYPES,
  PARTIES,
  PORTS,
  SEA_DAYS,
  type CarrierProfile,
  type PortProfile,
} from "./catalog.ts";
import { containerNumber, imoNumber } from "./identifiers.ts";
import { Random } from "./random.ts";
import type { TitleStep, World, WorldEvent, WorldShipment, WorldVessel } from "./types.ts";

export interface WorldOptions {
  /** @default "tradegraph" */
  seed?: string;
  /** @default 50 */
  shipments?: number;
  /** Where the story is placed: voyages are planned around it. @default the start of the current UTC day */
  anchor?: Date;
  /** "Now" in the story: the world holds the facts recorded up to it. @default the anchor */
  now?: Date;
}

/** The latest instant a Date can hold: a whole story's "now". */
const END_OF_TIME = new Date(8.64e15);

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Trade lanes weighted towards the stories of WORLD.md: inbound Shanghai, Shekou exports. */
const LANES: readonly (readonly [[string, string], number])[] = [
  [["DEHAM", "CNSHA"], 6],
  [["NLRTM", "CNSHA"], 4],
  [["KRPUS", "CNSHA"], 3],
  [["THLCH", "CNSHA"], 3],
  [["CNSHK", "USLAX"], 6],
  [["CNSHK", "USLGB"], 4],
  [["CNSHK", "NLRTM"], 4],
  [["CNYTN", "USLAX"], 3],
  [["CNNGB", "DEHAM"], 3],
  [["CNTAO", "SGSIN"], 2],
  [["CNXMN", "USNYC"], 2],
  [["CNSHA", "BEANR"], 2],
  [["SGSIN", "CNSHA"], 2],
  [["MYPKG", "CNSHK"], 2],
  [["CNTXG", "KRPUS"], 1],
  [["HKHKG", "GBFXT"], 2],
];

/**
 * Generates the world as it stands at `now` (the anchor unless given): every fact recorded up to then.
 * Deterministic: the same options give the same world, whatever the size, and shipment i is the same in
 * a world of 50 and one of 100,000 (each shipment draws from its own fork).
 */
export function generateWorld(options: WorldOptions = {}): World {
  const story = generateStory(options);
  return worldAt(story, options.now ?? story.anchor);
}

/**
 * The whole story: every shipment's facts to its end, after the anchor too (the world clock writes
 * those as story time reaches them). What happened by the anchor is drawn exactly as a world cut at the
 * anchor always drew it; what happens after draws from a stream of its own, so moving "now" never
 * rewrites the past.
 */
export function generateStory(options: WorldOptions = {}): World {
  const seed = options.seed ?? "tradegraph";
  const count = options.shipments ?? 50;
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
    throw new RangeError(`shipments must be 1..1000000, got ${count}`);
  const anchor = options.anchor ?? startOfUtcDay(new Date());
  const root = new Random(seed);
  const vessels = makeVessels(root.fork("vessels"));
  const shipments: WorldShipment[] = [];
  for (let i = 0; i < count; i++)
    shipments.push(
      makeShipment(
        new Random(`${seed}:shipment:${i}`),
        new Random(`${seed}:shipment:${i}:after-anchor`),
        i,
        anchor,
        vessels,
      ),
    );
  // Conflicts and the ledgers' start are chosen from what the world holds at the anchor, so they are
  // the same however far the clock has moved.
  seedConflicts(shipments, anchor);
  const atAnchor = shipments.map((s) => shipmentAt(s, anchor));
  const start = new Date(Math.min(...atAnchor.map((s) => earliest(s))) - DAY);
  return { seed, anchor, now: END_OF_TIME, start, vessels, shipments };
}

const TITLE_TROUBLE = { TITLE_REJECTED: "REJECT_TRANSFER_HOLDER", TITLE_RESTORED: "RESTORE" } as const;

/** The world as it stands at `now`: each shipment's facts recorded by then, in story order. */
export function worldAt(story: World, now: Date): World {
  return { ...story, now, shipments: story.shipments.map((s) => shipmentAt(s, now)) };
}

/**
 * A shipment's facts recorded by `now`: actuals and estimates once recorded, plans always (a carrier
 * publishes its schedule with the booking), title steps once taken.
 */
export function shipmentAt(s: WorldShipment, now: Date): WorldShipment {
  const t = now.getTime();
  const title = s.title.filter((step) => step.at.getTime() <= t);
  return {
    ...s,
    events: s.events.filter((e) => e.classifier === "PLN" || e.recordedAt.getTime() <= t),
    title,
    // Title trouble shows once its step is taken (a conflict may have cut the step from the title: kept).
    trouble: s.trouble.filter((kind) => {
      const action = TITLE_TROUBLE[kind as keyof typeof TITLE_TROUBLE];
      const step = action && s.title.find((x) => x.action === action);
      return !step || step.at.getTime() <= t;
    }),
  };
}

function makeVessels(random: Random): WorldVessel[] {
  const vessels: WorldVessel[] = [];
  for (const carrier of CARRIERS) {
    for (const name of carrier.vesselNames) {
      vessels.push({
        name,
        carrierScac: carrier.scac,
        imoNumber: imoNumber(String(random.int(930000, 989999))),
      });
    }
  }
  return vessels;
}

/** `random` draws what happens by the anchor, `later` what happens after it. */
function makeShipment(
  random: Random,
  later: Random,
  index: number,
  anchor: Date,
  vessels: WorldVessel[],
): WorldShipment {
  const carrier = random.pick(CARRIERS);
  const [polCode, podCode] = random.weighted(LANES);
  const pol = port(polCode);
  const pod = port(podCode);
  const vessel = random.pick(vessels.filter((v) => v.carrierScac === carrier.scac));
  const [minDays, maxDays] = seaDays(pol, pod);
  const plannedDeparture = new Date(anchor.getTime() + random.int(-75, 12) * DAY + random.int(0, 23) * HOUR);
  const plannedArrival = new Date(
    plannedDeparture.getTime() + random.int(minDays, maxDays) * DAY + random.int(0, 23) * HOUR,
  );
  const delayed = random.chance(0.12);
  const delayHours = delayed ? random.int(30, 120) : random.int(-6, 10);
  const actualArrival = new Date(plannedArrival.getTime() + delayHours * HOUR);
  const actualDeparture = new Date(plannedDeparture.getTime() + random.int(0, 8) * HOUR);

  const shipper = random.pick(PARTIES.filter((p) => p.role === "SHIPPER")).id;
  const consignee = random.pick(PARTIES.filter((p) => p.role === "CONSIGNEE")).id;
  const documentKind = random.weighted([
    ["NEGOTIABLE_EBL", 7],
    ["SEA_WAYBILL", 2],
    ["PAPER_BL", 1],
  ] as const);
  const bank =
    documentKind === "NEGOTIABLE_EBL" && random.chance(0.6)
      ? random.pick(PARTIES.filter((p) => p.role === "BANK")).id
      : undefined;

  const containers = Array.from(
    {
      length: random.weighted([
        [1, 5],
        [2, 3],
        [3, 1],
        [4, 1],
      ] as const),
    },
    () => ({
      number: containerNumber(carrier.containerPrefix, random.int(100000, 999999)),
      isoSizeType: random.pick(ISO_SIZE_TYPES),
      sealNumber: `${carrier.scac.slice(0, 2)}${random.digits(7)}`,
      grossWeightKg: random.int(4_000, 28_000),
    }),
  );

  const customsHold = random.chance(0.08);
  const releaseRefused = !customsHold && random.chance(0.04);
  const bookedAt = new Date(plannedDeparture.getTime() - random.int(10, 25) * DAY);
  const events = makeEvents({
    random,
    later,
    anchor,
    pol,
    pod,
    containers: containers.map((c) => c.number),
    bookedAt,
    plannedDeparture,
    actualDeparture,
    plannedArrival,
    actualArrival,
    delayed,
    customsHold,
    releaseRefused,
    documentKind,
  });

  const issuedAt = events.find((e) => e.code === "ISSU")?.at;
  const surrenderedAt = events.find((e) => e.code === "SURR")?.at;
  const title =
    documentKind === "NEGOTIABLE_EBL" && issuedAt
      ? makeTitle(new StoryDraws(random, later, issuedAt > anchor), {
          shipper,
          consignee,
          bank,
          issuedAt,
          actualArrival,
          anchor,
          releaseRefused,
          surrenderedAt,
        })
      : [];
  const trouble: WorldShipment["trouble"] = [];
  if (delayed) trouble.push("DELAYED");
  if (customsHold) trouble.push("CUSTOMS_HOLD");
  if (releaseRefused) trouble.push("RELEASE_REFUSED");
  if (title.some((t) => t.action === "REJECT_TRANSFER_HOLDER")) trouble.push("TITLE_REJECTED");
  if (title.some((t) => t.action === "RESTORE")) trouble.push("TITLE_RESTORED");

  return {
    reference: blNumber(carrier, index, random),
    bookingReference: `${carrier.scac === "MAEU" ? "" : carrier.scac.slice(0, 3)}${String(random.int(2_000_000, 9_999_999))}${String(index).padStart(3, "0").slice(-3)}`,
    carrierScac: carrier.scac,
    vessel: { name: vessel.name, imoNumber: vessel.imoNumber },
    voyage: voyage(carrier, random),
    portOfLoading: pol.unLocode,
    portOfDischarge: pod.unLocode,
    plannedDeparture,
    plannedArrival,
    commodity: random.pick(COMMODITIES),
    containers,
    shipper,
    consignee,
    ...(bank ? { bank } : {}),
    documentKind,
    events,
    title,
    trouble,
    conflicts: [],
  };
}

interface EventPlan {
  random: Random;
  /** Draws for what happens after the anchor. */
  later: Random;
  anchor: Date;
  pol: PortProfile;
  pod: PortProfile;
  containers: string[];
  bookedAt: Date;
  plannedDeparture: Date;
  actualDeparture: Date;
  plannedArrival: Date;
  actualArrival: Date;
  delayed: boolean;
  customsHold: boolean;
  releaseRefused: boolean;
  documentKind: WorldShipment["documentKind"];
}

/**
 * The DCSA milestone sequence to its end: booking, B/L, gate-in, load, departure, arrival, discharge,
 * customs, release, gate-out. An actual is recorded when it happens; plans and estimates carry the time
 * they were published.
 */
function makeEvents(p: EventPlan): WorldEvent[] {
  const { anchor } = p;
  let random = p.random;
  const events: WorldEvent[] = [];
  const add = (
    e: Omit<WorldEvent, "classifier" | "recordedAt"> & {
      classifier?: WorldEvent["classifier"];
      recordedAt?: Date;
    },
  ) => {
    events.push({ ...e, classifier: e.classifier ?? "ACT", recordedAt: e.recordedAt ?? e.at });
  };
  add({
    eventType: "SHIPMENT",
    code: "RECE",
    at: p.bookedAt,
    unLocode: p.pol.unLocode,
    recordedBy: "CARRIER",
  });
  add({
    eventType: "SHIPMENT",
    code: "CONF",
    at: new Date(p.bookedAt.getTime() + random.int(2, 30) * HOUR),
    unLocode: p.pol.unLocode,
    recordedBy: "CARRIER",
  });
  for (const c of p.containers) {
    const gateIn = new Date(p.actualDeparture.getTime() - random.int(30, 96) * HOUR);
    add({
      eventType: "EQUIPMENT",
      code: "GTIN",
      at: gateIn,
      unLocode: p.pol.unLocode,
      containerNumber: c,
      emptyIndicator: "LADEN",
      recordedBy: "PORT",
    });
    add({
      eventType: "EQUIPMENT",
      code: "LOAD",
      at: new Date(p.actualDeparture.getTime() - random.int(3, 20) * HOUR),
      unLocode: p.pol.unLocode,
      containerNumber: c,
      emptyIndicator: "LADEN",
      recordedBy: "CARRIER",
    });
  }
  // Transport events: planned departure/arrival first, then actuals once they happen.
  add({
    eventType: "TRANSPORT",
    code: "DEPA",
    classifier: "PLN",
    at: p.plannedDeparture,
    recordedAt: p.bookedAt,
    unLocode: p.pol.unLocode,
    recordedBy: "CARRIER",
  });
  add({
    eventType: "TRANSPORT",
    code: "ARRI",
    classifier: "PLN",
    at: p.plannedArrival,
    recordedAt: p.bookedAt,
    unLocode: p.pod.unLocode,
    recordedBy: "CARRIER",
  });
  // What follows the departure draws from the later stream once it falls after the anchor.
  if (p.actualDeparture > anchor) random = p.later;
  add({
    eventType: "TRANSPORT",
    code: "DEPA",
    at: p.actualDeparture,
    unLocode: p.pol.unLocode,
    recordedBy: "CARRIER",
  });
  add({
    eventType: "SHIPMENT",
    code: "ISSU",
    at: new Date(p.actualDeparture.getTime() + random.int(2, 20) * HOUR),
    unLocode: p.pol.unLocode,
    recordedBy: "CARRIER",
  });
  if (p.delayed) {
    // A delayed vessel publishes revised ETAs that supersede each other, each later than the last.
    const steps = random.int(2, 3);
    for (let i = 1; i <= steps; i++) {
      const issued = new Date(
        p.actualDeparture.getTime() +
          ((p.actualArrival.getTime() - p.actualDeparture.getTime()) * i) / (steps + 1),
      );
      const eta = new Date(
        p.plannedArrival.getTime() + ((p.actualArrival.getTime() - p.plannedArrival.getTime()) * i) / steps,
      );
      add({
        eventType: "TRANSPORT",
        code: "ARRI",
        classifier: "EST",
        at: eta,
        recordedAt: issued,
        unLocode: p.pod.unLocode,
        recordedBy: "CARRIER",
      });
    }
  }
  if (p.actualArrival > anchor) random = p.later;
  add({
    eventType: "TRANSPORT",
    code: "ARRI",
    at: p.actualArrival,
    unLocode: p.pod.unLocode,
    recordedBy: "CARRIER",
  });
  // Surrender, then release, then gate-out: cargo leaves the terminal only once it is released.
  const surrenderAt = new Date(p.actualArrival.getTime() + random.int(6, 48) * HOUR);
  const discharges = p.containers.map(() => new Date(p.actualArrival.getTime() + random.int(4, 30) * HOUR));
  const inspections = discharges.map((d) =>
    p.customsHold ? new Date(d.getTime() + random.int(20, 60) * HOUR) : null,
  );
  const lastCheck = Math.max(
    surrenderAt.getTime(),
    ...discharges.map((d) => d.getTime()),
    ...inspections.map((d) => d?.getTime() ?? 0),
  );
  const releaseAt = new Date(lastCheck + random.int(p.customsHold ? 24 : 2, p.customsHold ? 72 : 24) * HOUR);
  p.containers.forEach((c, i) => {
    add({
      eventType: "EQUIPMENT",
      code: "DISC",
      at: discharges[i]!,
      unLocode: p.pod.unLocode,
      containerNumber: c,
      emptyIndicator: "LADEN",
      recordedBy: "CARRIER",
    });
    if (inspections[i])
      add({
        eventType: "EQUIPMENT",
        code: "INSP",
        at: inspections[i]!,
        unLocode: p.pod.unLocode,
        containerNumber: c,
        emptyIndicator: "LADEN",
        recordedBy: "PORT",
      });
    if (p.releaseRefused) return;
    const gateOut = new Date(
      Math.max(
        discharges[i]!.getTime() + random.int(24, 120) * HOUR,
        releaseAt.getTime() + random.int(1, 30) * HOUR,
      ),
    );
    add({
      eventType: "EQUIPMENT",
      code: "GTOT",
      at: gateOut,
      unLocode: p.pod.unLocode,
      containerNumber: c,
      emptyIndicator: "LADEN",
      recordedBy: "PORT",
    });
  });
  if (!p.releaseRefused) {
    if (p.documentKind !== "SEA_WAYBILL")
      add({
        eventType: "SHIPMENT",
        code: "SURR",
        at: surrenderAt,
        unLocode: p.pod.unLocode,
        recordedBy: "CARRIER",
      });
    add({
      eventType: "SHIPMENT",
      code: "RELS",
      at: releaseAt,
      unLocode: p.pod.unLocode,
      recordedBy: "CARRIER",
    });
  } else {
    add({
      eventType: "SHIPMENT",
      code: "HOLD",
      at: new Date(p.actualArrival.getTime() + random.int(24, 72) * HOUR),
      unLocode: p.pod.unLocode,
      recordedBy: "CARRIER",
    });
  }
  return sortEvents(events);
}

interface TitlePlan {
  shipper: string;
  consignee: string;
  bank: string | undefined;
  issuedAt: Date;
  actualArrival: Date;
  anchor: Date;
  releaseRefused: boolean;
  /** When the carrier records the surrender (SURR), if it ever does. */
  surrenderedAt: Date | undefined;
}

/**
 * Draws for a sequence that crosses the anchor: from the anchor's stream while its steps happen by the
 * anchor, from the later stream from the first step after it on (as a world cut at the anchor stopped
 * drawing there).
 */
class StoryDraws {
  constructor(
    private readonly past: Random,
    private readonly future: Random,
    public afterAnchor: boolean,
  ) {}
  get random(): Random {
    return this.afterAnchor ? this.future : this.past;
  }
}

/**
 * The life of a negotiable eBL: issued to the shipper, financed through a bank (by owner transfer or by
 * holder transfer plus nomination), sometimes rejected once by a forwarder, surrendered to the carrier
 * at destination and shredded once the cargo is released.
 */
function makeTitle(draws: StoryDraws, p: TitlePlan): TitleStep[] {
  const steps: TitleStep[] = [];
  const anchor = p.anchor.getTime();
  let t = p.issuedAt.getTime();
  const next = (minHours: number, maxHours: number) => (t += draws.random.int(minHours, maxHours) * HOUR);
  const push = (step: Omit<TitleStep, "at">, at: number) => {
    steps.push({ ...step, at: new Date(at) });
    if (at > anchor) draws.afterAnchor = true;
  };
  push({ action: "ISSUE", by: "carrier", beneficiary: p.shipper, holder: p.shipper }, t);
  let beneficiary = p.shipper;
  let holder = p.shipper;
  if (draws.random.chance(0.1)) {
    const forwarder = draws.random.pick(PARTIES.filter((x) => x.role === "FORWARDER")).id;
    push({ action: "TRANSFER_HOLDER", by: holder, holder: forwarder }, next(2, 24));
    push({ action: "REJECT_TRANSFER_HOLDER", by: forwarder, holder: p.shipper }, next(1, 12));
  }
  if (p.bank) {
    if (draws.random.chance(0.5)) {
      push({ action: "TRANSFER_OWNERS", by: holder, beneficiary: p.bank, holder: p.bank }, next(12, 96));
      beneficiary = holder = p.bank;
    } else {
      // The bank holds the paper while the shipper stays beneficiary, then the shipper nominates.
      push({ action: "TRANSFER_HOLDER", by: holder, holder: p.bank }, next(12, 96));
      holder = p.bank;
      push({ action: "NOMINATE", by: beneficiary, beneficiary: p.consignee }, next(24, 120));
      push({ action: "TRANSFER_BENEFICIARY", by: holder, beneficiary: p.consignee }, next(2, 48));
      beneficiary = p.consignee;
    }
  }
  if (holder !== p.consignee || beneficiary !== p.consignee) {
    const ownersAt = Math.max(next(24, 240), p.actualArrival.getTime() - draws.random.int(24, 72) * HOUR);
    t = ownersAt;
    const action = beneficiary === p.consignee ? "TRANSFER_HOLDER" : "TRANSFER_OWNERS";
    push(
      {
        action,
        by: holder,
        ...(action === "TRANSFER_OWNERS" ? { beneficiary: p.consignee } : {}),
        holder: p.consignee,
      },
      t,
    );
  }
  if (p.releaseRefused) return steps;
  // Surrender at destination: the title goes back to the carrier when the carrier records the surrender.
  const surrendered = p.surrenderedAt?.getTime();
  if (!draws.afterAnchor && surrendered !== undefined && surrendered <= anchor) {
    // Every endorsement happens before the surrender the carrier recorded: on a short lane the bank and
    // consignee steps are squeezed between issue and surrender, keeping their order.
    squeeze(steps, p.issuedAt.getTime(), surrendered - HOUR);
    t = surrendered;
  } else if (!draws.afterAnchor) {
    t = Math.max(t, p.actualArrival.getTime()) + draws.random.int(6, 48) * HOUR;
    // A return the anchor has not seen yet comes with the carrier's surrender.
    if (t > anchor && surrendered !== undefined) t = surrendered;
  } else {
    // Endorsements still to come happen after the anchor and before the surrender, keeping their order;
    // when the carrier recorded the surrender by the anchor already, within hours of it.
    const past = steps.filter((x) => x.at.getTime() <= anchor);
    const from = Math.max(anchor, ...past.map((x) => x.at.getTime())) + 60_000;
    const future = steps.filter((x) => x.at.getTime() > anchor);
    const latest =
      surrendered === undefined || surrendered <= from
        ? from + 6 * HOUR
        : surrendered > from + HOUR
          ? surrendered - HOUR
          : surrendered - 60_000;
    squeeze(future, from, latest);
    t = Math.max(surrendered ?? 0, Math.max(...steps.map((x) => x.at.getTime())) + HOUR);
  }
  push({ action: "RETURN_TO_ISSUER", by: p.consignee }, t);
  if (draws.random.chance(0.05)) {
    // A surrender sent in error: the carrier restores the title, and the consignee surrenders again.
    // Both within the hour, before the carrier releases the cargo (at least two hours after surrender).
    push({ action: "RESTORE", by: "carrier" }, (t += 20 * 60_000));
    push({ action: "RETURN_TO_ISSUER", by: p.consignee }, (t += 20 * 60_000));
  }
  if (draws.random.chance(0.2)) return steps; // still with the carrier, not yet accomplished
  push({ action: "ACCOMPLISH", by: "carrier" }, next(12, 72));
  return steps;
}

/** Moves steps later than `latest` into [start, latest], keeping their order and spacing (whole minutes). */
function squeeze(steps: TitleStep[], start: number, latest: number): void {
  if (steps.length === 0) return;
  const first = Math.min(start, ...steps.map((x) => x.at.getTime()));
  const last = Math.max(...steps.map((x) => x.at.getTime()));
  if (last <= latest || last <= first) return;
  for (const step of steps)
    step.at = new Date(
      first + Math.floor(((step.at.getTime() - first) * (latest - first)) / (last - first) / 60_000) * 60_000,
    );
}

function blNumber(carrier: CarrierProfile, index: number, random: Random): string {
  // Distinct by construction (the index is part of it) yet in the carrier's style.
  return `${carrier.blPrefix}${random.int(10, 99)}${String(index).padStart(7, "0")}`;
}

function voyage(carrier: CarrierProfile, random: Random): string {
  switch (carrier.voyageStyle) {
    case "NNNE":
      return `${random.int(10, 999).toString().padStart(3, "0")}${random.pick(["E", "W"])}`;
    case "NNNW":
      return `${random.int(100, 599)}${random.pick(["W", "E", "N", "S"])}`;
    case "NNNNE":
      return `0${random.int(100, 999)}${random.pick(["E", "W"])}`;
  }
}

function port(code: string): PortProfile {
  const found = PORTS.find((p) => p.unLocode === code);
  if (!found) throw new Error(`unknown port ${code}`);
  return found;
}

function seaDays(a: PortProfile, b: PortProfile): readonly [number, number] {
  const key = [a.region, b.region].sort().join("-");
  return SEA_DAYS[key] ?? SEA_DAYS[`${b.region}-${a.region}`] ?? [10, 30];
}

function sortEvents(events: WorldEvent[]): WorldEvent[] {
  return events.sort((x, y) => x.at.getTime() - y.at.getTime() || x.code.localeCompare(y.code));
}

function earliest(s: WorldShipment): number {
  return Math.min(...s.events.map((e) => e.recordedAt.getTime()), ...s.title.map((t) => t.at.getTime()));
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * A few title conflicts, on purpose, for the cross-network checks to find (README, "The world"). Each goes
 * to the first shipment that can carry it, so a world of any size has them and they never overlap.
 */
function seedConflicts(shipments: WorldShipment[], anchor: Date): void {
  const taken = new Set<WorldShipment>();
  // Chosen by what each shipment holds at the anchor.
  const has = (s: WorldShipment, code: string) =>
    s.events.some((e) => e.code === code && e.classifier === "ACT" && e.recordedAt <= anchor);
  const titleAt = (s: WorldShipment) => s.title.filter((t) => t.at <= anchor);
  const negotiable = (s: WorldShipment) => s.documentKind === "NEGOTIABLE_EBL" && titleAt(s).length > 0;
  const releasedInChina = (s: WorldShipment) =>
    negotiable(s) &&
    s.portOfDischarge.startsWith("CN") &&
    has(s, "RELS") &&
    titleAt(s).some((t) => t.action === "RETURN_TO_ISSUER");
  const assign = (kind: WorldShipment["conflicts"][number], eligible: (s: WorldShipment) => boolean) => {
    const s = shipments.find((x) => !taken.has(x) && eligible(x));
    if (!s) return;
    taken.add(s);
    s.conflicts.push(kind);
    if (kind === "RELEASE_WHILE_TITLE_LIVE") {
      // The surrender never happened on the title: it stays live while the cargo is released.
      const firstReturn = s.title.findIndex((t) => t.action === "RETURN_TO_ISSUER");
      s.title = s.title.slice(0, firstReturn);
    }
  };
  assign("RELEASE_WHILE_TITLE_LIVE", releasedInChina);
  assign("RELEASE_TO_NON_HOLDER", releasedInChina);
  assign("RELEASED_TWICE", releasedInChina);
  assign(
    "DUPLICATE_TITLE",
    (s) =>
      negotiable(s) &&
      titleAt(s).at(-1)?.action !== "ACCOMPLISH" &&
      titleAt(s).at(-1)?.action !== "RETURN_TO_ISSUER",
  );
  assign("HASH_MISMATCH", (s) => negotiable(s));
}
