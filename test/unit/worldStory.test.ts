import { describe, expect, it } from "vitest";
import { portRecords } from "../../networks/antchain/nativeRecords.ts";
import { carrierRecord } from "../../networks/fabric/nativeRecords.ts";
import { generateStory, generateWorld, worldAt } from "../../world/generate.ts";
import { factTimesBetween } from "../../world/clock/worldClock.ts";

const anchor = new Date("2026-11-20T00:00:00Z");
const DAY = 86_400_000;
const story = generateStory({ seed: "unit", shipments: 200, anchor });
const cuts = [0, 1, 3, 10, 30, 120].map((days) => new Date(anchor.getTime() + days * DAY));

describe("the story and the world as it stands at a moment", () => {
  it("holds at the anchor what the generator gives, and nothing recorded after it", () => {
    expect(worldAt(story, anchor)).toEqual(generateWorld({ seed: "unit", shipments: 200, anchor }));
    for (const s of worldAt(story, anchor).shipments) {
      for (const e of s.events) if (e.classifier !== "PLN") expect(e.recordedAt <= anchor).toBe(true);
      for (const t of s.title) expect(t.at <= anchor).toBe(true);
    }
  });

  it("only ever adds facts as time moves: what was held stays, unchanged", () => {
    for (let i = 1; i < cuts.length; i++) {
      const was = worldAt(story, cuts[i - 1]!);
      const is = worldAt(story, cuts[i]!);
      is.shipments.forEach((s, k) => {
        expect(s.events).toEqual(expect.arrayContaining(was.shipments[k]!.events));
        expect(s.title.slice(0, was.shipments[k]!.title.length)).toEqual(was.shipments[k]!.title);
      });
    }
  });

  it("tells each story to its end, titles in time order, the title back with the carrier before the cargo is released", () => {
    const end = worldAt(story, new Date(anchor.getTime() + 400 * DAY));
    expect(end.shipments).toEqual(story.shipments);
    let returned = 0;
    for (const s of story.shipments) {
      const times = s.title.map((t) => t.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const release = s.events.find((e) => e.code === "RELS");
      const surrender = s.title.find((t) => t.action === "RETURN_TO_ISSUER");
      // (Where the anchor already saw the release with the title still live, the past stays as it was.)
      if (release && surrender && s.conflicts.length === 0 && release.at > anchor) {
        expect(surrender.at <= release.at).toBe(true);
        returned++;
      }
    }
    expect(returned).toBeGreaterThan(5);
  });

  it("keeps each carrier milestone's number as the world moves, so a clock never writes one twice", () => {
    const numbered = (at: Date) =>
      worldAt(story, at).shipments.map(
        (s) =>
          new Map(
            [
              ...carrierRecord(s, new Map(), 31337, anchor).booking,
              ...carrierRecord(s, new Map(), 31337, anchor).voyage,
            ].map((m) => [m.seq, `${m.status} ${m.kind} ${m.localTime} ${m.cntrNo ?? ""}`]),
          ),
      );
    const first = numbered(anchor);
    const last = numbered(cuts.at(-1)!);
    first.forEach((milestones, k) => {
      for (const [seq, milestone] of milestones) expect(last[k]!.get(seq)).toBe(milestone);
    });
    // At the anchor, the numbers are the ones seeding has always written (story order).
    worldAt(story, anchor).shipments.forEach((s, k) => {
      const seeded = carrierRecord(s, new Map(), 31337);
      expect([...seeded.booking, ...seeded.voyage].map((m) => m.seq)).toEqual([...first[k]!.keys()]);
    });
  });

  it("names the instants a fact is recorded, and port records only ever grow", () => {
    const from = cuts[1]!;
    const to = cuts[2]!;
    const times = factTimesBetween(story, from, to);
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t > from && t <= to).toBe(true);
    const ids = (at: Date) => {
      const world = worldAt(story, at);
      return new Set(world.shipments.flatMap((s) => portRecords(s, world)).map((r) => r.orderId));
    };
    const before = ids(from);
    const after = ids(to);
    for (const id of before) expect(after.has(id)).toBe(true);
    expect(after.size).toBeGreaterThan(before.size);
  });
});
