import { describe, expect, it } from "vitest";
import { indexLag } from "../../analytics/queries.ts";

describe("index lag", () => {
  const checkpoint = { height: "10", at: new Date("2026-11-20T10:00:00Z") };
  const now = new Date("2026-11-20T10:00:30Z");

  it("is zero in blocks and seconds when the read model reflects the network's height", () => {
    expect(indexLag(checkpoint, "10", now)).toEqual({
      indexedHeight: "10",
      indexedAt: checkpoint.at,
      lagBlocks: 0,
      lagSeconds: 0,
    });
  });

  it("counts the blocks behind and how long the read model has stood at its height", () => {
    expect(indexLag(checkpoint, "15", now)).toMatchObject({ lagBlocks: 5, lagSeconds: 30 });
  });

  it("leaves the blocks unknown when the network's height is unknown (down), and still tells the age", () => {
    expect(indexLag(checkpoint, null, now)).toMatchObject({ lagBlocks: null, lagSeconds: 30 });
  });

  it("never goes negative when a published height is older than the checkpoint", () => {
    expect(indexLag(checkpoint, "8", now)).toMatchObject({ lagBlocks: 0, lagSeconds: 0 });
  });
});
