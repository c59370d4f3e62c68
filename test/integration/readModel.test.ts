import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AntchainAdapter } from "../../adapters/antchain/index.ts";
import type { FabricAdapter } from "../../adapters/fabric/index.ts";
import { ReadModelIndexer } from "../../analytics/indexer.ts";
import { migrate } from "../../analytics/migrations.ts";
import { laneStatistics, listShipments, portStatistics, readModelCut } from "../../analytics/queries.ts";
import { connectPostgres, openPglite, type Sql } from "../../analytics/sql.ts";
import { BadUserInputError } from "../../domain/errors.ts";
import { startLocalCarrierNetwork, type LocalCarrierNetwork } from "../support/carrierNetwork.ts";
import { startFreezableProxy, TEST_ANCHOR } from "../support/localChain.ts";
import { startLocalPortNetwork, type LocalPortNetwork } from "../support/portNetwork.ts";

const POSTGRES_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// The same SQL must serve both: PGlite (npm start's default) and a PostgreSQL server when one answers here.
const backends: [string, () => Promise<Sql>][] = [["PGlite", () => openPglite()]];
if (await postgresAnswers())
  backends.push(["PostgreSQL", () => connectPostgres(POSTGRES_URL, `rm_${process.pid}_${Date.now()}`)]);

describe.each(backends)("read model on %s", (_, open) => {
  let carrier: LocalCarrierNetwork;
  let port: LocalPortNetwork;
  let fabric: FabricAdapter;
  let antchain: AntchainAdapter;
  let sql: Sql;
  let indexer: ReadModelIndexer;

  beforeAll(async () => {
    [carrier, port] = await Promise.all([startLocalCarrierNetwork(60), startLocalPortNetwork(60)]);
    fabric = carrier.adapter();
    antchain = port.adapter();
    sql = await open();
    await migrate(sql);
    indexer = new ReadModelIndexer(sql, fabric, antchain, null, null, 25, () => TEST_ANCHOR);
    expect(await indexer.rebuild()).toBe(60);
  });
  afterAll(async () => {
    indexer?.stop();
    await sql?.close();
    await carrier?.close();
    await port?.close();
  });

  const dump = async (db: Sql) => ({
    shipments: await db.query(
      `select reference, carrier_scac, pol, pod, status, departed_at, arrived_at, released_at, carrier_tx from shipments order by reference`,
    ),
    moves: await db.query(
      `select reference, container, code, location, at, network, tx from container_moves order by reference, container, code, at, network`,
    ),
    events: await db.query(
      `select reference, event_id, code, location, at, network, tx from events order by reference, event_id`,
    ),
    releases: await db.query(`select * from releases order by reference, seq`),
  });

  it("counts the total only when asked, once per page", async () => {
    const counts: string[] = [];
    const watched: Sql = {
      ...sql,
      query: (text, params) => {
        if (/count\(\*\)/.test(text)) counts.push(text);
        return sql.query(text, params);
      },
    };
    const page = await listShipments(watched, {}, 7, null);
    expect(page.edges).toHaveLength(7);
    expect(counts).toHaveLength(0);
    expect(await Promise.all([page.totalCount(), page.totalCount()])).toEqual([60, 60]);
    expect(counts).toHaveLength(1);
  });

  it("pages through every shipment once, in a stable order, with the total", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await listShipments(sql, {}, 7, after);
      expect(await page.totalCount()).toBe(60);
      seen.push(...page.edges.map((e) => e.node.reference));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(carrier.world.shipments.map((s) => s.reference).sort());
  });

  it("filters by carrier, port, status and release window, each matching the world and the networks", async () => {
    const s = carrier.world.shipments[0]!;
    const byCarrier = await listShipments(sql, { carrier: s.carrierScac }, 500, null);
    expect(await byCarrier.totalCount()).toBe(
      carrier.world.shipments.filter((x) => x.carrierScac === s.carrierScac).length,
    );
    const byPod = await listShipments(sql, { portOfDischarge: "CNSHA" }, 500, null);
    expect(byPod.edges.map((e) => e.node.reference).sort()).toEqual(
      carrier.world.shipments
        .filter((x) => x.portOfDischarge === "CNSHA")
        .map((x) => x.reference)
        .sort(),
    );
    const released = await listShipments(sql, { status: "RELEASED" }, 500, null);
    const delivered = await listShipments(sql, { status: "DELIVERED" }, 500, null);
    expect((await released.totalCount()) + (await delivered.totalCount())).toBe(
      carrier.world.shipments.filter((x) => x.events.some((e) => e.code === "RELS")).length,
    );
    // Released in a window: the first release by the carrier or the port, brute force over both networks.
    const refs = carrier.world.shipments.map((x) => x.reference);
    const [carrierRecords, portRecords] = await Promise.all([
      fabric.shipmentsByReference(refs),
      antchain.billsByReference(refs),
    ]);
    const from = new Date(TEST_ANCHOR.getTime() - 45 * 86_400_000);
    const expected = refs.filter((_, i) => {
      const times = [carrierRecords[i]?.release, portRecords[i]?.release]
        .filter((r) => r?.status === "RELEASED" && r.releasedAt)
        .map((r) => r!.releasedAt!.getTime());
      const first = times.length ? Math.min(...times) : null;
      return first !== null && first >= from.getTime() && first < TEST_ANCHOR.getTime();
    });
    const byRelease = await listShipments(sql, { releasedFrom: from, releasedTo: TEST_ANCHOR }, 500, null);
    expect(expected.length).toBeGreaterThan(0);
    expect(byRelease.edges.map((e) => e.node.reference)).toEqual(expected.sort());
  });

  it("refuses pages over the limit and foreign cursors with BAD_USER_INPUT", async () => {
    await expect(listShipments(sql, {}, 501, null)).rejects.toBeInstanceOf(BadUserInputError);
    await expect(listShipments(sql, {}, 5, "bm90LWEtY3Vyc29y")).rejects.toBeInstanceOf(BadUserInputError);
    await expect(
      portStatistics(sql, "CNSHA", new Date("2026-01-01"), new Date("2027-06-01"), null),
    ).rejects.toBeInstanceOf(BadUserInputError);
  });

  it("computes dwell and release lead time exactly as a brute-force pass over the networks' records", async () => {
    const from = new Date(TEST_ANCHOR.getTime() - 200 * 86_400_000);
    const to = TEST_ANCHOR;
    const stats = await portStatistics(sql, "CNSHA", from, to, null);
    const refs = carrier.world.shipments.map((s) => s.reference);
    const [carrierRecords, portRecords] = await Promise.all([
      fabric.shipmentsByReference(refs),
      antchain.billsByReference(refs),
    ]);
    const dwell: number[] = [];
    const lead: number[] = [];
    refs.forEach((_, i) => {
      const events = [...(carrierRecords[i]?.events ?? []), ...(portRecords[i]?.events ?? [])].filter(
        (e) => e.eventClassifier === "ACT" && e.location?.unLocationCode === "CNSHA",
      );
      const containers = new Set(events.filter((e) => e.code === "DISC").map((e) => e.equipmentReference));
      for (const c of containers) {
        const disc = Math.min(
          ...events
            .filter((e) => e.code === "DISC" && e.equipmentReference === c)
            .map((e) => e.eventDateTime.getTime()),
        );
        const gtot = events
          .filter((e) => e.code === "GTOT" && e.equipmentReference === c)
          .map((e) => e.eventDateTime.getTime());
        if (gtot.length && disc >= from.getTime() && disc < to.getTime())
          dwell.push((Math.min(...gtot) - disc) / 3_600_000);
      }
      const c = carrierRecords[i];
      if (c?.portOfDischarge?.unLocationCode === "CNSHA") {
        const arrived = events.filter((e) => e.code === "ARRI").map((e) => e.eventDateTime.getTime());
        const releases = [c.release, portRecords[i]?.release]
          .filter((r) => r?.status === "RELEASED" && r.releasedAt)
          .map((r) => r!.releasedAt!.getTime());
        if (
          arrived.length &&
          releases.length &&
          Math.min(...arrived) >= from.getTime() &&
          Math.min(...arrived) < to.getTime()
        )
          lead.push((Math.min(...releases) - Math.min(...arrived)) / 3_600_000);
      }
    });
    const percentile = (xs: number[], q: number) => {
      const s = [...xs].sort((a, b) => a - b);
      const pos = (s.length - 1) * q;
      return s[Math.floor(pos)]! + (s[Math.ceil(pos)]! - s[Math.floor(pos)]!) * (pos - Math.floor(pos));
    };
    expect(dwell.length).toBeGreaterThan(3);
    const all = stats.find((g) => g.key === "ALL")!;
    expect(all.dwellHours.count).toBe(dwell.length);
    expect(all.dwellHours.mean!).toBeCloseTo(dwell.reduce((a, b) => a + b, 0) / dwell.length, 6);
    expect(all.dwellHours.p50!).toBeCloseTo(percentile(dwell, 0.5), 6);
    expect(all.dwellHours.p95!).toBeCloseTo(percentile(dwell, 0.95), 6);
    expect(all.releaseLeadHours.count).toBe(lead.length);
    expect(all.releaseLeadHours.p50!).toBeCloseTo(percentile(lead, 0.5), 6);
    const byCarrier = await portStatistics(sql, "CNSHA", from, to, "CARRIER");
    expect(byCarrier.reduce((n, g) => n + g.dwellHours.count, 0)).toBe(dwell.length);
  });

  it("computes lane transit time and on-time share exactly as a brute-force pass over the networks' records", async () => {
    const from = new Date(TEST_ANCHOR.getTime() - 200 * 86_400_000);
    const lanes = await laneStatistics(sql, from, TEST_ANCHOR);
    const refs = carrier.world.shipments.map((s) => s.reference);
    const [carrierRecords, portRecords] = await Promise.all([
      fabric.shipmentsByReference(refs),
      antchain.billsByReference(refs),
    ]);
    const expected = new Map<string, { hours: number[]; onTime: number; withEta: number }>();
    refs.forEach((_, i) => {
      const c = carrierRecords[i]!;
      const events = [...c.events, ...(portRecords[i]?.events ?? [])];
      const first = (code: string, at: string | undefined, classifier = "ACT", list = events) =>
        Math.min(
          ...list
            .filter(
              (e) => e.code === code && e.eventClassifier === classifier && e.location?.unLocationCode === at,
            )
            .map((e) => e.eventDateTime.getTime()),
        );
      const departed = first("DEPA", c.portOfLoading?.unLocationCode);
      const arrived = first("ARRI", c.portOfDischarge?.unLocationCode);
      if (
        !Number.isFinite(departed) ||
        !Number.isFinite(arrived) ||
        departed < from.getTime() ||
        departed >= TEST_ANCHOR.getTime()
      )
        return;
      const key = `${c.portOfLoading!.unLocationCode}-${c.portOfDischarge!.unLocationCode}`;
      const lane = expected.get(key) ?? { hours: [], onTime: 0, withEta: 0 };
      lane.hours.push((arrived - departed) / 3_600_000);
      const planned = first("ARRI", c.portOfDischarge?.unLocationCode, "PLN", c.events);
      if (Number.isFinite(planned)) {
        lane.withEta++;
        if (arrived <= planned + 24 * 3_600_000) lane.onTime++;
      }
      expected.set(key, lane);
    });
    expect(lanes.map((l) => `${l.portOfLoading}-${l.portOfDischarge}`).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    for (const l of lanes) {
      const e = expected.get(`${l.portOfLoading}-${l.portOfDischarge}`)!;
      expect(l.shipments).toBe(e.hours.length);
      expect(l.transitHours.mean!).toBeCloseTo(e.hours.reduce((a, b) => a + b, 0) / e.hours.length, 6);
      expect(l.onTimeShare).toBe(e.withEta ? e.onTime / e.withEta : null);
    }
    expect(lanes.some((l) => l.onTimeShare !== null && l.onTimeShare < 1)).toBe(true); // the world's delayed vessels
    // Narrowed to a port: exactly the lanes loading or discharging there.
    expect(await laneStatistics(sql, from, TEST_ANCHOR, null, "cnsha")).toEqual(
      lanes.filter((l) => l.portOfLoading === "CNSHA" || l.portOfDischarge === "CNSHA"),
    );
  });

  it("indexing again changes nothing; an index interrupted midway and rebuilt equals a clean build", async () => {
    const clean = await dump(sql);
    await indexer.rebuild();
    expect(await dump(sql)).toEqual(clean);
    const other = await openPglite();
    await migrate(other);
    const crashed = new ReadModelIndexer(other, fabric, antchain, null, null, 25, () => TEST_ANCHOR);
    await crashed.index(carrier.world.shipments.slice(0, 13).map((s) => s.reference)); // "crash" after a partial batch
    await new ReadModelIndexer(other, fabric, antchain, null, null, 25, () => TEST_ANCHOR).rebuild();
    expect(await dump(other)).toEqual(clean);
    await other.close();
  });

  it("follows the networks: a new carrier record is indexed, and a page walk in progress loses and repeats nothing; asOf still answers as before", async () => {
    indexer.follow(50);
    await fabric.start();
    const first = await listShipments(sql, {}, 30, null);
    // The follower replays the chain from its start; `before` is taken once that is indexed.
    await vi.waitFor(
      async () =>
        expect((await readModelCut(sql, null)).heights.map((h) => h.network)).toContain("carrier-fabric"),
      { timeout: 5_000, interval: 50 },
    );
    await indexer.settle();
    const before = new Date();
    const year = [new Date("2026-01-01T00:00:00Z"), new Date("2026-12-31T00:00:00Z")] as const;
    const lanesBefore = await laneStatistics(sql, ...year);
    const s = carrier.world.shipments[0]!;
    const admin = carrier.network.consortium.carrierAdmins.get(s.carrierScac)!;
    const { connectAs } = await import("../../networks/fabric/client.ts");
    const client = connectAs(carrier.network.endpoint, admin);
    const newRef = `${s.reference.slice(0, 4)}00000001`;
    await client.gateway
      .getNetwork("tradelane")
      .getContract("carrier")
      .submitTransaction(
        "CreateShipment",
        JSON.stringify({
          blNo: newRef,
          bookingNo: "NEW0000001",
          carrier: s.carrierScac,
          docType: "OBL",
          shipperName: "A",
          consigneeName: "B",
          notifyName: "B",
          vesselName: "X",
          vesselImo: "9074729",
          voyageNo: "001E",
          polName: "SHANGHAI",
          podName: "ROTTERDAM",
          commodity: "x",
          containers: [],
          ebl: { platform: "PAPER" },
          release: { status: "NOT_REQUESTED" },
          milestones: [],
        }),
      );
    await client.gateway
      .getNetwork("tradelane")
      .getContract("carrier")
      .submitTransaction(
        "AddMilestones",
        newRef,
        JSON.stringify([
          {
            seq: 1,
            status: "VESSEL_DEPARTED",
            kind: "ACTUAL",
            portName: "SHANGHAI",
            localTime: "2026-06-01 08:00",
            recordedLocalTime: "2026-06-01 08:05",
          },
          {
            seq: 2,
            status: "VESSEL_ARRIVED",
            kind: "ACTUAL",
            portName: "ROTTERDAM",
            localTime: "2026-07-02 10:00",
            recordedLocalTime: "2026-07-02 10:05",
          },
        ]),
      );
    client.close();
    const lane = async (asOf: Date | null = null) =>
      (await laneStatistics(sql, ...year, asOf)).find(
        (l) => l.portOfLoading === "CNSHA" && l.portOfDischarge === "NLRTM",
      )?.shipments ?? 0;
    const laneCountBefore =
      lanesBefore.find((l) => l.portOfLoading === "CNSHA" && l.portOfDischarge === "NLRTM")?.shipments ?? 0;
    await vi.waitFor(async () => expect(await lane()).toBe(laneCountBefore + 1), {
      timeout: 5_000,
      interval: 50,
    });
    await indexer.settle();
    const rest = await listShipments(sql, {}, 500, first.pageInfo.endCursor);
    const walked = [...first.edges, ...rest.edges].map((e) => e.node.reference);
    expect(new Set(walked).size).toBe(walked.length);
    for (const ref of carrier.world.shipments.map((x) => x.reference)) expect(walked).toContain(ref);
    expect(await rest.totalCount()).toBe(61);
    const [checkpoint] = await sql.query<{ height: string }>(
      `select height from checkpoints where network = 'carrier-fabric'`,
    );
    expect(Number(checkpoint!.height)).toBeGreaterThan(0);

    // Every fact of every network is indexed with its provenance (block and transaction).
    const refs = carrier.world.shipments.map((x) => x.reference);
    const [carrierRecords, portRecords] = await Promise.all([
      fabric.shipmentsByReference(refs),
      antchain.billsByReference(refs),
    ]);
    const expectedEvents =
      carrierRecords.reduce((n, r) => n + (r?.events.length ?? 0), 0) +
      portRecords.reduce((n, r) => n + (r?.events.length ?? 0), 0);
    const [facts] = await sql.query<{ n: string; unproven: string; releases: string }>(
      `select count(*) as n, count(*) filter (where block is null or tx is null) as unproven,
              (select count(*) from releases where reference = any($1::text[])) as releases
       from events where reference = any($1::text[])`,
      [refs],
    );
    expect(Number(facts!.n)).toBe(expectedEvents);
    expect(Number(facts!.unproven)).toBe(0);
    expect(Number(facts!.releases)).toBeGreaterThan(0);

    // As of `before`, the index held 60 shipments at the carrier height the build had read; now 61.
    const then = await listShipments(sql, {}, 500, null, before);
    expect(await then.totalCount()).toBe(60);
    expect(then.edges.map((e) => e.node.reference)).not.toContain(newRef);
    expect(then.cut.asOf).toEqual(before);
    const live = await listShipments(sql, {}, 500, null);
    expect(live.edges.map((e) => e.node.reference)).toContain(newRef);
    const height = (cut: typeof live.cut) =>
      Number(cut.heights.find((h) => h.network === "carrier-fabric")!.height);
    expect(height(live.cut)).toBeGreaterThan(height(then.cut));
    // Every row as of `before` equals the live row, except the one created after.
    const liveByRef = new Map(live.edges.map((e) => [e.node.reference, e.state]));
    for (const e of then.edges) expect(e.state).toEqual(liveByRef.get(e.node.reference));
    // The aggregates too: the voyage indexed after `before` counts live, not as of `before`.
    expect(await lane()).toBe(laneCountBefore + 1);
    expect(await laneStatistics(sql, ...year, before)).toEqual(lanesBefore);
  });

  it("with the index warm and the port network frozen, re-indexing fails as NETWORK_UNAVAILABLE and keeps every fact, then catches up", async () => {
    // A shipment the port network reports on, as the index holds it now.
    const [row] = await sql.query<{ reference: string }>(
      `select reference from events where network = $1 order by reference limit 1`,
      [antchain.name],
    );
    const reference = row!.reference;
    const rowsOf = async () => ({
      shipment: await sql.query(`select * from shipments where reference = $1`, [reference]),
      events: await sql.query(`select * from events where reference = $1 order by event_id`, [reference]),
      dcsa: await sql.query(`select * from dcsa_events where reference = $1 order by event_id`, [reference]),
      releases: await sql.query(`select * from releases where reference = $1 order by seq`, [reference]),
    });
    const before = await rowsOf();
    expect((before.events as { network: string }[]).some((e) => e.network === antchain.name)).toBe(true);
    // The same indexer code, its port network behind a proxy that stops answering (as under SIGSTOP).
    const proxy = await startFreezableProxy(port.network.url);
    const frozenPort = port.adapter({ url: proxy.url, requestTimeoutMs: 300, retries: 0 });
    const outage = new ReadModelIndexer(sql, fabric, frozenPort, null, null, 25, () => TEST_ANCHOR);
    try {
      proxy.freeze();
      await expect(outage.index([reference])).rejects.toMatchObject({ code: "NETWORK_UNAVAILABLE" });
      // Nothing written from the carrier's half: the row, its facts and its DCSA events are as they were.
      expect(await rowsOf()).toEqual(before);
      proxy.thaw();
      await outage.index([reference]);
      expect(await rowsOf()).toEqual(before);
    } finally {
      proxy.thaw();
      await frozenPort.close();
      await proxy.close();
    }
  });

  it("refuses an asOf in the future or before the index's history with BAD_USER_INPUT", async () => {
    await expect(listShipments(sql, {}, 10, null, new Date(Date.now() + 86_400_000))).rejects.toThrow(
      /future/,
    );
    const early = listShipments(sql, {}, 10, null, new Date("2001-01-01T00:00:00Z"));
    await expect(early).rejects.toBeInstanceOf(BadUserInputError);
    await expect(early).rejects.toThrow(/history begins/);
    await expect(
      laneStatistics(sql, new Date("2026-01-01"), new Date("2026-12-31"), new Date("2001-01-01")),
    ).rejects.toBeInstanceOf(BadUserInputError);
  });
});
